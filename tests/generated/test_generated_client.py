"""The generated client on real HTTP servers: every operation, typed results, 201 vs 200, 204s and nulls.

`sync`/`asyncio` return only the documented success type and raise the typed errors of
`jira_remote_links.errors`, even on a plain generated `Client` without connect_jira's hooks.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from fake_jira import RunningFake
from jira_remote_links import NotFoundError, UnauthorizedError, UnexpectedStatusError
from jira_remote_links_client import Client
from jira_remote_links_client.api.issue_remote_links import (
    create_or_update_remote_issue_link,
    delete_remote_issue_link_by_global_id,
    delete_remote_issue_link_by_id,
    get_remote_issue_link_by_id,
    get_remote_issue_links,
    update_remote_issue_link,
)
from jira_remote_links_client.api.link_update_jobs import get_link_update_job_status, schedule_link_update_job
from jira_remote_links_client.models import (
    Application,
    Icon,
    LinkedObject,
    LinkUpdateJobRequest,
    LinkUpdateJobScheduled,
    LinkUpdateJobStatus,
    RemoteIssueLink,
    RemoteIssueLinkIdentifies,
    RemoteIssueLinkRequest,
    RemoteObject,
)

GLOBAL_ID = "system=http://www.mycompany.com/support&id=1"


def _client(fake: RunningFake) -> Client:
    # Jira Cloud (and the fake) refuse bodyless DELETEs without a JSON Content-Type.
    return Client(
        base_url=fake.base_url,
        headers={"Content-Type": "application/json"},
        httpx_args={"auth": httpx.BasicAuth("demo@example.com", "fake-api-token")},
    )


def _request(global_id: str | None = GLOBAL_ID, title: str = "TSTSUP-111") -> RemoteIssueLinkRequest:
    link = RemoteIssueLinkRequest(
        object_=RemoteObject(url="http://www.mycompany.com/support?id=1", title=title),
        relationship="causes",
        application=Application(name="My Acme Tracker", type_="com.acme.tracker"),
    )
    if global_id is not None:
        link.global_id = global_id
    return link


def test_every_remote_link_operation_with_typed_results(fake_jira: RunningFake) -> None:
    with _client(fake_jira) as client:
        created = create_or_update_remote_issue_link.sync_detailed("MKY-1", client=client, body=_request())
        assert created.status_code == 201
        assert isinstance(created.parsed, RemoteIssueLinkIdentifies)
        link_id = created.parsed.id
        assert isinstance(link_id, int)

        updated = create_or_update_remote_issue_link.sync_detailed(
            "MKY-1", client=client, body=_request(title="new")
        )
        assert updated.status_code == 200
        assert isinstance(updated.parsed, RemoteIssueLinkIdentifies)
        assert updated.parsed.id == link_id

        single = get_remote_issue_links.sync("MKY-1", client=client, global_id=GLOBAL_ID)
        assert isinstance(single, RemoteIssueLink)
        assert single.global_id == GLOBAL_ID
        assert isinstance(single.object_, LinkedObject)
        assert single.object_.title == "new"

        listed = get_remote_issue_links.sync("MKY-1", client=client)
        assert isinstance(listed, list)
        assert [link.id for link in listed] == [link_id]

        by_id = get_remote_issue_link_by_id.sync("MKY-1", str(link_id), client=client)
        assert isinstance(by_id, RemoteIssueLink)
        assert by_id.relationship == "causes"

        replaced = update_remote_issue_link.sync_detailed(
            "MKY-1", str(link_id), client=client, body=_request(global_id=None)
        )
        assert replaced.status_code == 204
        assert replaced.parsed is None
        after_put = get_remote_issue_link_by_id.sync("MKY-1", str(link_id), client=client)
        assert isinstance(after_put, RemoteIssueLink)
        assert after_put.global_id is None

        assert (
            delete_remote_issue_link_by_id.sync_detailed("MKY-1", str(link_id), client=client).status_code
            == 204
        )
        with pytest.raises(NotFoundError) as missing:
            get_remote_issue_link_by_id.sync("MKY-1", str(link_id), client=client)
        assert missing.value.error_messages
        # The detailed twin keeps answering with the parsed error body instead of raising.
        detailed = get_remote_issue_link_by_id.sync_detailed("MKY-1", str(link_id), client=client)
        assert detailed.status_code == 404

        create_or_update_remote_issue_link.sync("MKY-1", client=client, body=_request())
        gone = delete_remote_issue_link_by_global_id.sync_detailed(
            "MKY-1", client=client, global_id=GLOBAL_ID
        )
        assert gone.status_code == 204
        assert get_remote_issue_links.sync("MKY-1", client=client) == []


def test_async_functions(fake_jira: RunningFake) -> None:
    async def scenario() -> None:
        async with _client(fake_jira) as client:
            created = await create_or_update_remote_issue_link.asyncio_detailed(
                "MKY-2", client=client, body=_request()
            )
            assert created.status_code == 201
            found = await get_remote_issue_links.asyncio("MKY-2", client=client, global_id=GLOBAL_ID)
            assert isinstance(found, RemoteIssueLink)
            deleted = await delete_remote_issue_link_by_global_id.asyncio_detailed(
                "MKY-2", client=client, global_id=GLOBAL_ID
            )
            assert deleted.status_code == 204

    asyncio.run(scenario())


def test_jobs_api(fake_jira: RunningFake) -> None:
    with _client(fake_jira) as client:
        body = LinkUpdateJobRequest(
            product="jira",
            product_url="https://old.atlassian.net",
            destination_url="https://new.atlassian.net",
            migrated_from="https://jira.example.com",
        )
        scheduled = schedule_link_update_job.sync_detailed("site-1", client=client, body=body)
        assert scheduled.status_code == 200
        assert isinstance(scheduled.parsed, LinkUpdateJobScheduled)
        status: LinkUpdateJobStatus = get_link_update_job_status.sync(
            "site-1", scheduled.parsed.uuid, client=client
        )
        assert status.status in ("Pending", "In_progress", "Complete")


NULL_LADEN_LINK = {
    "id": 10000,
    "self": "http://127.0.0.1/rest/api/2/issue/MKY-1/remotelink/10000",
    "globalId": None,
    "application": None,
    "relationship": None,
    "object": {
        "url": "u",
        "title": "t",
        "summary": None,
        "icon": None,
        "status": {"resolved": None, "icon": None},
    },
}


class _NullServer(BaseHTTPRequestHandler):
    """A server that answers every GET with a link whose optional fields are all JSON null."""

    def do_GET(self) -> None:
        body = json.dumps(NULL_LADEN_LINK if "/remotelink/" in self.path else [NULL_LADEN_LINK]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test output is not the place for access logs."""


