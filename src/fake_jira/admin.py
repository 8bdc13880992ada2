"""The admin API under `/_fake/`: reset, configuration, seeding and the request log.

It sits outside Jira's paths and needs no credentials, so tests and users can drive the fake with curl.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from fake_jira.backend import FakeBackend
from fake_jira.config import ConfigError
from fake_jira.errors import JiraError
from fake_jira.http import error_response, json_response, no_content, read_body
from fake_jira.validation import read_remote_link

Endpoint = Callable[[Request], Awaitable[Response]]

# Admin requests are small; this keeps a runaway seed from holding the server's memory.
ADMIN_BODY_LIMIT = 64 * 1024 * 1024


def admin_routes(backend: FakeBackend) -> list[Route]:
    async def reset(request: Request) -> Response:
        backend.reset()
        return no_content()

    async def show_config(request: Request) -> Response:
        return json_response(backend.config.as_json())

    async def change_config(request: Request) -> Response:
        changes = await _json_object(request)
        try:
            config = backend.configure(changes)
        except ConfigError as error:
            raise JiraError(400, [str(error)]) from None
        return json_response(config.as_json())

    async def seed(request: Request) -> Response:
        payload = await _json_object(request)
        links = payload.get("links")
        if not isinstance(links, dict):
            raise JiraError(400, ["'links' must map issue keys to lists of remote-link requests."])
        # Old Jira data can hold several links with one globalId on an issue; seeding can recreate that.
        allow_duplicates = payload.get("allow_duplicates", False) is True
        created = 0
        for issue, requests in links.items():
            if not isinstance(requests, list):
                raise JiraError(400, [f"links for {issue!r} must be a list"])
            for index, item in enumerate(requests):
                try:
                    fields = read_remote_link(item, backend.config)
                    backend.site.seed(issue, fields, allow_duplicates=allow_duplicates)
                except JiraError as error:
                    error.messages.insert(0, f"links[{issue!r}][{index}] was refused")
                    raise
                created += 1
        return json_response({"created": created})

    async def requests(request: Request) -> Response:
        return json_response({"requests": [entry.as_json() for entry in backend.requests()]})

    async def clear_requests(request: Request) -> Response:
        backend.clear_requests()
        return no_content()

    def guarded(endpoint: Endpoint) -> Endpoint:
        async def run(request: Request) -> Response:
            try:
                response: Response = await endpoint(request)
            except JiraError as error:
                return error_response(error)
            return response

        return run

    return [
        Route("/_fake/reset", guarded(reset), methods=["POST"]),
        Route("/_fake/config", guarded(show_config), methods=["GET"]),
        Route("/_fake/config", guarded(change_config), methods=["PUT"]),
        Route("/_fake/seed", guarded(seed), methods=["POST"]),
        Route("/_fake/requests", guarded(requests), methods=["GET"]),
        Route("/_fake/requests", guarded(clear_requests), methods=["DELETE"]),
    ]


async def _json_object(request: Request) -> dict[str, Any]:
    raw = await read_body(request, ADMIN_BODY_LIMIT)
    try:
        payload = json.loads(raw or b"{}")
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise JiraError(400, [f"The admin request body is not JSON: {error}"]) from None
    if not isinstance(payload, dict):
        raise JiraError(400, ["The admin request body must be a JSON object."])
    return payload
