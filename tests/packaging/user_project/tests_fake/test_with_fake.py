"""Runs with the `fake` extra: the `fake_jira` fixture from the installed plugin, and the spec it serves."""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING

import httpx
from ticket_links import attach_ticket, linked_titles

from jira_remote_links import connect_jira
from jira_remote_links_client import Client

if TYPE_CHECKING:
    # Only for the annotations: this module is also collected where the `fake` extra is missing, and there
    # the fixture itself must be what says so.
    from fake_jira import RunningFake


def _client(fake: RunningFake) -> Client:
    return connect_jira(fake.base_url, email="demo@example.com", api_token="fake-api-token")


def test_attach_creates_then_replaces(fake_jira: RunningFake) -> None:
    client = _client(fake_jira)
    assert attach_ticket(client, "MKY-1", 7, "Printer on fire") is True
    assert attach_ticket(client, "MKY-1", 7, "Printer fixed") is False
    assert linked_titles(client, "MKY-1") == ["Printer fixed"]


def test_each_test_starts_with_no_links(fake_jira: RunningFake) -> None:
    assert linked_titles(_client(fake_jira), "MKY-1") == []


def test_the_fake_serves_the_installed_spec(fake_jira: RunningFake) -> None:
    import yaml  # noqa: PLC0415 (PyYAML comes with the `fake` extra)

    served = httpx.get(f"{fake_jira.base_url}/openapi.json")
    assert served.status_code == 200
    shipped = files("jira_remote_links_client").joinpath("openapi.yaml").read_text(encoding="utf-8")
    assert served.json() == yaml.safe_load(shipped)
