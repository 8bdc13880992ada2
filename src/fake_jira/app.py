"""The fake's ASGI application: Jira's and the jobs API's paths, the admin API and the spec.

Jira's requests go through one endpoint that routes on the raw path (see `fake_jira.routing`). Whatever a
request holds, the answer is Jira's error shape with a 4xx; a 5xx comes only from injected faults and
the defects that exist to be caught.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
from importlib import resources
from typing import Any

import yaml
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route, request_response

from fake_jira.admin import admin_routes
from fake_jira.backend import FakeBackend
from fake_jira.config import FakeConfig
from fake_jira.errors import JiraError
from fake_jira.http import authenticate, error_response, json_response, read_body
from fake_jira.jira_handlers import HANDLERS, Call, PlainServerError, plain_server_error
from fake_jira.routing import Match, is_api_path, match

# The spec as installed: `make generate` copies spec/ into the client package, which ships it (package data);
# `make check-generated` fails when that copy differs from spec/.
SPEC_RESOURCE = resources.files("jira_remote_links_client").joinpath("openapi.yaml")

logger = logging.getLogger(__name__)


def create_app(backend: FakeBackend | None = None) -> Starlette:
    backend = backend or FakeBackend(FakeConfig())

    async def api(request: Request) -> Response:
        return await serve_api(backend, request)

    async def openapi(request: Request) -> Response:
        spec = _load_spec()
        if spec is None:
            return json_response({"errorMessages": [f"spec not found at {SPEC_RESOURCE}"], "errors": {}}, 404)
        return json_response(spec)

    app = Starlette(routes=[Route("/openapi.json", openapi, methods=["GET"]), *admin_routes(backend)])
    # Everything that is not the spec or the admin API goes to Jira's endpoint, whatever its path holds:
    # a catch-all route's pattern would not match a decoded newline and answer Starlette's own 404.
    app.router.default = request_response(api)
    app.state.backend = backend
    return app


async def serve_api(backend: FakeBackend, request: Request) -> Response:
    raw_path = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1")
    raw_query = request.scope.get("query_string", b"").decode("latin-1")
    config = backend.config
    try:
        body = await read_body(request, config.max_body_bytes)
    except JiraError as error:
        backend.record(request.method, raw_path, raw_query, request.headers, b"")
        return error_response(error)
    backend.record(request.method, raw_path, raw_query, request.headers, body)
    try:
        if not is_api_path(raw_path):
            raise JiraError(404, [f"No resource at {raw_path}."])
        if config.latency_seconds:
            await asyncio.sleep(config.latency_seconds)
        backend.faults.check(config)
        authenticate(request.headers.get("authorization"), config)
        found = match(request.method, raw_path)
        if not isinstance(found, Match):
            if found.allowed:
                headers = {"Allow": ", ".join(found.allowed)}
                raise JiraError(405, [f"No {request.method} operation at {raw_path}."], headers=headers)
            raise JiraError(404, [f"No resource at {raw_path}."])
        call = Call(request=request, params=found.params, raw_query=raw_query, body=body)
        return await HANDLERS[found.operation](backend, call)
    except JiraError as error:
        return error_response(error)
    except PlainServerError:
        return plain_server_error()
    except Exception:
        # A bug in the fake; logged with its traceback, answered in Jira's shape so clients see a 500.
        logger.exception("fake Jira failed on %s %s", request.method, raw_path)
        return error_response(JiraError(500, ["Internal server error in the fake."]))


@functools.cache
def _load_spec() -> dict[str, Any] | None:
    if not SPEC_RESOURCE.is_file():
        return None
    loaded: dict[str, Any] = yaml.safe_load(SPEC_RESOURCE.read_text(encoding="utf-8"))
    # Round-trip through JSON so dates and other YAML-only types cannot break the response.
    return dict(json.loads(json.dumps(loaded, default=str)))