@pytest.fixture
def null_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NullServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_null_fields_parse_as_none_and_null_objects_as_empty_ones(null_server: str) -> None:
    with Client(base_url=null_server) as client:
        link = get_remote_issue_link_by_id.sync("MKY-1", "10000", client=client)
        listed = get_remote_issue_links.sync("MKY-1", client=client)
    assert link.global_id is None
    assert link.relationship is None
    assert link.application.name is None
    assert link.object_.summary is None
    assert link.object_.icon == Icon()
    assert link.object_.status.icon.url16x16 is None
    assert isinstance(listed, list)
    # Written back as Jira writes it: null fields left out, the always-present objects as `{}`.
    assert listed[0].to_dict() == {
        "id": 10000,
        "self": NULL_LADEN_LINK["self"],
        "application": {},
        "object": {"url": "u", "title": "t", "icon": {}, "status": {"icon": {}}},
    }


JIRA_CLOUD_LINK = {
    "id": 10001,
    "self": "https://x.atlassian.net/rest/api/3/issue/MKY-1/remotelink/10001",
    "application": {},
    "object": {"url": "https://example.com", "title": "t", "icon": {}, "status": {"icon": {}}},
}


def test_a_cloud_answer_with_empty_objects_reads_without_narrowing() -> None:
    link = RemoteIssueLink.from_dict(JIRA_CLOUD_LINK)
    assert link.object_.icon.title is None
    assert link.object_.status.resolved is None
    assert link.application.type_ is None
    assert link.global_id is None
    assert link.to_dict() == JIRA_CLOUD_LINK


