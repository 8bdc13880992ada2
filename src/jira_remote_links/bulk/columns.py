"""The one table of a bulk file's columns: what each is called, whether it is required, where its value
lives in a `LinkRow`, and how to read the same value from a link Jira already has. Reading a file,
validating a row, building the request and comparing with Jira all go through this table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from jira_remote_links_client.models.application import Application
from jira_remote_links_client.models.icon import Icon
from jira_remote_links_client.models.remote_issue_link import RemoteIssueLink
from jira_remote_links_client.models.remote_object import RemoteObject
from jira_remote_links_client.models.status import Status


def _text(value: object) -> str | None:
    # Jira may answer an unset text field with null, with "" or by leaving it out; all mean "none".
    if isinstance(value, str) and value != "":
        return value
    return None


def _object(link: RemoteIssueLink) -> RemoteObject | None:
    return link.object_ if isinstance(link.object_, RemoteObject) else None


def _icon(link: RemoteIssueLink) -> Icon | None:
    remote = _object(link)
    return remote.icon if remote is not None and isinstance(remote.icon, Icon) else None


def _application(link: RemoteIssueLink) -> Application | None:
    return link.application if isinstance(link.application, Application) else None


def _resolved(link: RemoteIssueLink) -> bool | None:
    remote = _object(link)
    status = remote.status if remote is not None and isinstance(remote.status, Status) else None
    return status.resolved if status is not None and isinstance(status.resolved, bool) else None


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
    Column("url", True, "text", "url", lambda link: _text(o.url) if (o := _object(link)) else None),
    Column("title", True, "text", "title", lambda link: _text(o.title) if (o := _object(link)) else None),
    Column("globalId", True, "key", "global_id", None),
    Column("relationship", False, "text", "relationship", lambda link: _text(link.relationship)),
    Column(
        "summary", False, "text", "summary", lambda link: _text(o.summary) if (o := _object(link)) else None
    ),
    Column(
        "application_name",
        False,
        "text",
        "application_name",
        lambda link: _text(a.name) if (a := _application(link)) else None,
    ),
    Column(
        "application_type",
        False,
        "text",
        "application_type",
        lambda link: _text(a.type_) if (a := _application(link)) else None,
    ),
    Column(
        "icon_url", False, "text", "icon_url", lambda link: _text(i.url16x16) if (i := _icon(link)) else None
    ),
    Column(
        "icon_title", False, "text", "icon_title", lambda link: _text(i.title) if (i := _icon(link)) else None
    ),
    Column("resolved", False, "flag", "resolved", _resolved),
)

BY_NAME = {column.name: column for column in COLUMNS}
ALL_COLUMNS: tuple[str, ...] = tuple(column.name for column in COLUMNS)
REQUIRED_COLUMNS: tuple[str, ...] = tuple(column.name for column in COLUMNS if column.required)
OPTIONAL_COLUMNS: tuple[str, ...] = tuple(column.name for column in COLUMNS if not column.required)
# The columns a write replaces, in the order differences are reported.
COMPARED: tuple[Column, ...] = tuple(column for column in COLUMNS if column.in_jira is not None)
