"""Every generated operation through connect_jira / connect_jobs against the built-in fake, over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import anyio
import httpx
import pytest

from fake_jira.server import RunningFake
from jira_remote_links import (
    BadRequestError,
    NotFoundError,
    PayloadTooLargeError,
    RateLimitedError,
    RetryPolicy,
    ServiceUnavailableError,
    UnauthorizedError,
    connect_jira,
    connect_jobs,
)
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
    LinkedObject,
    LinkUpdateJobRequest,
    LinkUpdateJobScheduled,
    LinkUpdateJobStatus,
    RemoteIssueLink,
    RemoteIssueLinkIdentifies,
    RemoteIssueLinkRequest,
    RemoteObject,
)

EMAIL = "demo@example.com"
TOKEN = "fake-api-token"
# A globalId with every character that breaks an unencoded query string.
GLOBAL_ID = "system=https://example.com/x?y=1&id=42"


@pytest.fixture
def fake(fake_jira: RunningFake) -> RunningFake:
    """The `fake_jira` plugin fixture: one fake per session, reset to its start before each test."""
    return fake_jira


@pytest.fixture
def client(fake: RunningFake) -> Iterator[Client]:
    with connect_jira(fake.base_url, email=EMAIL, api_token=TOKEN) as jira:
        yield jira


def link(title: str = "One", global_id: str | None = GLOBAL_ID) -> RemoteIssueLinkRequest:
    body = RemoteIssueLinkRequest(object_=RemoteObject(url="https://example.com/1", title=title))
    if global_id is not None:
        body.global_id = global_id
    return body


def logged_requests(fake: RunningFake) -> list[dict[str, object]]:
    response = httpx.get(f"{fake.base_url}/_fake/requests")
    response.raise_for_status()
    requests: list[dict[str, object]] = response.json()["requests"]
    return requests


def test_upsert_answers_201_then_200_for_the_same_link(client: Client) -> None:
    created = create_or_update_remote_issue_link.sync_detailed("MKY-1", client=client, body=link())
    updated = create_or_update_remote_issue_link.sync_detailed("MKY-1", client=client, body=link("Two"))
    assert (created.status_code, updated.status_code) == (201, 200)
    assert isinstance(created.parsed, RemoteIssueLinkIdentifies)
    assert isinstance(updated.parsed, RemoteIssueLinkIdentifies)
    assert created.parsed.id == updated.parsed.id


def test_list_versus_single_by_global_id(client: Client) -> None:
    create_or_update_remote_issue_link.sync("MKY-1", client=client, body=link())
    create_or_update_remote_issue_link.sync("MKY-1", client=client, body=link("B", "other"))
    links = get_remote_issue_links.sync("MKY-1", client=client)
    assert isinstance(links, list)
    assert sorted(item.global_id for item in links if isinstance(item.global_id, str)) == [
        "other",
        GLOBAL_ID,
    ]
    single = get_remote_issue_links.sync("MKY-1", client=client, global_id=GLOBAL_ID)
    assert isinstance(single, RemoteIssueLink)
    assert single.global_id == GLOBAL_ID


def test_get_put_and_delete_by_id(client: Client) -> None:
    created = create_or_update_remote_issue_link.sync("MKY-1", client=client, body=link())
    assert isinstance(created, RemoteIssueLinkIdentifies)
    assert isinstance(created.id, int)
    link_id = str(created.id)

    fetched = get_remote_issue_link_by_id.sync("MKY-1", link_id, client=client)
    assert isinstance(fetched, RemoteIssueLink)
    assert isinstance(fetched.object_, LinkedObject)
    assert fetched.object_.title == "One"

    replaced = update_remote_issue_link.sync_detailed("MKY-1", link_id, client=client, body=link("Replaced"))
    assert replaced.status_code == 204
    again = get_remote_issue_link_by_id.sync("MKY-1", link_id, client=client)
    assert isinstance(again, RemoteIssueLink)
    assert isinstance(again.object_, LinkedObject)
    assert again.object_.title == "Replaced"

    deleted = delete_remote_issue_link_by_id.sync_detailed("MKY-1", link_id, client=client)
    assert deleted.status_code == 204
    with pytest.raises(NotFoundError) as caught:
        get_remote_issue_link_by_id.sync("MKY-1", link_id, client=client)
    assert caught.value.error_messages


def test_delete_by_global_id(client: Client) -> None:
    create_or_update_remote_issue_link.sync("MKY-2", client=client, body=link())
    response = delete_remote_issue_link_by_global_id.sync_detailed(
        "MKY-2", client=client, global_id=GLOBAL_ID
    )
    assert response.status_code == 204
    assert get_remote_issue_links.sync("MKY-2", client=client) == []


def test_deletes_pass_when_the_server_insists_on_json_content_type(fake: RunningFake, client: Client) -> None:
    fake.configure(require_json_content_type=True)
    created = create_or_update_remote_issue_link.sync("MKY-3", client=client, body=link())
    assert isinstance(created, RemoteIssueLinkIdentifies)
    create_or_update_remote_issue_link.sync("MKY-3", client=client, body=link("B", "second"))
    by_id = delete_remote_issue_link_by_id.sync_detailed("MKY-3", str(created.id), client=client)
    by_global_id = delete_remote_issue_link_by_global_id.sync_detailed(
        "MKY-3", client=client, global_id="second"
    )
    assert (by_id.status_code, by_global_id.status_code) == (204, 204)


def test_unknown_link_and_issue_raise_not_found(client: Client) -> None:
    with pytest.raises(NotFoundError, match="404 GET"):
        get_remote_issue_link_by_id.sync("MKY-1", "999999", client=client)
    with pytest.raises(NotFoundError) as caught:
        get_remote_issue_links.sync("NOPE-1", client=client)
    assert caught.value.url.endswith("/rest/api/2/issue/NOPE-1/remotelink")


def test_invalid_body_raises_bad_request_with_field_errors(client: Client) -> None:
    with pytest.raises(BadRequestError) as caught:
        create_or_update_remote_issue_link.sync("MKY-1", client=client, body=link(global_id="g" * 300))
    assert "globalId" in caught.value.errors


def test_wrong_token_raises_unauthorized(fake: RunningFake) -> None:
    wrong = connect_jira(fake.base_url, email=EMAIL, api_token="wrong-token")
    with wrong, pytest.raises(UnauthorizedError) as caught:
        get_remote_issue_links.sync("MKY-1", client=wrong)
    assert caught.value.status_code == 401
    assert "wrong-token" not in str(caught.value)


def test_a_429_burst_is_retried_transparently(fake: RunningFake, client: Client) -> None:
    fake.configure(throttle_every_nth=3, retry_after_seconds=0)
    for number in range(1, 11):
        body = link(f"Link {number}", f"burst-{number}")
        response = create_or_update_remote_issue_link.sync_detailed("MKY-4", client=client, body=body)
        assert response.status_code == 201
    links = get_remote_issue_links.sync("MKY-4", client=client)
    assert isinstance(links, list)
    assert len(links) == 10
    # Every third request was refused and sent again, so the fake saw more requests than calls.
    assert len(logged_requests(fake)) > 11


def test_503s_retry_upserts_without_duplicates_but_not_plain_posts(fake: RunningFake, client: Client) -> None:
    fake.configure(fail_every_nth=2, retry_after_seconds=0)
    for _ in range(3):
        create_or_update_remote_issue_link.sync("MKY-5", client=client, body=link())
    fake.configure(fail_every_nth=None)
    links = get_remote_issue_links.sync("MKY-5", client=client)
    assert isinstance(links, list)
    assert len(links) == 1

    fake.reset()
    fake.configure(fail_every_nth=1, retry_after_seconds=0)
    with pytest.raises(ServiceUnavailableError):
        create_or_update_remote_issue_link.sync("MKY-5", client=client, body=link(global_id=None))
    assert len(logged_requests(fake)) == 1


def test_retries_give_up_after_max_attempts(fake: RunningFake) -> None:
    fake.configure(throttle_every_nth=1, retry_after_seconds=0)
    policy = RetryPolicy(max_attempts=3)
    jira = connect_jira(fake.base_url, email=EMAIL, api_token=TOKEN, retry=policy)
    with jira, pytest.raises(RateLimitedError, match="429 GET") as caught:
        get_remote_issue_links.sync("MKY-1", client=jira)
    assert caught.value.retry_after == 0.0
    assert len(logged_requests(fake)) == 3


def test_the_per_issue_limit_raises_413_without_a_retry(fake: RunningFake, client: Client) -> None:
    fake.configure(max_links_per_issue=1)
    create_or_update_remote_issue_link.sync("MKY-7", client=client, body=link())
    with pytest.raises(PayloadTooLargeError):
        create_or_update_remote_issue_link.sync("MKY-7", client=client, body=link("B", "second"))
    assert len(logged_requests(fake)) == 2


def test_async_operations(fake: RunningFake) -> None:
    async def main() -> None:
        async with connect_jira(fake.base_url, email=EMAIL, api_token=TOKEN) as jira:
            created = await create_or_update_remote_issue_link.asyncio_detailed(
                "MKY-6", client=jira, body=link()
            )
            assert created.status_code == 201
            single = await get_remote_issue_links.asyncio("MKY-6", client=jira, global_id=GLOBAL_ID)
            assert isinstance(single, RemoteIssueLink)
            deleted = await delete_remote_issue_link_by_global_id.asyncio_detailed(
                "MKY-6", client=jira, global_id=GLOBAL_ID
            )
            assert deleted.status_code == 204
            with pytest.raises(NotFoundError):
                await get_remote_issue_link_by_id.asyncio("MKY-6", "123456", client=jira)

    anyio.run(main)


def test_jobs_api_schedule_status_and_unknown_job(fake: RunningFake) -> None:
    body = LinkUpdateJobRequest(
        product="jira",
        product_url="https://new.atlassian.net",
        destination_url="https://new.atlassian.net",
        migrated_from="https://jira.example.com",
    )
    with connect_jobs(fake.base_url, email=EMAIL, api_token=TOKEN) as jobs:
        scheduled = schedule_link_update_job.sync_detailed("site-1", client=jobs, body=body)
        assert scheduled.status_code == 200
        assert isinstance(scheduled.parsed, LinkUpdateJobScheduled)
        status = get_link_update_job_status.sync("site-1", scheduled.parsed.uuid, client=jobs)
        assert isinstance(status, LinkUpdateJobStatus)
        assert status.status in {"Pending", "In_progress", "Complete"}
        with pytest.raises(NotFoundError):
            get_link_update_job_status.sync("site-1", "00000000-0000-0000-0000-000000000000", client=jobs)
