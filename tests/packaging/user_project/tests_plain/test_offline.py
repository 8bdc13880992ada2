"""Runs with the package installed without the `fake` extra: no fixture, an httpx mock transport."""

from __future__ import annotations

import json

import httpx
import pytest
from ticket_links import attach_ticket, ticket_link

from jira_remote_links import UnauthorizedError, connect_jira
from jira_remote_links_client import Client


def _client(handler: httpx.MockTransport) -> Client:
    return connect_jira(
        "https://example.atlassian.net", email="me@example.com", api_token="t", transport=handler
    )


def test_the_link_carries_the_global_id_jira_upserts_on() -> None:
    body = ticket_link(7, "Printer on fire").to_dict()
    assert body["globalId"] == "system=https://tickets.example.com&id=7"
    assert body["object"] == {"url": "https://tickets.example.com/tickets/7", "title": "Printer on fire"}


def test_attach_reports_created_and_sends_the_link() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(201, json={"id": 10000, "self": str(request.url) + "/10000"})

    assert attach_ticket(_client(httpx.MockTransport(answer)), "MKY-1", 7, "Printer on fire") is True
    (request,) = seen
    assert request.method == "POST"
    assert request.url.path.endswith("/issue/MKY-1/remotelink")
    assert json.loads(request.content)["globalId"] == "system=https://tickets.example.com&id=7"


def test_a_wrong_token_raises_the_typed_error() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(401, json={"errorMessages": ["You are not authenticated."], "errors": {}})

    with pytest.raises(UnauthorizedError):
        attach_ticket(_client(httpx.MockTransport(answer)), "MKY-1", 7, "Printer on fire")
