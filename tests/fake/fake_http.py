"""Shared helpers for the fake's own tests: an authenticated httpx client and link bodies."""

from __future__ import annotations

from typing import Any

import httpx

from fake_jira import RunningFake

LINKS = "/rest/api/2/issue/{issue}/remotelink"


def jira(
    fake: RunningFake, *, auth: tuple[str, str] | None = ("demo@example.com", "fake-api-token")
) -> httpx.Client:
    # Jira Cloud refuses bodyless DELETEs without a JSON Content-Type; like the project's client, send it always.
    return httpx.Client(
        base_url=fake.base_url, auth=auth, timeout=30.0, headers={"Content-Type": "application/json"}
    )


def link_body(global_id: str | None = None, **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"object": {"url": "https://support.invalid/case/1", "title": "CASE-1"}}
    if global_id is not None:
        body["globalId"] = global_id
    body.update(extra)
    return body


def links_path(issue: str = "MKY-1") -> str:
    return LINKS.format(issue=issue)


def jira_without_content_type(fake: RunningFake) -> httpx.Client:
    """A client that sends no Content-Type on bodyless requests, as plain HTTP libraries do."""
    return httpx.Client(base_url=fake.base_url, auth=fake.auth, timeout=30.0)
