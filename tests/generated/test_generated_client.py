"""The generated client on real HTTP servers: every operation, typed results, 201 vs 200, 204s and nulls."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from fake_jira import RunningFake
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
    ErrorCollection,
    LinkUpdateJobRequest,
    LinkUpdateJobScheduled,
    LinkUpdateJobStatus,
    RemoteIssueLink,
    RemoteIssueLinkIdentifies,
    RemoteIssueLinkRequest,
    RemoteObject,
)
from jira_remote_links_client.types import UNSET

GLOBAL_ID = "system=http://www.mycompany.com/support&id=1"


def _client(fake: RunningFake) -> Client:
    return Client(
        base_url=fake.base_url, httpx_args={"auth": httpx.BasicAuth("demo@example.com", "fake-api-token")}
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
        assert isinstance(single.object_, RemoteObject)
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
        assert after_put.global_id is UNSET

        assert (
            delete_remote_issue_link_by_id.sync_detailed("MKY-1", str(link_id), client=client).status_code
            == 204
        )
        missing = get_remote_issue_link_by_id.sync("MKY-1", str(link_id), client=client)
        assert isinstance(missing, ErrorCollection)
        assert missing.error_messages

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
        status = get_link_update_job_status.sync("site-1", scheduled.parsed.uuid, client=client)
        assert isinstance(status, LinkUpdateJobStatus)
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


def test_null_fields_parse_as_none(null_server: str) -> None:
    with Client(base_url=null_server) as client:
        link = get_remote_issue_link_by_id.sync("MKY-1", "10000", client=client)
        listed = get_remote_issue_links.sync("MKY-1", client=client)
    assert isinstance(link, RemoteIssueLink)
    assert link.global_id is None
    assert link.application is None
    assert link.relationship is None
    assert isinstance(link.object_, RemoteObject)
    assert link.object_.summary is None
    assert link.object_.icon is None
    assert isinstance(listed, list)
    assert listed[0].to_dict() == NULL_LADEN_LINK
