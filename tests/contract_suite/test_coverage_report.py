"""The run says what it covered: documented statuses per operation, one figure, and a Markdown summary."""

from __future__ import annotations

import os
import re
from pathlib import Path

from jira_remote_links_contract.coverage import SPEC_PATH, Coverage, operations_from_spec
from tests.contract_suite.live_site import run_contract_command


def test_responses_are_matched_to_the_spec_operations() -> None:
    coverage = Coverage(operations_from_spec(SPEC_PATH))
    by_id = {operation.operation_id: operation for operation in coverage.operations}
    create = by_id["createOrUpdateRemoteIssueLink"]
    single = by_id["getRemoteIssueLinkById"]
    list_path = create.path.replace("{issueIdOrKey}", "MKY-1")
    coverage.record("POST", list_path, 201)
    coverage.record("POST", list_path, 201)
    # Percent-encoded values stay one segment; the query is not part of the path.
    coverage.record(
        "GET", single.path.replace("{issueIdOrKey}", "MKY%2F1").replace("{linkId}", "10001") + "?x=1", 404
    )
    coverage.record("GET", list_path, 418)
    coverage.record("GET", "/_fake/requests", 200)
    assert coverage.seen[("createOrUpdateRemoteIssueLink", 201)] == 2
    assert coverage.seen[("getRemoteIssueLinkById", 404)] == 1
    assert coverage.unmatched[("GET", 200)] == 1
    assert coverage.documented_seen() == 2
    rows = {operation.operation_id: (missing, extra) for operation, _, missing, extra in coverage.rows()}
    assert 201 not in rows["createOrUpdateRemoteIssueLink"][0]
    assert rows["getRemoteIssueLinks"][1] == [(418, 1)]
    assert f"documented responses exercised: 2 of {coverage.documented_total()}" in coverage.render_text()


def test_a_run_prints_the_coverage_figure_and_writes_markdown(tmp_path: Path) -> None:
    markdown = tmp_path / "contract.md"
    completed = run_contract_command(
        "--",
        "test_link_properties.py::test_deleted_link_is_gone",
        "test_errors.py::test_unknown_link_answers_404",
        f"--contract-markdown={markdown}",
        env={**os.environ, "CONTRACT_TARGET": "fake", "CONTRACT_PROFILE": "quick"},
    )
    assert completed.returncode == 0, completed.stdout[-3000:]
    figure = re.search(r"documented responses exercised: (\d+) of (\d+)", completed.stdout)
    assert figure is not None, completed.stdout[-3000:]
    covered, total = map(int, figure.groups())
    # These two tests create, read, delete by globalId or id, list, and miss a link: a handful of responses.
    assert 3 <= covered < total, figure.group(0)
    text = markdown.read_text(encoding="utf-8")
    assert figure.group(0) in text
    assert "| `createOrUpdateRemoteIssueLink` | `POST " in text
    assert re.search(r"\| `createOrUpdateRemoteIssueLink` \| [^|]+ \| [^|]*201 \(\d+\)", text), text
    assert "test_deleted_link_is_gone" in text