def test_sync_raises_the_typed_error_for_a_plain_text_401(fake_jira: RunningFake) -> None:
    wrong = Client(base_url=fake_jira.base_url, httpx_args={"auth": httpx.BasicAuth("demo@example.com", "wrong")})
    with wrong, pytest.raises(UnauthorizedError) as raised:
        get_remote_issue_links.sync("MKY-1", client=wrong)
    assert raised.value.status_code == 401
    assert "wrong" not in str(raised.value)


class _PlainTextUnauthorized(BaseHTTPRequestHandler):
    """Answers as Jira Cloud answers a wrong API token: 401 with one line of plain text."""

    def do_GET(self) -> None:
        body = b"Client must be authenticated to access this resource."
        self.send_response(302 if self.path.endswith("/x") else 401)
        self.send_header("Content-Type", "text/plain;charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test output is not the place for access logs."""


@pytest.fixture
def plain_text_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PlainTextUnauthorized)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_plain_text_401_is_parsed_and_raised(plain_text_server: str) -> None:
    with Client(base_url=plain_text_server) as client:
        with pytest.raises(UnauthorizedError) as raised:
            get_remote_issue_links.sync("MKY-1", client=client)
        detailed = get_remote_issue_links.sync_detailed("MKY-1", client=client)
    assert raised.value.error_messages == ["Client must be authenticated to access this resource."]
    assert detailed.status_code == 401
    assert detailed.parsed == "Client must be authenticated to access this resource."


def test_an_undocumented_status_raises_unexpected_status(plain_text_server: str) -> None:
    with Client(base_url=plain_text_server) as client, pytest.raises(UnexpectedStatusError) as raised:
        get_remote_issue_link_by_id.sync("MKY-1", "x", client=client)
    assert raised.value.status_code == 302


def test_a_body_of_another_shape_is_a_typed_error_not_a_key_error() -> None:
    # An array where one link is due, as a server that normalises `/remotelink/.` to the list answers.
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=[]))
    with Client(base_url="https://x.example", httpx_args={"transport": transport}) as client:
        with pytest.raises(UnexpectedStatusError, match="does not have the documented shape"):
            get_remote_issue_link_by_id.sync("MKY-1", ".", client=client)
        detailed = get_remote_issue_link_by_id.sync_detailed("MKY-1", ".", client=client)
    assert detailed.status_code == 200
    assert detailed.parsed is None
    assert detailed.content == b"[]"


def test_reading_an_answer_keeps_unknown_keys_and_leaves_the_answer_untouched() -> None:
    answer = {**JIRA_CLOUD_LINK, "object": {**JIRA_CLOUD_LINK["object"], "newField": [1]}}  # type: ignore[dict-item]
    snapshot = json.dumps(answer, sort_keys=True)
    link = RemoteIssueLink.from_dict(answer)
    assert link.object_.additional_properties == {"newField": [1]}
    assert link.object_.icon.additional_properties == {}
    assert json.dumps(answer, sort_keys=True) == snapshot
    assert link.to_dict()["object"]["newField"] == [1]


def test_async_functions_raise_typed_errors_and_return_only_success_types(fake_jira: RunningFake) -> None:
    async def scenario() -> None:
        async with _client(fake_jira) as client:
            with pytest.raises(NotFoundError):
                await get_remote_issue_link_by_id.asyncio("MKY-3", "999999", client=client)
            identifies = await create_or_update_remote_issue_link.asyncio("MKY-3", client=client, body=_request())
            assert isinstance(identifies.id, int)
            await update_remote_issue_link.asyncio("MKY-3", str(identifies.id), client=client, body=_request())
            await delete_remote_issue_link_by_id.asyncio("MKY-3", str(identifies.id), client=client)
            with pytest.raises(NotFoundError):
                await get_remote_issue_link_by_id.asyncio("MKY-3", str(identifies.id), client=client)

    asyncio.run(scenario())
