"""Decide what a row needs: a new link, a replacement, or nothing at all.

Jira adds an activity entry to the issue for every write, even one that changes nothing, so a row whose
link already matches is left alone.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from jira_remote_links.bulk.rows import LinkRow
from jira_remote_links_client.models.remote_issue_link import RemoteIssueLink


class Action(enum.Enum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class Plan:
    action: Action
    # Row column names whose values differ from the existing link; empty for create and unchanged.
    changed: tuple[str, ...] = ()


def _text(value: object) -> str | None:
    # Jira may answer an unset text field with null, with "" or by leaving it out; all mean "none".
    if isinstance(value, str) and value != "":
        return value
    return None


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def existing_fields(link: RemoteIssueLink) -> dict[str, object]:
    """The link's values under the row's column names."""
    # A returned link always carries its object, application, icon and status (the spec says so).
    remote, application = link.object_, link.application
    return {
        "url": _text(remote.url),
        "title": _text(remote.title),
        "summary": _text(remote.summary),
        "relationship": _text(link.relationship),
        "application_name": _text(application.name),
        "application_type": _text(application.type_),
        "icon_url": _text(remote.icon.url16x16),
        "icon_title": _text(remote.icon.title),
        "resolved": _flag(remote.status.resolved),
    }


def desired_fields(row: LinkRow) -> dict[str, object]:
    return {
        "url": row.url,
        "title": row.title,
        "summary": row.summary,
        "relationship": row.relationship,
        "application_name": row.application_name,
        "application_type": row.application_type,
        "icon_url": row.icon_url,
        "icon_title": row.icon_title,
        "resolved": row.resolved,
    }


def pick_link(
    found: RemoteIssueLink | Sequence[RemoteIssueLink] | None, global_id: str
) -> RemoteIssueLink | None:
    """The link carrying exactly this global id, from whatever shape the GET answered with.

    Older Jira answers (and some proxies) give a list where a single object is documented; a link with
    another global id is never taken for this one.
    """
    candidates: Sequence[RemoteIssueLink]
    if found is None:
        return None
    candidates = [found] if isinstance(found, RemoteIssueLink) else found
    for link in candidates:
        if link.global_id == global_id:
            return link
    return None


def plan_row(row: LinkRow, existing: RemoteIssueLink | None) -> Plan:
    if existing is None:
        return Plan(Action.CREATE)
    have = existing_fields(existing)
    want = desired_fields(row)
    changed = tuple(name for name, value in want.items() if have[name] != value)
    if changed:
        return Plan(Action.UPDATE, changed)
    return Plan(Action.UNCHANGED)
