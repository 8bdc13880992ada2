"""The benchmark harness, end to end in its smallest mode, against the fake in its own process.

No timing is asserted: the figures of a smoke run mean nothing. What must hold is that every row is
there, that what was measured came out as a positive ratio, and that a missing peer library is reported
as such rather than crashing the run.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import peers
from benchmarks.percall import OPERATIONS, OURS_ASYNC, OURS_SYNC, RAW_HTTPX, RAW_HTTPX_ASYNC
from benchmarks.results import MEASURED, NOT_INSTALLED, SKIPPED

ROOT = Path(__file__).resolve().parents[2]
# The rows of the JSON output, and what the run printed.
QuickRun = tuple[list[dict[str, object]], str]
PERCALL_SUBJECTS = (RAW_HTTPX, OURS_SYNC, RAW_HTTPX_ASYNC, OURS_ASYNC)


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> QuickRun:
    output = tmp_path_factory.mktemp("bench") / "bench.json"
    done = subprocess.run(
        [sys.executable, "scripts/bench.py", "--quick", "--output-json", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(output.read_text(encoding="utf-8"))
    assert report["profile"] == "quick"
    return report["rows"], done.stdout


def _rows(rows: list[dict[str, object]], section_prefix: str) -> list[dict[str, object]]:
    return [row for row in rows if str(row["section"]).startswith(section_prefix)]


def test_every_per_call_row_is_there_with_a_positive_ratio(quick_run: QuickRun) -> None:
    rows, _ = quick_run
    for operation in OPERATIONS:
        found = {str(row["subject"]): row for row in _rows(rows, operation)}
        for subject in PERCALL_SUBJECTS:
            row = found[subject]
            assert row["status"] == MEASURED, row
            assert isinstance(row["ratio"], float)
            assert math.isfinite(row["ratio"])
            assert row["ratio"] > 0
        # Two peers, measured or reported missing.
        assert len(found) == len(PERCALL_SUBJECTS) + 2
        assert found[RAW_HTTPX]["ratio"] == 1.0


def test_missing_peers_are_reported_not_installed(quick_run: QuickRun) -> None:
    rows, _ = quick_run
    for distribution, label in (
        (peers.JIRA_DIST, peers.jira_label()),
        (peers.ATLASSIAN_DIST, peers.atlassian_label()),
    ):
        peer_rows = [row for row in rows if str(row["subject"]).startswith(label)]
        assert peer_rows, label
        expected = MEASURED if peers.installed_version(distribution) else NOT_INSTALLED
        assert {row["status"] for row in peer_rows} == {expected}


def test_bulk_rows_are_there_and_every_measured_ratio_is_positive(quick_run: QuickRun) -> None:
    rows, _ = quick_run
    sections = {str(row["section"]) for row in rows}
    assert any(section.startswith("bulk, loopback") for section in sections)
    assert any(section.endswith("simulated latency") for section in sections)
    assert any(section.startswith("bulk, fake limited to") for section in sections)
    for row in _rows(rows, "bulk"):
        if row["status"] == MEASURED:
            assert isinstance(row["ratio"], float)
            assert row["ratio"] > 0, row
            assert isinstance(row["value"], float)
            assert row["value"] > 0, row
    tools = [row for row in _rows(rows, "bulk") if str(row["subject"]).startswith("ours, bulk tool")]
    # Loopback, two with latency, two under a fixed-window limit, grouped and shuffled under Jira's limits.
    assert len(tools) == 7
    assert all(row["status"] == MEASURED for row in tools), tools


def test_the_jira_cloud_scenario_reports_both_orders_the_rerun_and_both_peers(quick_run: QuickRun) -> None:
    rows, _ = quick_run
    site = _rows(rows, "bulk, Jira Cloud limits")
    subjects = [str(row["subject"]) for row in site]
    assert subjects[:3] == [
        "ours, bulk tool, defaults, grouped",
        "ours, bulk tool, defaults, shuffled",
        "ours, unchanged re-run (grouped file)",
    ]
    assert len(site) == 5  # and one row per peer, measured or reported missing
    for row in site[:2]:
        assert row["status"] == MEASURED
        extra = row["extra"]
        assert isinstance(extra, dict)
        assert extra["requests"] >= extra["links"]
        assert "x 429" in str(row["note"])
    rerun = site[2]["extra"]
    # An unchanged re-run lists each of the quick profile's 5 issues once and writes nothing.
    assert isinstance(rerun, dict)
    assert rerun["requests"] == 5


def test_memory_suite_and_make_test_rows(quick_run: QuickRun) -> None:
    rows, _ = quick_run
    (memory,) = _rows(rows, "peak memory")
    assert memory["status"] == MEASURED
    assert isinstance(memory["value"], float)
    assert memory["value"] > 0
    (suite,) = _rows(rows, "contract suite")
    assert suite["status"] == SKIPPED
    (make_test,) = _rows(rows, "make test")
    assert make_test["status"] == SKIPPED


def test_the_printed_table_names_every_row(quick_run: QuickRun) -> None:
    rows, stdout = quick_run
    for row in rows:
        # Rich may wrap a long cell over lines; its first word is always on the row's first line.
        assert str(row["subject"]).split()[0] in stdout
    assert "took" in stdout


def test_the_printed_summary_says_what_each_section_took(quick_run: QuickRun) -> None:
    _, stdout = quick_run
    for section in ("per-call cost", "bulk", "bulk against Jira Cloud's limits"):
        assert f"{section}: " in stdout


def test_site_trace_profiles_a_run_second_by_second() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.site_trace", "grouped", "--links", "40", "--issues", "4"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("40 links created in ")
    assert lines[1].split()[:3] == ["second", "POST", "GET"]
    # Every attempt is counted where the site sees it: the 40 POSTs, plus any retried after a 429.
    posts = sum(int(line.split()[1]) for line in lines[2:])
    assert posts >= 40
