"""Target selection, profiles, seeds, cleanup and the run summary for the contract suite.

The target is the built-in fake on a free loopback port unless the live variables are set (see
`jira_remote_links_contract.target`). Every link a run writes carries its run tag, and a session finalizer deletes all
of them even when tests fail.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Mapping
from pathlib import Path

import hypothesis.core
import pytest

# The JUnit writer's stash key; pytest offers no public way to its global properties.
from _pytest.junitxml import xml_key as junit_xml_key

from fake_jira.config import FakeConfig
from fake_jira.server import running_fake
from jira_remote_links_client import Client
from jira_remote_links_contract.coverage import COVERAGE, RECORDING
from jira_remote_links_contract.fake_admin import FakeAdmin
from jira_remote_links_contract.html_report import render_html
from jira_remote_links_contract.links import Links, make_client, sweep_run_links
from jira_remote_links_contract.profiles import Budget
from jira_remote_links_contract.rule_outcomes import figure as rules_figure
from jira_remote_links_contract.rule_outcomes import render_text as render_rules
from jira_remote_links_contract.run import (
    BUDGET,
    CONFIGURATION_ERROR,
    IGNORED_LIVE_VARIABLES,
    IS_LIVE,
    PROFILE,
    SEED,
    fake_target_at,
    planned_target,
)
from jira_remote_links_contract.run_report import render_markdown, scrubbed
from jira_remote_links_contract.schemathesis_setup import record_coverage
from jira_remote_links_contract.suite_problems import flaky_definition_in, suite_problem_message
from jira_remote_links_contract.summary import Outcome, examples_from_statistics, render
from jira_remote_links_contract.target import Target
from jira_remote_links_contract.tracking import TRACKER

SUITE_DIR = Path(__file__).resolve().parent
# Hypothesis' pytest plugin leaves each test's statistics text on its report under this key.
_HYPOTHESIS_STATS = "_hypothesis_stats"
# ... and adds it to the JUnit report, base64-encoded, as a global property named with this prefix.
_HYPOTHESIS_BLOB = "hypothesis-statistics-"
# Set on each report by pytest_runtest_makereport: whether it belongs to a contract test.
_CONTRACT_ITEM = "_contract_item"
_outcomes: dict[str, Outcome] = {}
# What the run really talked to; the fake's port is known only once it runs.
_target_description: list[str] = []


def _is_contract_item(path: Path, keywords: Mapping[str, object]) -> bool:
    """A test of the suite: in its folder, or marked `contract` (tests of the suite's reporting)."""
    return SUITE_DIR in path.resolve().parents or "contract" in keywords


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--contract-html",
        metavar="PATH",
        default=None,
        help="write a self-contained HTML report: coverage, rules, and each failure with a curl replay",
    )
    parser.addoption(
        "--contract-markdown",
        metavar="PATH",
        default=None,
        help="write the contract run summary and coverage table as Markdown (e.g. for a CI job summary)",
    )


def pytest_configure(config: pytest.Config) -> None:
    if CONFIGURATION_ERROR is not None:
        raise pytest.UsageError(f"contract suite: {CONFIGURATION_ERROR}")
    record_coverage()
    config.addinivalue_line(
        "markers", "fake_only: needs the built-in fake's admin API; skipped on live targets"
    )
    config.addinivalue_line(
        "markers", "rule(*ids): the rules of jira_remote_links_contract.rules this test checks"
    )
    # One printed seed replays the whole run (CONTRACT_SEED), the same mechanism as `--hypothesis-seed`,
    # which wins when given.
    if config.getoption("hypothesis_seed", default=None) is None:
        hypothesis.core.global_force_seed = SEED  # type: ignore[assignment]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    TRACKER.collected(item for item in items if _is_contract_item(Path(str(item.path)), item.keywords))
    if not IS_LIVE:
        return
    skip = pytest.mark.skip(reason="needs the built-in fake's admin API")
    for item in items:
        if item.get_closest_marker("fake_only") is not None:
            item.add_marker(skip)


def pytest_deselected(items: list[pytest.Item]) -> None:
    TRACKER.deselected(items)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    TRACKER.test_started()


def pytest_report_header(config: pytest.Config) -> list[str]:
    # The fake's port is chosen when it starts, after this header; the summary names its address.
    planned = planned_target().describe() if IS_LIVE else "the built-in fake, on a free loopback port"
    lines = [
        f"contract suite: target {planned}, profile {PROFILE}, seed {SEED} (replay: CONTRACT_SEED={SEED})"
    ]
    if IGNORED_LIVE_VARIABLES:
        lines.append(
            f"contract suite: {', '.join(IGNORED_LIVE_VARIABLES)} set but ignored; "
            "CONTRACT_TARGET=live (or `make contract`) runs against the live site"
        )
    return lines


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    # The mutation hunts talk to a deliberately broken fake; what it answers is not the target's coverage.
    hunting = Path(str(item.path)).name == "test_mutations.py"
    if hunting:
        RECORDING.clear()
    try:
        return (yield)
    finally:
        RECORDING.set()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if item.name not in report.nodeid.rsplit("::", 1)[-1]:
        # Schemathesis gives all its items one node id; JUnit and the console name them by operation instead.
        report.nodeid = f"{report.nodeid.rsplit('::', 1)[0]}::{item.name}"
    contract_item = _is_contract_item(Path(str(item.path)), item.keywords)
    # The report's own path is relative to the root directory, which the command puts in the installed package.
    report.__dict__[_CONTRACT_ITEM] = contract_item
    flaky = call.excinfo is not None and flaky_definition_in(call.excinfo.value) is not None
    if flaky and report.failed and contract_item:
        report.longrepr = f"{suite_problem_message(SEED, PROFILE)}\n\n{report.longreprtext}"
    if contract_item:
        TRACKER.reported(item, report, _outcome_name(report))
    return report


