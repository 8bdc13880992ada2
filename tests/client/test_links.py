"""The typed everyday calls, the partial update and the Confluence-page helper, against the built-in fake."""

from __future__ import annotations

from collections.abc import Iterator

import anyio
import httpx
import pytest

from fake_jira import RunningFake
from jira_remote_links import JiraClient, NotFoundError, connect_jira
from jira_remote_links.links import (
    CONFLUENCE_APPLICATION_TYPE,
    Upserted,
    adelete_links_by_global_id,
    aget_link_by_global_id,
    alist_links,
    aupdate_link_fields,
    aupsert_link,
    confluence_page_link,
    delete_link,
    delete_links_by_global_id,
    get_link,
    get_link_by_global_id,
    link_to_request,
    list_links,
    replace_link,
    update_link_fields,
    upsert_link,
)
from jira_remote_links_client import Client
from jira_remote_links_client.api.issue_remote_links_v3 import (
    get_remote_issue_link_by_id_v3,
    get_remote_issue_links_v3,
)
from jira_remote_links_client.models import (
    Application,
    Icon,
    RemoteIssueLinkRequest,
    RemoteObject,
    Status,
)

GLOBAL_ID = "system=https://example.com/x?y=1&id=42"


@pytest.fixture
def client(fake_jira: RunningFake) -> Iterator[JiraClient]:
    with connect_jira(fake_jira.base_url, email="demo@example.com", api_token="fake-api-token") as jira:
        yield jira


def whole_link(title: str = "Design doc") -> RemoteIssueLinkRequest:
    return RemoteIssueLinkRequest(
        global_id=GLOBAL_ID,
        relationship="documented by",
        application=Application(type_="com.acme.docs", name="Acme Docs"),
        object_=RemoteObject(
            url="https://docs.example.com/a",
            title=title,
            summary="The design",
            icon=Icon(url16x16="https://docs.example.com/i.png", title="Docs"),
            status=Status(
                resolved=True,
                icon=Icon(url16x16="https://docs.example.com/s.png", title="Done", link="https://x.example"),
            ),
        ),
    )


def test_upsert_says_whether_it_created_or_replaced(client: JiraClient) -> None:
    first = upsert_link(client, "MKY-1", whole_link())
    second = upsert_link(client, "MKY-1", whole_link(title="Design doc v2"))
    assert first == Upserted(id=first.id, url=first.url, created=True)
    assert second == Upserted(id=first.id, url=first.url, created=False)
    assert first.url.endswith(f"/rest/api/2/issue/MKY-1/remotelink/{first.id}")


def test_list_and_get_by_global_id_have_their_own_types(client: JiraClient) -> None:
    assert list_links(client, "MKY-1") == []
    created = upsert_link(client, "MKY-1", whole_link())
    upsert_link(
        client, "MKY-1", RemoteIssueLinkRequest(object_=RemoteObject(url="https://b.example", title="B"))
    )
    listed = list_links(client, "MKY-1")
    assert [link.object_.title for link in listed] == ["Design doc", "B"]
    found = get_link_by_global_id(client, "MKY-1", GLOBAL_ID)
    assert found.id == created.id
    assert found.object_.status.icon.title == "Done"
    assert get_link(client, "MKY-1", created.id) == found


def test_a_global_id_that_matches_nothing_raises_not_found(client: JiraClient) -> None:
    with pytest.raises(NotFoundError):
        get_link_by_global_id(client, "MKY-1", GLOBAL_ID)


def test_replace_and_delete(client: JiraClient) -> None:
    created = upsert_link(client, "MKY-1", whole_link())
    replace_link(
        client,
        "MKY-1",
        created.id,
        RemoteIssueLinkRequest(object_=RemoteObject(url="https://c.example", title="C")),
    )
    replaced = get_link(client, "MKY-1", created.id)
    # PUT replaces the whole link: what the request left out is gone.
    assert replaced.global_id is None
    assert replaced.object_.summary is None
    delete_link(client, "MKY-1", created.id)
    with pytest.raises(NotFoundError):
        get_link(client, "MKY-1", created.id)
    upsert_link(client, "MKY-1", whole_link())
    delete_links_by_global_id(client, "MKY-1", GLOBAL_ID)
    assert list_links(client, "MKY-1") == []


def test_partial_update_keeps_every_field_it_was_not_given(client: JiraClient) -> None:
    created = upsert_link(client, "MKY-1", whole_link())
    before = get_link(client, "MKY-1", created.id)
    sent = update_link_fields(client, "MKY-1", created.id, title="Renamed", summary=None)
    after = get_link(client, "MKY-1", created.id)
    assert after.object_.title == "Renamed"
    assert after.object_.summary is None
    assert after.global_id == before.global_id == GLOBAL_ID
    assert after.relationship == "documented by"
    assert after.application == before.application
    assert after.object_.url == before.object_.url
    assert after.object_.icon == before.object_.icon
    assert after.object_.status == before.object_.status
    assert sent.object_.title == "Renamed"


def test_a_plain_replace_would_have_wiped_them(client: JiraClient) -> None:
    """The reason for the helper: the same change through PUT alone loses the unnamed fields."""
    created = upsert_link(client, "MKY-1", whole_link())
    replace_link(
        client,
        "MKY-1",
        created.id,
        RemoteIssueLinkRequest(object_=RemoteObject(url="https://docs.example.com/a", title="Renamed")),
    )
    after = get_link(client, "MKY-1", created.id)
    assert after.relationship is None
    assert after.application.name is None


