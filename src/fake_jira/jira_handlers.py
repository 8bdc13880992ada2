"""The Jira and jobs operations: each turns one matched request into a call on the backend.

The route table (`fake_jira.routes`) names these functions directly.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from fake_jira.backend import FakeBackend
from fake_jira.defects import Defect
from fake_jira.errors import JiraError
from fake_jira.http import NEVER_CACHE, json_response, media_type, no_content
from fake_jira.jobs import SCHEDULED_STATUS, scheduled_body, validate_job_request
from fake_jira.model import StoredLink
from fake_jira.routing import query_value
from fake_jira.validation import parse_json_body, read_remote_link


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

    @property
    def rest_base(self) -> str:
        """The REST base the request used (`/rest/api/2` or `/rest/api/3`); `self` links stay on it."""
        return f"{self.base_url}/rest/api/{self.params.get('api', '2')}"


Handler = Callable[[FakeBackend, Call], Awaitable[Response]]


def link_json(link: StoredLink, call: Call, defects: frozenset[Defect] = frozenset()) -> dict[str, Any]:
    """A link as Jira shows it: `application`, `object.icon`, `object.status` and `object.status.icon` are
    always objects, `{}` when empty."""
    fields = link.fields
    shown: dict[str, Any] = {"id": link.id, "self": self_url(link, call, defects)}
    if "globalId" in fields:
        shown["globalId"] = fields["globalId"]
    shown["application"] = fields.get("application", {})
    if "relationship" in fields:
        shown["relationship"] = fields["relationship"]
    shown["object"] = fields.get("object", {})
    if Defect.EMPTY_OBJECTS_LEFT_OUT in defects:
        return _without_empty_objects(shown)
    return shown


def _without_empty_objects(value: dict[str, Any]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for name, inner in value.items():
        shown = _without_empty_objects(inner) if isinstance(inner, dict) else inner
        if shown != {}:
            kept[name] = shown
    return kept


def self_url(link: StoredLink, call: Call, defects: frozenset[Defect] = frozenset()) -> str:
    """Always with the issue's key, even when the request named the issue by id."""
    issue = link.issue_key
    if Defect.SELF_AS_REQUESTED in defects and "issue" in call.params:
        issue = quote(call.params["issue"], safe="")
    return f"{call.rest_base}/issue/{issue}/remotelink/{link.id}"


def _global_id(backend: FakeBackend, call: Call) -> str | None:
    defects = backend.config.defects
    times = 1
    if Defect.GLOBAL_ID_NOT_DECODED in defects:
        times = 0
    elif Defect.GLOBAL_ID_DOUBLE_DECODE in defects:
        times = 2
    value = query_value(call.raw_query, "globalId", decode_times=times)
    # An empty globalId is no globalId, as Jira treats blank parameters.
    return value or None


def _request_body(backend: FakeBackend, call: Call) -> object:
    try:
        return parse_json_body(call.body)
    except JiraError:
        if Defect.SERVER_ERROR_ON_BAD_JSON in backend.config.defects:
            raise PlainServerError() from None
        raise


class PlainServerError(Exception):
    """Raised only by the `500-on-bad-json` defect: what a careless server does with bad JSON."""


def _done(backend: FakeBackend, *, never_cache: bool = False) -> Response:
    if Defect.BODY_ON_204 in backend.config.defects:
        return json_response({"result": "done"}, status=200)
    response = no_content()
    if never_cache:
        _never_cache(backend, response)
    return response


def _never_cache(backend: FakeBackend, response: Response) -> Response:
    if Defect.NO_CACHE_CONTROL not in backend.config.defects:
        response.headers["Cache-Control"] = NEVER_CACHE
    return response


def _require_json_content_type(backend: FakeBackend, call: Call, *, bodyless: bool = False) -> None:
    """415 unless the request says `Content-Type: application/json`: always for POST and PUT (Jira's resource
    consumes JSON only), for bodyless DELETEs as Jira Cloud does unless `require_json_content_type` is off."""
    config = backend.config
    if Defect.NO_MEDIA_TYPE_CHECKS in config.defects or (bodyless and not config.require_json_content_type):
        return
    if media_type(call.request.headers.get("content-type")) != "application/json":
        raise JiraError(415, ["Unsupported media type: send Content-Type: application/json."])


async def list_or_get_by_global_id(backend: FakeBackend, call: Call) -> Response:
    global_id = _global_id(backend, call)
    issue = call.params["issue"]
    defects = backend.config.defects
    if global_id is None:
        links = backend.site.list_links(issue)
        return _never_cache(backend, json_response([link_json(link, call, defects) for link in links]))
    found = link_json(backend.site.link_by_global_id(issue, global_id), call, defects)
    if Defect.ARRAY_FOR_SINGLE in defects:
        return _never_cache(backend, json_response([found]))
    return _never_cache(backend, json_response(found))


async def upsert(backend: FakeBackend, call: Call) -> Response:
    _require_json_content_type(backend, call)
    fields = read_remote_link(_request_body(backend, call), backend.config)
    result = backend.site.upsert(call.params["issue"], fields)
    defects = backend.config.defects
    self_link = self_url(result.link, call, defects)
    created = result.created or Defect.WRONG_STATUS_ON_UPDATE in defects
    headers = {"Location": self_link} if result.created and Defect.NO_LOCATION not in defects else None
    return json_response(
        {"id": result.link.id, "self": self_link}, status=201 if created else 200, headers=headers
    )


async def delete_by_global_id(backend: FakeBackend, call: Call) -> Response:
    _require_json_content_type(backend, call, bodyless=True)
    global_id = _global_id(backend, call)
    if global_id is None:
        raise JiraError(400, ["The globalId query parameter is required."])
    backend.site.delete_by_global_id(call.params["issue"], global_id)
    return _done(backend, never_cache=True)


async def get_by_id(backend: FakeBackend, call: Call) -> Response:
    link = backend.site.link_by_id(call.params["issue"], call.params["link"])
    return _never_cache(backend, json_response(link_json(link, call, backend.config.defects)))


async def replace(backend: FakeBackend, call: Call) -> Response:
    _require_json_content_type(backend, call)
    fields = read_remote_link(_request_body(backend, call), backend.config)
    backend.site.replace(call.params["issue"], call.params["link"], fields)
    return _done(backend)


async def delete_by_id(backend: FakeBackend, call: Call) -> Response:
    _require_json_content_type(backend, call, bodyless=True)
    backend.site.delete_by_id(call.params["issue"], call.params["link"])
    return _done(backend, never_cache=True)


async def schedule_job(backend: FakeBackend, call: Call) -> Response:
    request = validate_job_request(_request_body(backend, call))
    job = backend.jobs.schedule(request, backend.config)
    return json_response(scheduled_body(job), status=SCHEDULED_STATUS)


async def job_status(backend: FakeBackend, call: Call) -> Response:
    job, status, message = backend.jobs.status(call.params["job"])
    return json_response({"jobId": job.id, "status": status, "message": message})


def plain_server_error() -> Response:
    return PlainTextResponse("Internal Server Error", status_code=500)
