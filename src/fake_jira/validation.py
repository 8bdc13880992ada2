"""Checks a remote-link request body the way Jira does, and reduces it to the fields Jira stores.

The result is a plain dict with only known fields and no None values: a field that is absent or null in
the request is absent from the stored link, which is what makes an update null out what it leaves out.
"""

from __future__ import annotations

import json
from typing import Any

from fake_jira.errors import JiraError

MAX_GLOBAL_ID_LENGTH = 255

# Each nested object's known string fields; unknown fields are accepted and dropped, as Jira does.
_ICON_FIELDS = ("url16x16", "title", "link")
_APPLICATION_FIELDS = ("name", "type")


def parse_json_body(raw: bytes) -> object:
    """The body as JSON, or 400 with Jira's body when it is not JSON at all."""
    if not raw.strip():
        raise JiraError(400, ["No content to map to Object due to end of input"])
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise JiraError(400, [f"Unexpected character in the request body: {error}"]) from None


def remote_link_from_request(payload: object) -> dict[str, Any]:
    """The stored form of a RemoteIssueLinkRequest, or 400 naming every bad field."""
    if not isinstance(payload, dict):
        raise JiraError(400, ["The request body must be a JSON object."])
    problems: dict[str, str] = {}
    stored: dict[str, Any] = {}

    global_id = _optional_string(payload, "globalId", problems)
    if global_id is not None and len(global_id) > MAX_GLOBAL_ID_LENGTH:
        problems["globalId"] = f"The global ID must be at most {MAX_GLOBAL_ID_LENGTH} characters."
    elif global_id:
        stored["globalId"] = global_id

    relationship = _optional_string(payload, "relationship", problems)
    if relationship is not None:
        stored["relationship"] = relationship

    application = _optional_object(payload, "application", _APPLICATION_FIELDS, problems)
    if application is not None:
        stored["application"] = application

    remote_object = _remote_object(payload.get("object"), problems)
    if remote_object is not None:
        stored["object"] = remote_object

    if problems:
        raise JiraError(400, [], problems)
    return stored


def _remote_object(value: object, problems: dict[str, str]) -> dict[str, Any] | None:
    if value is None:
        problems["object"] = "'object' is required."
        return None
    if not isinstance(value, dict):
        problems["object"] = "'object' must be an object."
        return None
    stored: dict[str, Any] = {}
    for required in ("url", "title"):
        text = value.get(required)
        if text is None:
            problems[required] = f"'{required}' is required."
        elif not isinstance(text, str):
            problems[required] = f"'{required}' must be a string."
        else:
            stored[required] = text
    summary = _optional_string(value, "summary", problems)
    if summary is not None:
        stored["summary"] = summary
    icon = _optional_object(value, "icon", _ICON_FIELDS, problems)
    if icon is not None:
        stored["icon"] = icon
    status = _status(value.get("status"), problems)
    if status is not None:
        stored["status"] = status
    return stored


def _status(value: object, problems: dict[str, str]) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        problems["status"] = "'status' must be an object."
        return None
    stored: dict[str, Any] = {}
    resolved = value.get("resolved")
    if resolved is not None and not isinstance(resolved, bool):
        problems["resolved"] = "'resolved' must be true or false."
    elif resolved is not None:
        stored["resolved"] = resolved
    icon = _optional_object(value, "icon", _ICON_FIELDS, problems, error_key="status.icon")
    if icon is not None:
        stored["icon"] = icon
    return stored


def _optional_object(
    container: dict[str, Any],
    name: str,
    string_fields: tuple[str, ...],
    problems: dict[str, str],
    *,
    error_key: str | None = None,
) -> dict[str, Any] | None:
    value = container.get(name)
    if value is None:
        return None
    key = error_key or name
    if not isinstance(value, dict):
        problems[key] = f"'{name}' must be an object."
        return None
    stored: dict[str, Any] = {}
    for field_name in string_fields:
        text = value.get(field_name)
        if text is None:
            continue
        if not isinstance(text, str):
            problems[f"{key}.{field_name}"] = f"'{field_name}' must be a string."
        else:
            stored[field_name] = text
    return stored


def _optional_string(container: dict[str, Any], name: str, problems: dict[str, str]) -> str | None:
    value = container.get(name)
    if value is None or isinstance(value, str):
        return value
    problems[name] = f"'{name}' must be a string."
    return None
