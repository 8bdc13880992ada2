"""One link row of a bulk file: its columns, its validation, and the request it becomes."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from jira_remote_links.bulk.columns import ALL_COLUMNS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from jira_remote_links_client.models.application import Application
from jira_remote_links_client.models.icon import Icon
from jira_remote_links_client.models.remote_issue_link_request import RemoteIssueLinkRequest
from jira_remote_links_client.models.remote_object import RemoteObject
from jira_remote_links_client.models.status import Status

__all__ = [
    "ALL_COLUMNS",
    "MAX_GLOBAL_ID_LENGTH",
    "OPTIONAL_COLUMNS",
    "REQUIRED_COLUMNS",
    "LinkRow",
    "RowError",
    "to_request",
    "validate_row",
]

# Jira documents 255 characters as the longest global id; the schema itself does not enforce it.
MAX_GLOBAL_ID_LENGTH = 255

_TRUE_WORDS = frozenset({"true", "yes", "y", "1"})
_FALSE_WORDS = frozenset({"false", "no", "n", "0"})


_ABSENT = object()


@dataclass(frozen=True, slots=True)
class RowError:
    """A problem with one row (or the header, or the file), located by its line and, where it is known,
    the named column or the character position in the line."""

    line: int
    column: str | None
    value: object
    message: str
    # 1-based character position in the line, for problems that are not about one named column.
    position: int | None = None

    def describe(self) -> str:
        where = f"line {self.line}"
        if self.position is not None:
            where += f", character {self.position}"
        if self.column is None:
            return f"{where}: {self.message}"
        shown = "" if self.value is _ABSENT else f" (value: {_show(self.value)})"
        return f"{where}: column {self.column!r}: {self.message}{shown}"

    def to_dict(self) -> dict[str, object]:
        return {
            "line": self.line,
            "column": self.column,
            "position": self.position,
            "value": None if self.value is _ABSENT else _jsonable(self.value),
            "message": self.describe(),
        }


def _jsonable(value: object) -> object:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return _show(value)


@dataclass(frozen=True, slots=True)
class LinkRow:
    """A validated row: everything needed to create or replace one remote link."""

    line: int
    issue: str
    url: str
    title: str
    global_id: str
    relationship: str | None = None
    summary: str | None = None
    application_name: str | None = None
    application_type: str | None = None
    icon_url: str | None = None
    icon_title: str | None = None
    resolved: bool | None = None


def _show(value: object) -> str:
    text = repr(value)
    # A 10 kB cell should not flood the error report; the start is enough to find it.
    return text if len(text) <= 80 else text[:77] + "..."


def unknown_column_message(name: str) -> str:
    close = difflib.get_close_matches(name, ALL_COLUMNS, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown column {name!r}{hint} (known: {', '.join(ALL_COLUMNS)})"


def _is_absolute_url(text: str) -> bool:
    if any(ch.isspace() or ord(ch) < 32 for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return bool(parts.scheme) and bool(parts.netloc)


def _is_issue_ref(text: str) -> bool:
    """An issue key such as ``MKY-12`` or a numeric issue id such as ``10001``."""
    if text.isascii() and text.isdigit():
        return True
    project, sep, number = text.rpartition("-")
    return (
        bool(sep)
        and number.isascii()
        and number.isdigit()
        and bool(project)
        and project.isascii()
        and project[0].isalpha()
        and all(ch.isalnum() or ch == "_" for ch in project)
    )


def _text(raw: Mapping[str, object], column: str, line: int, errors: list[RowError]) -> str | None:
    """The column's text, or None when it is absent or empty; non-text values are reported."""
    value = raw.get(column)
    if value is None:
        return None
    if not isinstance(value, str):
        errors.append(RowError(line, column, value, f"must be text, not {type(value).__name__}"))
        return None
    return value if value != "" else None


def _flag(raw: Mapping[str, object], line: int, errors: list[RowError]) -> bool | None:
    value = raw.get("resolved")
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word == "":
            return None
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    errors.append(RowError(line, "resolved", value, "must be true/false (or yes/no, 1/0) or empty"))
    return None


