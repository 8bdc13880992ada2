"""Comparing an existing link with a row: create, update (naming the fields) or leave alone."""

from __future__ import annotations

from typing import Any

from jira_remote_links.bulk.plan import Action, plan_row
from jira_remote_links.bulk.rows import LinkRow, to_request
from jira_remote_links_client.models.remote_issue_link import RemoteIssueLink

ROW = LinkRow(
    line=2,
    issue="MKY-1",
    url="https://docs.example.com/1",
    title="Design",
    global_id="system=docs&id=1",
    relationship="documented by",
    icon_url="https://docs.example.com/i.png",
    resolved=True,
)


def _as_jira_returns(row: LinkRow, **overrides: Any) -> RemoteIssueLink:
    """The link Jira would hold after a POST of this row (unset fields come back as null)."""
    body = to_request(row).to_dict()
    data: dict[str, Any] = {"id": 10000, "self": "https://x/rest/api/2/issue/MKY-1/remotelink/10000", **body}
    data.setdefault("application", None)
    data["object"].setdefault("summary", None)
    data.update(overrides)
    return RemoteIssueLink.from_dict(data)


def test_no_existing_link_means_create() -> None:
    assert plan_row(ROW, None).action is Action.CREATE


def test_a_link_that_matches_is_left_alone_even_with_nulls_and_empty_strings() -> None:
    existing = _as_jira_returns(ROW)
    assert plan_row(ROW, existing).action is Action.UNCHANGED
    with_empty_summary = _as_jira_returns(ROW, application={"name": "", "type": None})
    assert plan_row(ROW, with_empty_summary).action is Action.UNCHANGED


def test_differences_are_named_by_column() -> None:
    existing = _as_jira_returns(
        ROW, relationship="blocks", object={"url": ROW.url, "title": "Old", "status": None}
    )
    plan = plan_row(ROW, existing)
    assert plan.action is Action.UPDATE
    assert plan.changed == ("title", "relationship", "icon_url", "resolved")


def test_a_field_set_in_jira_but_empty_in_the_row_is_an_update() -> None:
    existing = _as_jira_returns(ROW, application={"name": "Docs"})
    assert plan_row(ROW, existing).changed == ("application_name",)
