"""Decide what a row needs: a new link, a replacement, or nothing at all.

Jira adds an activity entry to the issue for every write, even one that changes nothing, so a row whose
link already matches is left alone.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from jira_remote_links.bulk.columns import COMPARED
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


def existing_fields(link: RemoteIssueLink) -> dict[str, object]:
    """The link's values under the row's column names (the compared columns of the one table)."""
    return {column.name: column.in_jira(link) for column in COMPARED if column.in_jira is not None}


def desired_fields(row: LinkRow) -> dict[str, object]:
    return {column.name: getattr(row, column.field) for column in COMPARED}


def plan_row(row: LinkRow, existing: RemoteIssueLink | None) -> Plan:
    if existing is None:
        return Plan(Action.CREATE)
    have = existing_fields(existing)
    want = desired_fields(row)
    changed = tuple(name for name, value in want.items() if have[name] != value)
    if changed:
        return Plan(Action.UPDATE, changed)
    return Plan(Action.UNCHANGED)
