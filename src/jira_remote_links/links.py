"""Typed everyday calls on an issue's remote links, over the generated functions.

The generated `sync`/`asyncio` functions already return only their success type and raise the typed errors
of `jira_remote_links.errors`. Two things a template cannot express are added here:

- Jira's GET `.../remotelink` answers an array without `globalId` and one object with it. OpenAPI allows
  one operation per path and method, so the generated function returns `list[...] | RemoteIssueLink`;
  `list_links` and `get_link_by_global_id` each return their own precise type.
- POST answers 201 when it created a link and 200 when it replaced one, with the same body; the generated
  `sync` returns the body, `upsert_link` also says which of the two happened.

It also holds the two helpers users of other clients keep asking for: `update_link_fields` (a partial
update: read, merge, write, so fields not named survive Jira's replace-everything PUT) and
`confluence_page_link` (a link Jira shows as a Confluence page).
"""

from __future__ import annotations

from typing import Final, TypedDict, Unpack

import attrs
import httpx

from jira_remote_links.errors import error_for_unexpected_response
from jira_remote_links_client.api.issue_remote_links import (
    create_or_update_remote_issue_link,
    delete_remote_issue_link_by_global_id,
    delete_remote_issue_link_by_id,
    get_remote_issue_link_by_id,
    get_remote_issue_links,
    update_remote_issue_link,
)
from jira_remote_links_client.client import AuthenticatedClient, Client
from jira_remote_links_client.models import (
    Application,
    Icon,
    RemoteIssueLink,
    RemoteIssueLinkIdentifies,
    RemoteIssueLinkRequest,
    RemoteObject,
    Status,
)
from jira_remote_links_client.types import Response

__all__ = [
    "CONFLUENCE_APPLICATION_TYPE",
    "AnyClient",
    "LinkFields",
    "Upserted",
    "adelete_link",
    "adelete_links_by_global_id",
    "aget_link",
    "aget_link_by_global_id",
    "alist_links",
    "areplace_link",
    "aupdate_link_fields",
    "aupsert_link",
    "confluence_page_link",
    "delete_link",
    "delete_links_by_global_id",
    "get_link",
    "get_link_by_global_id",
    "link_to_request",
    "list_links",
    "replace_link",
    "update_link_fields",
    "upsert_link",
]

AnyClient = AuthenticatedClient | Client

CONFLUENCE_APPLICATION_TYPE: Final = "com.atlassian.confluence"


@attrs.frozen
class Upserted:
    """The outcome of `upsert_link`: the link's id and URL, and whether Jira created it (201) or replaced an
    existing link with the same `globalId` (200)."""

    id: int
    url: str
    created: bool


def list_links(client: AnyClient, issue: str) -> list[RemoteIssueLink]:
    """Every remote link of the issue (an empty list when there is none)."""
    found = get_remote_issue_links.sync(issue, client=client)
    return found if isinstance(found, list) else [found]


async def alist_links(client: AnyClient, issue: str) -> list[RemoteIssueLink]:
    """`list_links`, async."""
    found = await get_remote_issue_links.asyncio(issue, client=client)
    return found if isinstance(found, list) else [found]


def get_link_by_global_id(client: AnyClient, issue: str, global_id: str) -> RemoteIssueLink:
    """The issue's link with exactly this `globalId`; `NotFoundError` when there is none."""
    return _one_link(get_remote_issue_links.sync(issue, client=client, global_id=global_id))


async def aget_link_by_global_id(client: AnyClient, issue: str, global_id: str) -> RemoteIssueLink:
    """`get_link_by_global_id`, async."""
    return _one_link(await get_remote_issue_links.asyncio(issue, client=client, global_id=global_id))


def _one_link(found: list[RemoteIssueLink] | RemoteIssueLink) -> RemoteIssueLink:
    if isinstance(found, list):
        # A server that ignores the query answers the whole list; the caller asked for one link.
        raise TypeError("the server answered a list of links to a GET by globalId")
    return found


def get_link(client: AnyClient, issue: str, link_id: int) -> RemoteIssueLink:
    """One link of the issue by its Jira id; `NotFoundError` when there is none."""
    return get_remote_issue_link_by_id.sync(issue, str(link_id), client=client)


async def aget_link(client: AnyClient, issue: str, link_id: int) -> RemoteIssueLink:
    """`get_link`, async."""
    return await get_remote_issue_link_by_id.asyncio(issue, str(link_id), client=client)


def upsert_link(client: AnyClient, issue: str, link: RemoteIssueLinkRequest) -> Upserted:
    """Create the link, or replace the issue's link with the same `globalId`, and say which happened."""
    return _upserted(create_or_update_remote_issue_link.sync_detailed(issue, client=client, body=link), issue)


async def aupsert_link(client: AnyClient, issue: str, link: RemoteIssueLinkRequest) -> Upserted:
    """`upsert_link`, async."""
    response = await create_or_update_remote_issue_link.asyncio_detailed(issue, client=client, body=link)
    return _upserted(response, issue)


