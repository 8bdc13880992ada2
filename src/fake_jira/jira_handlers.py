"""The Jira and jobs operations: each turns one matched request into a call on the backend."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from fake_jira.backend import FakeBackend
from fake_jira.errors import JiraError
from fake_jira.http import json_response, no_content
from fake_jira.jobs import SCHEDULED_STATUS, scheduled_body, validate_job_request
from fake_jira.model import StoredLink
from fake_jira.routing import query_value
from fake_jira.validation import parse_json_body, remote_link_from_request


@dataclass(frozen=True)
class Call:
    """One API request, already read: what the handlers need and nothing else."""

    request: Request
    params: dict[str, str]
    raw_query: str
    body: bytes

    @property
    def base_url(self) -> str:
        return str(self.request.base_url).rstrip("/")


Handler = Callable[[FakeBackend, Call], Awaitable[Response]]


def link_json(link: StoredLink, base_url: str) -> dict[str, Any]:
    return {"id": link.id, "self": self_url(link, base_url), **link.fields}


def self_url(link: StoredLink, base_url: str) -> str:
    return f"{base_url}/rest/api/2/issue/{link.issue_key}/remotelink/{link.id}"


def _global_id(backend: FakeBackend, call: Call) -> str | None:
    defects = backend.config.defects
    times = 1
    if "global-id-not-decoded" in defects:
        times = 0
    elif "global-id-double-decode" in defects:
        times = 2
    value = query_value(call.raw_query, "globalId", decode_times=times)
    # An empty globalId is no globalId, as Jira treats blank parameters.
    return value or None


def _request_body(backend: FakeBackend, call: Call) -> object:
    try:
        return parse_json_body(call.body)
    except JiraError:
        if "500-on-bad-json" in backend.config.defects:
            raise PlainServerError() from None
        raise


class PlainServerError(Exception):
    """Raised only by the `500-on-bad-json` defect: what a careless server does with bad JSON."""


def _done(backend: FakeBackend) -> Response:
    if "body-on-204" in backend.config.defects:
        return json_response({"result": "done"}, status=200)
    return no_content()


def _require_json_content_type(backend: FakeBackend, call: Call) -> None:
    if not backend.config.require_json_content_type:
        return
    content_type = call.request.headers.get("content-type", "")
    if not content_type.lower().startswith("application/json"):
        raise JiraError(415, ["Unsupported media type: send Content-Type: application/json."])


async def list_or_get_by_global_id(backend: FakeBackend, call: Call) -> Response:
    global_id = _global_id(backend, call)
    issue = call.params["issue"]
    if global_id is None:
        links = backend.site.list_links(issue)
        return json_response([link_json(link, call.base_url) for link in links])
    found = link_json(backend.site.link_by_global_id(issue, global_id), call.base_url)
    if "array-for-single" in backend.config.defects:
        return json_response([found])
    return json_response(found)


async def upsert(backend: FakeBackend, call: Call) -> Response:
    fields = remote_link_from_request(_request_body(backend, call))
    result = backend.site.upsert(call.params["issue"], fields)
    status = 201 if result.created or "wrong-status-on-update" in backend.config.defects else 200
    return json_response({"id": result.link.id, "self": self_url(result.link, call.base_url)}, status=status)


async def delete_by_global_id(backend: FakeBackend, call: Call) -> Response:
    _require_json_content_type(backend, call)
    global_id = _global_id(backend, call)
    if global_id is None:
        raise JiraError(400, ["The globalId query parameter is required."])
    backend.site.delete_by_global_id(call.params["issue"], global_id)
    return _done(backend)


async def get_by_id(backend: FakeBackend, call: Call) -> Response:
    link = backend.site.link_by_id(call.params["issue"], call.params["link"])
    return json_response(link_json(link, call.base_url))


async def replace(backend: FakeBackend, call: Call) -> Response:
    fields = remote_link_from_request(_request_body(backend, call))
    backend.site.replace(call.params["issue"], call.params["link"], fields)
    return _done(backend)


async def delete_by_id(backend: FakeBackend, call: Call) -> Response:
    _require_json_content_type(backend, call)
    backend.site.delete_by_id(call.params["issue"], call.params["link"])
    return _done(backend)


async def schedule_job(backend: FakeBackend, call: Call) -> Response:
    request = validate_job_request(_request_body(backend, call))
    job = backend.jobs.schedule(request, backend.config)
    return json_response(scheduled_body(job), status=SCHEDULED_STATUS)


async def job_status(backend: FakeBackend, call: Call) -> Response:
    job, status, message = backend.jobs.status(call.params["job"])
    return json_response({"jobId": job.id, "status": status, "message": message})


HANDLERS: dict[str, Handler] = {
    "list_or_get_by_global_id": list_or_get_by_global_id,
    "upsert": upsert,
    "delete_by_global_id": delete_by_global_id,
    "get_by_id": get_by_id,
    "replace": replace,
    "delete_by_id": delete_by_id,
    "schedule_job": schedule_job,
    "job_status": job_status,
}


def plain_server_error() -> Response:
    return PlainTextResponse("Internal Server Error", status_code=500)
