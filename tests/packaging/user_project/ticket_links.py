"""A typical user module: put a link to our ticket system on a Jira issue and read the links back."""

from __future__ import annotations

from jira_remote_links_client import Client
from jira_remote_links_client.api.issue_remote_links import (
    create_or_update_remote_issue_link,
    get_remote_issue_links,
)
from jira_remote_links_client.models import RemoteIssueLinkRequest, RemoteObject

TICKETS = "https://tickets.example.com"


def ticket_global_id(ticket: int) -> str:
    return f"system={TICKETS}&id={ticket}"


def ticket_link(ticket: int, title: str) -> RemoteIssueLinkRequest:
    return RemoteIssueLinkRequest(
        global_id=ticket_global_id(ticket),
        object_=RemoteObject(url=f"{TICKETS}/tickets/{ticket}", title=title),
        relationship="mentioned in",
    )


def attach_ticket(client: Client, issue: str, ticket: int, title: str) -> bool:
    """Put the ticket's link on the issue: True when it was created, False when it replaced the old one."""
    body = ticket_link(ticket, title)
    response = create_or_update_remote_issue_link.sync_detailed(issue, client=client, body=body)
    return response.status_code == 201


def linked_titles(client: Client, issue: str) -> list[str]:
    parsed = get_remote_issue_links.sync_detailed(issue, client=client).parsed
    links = parsed if isinstance(parsed, list) else []
    return [link.object_.title for link in links if isinstance(link.object_, RemoteObject)]
