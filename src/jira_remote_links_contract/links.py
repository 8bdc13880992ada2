"""The link operations as the contract tests use them: through the generated client, with status checks.

Every helper returns what the server said, and asserts only what the spec promises for that call, so a
property test reads as a list of promises.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

import httpx

from jira_remote_links_client import Client
from jira_remote_links_client.api.issue_remote_links import (
    create_or_update_remote_issue_link,
    delete_remote_issue_link_by_global_id,
    delete_remote_issue_link_by_id,
    get_remote_issue_link_by_id,
    get_remote_issue_links,
    update_remote_issue_link,
)
from jira_remote_links_client.models import RemoteIssueLink, RemoteIssueLinkIdentifies, RemoteIssueLinkRequest
from jira_remote_links_client.types import Response
from jira_remote_links_contract.coverage import record_httpx_response
from jira_remote_links_contract.exchanges import RecordingTransport
from jira_remote_links_contract.pacing import PacedTransport
from jira_remote_links_contract.target import Target

ICON_FIELDS: dict[str, Any] = {"url16x16": None, "title": None, "link": None}
# Jira keeps a link only on the status icon; `object.icon.link` is accepted and dropped.
OBJECT_ICON_FIELDS: dict[str, Any] = {"url16x16": None, "title": None}
# The shape of a link's writable fields; None marks a leaf.
LINK_FIELDS: dict[str, Any] = {
    "globalId": None,
    "application": {"name": None, "type": None},
    "relationship": None,
    "object": {
        "url": None,
        "title": None,
        "summary": None,
        "icon": OBJECT_ICON_FIELDS,
        "status": {"resolved": None, "icon": ICON_FIELDS},
    },
}
REQUEST_TIMEOUT = httpx.Timeout(30.0)


def make_client(target: Target, *, email: str | None = None, api_token: str | None = None) -> Client:
    """A generated-client `Client` for the target, with basic auth, and paced on live sites."""
    transport: httpx.BaseTransport = httpx.HTTPTransport()
    if target.requests_per_second is not None:
        transport = PacedTransport(transport, target.requests_per_second)
    auth = httpx.BasicAuth(email or target.email, api_token or target.api_token.reveal())
    # Jira Cloud refuses bodyless DELETEs without a JSON Content-Type (415), so it goes on every request.
    return Client(
        base_url=target.base_url,
        timeout=REQUEST_TIMEOUT,
        headers={"Content-Type": "application/json"},
        httpx_args={
            "auth": auth,
            # Outermost, so a paced retry is recorded as the answer the client finally got.
            "transport": RecordingTransport(transport),
            "event_hooks": {"response": [record_httpx_response]},
        },
    )


def is_empty(value: Any, shape: Any) -> bool:
    """Null, absent, or an object whose known fields are all empty: how Jira shows a field it does not hold."""
    if value is None:
        return True
    if isinstance(shape, dict) and isinstance(value, dict):
        return all(is_empty(value.get(name), inner) for name, inner in shape.items())
    return False


def differences(
    sent: dict[str, Any], got: dict[str, Any], shape: dict[str, Any], path: str = ""
) -> list[str]:
    """Where `got` fails to read back `sent`: sent fields must be equal, fields left out must be empty."""
    found: list[str] = []
    for name, inner in shape.items():
        where = f"{path}{name}"
        if name not in sent or sent[name] is None:
            if not is_empty(got.get(name), inner):
                found.append(f"{where}: left out, but read back as {got.get(name)!r}")
        elif isinstance(inner, dict) and isinstance(sent[name], dict):
            nested = got.get(name)
            if not isinstance(nested, dict):
                found.append(f"{where}: sent an object, read back {nested!r}")
            else:
                found.extend(differences(sent[name], nested, inner, f"{where}."))
        elif got.get(name) != sent[name]:
            found.append(f"{where}: sent {sent[name]!r}, read back {got.get(name)!r}")
    return found


def assert_reads_back(sent: dict[str, Any], got: dict[str, Any], context: str) -> None:
    problems = differences(sent, got, LINK_FIELDS)
    assert not problems, f"{context}: link does not read back as written:\n  " + "\n  ".join(problems)


def as_request(body: dict[str, Any]) -> RemoteIssueLinkRequest:
    return RemoteIssueLinkRequest.from_dict(body)


def describe(response: Response[Any]) -> str:
    text = response.content.decode("utf-8", "replace")
    return f"HTTP {int(response.status_code)} {text[:300]}"


@dataclass
class Links:
    """The remote links of one issue, through the generated client; remembers what it created for cleanup."""

    client: Client
    issue: str
    created: set[int] = field(default_factory=set)

    def post(self, body: dict[str, Any]) -> Response[Any]:
        response = create_or_update_remote_issue_link.sync_detailed(
            self.issue, client=self.client, body=as_request(body)
        )
        if isinstance(response.parsed, RemoteIssueLinkIdentifies) and isinstance(response.parsed.id, int):
            self.created.add(response.parsed.id)
        return response

    def create(self, body: dict[str, Any]) -> int:
        """POST that must create: 201 with the new link's id."""
        response = self.post(body)
        assert response.status_code == HTTPStatus.CREATED, (
            f"POST {body!r} should create: {describe(response)}"
        )
        return self.identity(response)

    def identity(self, response: Response[Any]) -> int:
        parsed = response.parsed
        assert isinstance(parsed, RemoteIssueLinkIdentifies), f"POST answered no id: {describe(response)}"
        assert isinstance(parsed.id, int), f"POST answered no integer id: {describe(response)}"
        assert isinstance(parsed.self_, str), f"POST answered no self URL: {describe(response)}"
        assert parsed.self_.endswith(f"/{parsed.id}"), f"self URL does not name the link: {parsed.self_!r}"
        return parsed.id

    def get_by_id(self, link_id: int | str) -> Response[Any]:
        return get_remote_issue_link_by_id.sync_detailed(self.issue, str(link_id), client=self.client)

    def read(self, link_id: int) -> dict[str, Any]:
        """GET by id that must find the link; its JSON as the client parsed it."""
        response = self.get_by_id(link_id)
        assert response.status_code == HTTPStatus.OK, f"GET link {link_id}: {describe(response)}"
        assert isinstance(response.parsed, RemoteIssueLink), (
            f"GET by id answered no link: {describe(response)}"
        )
        assert response.parsed.id == link_id, f"GET by id {link_id} answered link {response.parsed.id}"
        return raw_json(response)

    def get_by_global_id(self, global_id: str) -> Response[Any]:
        return get_remote_issue_links.sync_detailed(self.issue, client=self.client, global_id=global_id)

    def read_by_global_id(self, global_id: str) -> dict[str, Any]:
        """GET ?globalId= that must find exactly one link: a single object, not an array."""
        response = self.get_by_global_id(global_id)
        assert response.status_code == HTTPStatus.OK, f"GET globalId={global_id!r}: {describe(response)}"
        assert isinstance(response.parsed, RemoteIssueLink), (
            f"GET with globalId must answer one object, got {describe(response)}"
        )
        found = raw_json(response)
        assert found.get("globalId") == global_id, (
            f"GET globalId={global_id!r} answered the link of {found.get('globalId')!r}"
        )
        return found

    def list(self) -> list[dict[str, Any]]:
        response = get_remote_issue_links.sync_detailed(self.issue, client=self.client)
        assert response.status_code == HTTPStatus.OK, f"GET list: {describe(response)}"
        assert isinstance(response.parsed, list), (
            f"GET without globalId must answer an array: {describe(response)}"
        )
        listed = json.loads(response.content)
        assert isinstance(listed, list)
        return listed

    def put(self, link_id: int | str, body: dict[str, Any]) -> Response[Any]:
        return update_remote_issue_link.sync_detailed(
            self.issue, str(link_id), client=self.client, body=as_request(body)
        )

    def replace(self, link_id: int, body: dict[str, Any]) -> None:
        response = self.put(link_id, body)
        assert response.status_code == HTTPStatus.NO_CONTENT, f"PUT link {link_id}: {describe(response)}"
        assert response.content == b"", f"PUT 204 must have no body, got {response.content[:200]!r}"

    def delete_by_id(self, link_id: int | str) -> Response[Any]:
        response = delete_remote_issue_link_by_id.sync_detailed(self.issue, str(link_id), client=self.client)
        if response.status_code == HTTPStatus.NO_CONTENT and str(link_id).isdigit():
            self.created.discard(int(link_id))
        return response

    def delete_by_global_id(self, global_id: str) -> Response[Any]:
        return delete_remote_issue_link_by_global_id.sync_detailed(
            self.issue, client=self.client, global_id=global_id
        )

    def remove(self, link_id: int) -> None:
        response = self.delete_by_id(link_id)
        assert response.status_code == HTTPStatus.NO_CONTENT, f"DELETE link {link_id}: {describe(response)}"
        assert response.content == b"", f"DELETE 204 must have no body, got {response.content[:200]!r}"

    def remove_by_global_id(self, global_id: str) -> None:
        response = self.delete_by_global_id(global_id)
        assert response.status_code == HTTPStatus.NO_CONTENT, (
            f"DELETE globalId={global_id!r}: {describe(response)}"
        )
        assert response.content == b"", f"DELETE 204 must have no body, got {response.content[:200]!r}"

    def assert_gone(self, link_id: int, global_id: str | None) -> None:
        response = self.get_by_id(link_id)
        assert response.status_code == HTTPStatus.NOT_FOUND, (
            f"deleted link {link_id} still readable: {describe(response)}"
        )
        if global_id is not None:
            response = self.get_by_global_id(global_id)
            assert response.status_code == HTTPStatus.NOT_FOUND, (
                f"deleted link still readable by globalId {global_id!r}: {describe(response)}"
            )
        assert link_id not in {link.get("id") for link in self.list()}, f"deleted link {link_id} still listed"

    def discard_created(self) -> None:
        """Delete what this helper created; used in `finally` so failed examples leave nothing behind."""
        for link_id in sorted(self.created):
            self.delete_by_id(link_id)
        self.created.clear()


def raw_json(response: Response[Any]) -> dict[str, Any]:
    data = json.loads(response.content)
    assert isinstance(data, dict), f"expected a JSON object, got {data!r}"
    return data


def sweep_run_links(client: Client, issue: str, target: Target) -> int:
    """Delete every link of `issue` this run wrote (globalId prefix or object URL marker); returns the count."""
    links = Links(client, issue)
    response = get_remote_issue_links.sync_detailed(issue, client=client)
    if response.status_code != HTTPStatus.OK:
        return 0
    listed = json.loads(response.content)
    removed = 0
    for link in listed if isinstance(listed, list) else []:
        global_id = link.get("globalId") or ""
        url = (link.get("object") or {}).get("url") or ""
        ours = global_id.startswith(target.global_id_prefix) or url.startswith(target.object_url_prefix)
        if ours and isinstance(link.get("id"), int):
            links.delete_by_id(link["id"])
            removed += 1
    return removed