def _upserted(response: Response[object], issue: str) -> Upserted:
    parsed = response.parsed
    if response.status_code in (200, 201) and isinstance(parsed, RemoteIssueLinkIdentifies):
        link_id, url = parsed.id, parsed.self_
        if isinstance(link_id, int) and isinstance(url, str):
            return Upserted(id=link_id, url=url, created=response.status_code == 201)
    # A client without connect_jira's hooks sees error statuses here; raise the same typed error.
    raise error_for_unexpected_response(
        httpx.Response(
            int(response.status_code),
            headers=dict(response.headers),
            content=response.content,
            request=httpx.Request("POST", f"/rest/api/2/issue/{issue}/remotelink"),
        )
    )


def replace_link(client: AnyClient, issue: str, link_id: int, link: RemoteIssueLinkRequest) -> None:
    """Replace the whole link: every field `link` leaves out becomes null (see `update_link_fields`)."""
    update_remote_issue_link.sync(issue, str(link_id), client=client, body=link)


async def areplace_link(client: AnyClient, issue: str, link_id: int, link: RemoteIssueLinkRequest) -> None:
    """`replace_link`, async."""
    await update_remote_issue_link.asyncio(issue, str(link_id), client=client, body=link)


def delete_link(client: AnyClient, issue: str, link_id: int) -> None:
    """Delete one link of the issue by its Jira id."""
    delete_remote_issue_link_by_id.sync(issue, str(link_id), client=client)


async def adelete_link(client: AnyClient, issue: str, link_id: int) -> None:
    """`delete_link`, async."""
    await delete_remote_issue_link_by_id.asyncio(issue, str(link_id), client=client)


def delete_links_by_global_id(client: AnyClient, issue: str, global_id: str) -> None:
    """Delete every link of the issue with exactly this `globalId` (Jira removes all matches)."""
    delete_remote_issue_link_by_global_id.sync(issue, client=client, global_id=global_id)


async def adelete_links_by_global_id(client: AnyClient, issue: str, global_id: str) -> None:
    """`delete_links_by_global_id`, async."""
    await delete_remote_issue_link_by_global_id.asyncio(issue, client=client, global_id=global_id)


def link_to_request(link: RemoteIssueLink) -> RemoteIssueLinkRequest:
    """The request that writes `link` back as it is (its id and URL left out)."""
    fields = link.to_dict()
    fields.pop("id", None)
    fields.pop("self", None)
    return RemoteIssueLinkRequest.from_dict(fields)


class LinkFields(TypedDict, total=False):
    """The fields `update_link_fields` can change; a field left out keeps its value, None clears it."""

    title: str
    url: str
    summary: str | None
    relationship: str | None
    global_id: str | None
    application: Application | None
    icon: Icon | None
    status: Status | None


def update_link_fields(
    client: AnyClient, issue: str, link_id: int, **changes: Unpack[LinkFields]
) -> RemoteIssueLinkRequest:
    """Change only the named fields of a link; every other field keeps its value.

    Jira's PUT replaces the whole link and sets every field it leaves out to null. This reads the link,
    merges the named fields into it and writes it back whole; it returns what it wrote. Pass None to clear
    a field. Read and write are two requests: a change another client makes in between is overwritten.
    """
    merged = _merge(link_to_request(get_link(client, issue, link_id)), changes)
    replace_link(client, issue, link_id, merged)
    return merged


async def aupdate_link_fields(
    client: AnyClient, issue: str, link_id: int, **changes: Unpack[LinkFields]
) -> RemoteIssueLinkRequest:
    """`update_link_fields`, async."""
    merged = _merge(link_to_request(await aget_link(client, issue, link_id)), changes)
    await areplace_link(client, issue, link_id, merged)
    return merged


def _merge(current: RemoteIssueLinkRequest, changes: LinkFields) -> RemoteIssueLinkRequest:
    remote = current.object_
    if "title" in changes:
        remote.title = changes["title"]
    if "url" in changes:
        remote.url = changes["url"]
    if "summary" in changes:
        remote.summary = changes["summary"]
    if "icon" in changes:
        remote.icon = changes["icon"]
    if "status" in changes:
        remote.status = changes["status"]
    if "relationship" in changes:
        current.relationship = changes["relationship"]
    if "global_id" in changes:
        current.global_id = changes["global_id"]
    if "application" in changes:
        current.application = changes["application"]
    return current


def confluence_page_link(
    *,
    app_id: str,
    page_id: str | int,
    page_url: str,
    title: str,
    application_name: str = "Confluence",
    relationship: str | None = None,
    summary: str | None = None,
) -> RemoteIssueLinkRequest:
    """A link Jira shows as a Confluence page rather than as a plain web link.

    Jira recognises such links by the application type `com.atlassian.confluence` and a `globalId` of the
    form `appId=<application link id>&pageId=<page id>`; `app_id` is the id of the application link from
    Jira to that Confluence site. Upserting the result twice keeps one link per page.
    """
    if not str(app_id).strip() or not str(page_id).strip():
        raise ValueError(f"app_id and page_id must not be empty, not {app_id!r} and {page_id!r}")
    return RemoteIssueLinkRequest(
        global_id=f"appId={app_id}&pageId={page_id}",
        application=Application(type_=CONFLUENCE_APPLICATION_TYPE, name=application_name),
        relationship=relationship,
        object_=RemoteObject(url=page_url, title=title, summary=summary),
    )
