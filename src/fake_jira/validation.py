"""Reads a remote-link request body the way Jira does and checks it with Jira's rules.

Reading follows Jira's JSON mapping: unknown keys are ignored at any level, a number or boolean where text is
due becomes text (unless `coerce_scalars` is off), anything else of the wrong type is refused. Checking follows
Jira's service layer: required `title` and `url` (not blank), 255-character caps on five fields, http(s) URLs
with a host in the four URL fields, every problem keyed as Jira keys it. The result is a plain dict with only
the fields Jira stores and no None values, which is what makes an update null out what it leaves out.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from fake_jira.config import FakeConfig
from fake_jira.defects import Defect
from fake_jira.errors import JiraError

# Jira stores these in 255-character columns.
MAX_FIELD_LENGTH = 255
MAX_GLOBAL_ID_LENGTH = MAX_FIELD_LENGTH

Stored = dict[str, Any]


def parse_json_body(raw: bytes) -> object:
    """The body as JSON, or 400 with Jira's body when it is not JSON at all."""
    if not raw.strip():
        raise JiraError(400, ["No content to map to Object due to end of input"])
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise JiraError(400, [f"Unexpected character in the request body: {error}"]) from None


def read_remote_link(payload: object, config: FakeConfig) -> Stored:
    """The stored form of a remote-link request as Jira reads it (400 only for what cannot be read at all);
    `link_problems` then checks it."""
    reader = _Reader(coerce=config.coerce_scalars)
    return reader.link(payload, keep_icon_link=Defect.ICON_LINK_ECHOED in config.defects)


def link_problems(stored: Mapping[str, Any], defects: frozenset[Defect] = frozenset()) -> dict[str, str]:
    """Jira's checks of one link, in Jira's order; a later problem with the same key replaces an earlier one."""
    remote = stored.get("object", {})
    application = stored.get("application", {})
    icon = remote.get("icon", {})
    status_icon = remote.get("status", {}).get("icon", {})
    problems: dict[str, str] = {}
    blank: Callable[[str | None], bool] = _is_empty if Defect.BLANK_ACCEPTED in defects else _is_blank
    for name in ("title", "url"):
        if blank(remote.get(name)):
            problems[name] = f"'{name}' is required and must not be blank."
    if Defect.NO_LENGTH_CAPS not in defects:
        capped = {
            "globalId": stored.get("globalId"),
            "title": remote.get("title"),
            "relationship": stored.get("relationship"),
            "applicationType": application.get("type"),
            "applicationName": application.get("name"),
        }
        for key, value in capped.items():
            if value is not None and len(value) > MAX_FIELD_LENGTH:
                problems[key] = f"'{key}' is longer than {MAX_FIELD_LENGTH} characters."
    if Defect.URL_NOT_CHECKED not in defects:
        urls = {
            "url": remote.get("url"),
            "iconUrl": icon.get("url16x16"),
            "statusIconUrl": status_icon.get("url16x16"),
            "statusIconLink": status_icon.get("link"),
        }
        for key, value in urls.items():
            if not is_http_url(value):
                problems[key] = f"'{key}' is not an http or https URL with a host."
    return problems


class _Reader:
    """Jira's JSON mapping of the request model, field by field."""

    def __init__(self, *, coerce: bool) -> None:
        self.coerce = coerce

    def link(self, payload: object, *, keep_icon_link: bool) -> Stored:
        body = self._object(payload, "the request body")
        if body is None:
            raise JiraError(400, ["The request body must be a JSON object."])
        stored: Stored = {}
        self._text(body, "globalId", stored)
        self._text(body, "relationship", stored)
        application = self._object(body.get("application"), "application")
        stored["application"] = self._texts(application, ("type", "name"))
        remote = self._object(body.get("object"), "object") or {}
        stored_object = self._texts(remote, ("url", "title", "summary"))
        icon_fields = ("url16x16", "title", "link") if keep_icon_link else ("url16x16", "title")
        stored_object["icon"] = self._texts(self._object(remote.get("icon"), "object.icon"), icon_fields)
        status = self._object(remote.get("status"), "object.status") or {}
        stored_status: Stored = {}
        resolved = self._flag(status.get("resolved"), "object.status.resolved")
        if resolved is not None:
            stored_status["resolved"] = resolved
        status_icon = self._object(status.get("icon"), "object.status.icon")
        stored_status["icon"] = self._texts(status_icon, ("url16x16", "title", "link"))
        stored_object["status"] = stored_status
        stored["object"] = stored_object
        return stored

    def _object(self, value: object, where: str) -> dict[str, Any] | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            raise JiraError(400, [f"{where} must be a JSON object."])
        return value

    def _texts(self, container: dict[str, Any] | None, names: tuple[str, ...]) -> Stored:
        stored: Stored = {}
        for name in names:
            self._text(container or {}, name, stored)
        return stored

    def _text(self, container: dict[str, Any], name: str, stored: Stored) -> None:
        value = container.get(name)
        if value is None:
            return
        if isinstance(value, str):
            stored[name] = value
        elif self.coerce and isinstance(value, bool):
            stored[name] = "true" if value else "false"
        elif self.coerce and isinstance(value, int | float):
            stored[name] = str(value)
        else:
            raise JiraError(400, [f"The value of '{name}' cannot be read as text: {json.dumps(value)[:80]}"])

    def _flag(self, value: object, where: str) -> bool | None:
        if value is None or isinstance(value, bool):
            return value
        if self.coerce and isinstance(value, int):
            return value != 0
        if self.coerce and isinstance(value, str) and value.lower() in ("true", "false", ""):
            return None if value == "" else value.lower() == "true"
        raise JiraError(400, [f"The value of '{where}' cannot be read as true or false."])


def _is_blank(value: str | None) -> bool:
    return value is None or value.strip() == ""


def _is_empty(value: str | None) -> bool:
    return value is None or value == ""


# What Java's URI parser refuses anywhere in a URI; non-ASCII letters are allowed, spaces and controls not.
_ILLEGAL = frozenset(' "<>\\^`{|}')
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):(.*)", re.DOTALL)
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
_TOP_LABEL = r"[A-Za-z](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
_HOSTNAME = re.compile(rf"(?:{_LABEL}\.)*{_TOP_LABEL}\.?")
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_IPV6 = re.compile(r"\[[0-9A-Fa-f:.]+\]")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def is_http_url(value: str | None) -> bool:
    """Jira's URL rule: blank is fine; otherwise a parseable URI with scheme http or https and a host."""
    if _is_blank(value):
        return True
    assert value is not None
    if any(_illegal_character(char) for char in value) or _BAD_ESCAPE.search(value):
        return False
    if value.count("#") > 1:
        return False
    found = _SCHEME.fullmatch(value)
    if found is None or found.group(1).lower() not in ("http", "https"):
        return False
    rest = found.group(2)
    if not rest.startswith("//"):
        return False
    authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
    host_port = authority.rpartition("@")[2]
    host, port = host_port, ""
    if not host_port.endswith("]") and ":" in host_port:
        host, _, port = host_port.rpartition(":")
    if port and not port.isdigit():
        return False
    if _IPV6.fullmatch(host):
        return True
    if _IPV4.fullmatch(host):
        return all(int(part) <= 255 for part in host.split("."))
    return _HOSTNAME.fullmatch(host) is not None


def _illegal_character(char: str) -> bool:
    if char in _ILLEGAL or ord(char) < 0x20 or ord(char) == 0x7F:
        return True
    return ord(char) > 0x7F and unicodedata.category(char) in ("Cc", "Zs", "Zl", "Zp")
