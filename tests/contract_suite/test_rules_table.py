"""The rules table is true to the evidence file and to the suite: every quoted row exists, every marker names a
rule of the table, every rule is checked by some test, and a run's figure counts what could run."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from jira_remote_links_contract.evidence_checks import CHECKS
from jira_remote_links_contract.rule_outcomes import (
    DESELECTED,
    RecordedTest,
    Verdict,
    figure,
    judge,
    judge_all,
    render_markdown,
    render_text,
)
from jira_remote_links_contract.rules import NOT_CHECKED, RULES, RULES_BY_ID, Needs, Rule
from tests.contract_suite.rule_markers_plugin import OUTPUT_VARIABLE

ROOT = Path(__file__).resolve().parents[2]
# The steering folder keeps the evidence beside the repositories; a bare clone has no copy of it.
EVIDENCE = ROOT.parent / "shared" / "reference" / "jira-behaviour-evidence.md"


def evidence_cases(section: str) -> list[str]:
    """The case column of each table row of a section, or the text of each bullet or paragraph, whitespace
    folded."""
    text = EVIDENCE.read_text(encoding="utf-8")
    heading = f"\n## {section}\n"
    assert heading in text, f"the evidence file has no section {section!r}"
    body = text.split(heading, 1)[1].split("\n## ", 1)[0]
    cases = [line.split("|")[1].strip() for line in body.splitlines() if line.startswith("|")]
    bullets = re.split(r"\n- ", "\n" + body)[1:]
    # A section without table or list (REST v3) states its case in a paragraph.
    paragraphs = [] if cases or bullets else body.split("\n\n")
    return cases + [" ".join(block.split()) for block in [*bullets, *paragraphs]]


@pytest.mark.skipif(not EVIDENCE.is_file(), reason=f"the evidence file is not at {EVIDENCE}")
@pytest.mark.parametrize("row", [*RULES, *NOT_CHECKED], ids=lambda row: f"{row.section}: {row.case}")
def test_every_quoted_row_is_in_the_evidence_file(row: object) -> None:
    section, case = getattr(row, "section"), getattr(row, "case")  # noqa: B009 - Rule and UncheckedRow alike
    assert any(case in found for found in evidence_cases(section)), (
        f"no row of {section!r} reads {case!r} in its case column"
    )


def test_rule_ids_are_unique_and_short() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule_id) and len(rule_id) <= 40 for rule_id in ids)


def test_every_evidence_check_names_its_rules() -> None:
    from jira_remote_links_contract.test_jira_evidence import CHECK_RULES  # noqa: PLC0415

    assert set(CHECK_RULES) == set(CHECKS)
    assert all(rules for rules in CHECK_RULES.values())


def test_markers_name_known_rules_and_every_rule_has_a_test(tmp_path: Path) -> None:
    out = tmp_path / "markers.json"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "jira_remote_links_contract",
            "--",
            "--collect-only",
            "-q",
            "-p",
            "tests.contract_suite.rule_markers_plugin",
        ],
        cwd=ROOT,
        env={**os.environ, "CONTRACT_TARGET": "fake", "CONTRACT_PROFILE": "quick", OUTPUT_VARIABLE: str(out)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # The conftest refuses an unknown rule id at collection (a usage error), so a clean collection says a lot.
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    markers: dict[str, list[str]] = json.loads(out.read_text(encoding="utf-8"))
    used = {rule_id for rules in markers.values() for rule_id in rules}
    assert used <= set(RULES_BY_ID), f"markers name unknown rules: {used - set(RULES_BY_ID)}"
    assert not set(RULES_BY_ID) - used, f"rules no test checks: {set(RULES_BY_ID) - used}"


def test_every_fake_only_rule_is_checked_only_by_fake_only_tests() -> None:
    # A rule marked fake-only that some test could check on a live site would be under-reported there.
    from jira_remote_links_contract import test_errors, test_jira_evidence, test_jobs, test_typed_errors  # noqa: PLC0415

    for module in (test_errors, test_jira_evidence, test_jobs, test_typed_errors):
        for name, function in vars(module).items():
            marks = getattr(function, "pytestmark", [])
            rules = {rule_id for mark in marks if mark.name == "rule" for rule_id in mark.args}
            fake_only = any(mark.name == "fake_only" for mark in marks)
            for rule_id in rules:
                if RULES_BY_ID[rule_id].needs is Needs.FAKE:
                    assert fake_only, f"{name} checks fake-only rule {rule_id} but is not fake_only"


RULE = Rule("some-rule", "section", "case", "statement")
FAKE_RULE = Rule("fake-rule", "section", "case", "statement", Needs.FAKE)


def record(outcome: str | None, *, rules: tuple[str, ...] = ("some-rule",), reason: str = "") -> RecordedTest:
    found = RecordedTest(f"test_{outcome}", rules)
    if outcome is not None:
        found.update("call" if outcome != "skipped" else "setup", outcome, reason)
    return found


def test_a_rule_fails_when_any_of_its_tests_fails() -> None:
    outcome = judge(RULE, [record("passed"), record("failed")], live=False, jobs_allowed=True)
    assert outcome.verdict is Verdict.FAILED
    assert "test_failed" in outcome.reason


def test_a_rule_passes_only_when_its_tests_ran_to_the_end() -> None:
    assert judge(RULE, [record("passed"), record("skipped")], live=False, jobs_allowed=True).verdict is (
        Verdict.PASSED
    )
    assert judge(RULE, [record("passed"), record(None)], live=False, jobs_allowed=True).verdict is (
        Verdict.NOT_REACHED
    )


def test_a_failure_in_teardown_is_not_undone_by_a_passing_call() -> None:
    found = RecordedTest("t", ("some-rule",))
    found.update("setup", "passed")
    found.update("call", "passed")
    found.update("teardown", "failed")
    assert found.outcome == "failed"


def test_skips_say_why() -> None:
    fake_only = judge(FAKE_RULE, [record("skipped", rules=("fake-rule",))], live=True, jobs_allowed=False)
    assert fake_only.verdict is Verdict.SKIPPED
    assert fake_only.reason.startswith("fake-only")
    other = judge(RULE, [record("skipped", reason="needs a second issue")], live=True, jobs_allowed=False)
    assert other.reason == "needs a second issue"
    deselected_record = record(None)
    deselected_record.selected = False
    assert judge(RULE, [deselected_record], live=False, jobs_allowed=True).reason == DESELECTED
    assert judge(RULE, [], live=False, jobs_allowed=True).reason == DESELECTED


def test_the_figure_counts_only_checkable_rules() -> None:
    rules = [RULE, FAKE_RULE, Rule("third", "s", "c", "t"), Rule("fourth", "s", "c", "t")]
    records = [
        record("passed"),
        record("skipped", rules=("fake-rule",)),
        record("failed", rules=("third",)),
        record(None, rules=("fourth",)),
    ]
    outcomes = judge_all(rules, records, live=True, jobs_allowed=False)
    assert figure(outcomes) == "rules passed: 1 of 3 checkable against this target"
    text = render_text(outcomes)
    assert "fake-rule: fake-only" in text
    assert "fourth: did not run to the end" in text
    assert "| `third` | failed |" in render_markdown(outcomes)
