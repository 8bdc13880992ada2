"""What a run found out about each rule: passed, failed, skipped (and why) or not reached.

The conftest keeps one `RecordedTest` per collected test of the suite, with the rules its `rule` marker names,
and updates it from pytest's reports. At the end every rule of `jira_remote_links_contract.rules` is judged
from the records of its tests, and the run gets one conformance figure: rules passed out of the rules that
could be checked against this target.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from jira_remote_links_contract.rules import NOT_CHECKED, Needs, Rule


@dataclass
class RecordedTest:
    """One test of the suite, the rules it checks, and how it ended so far."""

    name: str
    rules: tuple[str, ...]
    selected: bool = True
    outcome: str | None = None  # passed, failed or skipped, once pytest has said so
    skip_reason: str = ""

    def update(self, when: str, outcome: str, skip_reason: str = "") -> None:
        """Folds in one report; a failure in any phase (setup, call, teardown) is the test's failure."""
        if self.outcome == "failed":
            return
        if outcome == "failed":
            self.outcome = "failed"
        elif outcome == "skipped":
            self.outcome, self.skip_reason = "skipped", skip_reason
        elif when == "call" and outcome == "passed":
            self.outcome = "passed"


class Verdict(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"
    NOT_REACHED = "not reached"


@dataclass(frozen=True)
class RuleOutcome:
    rule: Rule
    verdict: Verdict
    # Why a rule was skipped or not reached; for a failed rule, which tests failed.
    reason: str
    tests: tuple[str, ...]

    @property
    def checkable(self) -> bool:
        """Some test of the rule ran, or was due to run, against this target."""
        return self.verdict is not Verdict.SKIPPED


DESELECTED = "deselected: no test of it is in this run's selection"


def _unmet_need(rule: Rule, *, live: bool, jobs_allowed: bool) -> str | None:
    if rule.needs is Needs.FAKE and live:
        return "fake-only: needs the built-in fake's admin API, which a live target does not have"
    if rule.needs is Needs.JOBS and not jobs_allowed:
        return (
            "jobs not allowed: scheduling jobs changes the site (CONTRACT_ALLOW_JOBS=1 and ATLASSIAN_SITE_ID)"
        )
    return None


def judge(rule: Rule, records: Iterable[RecordedTest], *, live: bool, jobs_allowed: bool) -> RuleOutcome:
    mine = [record for record in records if rule.id in record.rules and record.selected]
    names = tuple(record.name for record in mine)
    if not mine:
        return RuleOutcome(rule, Verdict.SKIPPED, DESELECTED, names)
    failed = [record.name for record in mine if record.outcome == "failed"]
    if failed:
        return RuleOutcome(rule, Verdict.FAILED, f"failed in {', '.join(failed)}", names)
    unfinished = [record.name for record in mine if record.outcome is None]
    if unfinished:
        # A rule is passed only when every test of it that could run did; an interrupted run says so.
        return RuleOutcome(
            rule, Verdict.NOT_REACHED, f"did not run to the end: {', '.join(unfinished)}", names
        )
    if any(record.outcome == "passed" for record in mine):
        return RuleOutcome(rule, Verdict.PASSED, "", names)
    reasons = list(dict.fromkeys(record.skip_reason or "skipped" for record in mine))
    unmet = _unmet_need(rule, live=live, jobs_allowed=jobs_allowed)
    return RuleOutcome(rule, Verdict.SKIPPED, unmet or "; ".join(reasons), names)


def judge_all(
    rules: Iterable[Rule], records: list[RecordedTest], *, live: bool, jobs_allowed: bool
) -> list[RuleOutcome]:
    return [judge(rule, records, live=live, jobs_allowed=jobs_allowed) for rule in rules]


def figure(outcomes: list[RuleOutcome]) -> str:
    checkable = [outcome for outcome in outcomes if outcome.checkable]
    passed = sum(1 for outcome in checkable if outcome.verdict is Verdict.PASSED)
    return f"rules passed: {passed} of {len(checkable)} checkable against this target"


def render_text(outcomes: list[RuleOutcome]) -> str:
    """The figure, then every rule that did not pass; rules that share a reason share a line, so a run of a
    few tests does not list every deselected rule on a line of its own."""
    lines = [figure(outcomes)]
    for verdict in (Verdict.FAILED, Verdict.NOT_REACHED, Verdict.SKIPPED):
        by_reason: dict[str, list[str]] = {}
        for outcome in outcomes:
            if outcome.verdict is verdict:
                by_reason.setdefault(outcome.reason, []).append(outcome.rule.id)
        if by_reason:
            lines.append(f"  {verdict}:")
            lines += [f"    {', '.join(ids)}: {reason}" for reason, ids in by_reason.items()]
    lines.append(f"  evidence rows not checked by this suite: {len(NOT_CHECKED)} (listed in the reports)")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(outcomes: list[RuleOutcome]) -> str:
    lines = [
        f"**{figure(outcomes)}**",
        "",
        "| Rule | Outcome | What it says | Evidence row | Tests or reason |",
        "|---|---|---|---|---|",
    ]
    for outcome in outcomes:
        rule = outcome.rule
        detail = outcome.reason if outcome.verdict is not Verdict.PASSED else ", ".join(outcome.tests)
        lines.append(
            f"| `{rule.id}` | {outcome.verdict} | {_cell(rule.statement)} | "
            f"{_cell(rule.section)}: {_cell(rule.case)} | {_cell(detail)} |"
        )
    lines += ["", "Evidence rows not checked by this suite:", "", "| Evidence row | Why not |", "|---|---|"]
    lines += [f"| {_cell(row.section)}: {_cell(row.case)} | {_cell(row.reason)} |" for row in NOT_CHECKED]
    return "\n".join(lines)