def _outcome_name(report: pytest.TestReport) -> str:
    # Schemathesis' items share one node id per test function; the head line names the operation.
    return f"{report.nodeid.split('::')[0]}::{report.head_line or report.nodeid}"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if not report.__dict__.get(_CONTRACT_ITEM, False):
        return
    stats = report.__dict__.get(_HYPOTHESIS_STATS)
    examples = examples_from_statistics(stats) if isinstance(stats, str) else None
    if examples is not None:
        # Readable in JUnit, in place of Hypothesis' base64 statistics (see pytest_sessionfinish).
        report.user_properties.append(("hypothesis_examples", examples))
    name = _outcome_name(report)
    previous = _outcomes.get(name)
    outcome: str = report.outcome
    if report.when != "call" and report.failed:
        outcome = "error"
    elif report.when != "call" and not report.skipped:
        # Setup and teardown that pass say nothing new, unless they carry the statistics.
        if previous is not None and examples is not None:
            _outcomes[name] = Outcome(
                previous.nodeid, previous.outcome, previous.seconds, examples, previous.detail
            )
        return
    seconds = report.duration + (previous.seconds if previous else 0.0)
    if previous is not None and previous.outcome in {"failed", "error"}:
        return
    _outcomes[name] = Outcome(name, outcome, seconds, examples, report.longreprtext)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """Before the JUnit report is written: drop Hypothesis' base64 statistics blobs, one global property per
    test, which no CI viewer can read (the example counts are on each test case instead), and add the run's
    conformance figure."""
    xml = session.config.stash.get(junit_xml_key, None)
    if xml is not None:
        xml.global_properties[:] = [
            (name, value) for name, value in xml.global_properties if not name.startswith(_HYPOTHESIS_BLOB)
        ]
        if _outcomes:
            outcomes = TRACKER.rule_outcomes(live=IS_LIVE, jobs_allowed=_jobs_allowed())
            xml.add_global_property("contract_conformance", rules_figure(outcomes))


def _jobs_allowed() -> bool:
    planned = planned_target()
    return planned.allow_jobs and planned.site_id is not None


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _outcomes:
        return
    described = _target_description[0] if _target_description else planned_target().describe()
    text = render(described, PROFILE, SEED, list(_outcomes.values()))
    planned = planned_target()
    report = TRACKER.run_report(
        target=described,
        profile=PROFILE,
        seed=SEED,
        summary_text=text,
        outcomes=_outcomes.values(),
        coverage=COVERAGE,
        live=IS_LIVE,
        jobs_allowed=_jobs_allowed(),
    )
    for title, body in (
        ("contract run summary", text),
        ("contract rules", render_rules(list(report.rules))),
        ("contract coverage", COVERAGE.render_text()),
    ):
        terminalreporter.write_sep("=", title)
        for line in body.splitlines():
            terminalreporter.write_line(line)
    config = terminalreporter.config
    for option, render_file in (("contract_markdown", render_markdown), ("contract_html", render_html)):
        path = config.getoption(option, default=None)
        if path:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            Path(path).write_text(scrubbed(render_file(report), planned.secret_forms()), encoding="utf-8")


@pytest.fixture(scope="session")
def budget() -> Budget:
    return BUDGET


@pytest.fixture(scope="session")
def target(record_testsuite_property: Callable[[str, object], None]) -> Iterator[Target]:
    if IS_LIVE:
        yield from _with_cleanup(planned_target(), record_testsuite_property)
        return
    with running_fake(FakeConfig()) as fake:
        yield from _with_cleanup(fake_target_at(fake.base_url), record_testsuite_property)


def _with_cleanup(chosen: Target, record: Callable[[str, object], None]) -> Iterator[Target]:
    _target_description[:] = [chosen.describe()]
    record("contract_target", chosen.describe())
    record("contract_profile", PROFILE)
    record("contract_seed", str(SEED))
    record("contract_run_tag", chosen.run_tag)
    try:
        yield chosen
    finally:
        with make_client(chosen) as client:
            for issue in chosen.issue_keys:
                sweep_run_links(client, issue, chosen)


@pytest.fixture(scope="session")
def client(target: Target) -> Iterator[Client]:
    with make_client(target) as open_client:
        yield open_client


@pytest.fixture(scope="session")
def admin_session(target: Target) -> Iterator[FakeAdmin | None]:
    if not target.is_fake:
        yield None
        return
    admin = FakeAdmin(target.base_url)
    try:
        yield admin
    finally:
        admin.close()


@pytest.fixture
def admin(admin_session: FakeAdmin | None) -> Iterator[FakeAdmin]:
    """The fake's admin API, for tests marked `fake_only`. The fake is reset before and after, so defects
    and settings a test switches on never leak into the next test."""
    if admin_session is None:
        pytest.skip("needs the built-in fake's admin API")
    admin_session.reset()
    try:
        yield admin_session
    finally:
        admin_session.reset()


@pytest.fixture
def links(client: Client, target: Target) -> Iterator[Links]:
    """The primary issue's links; whatever a test creates through it is deleted afterwards."""
    helper = Links(client, target.primary_issue)
    try:
        yield helper
    finally:
        helper.discard_created()
