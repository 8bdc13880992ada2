"""The one table of a bulk file's columns: what each is called, whether it is required, where its value
lives in a `LinkRow`, and how to read the same value from a link Jira already has. Reading a file,
validating a row, building the request and comparing with Jira all go through this table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from jira_remote_links_client.models.remote_issue_link import RemoteIssueLink


def _text(value: str | None) -> str | None:
    # Jira may answer an unset text field with null, with "" or by leaving it out; all mean "none".
    return value if value else None


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    required: bool
    kind: Literal["text", "flag", "key"]
    # The LinkRow attribute holding the value.
    field: str
    # The value as Jira has it now, or None for columns that are the link's identity (issue, globalId).
    in_jira: Callable[[RemoteIssueLink], object] | None


COLUMNS: tuple[Column, ...] = (
    Column("issue", True, "key", "issue", None),
    Column("url", True, "text", "url", lambda link: _text(link.object_.url)),
    Column("title", True, "text", "title", lambda link: _text(link.object_.title)),
    Column("globalId", True, "key", "global_id", None),
    Column("relationship", False, "text", "relationship", lambda link: _text(link.relationship)),
    Column("summary", False, "text", "summary", lambda link: _text(link.object_.summary)),
    Column(
        "application_name",
        False,
        "text",
        "application_name",
        lambda link: _text(link.application.name),
    ),
    Column(
        "application_type",
        False,
        "text",
        "application_type",
        lambda link: _text(link.application.type_),
    ),
    Column("icon_url", False, "text", "icon_url", lambda link: _text(link.object_.icon.url16x16)),
    Column("icon_title", False, "text", "icon_title", lambda link: _text(link.object_.icon.title)),
    Column("resolved", False, "flag", "resolved", lambda link: link.object_.status.resolved),
)

BY_NAME = {column.name: column for column in COLUMNS}
ALL_COLUMNS: tuple[str, ...] = tuple(column.name for column in COLUMNS)
REQUIRED_COLUMNS: tuple[str, ...] = tuple(column.name for column in COLUMNS if column.required)
OPTIONAL_COLUMNS: tuple[str, ...] = tuple(column.name for column in COLUMNS if not column.required)
# The columns a write replaces, in the order differences are reported.
COMPARED: tuple[Column, ...] = tuple(column for column in COLUMNS if column.in_jira is not None)
