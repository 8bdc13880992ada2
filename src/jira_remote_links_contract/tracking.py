"""Follows a run test by test for the reports: which rules each test checks, how it ended, and, for each
failure, its last HTTP exchanges. The conftest's hooks call in here and stay thin.
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from jira_remote_links_contract.coverage import Coverage
from jira_remote_links_contract.exchanges import EXCHANGES
from jira_remote_links_contract.rule_outcomes import RecordedTest, RuleOutcome, judge_all
from jira_remote_links_contract.rules import MARKER, RULES, unknown_rule_ids
from jira_remote_links_contract.run_report import Failure, RunReport, failure_section
from jira_remote_links_contract.summary import Outcome

_RECORD = pytest.StashKey[RecordedTest]()
SECTION = "contract exchanges"


def rules_of(item: pytest.Item) -> tuple[str, ...]:
    ids: list[str] = []
    for marker in item.iter_markers(MARKER):
        ids += [str(arg) for arg in marker.args]
    return tuple(dict.fromkeys(ids))


def _skip_reason(report: pytest.TestReport) -> str:
    if isinstance(report.longrepr, tuple):
        return str(report.longrepr[2]).removeprefix("Skipped: ")
    return report.longreprtext


class RunTracker:
    def __init__(self) -> None:
        self.records: list[RecordedTest] = []
        self.failures: list[Failure] = []

    def collected(self, items: Iterable[pytest.Item]) -> None:
        """One record per test; a rule id the table does not know is a mistake in the suite, refused at once."""
        for item in items:
            rules = rules_of(item)
            unknown = unknown_rule_ids(rules)
            if unknown:
                raise pytest.UsageError(f"{item.nodeid}: unknown contract rule {', '.join(unknown)}")
            record = RecordedTest(f"{item.nodeid.split('::')[0]}::{item.name}", rules)
            item.stash[_RECORD] = record
            self.records.append(record)

    def deselected(self, items: Iterable[pytest.Item]) -> None:
        for item in items:
            record = item.stash.get(_RECORD, None)
            if record is not None:
                record.selected = False

    def test_started(self) -> None:
        EXCHANGES.clear()

    def reported(self, item: pytest.Item, report: pytest.TestReport, name: str) -> None:
        """Folds a report into the test's record; a failure gets its exchanges, shown under it by pytest too."""
        record = item.stash.get(_RECORD, None)
        if record is not None:
            record.update(report.when, report.outcome, _skip_reason(report) if report.skipped else "")
            if report.when == "setup" and record.rules:
                # JUnit shows each test case's properties (the item's, copied into its teardown report), so a
                # CI viewer can tell which rules a case checks.
                item.user_properties.append(("contract_rules", " ".join(record.rules)))
        if not report.failed:
            return
        failure = Failure(name, record.rules if record else (), report.longreprtext, EXCHANGES.snapshot())
        self.failures.append(failure)
        report.sections.append((SECTION, failure_section(failure)))

    def rule_outcomes(self, *, live: bool, jobs_allowed: bool) -> list[RuleOutcome]:
        return judge_all(RULES, self.records, live=live, jobs_allowed=jobs_allowed)

    def run_report(
        self,
        *,
        target: str,
        profile: str,
        seed: int,
        summary_text: str,
        outcomes: Iterable[Outcome],
        coverage: Coverage,
        live: bool,
        jobs_allowed: bool,
    ) -> RunReport:
        return RunReport(
            target=target,
            profile=profile,
            seed=seed,
            summary_text=summary_text,
            outcomes=tuple(outcomes),
            rules=tuple(self.rule_outcomes(live=live, jobs_allowed=jobs_allowed)),
            failures=tuple(self.failures),
            coverage=coverage,
        )


# One per run, like the coverage table.
TRACKER = RunTracker()
