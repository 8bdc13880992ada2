"""What every Jira error answer must look like: the status the spec documents and an `ErrorCollection`."""

from __future__ import annotations

import json
from typing import Any

ERROR_COLLECTION_KEYS = frozenset({"errorMessages", "errors", "status"})


def error_collection_problems(status: int, content_type: str, content: bytes) -> list[str]:
    """Why a body is not Jira's error body; empty when it is one that says something."""
    if not content_type.startswith("application/json"):
        return [f"content type {content_type!r}, not application/json"]
    try:
        body: Any = json.loads(content)
    except ValueError:
        return [f"body is not JSON: {content[:200]!r}"]
    if not isinstance(body, dict):
        return [f"body is not an object: {body!r}"]
    problems = [f"unknown key {key!r}" for key in body if key not in ERROR_COLLECTION_KEYS]
    messages = body.get("errorMessages", [])
    errors = body.get("errors", {})
    if not isinstance(messages, list) or not all(isinstance(item, str) for item in messages):
        problems.append(f"errorMessages is not a list of strings: {messages!r}")
    if not isinstance(errors, dict) or not all(isinstance(item, str) for item in errors.values()):
        problems.append(f"errors is not an object of strings: {errors!r}")
    if "status" in body and body["status"] != status:
        problems.append(f"status field {body['status']!r} differs from HTTP {status}")
    if not problems and not messages and not errors:
        problems.append("neither errorMessages nor errors says what is wrong")
    return problems


def assert_jira_error(
    status: int, expected: int | set[int], content_type: str, content: bytes, what: str
) -> None:
    allowed = {expected} if isinstance(expected, int) else expected
    assert status in allowed, f"{what}: expected HTTP {sorted(allowed)}, got {status}: {content[:300]!r}"
    problems = error_collection_problems(status, content_type, content)
    assert not problems, f"{what}: HTTP {status} without Jira's error body: {'; '.join(problems)}"
