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
from fake_jira.defects import Defect
from fake_jira.errors import JiraError
from fake_jira.http import accepts_json, authenticate, error_response, json_response, read_body
from fake_jira.jira_handlers import Call, Handler, PlainServerError, plain_server_error
from fake_jira.routes import ISSUE_WRITES, ROUTES
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
        # HEAD is GET without the body, as JAX-RS serves it.
        method = "GET" if request.method == "HEAD" else request.method
        found = match(ROUTES, method, raw_path)
        if not isinstance(found, Match):
            return _unmatched(request.method, raw_path, found.allowed)
        checks_media = Defect.NO_MEDIA_TYPE_CHECKS not in config.defects and raw_path.startswith("/rest/")
        if checks_media and not accepts_json(request.headers.get("accept")):
            raise JiraError(406, ["This resource answers application/json only."])
        admission = backend.limiter.admit(config, method, found.route.path, _written_issue(backend, found))
        call = Call(request=request, params=found.params, raw_query=raw_query, body=body)
        response = await found.route.handler(backend, call)
        response.headers.update(admission.headers)
        if request.method == "HEAD":
            return Response(status_code=response.status_code, headers=dict(response.headers))
        return response
    except JiraError as error:
        return error_response(error)
    except PlainServerError:
        return plain_server_error()
    except Exception:
        # A bug in the fake; logged with its traceback, answered in Jira's shape so clients see a 500.
        logger.exception("fake Jira failed on %s %s", request.method, raw_path)
        return error_response(JiraError(500, ["Internal server error in the fake."]))


def _unmatched(method: str, raw_path: str, allowed: tuple[str, ...]) -> Response:
    """OPTIONS lists the methods a path answers (200); any other method there is a 405; no path, a 404."""
    if not allowed:
        raise JiraError(404, [f"No resource at {raw_path}."])
    if "GET" in allowed:
        allowed = (*allowed, "HEAD")
    allow = ", ".join((*allowed, "OPTIONS"))
    if method == "OPTIONS":
        return Response(status_code=200, headers={"Allow": allow})
    raise JiraError(405, [f"No {method} operation at {raw_path}."], headers={"Allow": allow})


def _written_issue(backend: FakeBackend, found: Match[Handler]) -> str | None:
    """The issue a remote-link request is about, by key, for the per-issue write limit."""
    if not backend.config.per_issue_write_limit or found.route.path not in ISSUE_WRITES:
        return None
    try:
        return backend.site.issue(found.params["issue"]).key
    except JiraError:
        return found.params["issue"].upper()


@functools.cache
def _load_spec() -> dict[str, Any] | None:
    if not SPEC_RESOURCE.is_file():
        return None
    loaded: dict[str, Any] = yaml.safe_load(SPEC_RESOURCE.read_text(encoding="utf-8"))
    # Round-trip through JSON so dates and other YAML-only types cannot break the response.
    return dict(json.loads(json.dumps(loaded, default=str)))