def test_link_to_request_writes_a_link_back_unchanged(client: JiraClient) -> None:
    created = upsert_link(client, "MKY-1", whole_link())
    before = get_link(client, "MKY-1", created.id)
    body = link_to_request(before).to_dict()
    assert "id" not in body
    assert "self" not in body
    replace_link(client, "MKY-1", created.id, link_to_request(before))
    assert get_link(client, "MKY-1", created.id) == before


def test_confluence_page_link_is_recognised_as_one(client: JiraClient) -> None:
    page = confluence_page_link(
        app_id="8b8f5c1e-0000-4000-8000-000000000001",
        page_id=123456,
        page_url="https://acme.atlassian.net/wiki/spaces/ENG/pages/123456",
        title="Runbook",
    )
    assert page.global_id == "appId=8b8f5c1e-0000-4000-8000-000000000001&pageId=123456"
    first = upsert_link(client, "MKY-1", page)
    again = upsert_link(client, "MKY-1", page)
    assert first.created
    assert not again.created
    stored = get_link_by_global_id(
        client, "MKY-1", "appId=8b8f5c1e-0000-4000-8000-000000000001&pageId=123456"
    )
    assert stored.application.type_ == CONFLUENCE_APPLICATION_TYPE == "com.atlassian.confluence"
    assert stored.application.name == "Confluence"
    assert stored.object_.title == "Runbook"


@pytest.mark.parametrize(("app_id", "page_id"), [("", 1), ("app", " ")])
def test_confluence_page_link_refuses_empty_ids(app_id: str, page_id: str | int) -> None:
    with pytest.raises(ValueError, match="must not be empty"):
        confluence_page_link(app_id=app_id, page_id=page_id, page_url="https://x.example", title="t")


def test_async_twins(fake_jira: RunningFake) -> None:
    async def scenario() -> None:
        async with connect_jira(
            fake_jira.base_url, email="demo@example.com", api_token="fake-api-token"
        ) as client:
            created = await aupsert_link(client, "MKY-2", whole_link())
            assert created.created
            assert [link.id for link in await alist_links(client, "MKY-2")] == [created.id]
            await aupdate_link_fields(client, "MKY-2", created.id, relationship="blocks")
            found = await aget_link_by_global_id(client, "MKY-2", GLOBAL_ID)
            assert found.relationship == "blocks"
            assert found.object_.summary == "The design"
            await adelete_links_by_global_id(client, "MKY-2", GLOBAL_ID)
            assert await alist_links(client, "MKY-2") == []

    anyio.run(scenario)


def test_plain_generated_client_gets_the_same_typed_errors(fake_jira: RunningFake) -> None:
    plain = Client(
        base_url=fake_jira.base_url,
        httpx_args={"auth": httpx.BasicAuth("demo@example.com", "fake-api-token")},
    )
    with plain:
        assert upsert_link(plain, "MKY-1", whole_link()).created
        with pytest.raises(NotFoundError) as raised:
            upsert_link(plain, "NOPE-404", whole_link())
    assert raised.value.status_code == 404
    assert "NOPE-404" in raised.value.url


def test_rest_v3_against_the_fake(fake_jira: RunningFake) -> None:
    """The same calls under /rest/api/3/, chosen when connecting; the generated v3 functions agree."""
    probe = httpx.get(
        f"{fake_jira.base_url}/rest/api/3/issue/MKY-1/remotelink", auth=("demo@example.com", "fake-api-token")
    )
    if probe.status_code == 404:
        pytest.skip("this build of the fake does not serve REST v3 yet")
    with connect_jira(
        fake_jira.base_url, email="demo@example.com", api_token="fake-api-token", api_version=3
    ) as client:
        created = upsert_link(client, "MKY-1", whole_link())
        # Jira builds `self` from the request's REST base, so a v3 request gets a v3 URL.
        assert created.url.endswith(f"/rest/api/3/issue/MKY-1/remotelink/{created.id}")
        assert [link.id for link in list_links(client, "MKY-1")] == [created.id]
        assert get_remote_issue_link_by_id_v3.sync("MKY-1", str(created.id), client=client).id == created.id
        delete_links_by_global_id(client, "MKY-1", GLOBAL_ID)
        assert get_remote_issue_links_v3.sync("MKY-1", client=client) == []


def test_a_client_used_sync_and_async_closes_both(fake_jira: RunningFake) -> None:
    client = connect_jira(fake_jira.base_url, email="demo@example.com", api_token="fake-api-token")
    assert list_links(client, "MKY-1") == []

    async def scenario() -> None:
        assert await alist_links(client, "MKY-1") == []
        await client.aclose()

    anyio.run(scenario)
    assert client.get_httpx_client().is_closed
    assert client.get_async_httpx_client().is_closed


def test_closing_outside_the_loop_that_opened_async_connections_says_what_to_do(
    fake_jira: RunningFake,
) -> None:
    client = connect_jira(fake_jira.base_url, email="demo@example.com", api_token="fake-api-token")

    async def scenario() -> None:
        await alist_links(client, "MKY-1")

    anyio.run(scenario)
    with pytest.raises(RuntimeError, match="close the client inside that loop"):
        client.close()
    assert client.get_httpx_client().is_closed