def validate_row(line: int, raw: Mapping[str, object]) -> LinkRow | list[RowError]:
    """Check every column of one row; return the row, or every problem found in it."""
    errors: list[RowError] = [
        RowError(line, None, None, unknown_column_message(name)) for name in raw if name not in ALL_COLUMNS
    ]
    issue = _text(raw, "issue", line, errors)
    url = _text(raw, "url", line, errors)
    title = _text(raw, "title", line, errors)
    global_id = _text(raw, "globalId", line, errors)
    optional = {name: _text(raw, name, line, errors) for name in OPTIONAL_COLUMNS if name != "resolved"}
    resolved = _flag(raw, line, errors)

    if issue is None:
        _missing(errors, line, "issue", raw)
    elif not _is_issue_ref(issue):
        errors.append(
            RowError(line, "issue", issue, "must be an issue key like PROJ-123 or a numeric issue id")
        )
    if url is None:
        _missing(errors, line, "url", raw)
    elif not _is_absolute_url(url):
        errors.append(RowError(line, "url", url, "must be an absolute URL such as https://host/path"))
    if title is None or title.strip() == "":
        _missing(errors, line, "title", raw)
    if global_id is None or global_id.strip() == "":
        # Without a global id every POST creates a new link, so re-runs would duplicate.
        _missing(errors, line, "globalId", raw)
    elif len(global_id) > MAX_GLOBAL_ID_LENGTH:
        errors.append(
            RowError(
                line, "globalId", global_id, f"is {len(global_id)} characters; at most {MAX_GLOBAL_ID_LENGTH}"
            )
        )
    elif global_id != global_id.strip():
        errors.append(RowError(line, "globalId", global_id, "has leading or trailing whitespace"))
    icon_url = optional["icon_url"]
    if icon_url is not None and not _is_absolute_url(icon_url):
        errors.append(
            RowError(line, "icon_url", icon_url, "must be an absolute URL such as https://host/icon.png")
        )

    if errors:
        return errors
    # No errors means every required value was found; the checks above guarantee it.
    assert issue is not None
    assert url is not None
    assert title is not None
    assert global_id is not None
    return LinkRow(
        line=line,
        issue=issue,
        url=url,
        title=title,
        global_id=global_id,
        relationship=optional["relationship"],
        summary=optional["summary"],
        application_name=optional["application_name"],
        application_type=optional["application_type"],
        icon_url=icon_url,
        icon_title=optional["icon_title"],
        resolved=resolved,
    )


def _missing(errors: list[RowError], line: int, column: str, raw: Mapping[str, object]) -> None:
    # A value of the wrong type was reported already; do not report it twice.
    if any(e.column == column for e in errors):
        return
    if column not in raw:
        # Absent, not empty: a short CSV row or a JSON object without the key.
        errors.append(RowError(line, column, _ABSENT, "is missing from this row"))
        return
    errors.append(RowError(line, column, raw.get(column), "is required and must not be empty"))


def to_request(row: LinkRow) -> RemoteIssueLinkRequest:
    """The whole link as one POST body: an update replaces every field, so nothing may be left to chance."""
    remote = RemoteObject(url=row.url, title=row.title)
    if row.summary is not None:
        remote.summary = row.summary
    if row.icon_url is not None or row.icon_title is not None:
        icon = Icon()
        if row.icon_url is not None:
            icon.url16x16 = row.icon_url
        if row.icon_title is not None:
            icon.title = row.icon_title
        remote.icon = icon
    if row.resolved is not None:
        remote.status = Status(resolved=row.resolved)
    request = RemoteIssueLinkRequest(object_=remote, global_id=row.global_id)
    if row.relationship is not None:
        request.relationship = row.relationship
    if row.application_name is not None or row.application_type is not None:
        application = Application()
        if row.application_name is not None:
            application.name = row.application_name
        if row.application_type is not None:
            application.type_ = row.application_type
        request.application = application
    return request
