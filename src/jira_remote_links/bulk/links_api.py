"""The requests a bulk row needs: read a link by its globalId, upsert it, and (dry runs) probe an issue."""

from __future__ import annotations

import asyncio
from typing import Any, Protocol

import httpx

from jira_remote_links.bulk.plan import Action, pick_link
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


async def fetch_existing(client: GeneratedClient, row: LinkRow, limiter: Limiter) -> RemoteIssueLink | None:
    """The issue's link with the row's globalId, or None when there is none yet."""
    await limiter.acquire()
    try:
        response = await get_remote_issue_links.asyncio_detailed(
            row.issue, client=client, global_id=row.global_id
        )
        _raise_for_status(response, "GET", row.issue)
    except NotFoundError:
        # Jira answers 404 for an unknown globalId, and the same for an unknown issue; that case surfaces
        # as a failed write (or, in a dry run, through IssueProbe), so it is not lost.
        return None
    parsed = response.parsed
    if isinstance(parsed, RemoteIssueLink | list):
        return pick_link(parsed, row.global_id)
    return None


class MissingIssueError(Exception):
    """A dry run found that the row's issue does not exist (or is not visible to this account)."""


class IssueProbe:
    """Dry runs only: whether an issue exists, asked once per issue.

    Jira answers 404 both for an unknown globalId and for an unknown issue, so a dry run would report
    "create" for a row whose write is bound to fail. One list request per distinct issue tells them apart.
    """

    def __init__(self, client: GeneratedClient, limiter: Limiter) -> None:
        self._client = client
        self._limiter = limiter
        self._known: dict[str, bool] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def exists(self, issue: str) -> bool:
        # One request per issue even when many workers ask at once; transient failures are not cached.
        async with self._locks.setdefault(issue, asyncio.Lock()):
            if issue not in self._known:
                await self._limiter.acquire()
                try:
                    response = await get_remote_issue_links.asyncio_detailed(issue, client=self._client)
                    _raise_for_status(response, "GET", issue)
                    self._known[issue] = True
                except NotFoundError:
                    self._known[issue] = False
            return self._known[issue]


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
