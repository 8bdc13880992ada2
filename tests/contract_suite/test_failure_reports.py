"""A failing live run's reports name the broken rule, show the exchange and replay it with curl.

A second fake plays the live site with a distinctive token and a defect (no `Location` on a 201), reached
through the live variables, as a user's CI would reach a real site. The run is the installed command with all
three reports; the curl command the HTML gives is then run against the same still-defective site.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree

import pytest

from fake_jira.config import FakeConfig
from fake_jira.defects import Defect
from fake_jira.server import running_fake
from jira_remote_links_contract.run import SEED
from jira_remote_links_contract.secret import Secret, forms
from tests.contract_suite.live_site import live_environment, run_contract_command

pytestmark = pytest.mark.fake_only

EMAIL = "report-check@example.com"
TOKEN = "tok-REPORTCHECK-5d1e07b9a2c64f38"
FAILING = "test_jira_behaves_as_the_evidence_says[location_on_201]"
SELECTION = [
    f"test_jira_evidence.py::{FAILING}",
    # Passes on the defective site: the one rule that passes.
    "test_jira_evidence.py::test_jira_behaves_as_the_evidence_says[cache_control]",
    # Needs the fake's admin API: skipped on a live target, and so is its rule.
    "test_jira_evidence.py::test_delete_by_global_id_removes_every_match",
]
_REPLAY = re.compile(r"<h4>Replay the last request</h4>.*?<pre>(.*?)</pre>", re.DOTALL)


@dataclass(frozen=True)
class FailingRun:
    completed: subprocess.CompletedProcess[str]
    html: str
    markdown: str
    junit: str
    curl: str
    replayed: subprocess.CompletedProcess[str]
    base_url: str


@pytest.fixture(scope="module")
def failing_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FailingRun]:
    out = tmp_path_factory.mktemp("reports")
    reports = {"html": out / "contract.html", "markdown": out / "contract.md", "junit": out / "contract.xml"}
    config = FakeConfig(email=EMAIL, api_token=TOKEN, defects=frozenset({Defect.NO_LOCATION}))
    with running_fake(config) as site:
        env = live_environment(
            site.base_url, email=EMAIL, api_token=TOKEN, issue="MKY-4", hypothesis_dir=out / "hypothesis"
        )
        flags = [part for kind, path in reports.items() for part in (f"--{kind}", str(path))]
        completed = run_contract_command(*flags, "--", *SELECTION, env=env)
        assert completed.returncode == 1, completed.stdout[-4000:] + completed.stderr[-2000:]
        page = reports["html"].read_text(encoding="utf-8")
        found = _REPLAY.search(page)
        assert found is not None, "the HTML report has no curl replay"
        curl = html.unescape(found.group(1))
        # Only what the command says it needs: the credentials come from these two variables.
        replay_env = {"PATH": os.environ["PATH"], "JIRA_EMAIL": EMAIL, "JIRA_API_TOKEN": TOKEN}
        replayed = subprocess.run(
            ["bash", "-c", curl], env=replay_env, capture_output=True, text=True, timeout=60, check=False
        )
        yield FailingRun(
            completed,
            page,
            reports["markdown"].read_text(encoding="utf-8"),
            reports["junit"].read_text(encoding="utf-8"),
            curl,
            replayed,
            site.base_url,
        )


def test_html_names_the_failing_rule_and_test(failing_run: FailingRun) -> None:
    page = failing_run.html
    assert html.escape(FAILING) in page
    rule_row = re.search(r"<tr><td><code>post-create-location</code></td><td>(.*?)</td>", page)
    assert rule_row is not None, "the rules table has no row for post-create-location"
    assert "failed" in rule_row.group(1)
    failure = page[page.index('<section class="failure">') :]
    assert "<code>post-create-location</code>" in failure, "the failure does not say which rule it broke"
    assert "Location" in failure, "the failure's assertion text is missing"


def test_html_is_one_self_contained_page_with_header_coverage_and_outcomes(failing_run: FailingRun) -> None:
    page = failing_run.html
    assert page.startswith("<!DOCTYPE html>")
    # Opened from a CI artifact store, offline: nothing to fetch and nothing to run.
    assert not re.search(r"<script|<link|\ssrc=|\shref=|@import", page, re.IGNORECASE)
    assert html.escape(f"live site {failing_run.base_url} (issue MKY-4)") in page
    assert f"CONTRACT_SEED={SEED}" in page
    assert f"--seed {SEED}" in page
    assert "documented responses exercised:" in page
    assert "<code>createOrUpdateRemoteIssueLink</code>" in page
    outcomes = dict(
        re.findall(r"<tr><td>test_jira_evidence\.py::([^<]+)</td><td><span class=\"(\w+)\"", page)
    )
    assert outcomes == {
        html.escape(FAILING): "failed",
        "test_jira_behaves_as_the_evidence_says[cache_control]": "passed",
        "test_delete_by_global_id_removes_every_match": "skipped",
    }


def test_html_shows_the_request_and_the_defective_answer(failing_run: FailingRun) -> None:
    failure = failing_run.html[failing_run.html.index('<section class="failure">') :]
    exchange = html.unescape(re.findall(r"<pre>(&gt; POST .*?)</pre>", failure, re.DOTALL)[-1])
    assert exchange.startswith(f"> POST {failing_run.base_url}/rest/api/2/issue/MKY-4/remotelink")
    assert "> authorization: <redacted>" in exchange
    assert '"globalId"' in exchange, "the request body is missing"
    received = [line for line in exchange.splitlines() if line.startswith("<")]
    assert received[0] == "< 201"
    assert any('"self"' in line for line in received), "the response body is missing"
    assert not any(line.lower().startswith("< location:") for line in received)


def test_curl_replay_reaches_the_same_defective_answer(failing_run: FailingRun) -> None:
    assert failing_run.curl.startswith('curl -sS -i -X POST -u "$JIRA_EMAIL:$JIRA_API_TOKEN" ')
    assert "--data-raw" in failing_run.curl
    replayed = failing_run.replayed
    assert replayed.returncode == 0, replayed.stderr
    head, _, body = replayed.stdout.replace("\r\n", "\n").partition("\n\n")
    assert head.splitlines()[0].split()[1] == "201", replayed.stdout
    assert not any(line.lower().startswith("location:") for line in head.splitlines()), head
    assert '"self"' in body


def test_no_report_holds_the_token(failing_run: FailingRun) -> None:
    outputs = {
        "stdout": failing_run.completed.stdout,
        "stderr": failing_run.completed.stderr,
        "html": failing_run.html,
        "markdown": failing_run.markdown,
        "junit": failing_run.junit,
        "curl": failing_run.curl,
    }
    leaks = [where for where, text in outputs.items() for form in forms(EMAIL, Secret(TOKEN)) if form in text]
    assert not leaks, f"the token appears in: {leaks}"


def test_conformance_figure_counts_the_failed_rule(failing_run: FailingRun) -> None:
    figure = "rules passed: 1 of 2 checkable against this target"
    assert figure in failing_run.completed.stdout
    assert figure in failing_run.markdown
    assert f'<property name="contract_conformance" value="{figure}"' in failing_run.junit
    assert html.escape(figure) in failing_run.html
    assert "| `post-create-location` | failed |" in failing_run.markdown
    assert "| `never-cache` | passed |" in failing_run.markdown


def test_fake_only_rule_is_skipped_with_its_reason_on_a_live_target(failing_run: FailingRun) -> None:
    reason = "fake-only: needs the built-in fake's admin API"
    assert f"delete-global-id-removes-all: {reason}" in failing_run.completed.stdout
    row = next(line for line in failing_run.markdown.splitlines() if "`delete-global-id-removes-all`" in line)
    assert "| skipped |" in row
    assert reason in row
    assert html.escape(reason) in failing_run.html


def test_junit_names_the_rules_of_each_case(failing_run: FailingRun) -> None:
    cases = {
        case.get("name"): {prop.get("name"): prop.get("value") for prop in case.iter("property")}
        for case in ElementTree.fromstring(failing_run.junit).iter("testcase")
    }
    assert cases[FAILING].get("contract_rules") == "post-create-location", cases


def test_markdown_gives_the_failure_curl_command(failing_run: FailingRun) -> None:
    assert f"```sh\n{failing_run.curl}\n```" in failing_run.markdown
