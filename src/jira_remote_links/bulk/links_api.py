"""The requests a bulk run needs: list an issue's links once, and upsert a row's link."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import Any, Protocol

import httpx

from jira_remote_links.bulk.plan import Action
from jira_remote_links.bulk.rows import LinkRow, to_request
from jira_remote_links.errors import NotFoundError, error_for_response
from jira_remote_links_client.api.issue_remote_links import (
    create_or_update_remote_issue_link,
    get_remote_issue_links,
)
from jira_remote_links_client.client import AuthenticatedClient, Client
from jira_remote_links_client.models.remote_issue_link import RemoteIssueLink
from jira_remote_links_client.types import Response, quote_path_segment

GeneratedClient = Client | AuthenticatedClient


class Limiter(Protocol):
    async def acquire(self) -> None: ...


def _raise_for_status(response: Response[Any], method: str, issue: str) -> None:
    """Raise the typed error for an error status.

    The client built by connect_jira raises these itself; a bare generated client does not, so the same
    errors are raised here for it too.
    """
    if int(response.status_code) < 400:
        return
    request = httpx.Request(method, f"/rest/api/2/issue/{quote_path_segment(issue)}/remotelink")
    raw = httpx.Response(
        int(response.status_code), headers=response.headers, content=response.content, request=request
    )
    error = error_for_response(raw)
    if error is not None:
        raise error


class MissingIssueError(Exception):
    """The row's issue does not exist (or is not visible to this account)."""


# Issues whose links are kept at once. Jira caps an issue at 2,000 remote links, so this bounds memory;
# files are usually grouped by issue, so an issue evicted early is rarely needed again (and is then
# simply listed once more).
DEFAULT_CACHED_ISSUES = 128


class IssueLinks:
    """Each issue's links, listed once (one GET per issue, not one per row) and kept in a bounded LRU.

    Rows of the same issue that arrive together wait for the one listing in flight. A failed listing is
    not kept, so a later row tries again. An unknown issue is kept as missing: every row of it fails at
    once, without a write bound to fail.
    """

    def __init__(
        self, client: GeneratedClient, limiter: Limiter, *, max_issues: int = DEFAULT_CACHED_ISSUES
    ) -> None:
        if max_issues < 1:
            raise ValueError(f"max_issues must be at least 1, not {max_issues}")
        self._client = client
        self._limiter = limiter
        self._max_issues = max_issues
        self._known: OrderedDict[str, dict[str, RemoteIssueLink] | None] = OrderedDict()
        self._listing: dict[str, asyncio.Future[dict[str, RemoteIssueLink] | None]] = {}
        self.listings = 0

    async def find(self, issue: str, global_id: str) -> RemoteIssueLink | None:
        """The issue's link with exactly this globalId, or None; MissingIssueError for an unknown issue."""
        links = await self._links(issue)
        if links is None:
            raise MissingIssueError(
                f"issue {issue} does not exist or this account cannot see it (Jira answered 404)"
            )
        return links.get(global_id)

    async def _links(self, issue: str) -> dict[str, RemoteIssueLink] | None:
        if issue in self._known:
            self._known.move_to_end(issue)
            return self._known[issue]
        pending = self._listing.get(issue)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[dict[str, RemoteIssueLink] | None] = asyncio.get_running_loop().create_future()
        self._listing[issue] = future
        try:
            links = await self._list(issue)
        except BaseException as exc:
            future.set_exception(exc)
            # Marked as retrieved: when no other row waits for it, asyncio must not warn.
            future.exception()
            raise
        else:
            future.set_result(links)
            self._known[issue] = links
            while len(self._known) > self._max_issues:
                self._known.popitem(last=False)
            return links
        finally:
            del self._listing[issue]

    async def _list(self, issue: str) -> dict[str, RemoteIssueLink] | None:
        await self._limiter.acquire()
        self.listings += 1
        try:
            response = await get_remote_issue_links.asyncio_detailed(issue, client=self._client)
            _raise_for_status(response, "GET", issue)
        except NotFoundError:
            return None
        parsed = response.parsed
        found: list[RemoteIssueLink] = (
            [parsed]
            if isinstance(parsed, RemoteIssueLink)
            else list(parsed)
            if isinstance(parsed, list)
            else []
        )
        # Only links with a globalId can match a row; the first of equal ids wins, as Jira's lookup does.
        links: dict[str, RemoteIssueLink] = {}
        for link in found:
            if isinstance(link, RemoteIssueLink) and isinstance(link.global_id, str):
                links.setdefault(link.global_id, link)
        return links


async def write_row(client: GeneratedClient, row: LinkRow, limiter: Limiter) -> Action:
    await limiter.acquire()
    response = await create_or_update_remote_issue_link.asyncio_detailed(
        row.issue, client=client, body=to_request(row)
    )
    _raise_for_status(response, "POST", row.issue)
    # The answer, not the plan, says what happened: the link may have appeared or gone in between.
    if int(response.status_code) == 201:
        return Action.CREATE
    return Action.UPDATE
