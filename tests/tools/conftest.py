"""Shared helpers for the tool tests: a running fake Jira and ways to look inside it."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import pytest

from fake_jira.config import FakeConfig
from fake_jira.server import RunningFake

EMAIL = FakeConfig().email
TOKEN = FakeConfig().api_token
COLUMNS = ("issue", "url", "title", "globalId", "relationship", "summary")


@pytest.fixture
def fake(fake_jira: RunningFake) -> RunningFake:
    """The `fake_jira` plugin fixture: the fake at its start configuration, no links, an empty request log."""
    return fake_jira


@pytest.fixture
def jira_env(fake: RunningFake, monkeypatch: pytest.MonkeyPatch) -> RunningFake:
    monkeypatch.setenv("JIRA_BASE_URL", fake.base_url)
    monkeypatch.setenv("JIRA_EMAIL", EMAIL)
    monkeypatch.setenv("JIRA_API_TOKEN", TOKEN)
    return fake


def link_rows(count: int, issues: int, *, title: str = "Doc") -> list[dict[str, str]]:
    """`count` links spread round-robin over MKY-1..MKY-`issues`, each with a globalId full of reserved characters."""
    return [
        {
            "issue": f"MKY-{n % issues + 1}",
            "url": f"https://docs.example.com/page/{n}?a=1&b=2",
            "title": f"{title} {n}",
            "globalId": f"system=https://docs.example.com&id={n}",
            "relationship": "documented by",
            "summary": "",
        }
        for n in range(count)
    ]


def write_csv(path: Path, rows: Sequence[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def issue_links(fake: RunningFake, issue: str) -> list[dict[str, Any]]:
    response = httpx.get(
        f"{fake.base_url}/rest/api/2/issue/{issue}/remotelink", auth=(EMAIL, TOKEN), timeout=10
    )
    response.raise_for_status()
    data = response.json()
    assert isinstance(data, list)
    return data


def request_log(fake: RunningFake) -> list[dict[str, Any]]:
    response = httpx.get(f"{fake.base_url}/_fake/requests", timeout=10)
    response.raise_for_status()
    entries: list[dict[str, Any]] = response.json()["requests"]
    return entries


def clear_request_log(fake: RunningFake) -> None:
    httpx.delete(f"{fake.base_url}/_fake/requests", timeout=10).raise_for_status()
