"""A typical user module: put a link to our ticket system on a Jira issue and read the links back."""

from __future__ import annotations

from jira_remote_links.links import list_links, upsert_link
from jira_remote_links_client import Client
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
    return upsert_link(client, issue, ticket_link(ticket, title)).created


def linked_titles(client: Client, issue: str) -> list[str]:
    # Typed results: a returned link always has its object, so no narrowing is needed.
    return [link.object_.title for link in list_links(client, issue)]
