"""Live mode works unchanged against a plain `http://127.0.0.1:PORT` URL.

A second fake plays the live site. A selection of the suite runs against it in a subprocess, configured
only through the live variables: it must pass, skip the fake-only tests, and leave no link of its run
behind on the throw-away issue.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest

from fake_jira.config import FakeConfig
from fake_jira.server import running_fake
from jira_remote_links_contract.target import FAKE_API_TOKEN, FAKE_EMAIL
from tests.contract_suite.live_site import live_environment, run_contract_command

LIVE_ISSUE = "MKY-7"
# Enough to show each kind of test works live: properties, the model, errors, jobs, schemathesis, and a
# fake-only test that must be skipped.
SELECTION = [
    "test_link_properties.py::test_created_link_reads_back_by_id_by_global_id_and_in_the_list",
    "test_link_properties.py::test_global_id_round_trips_through_query_and_body",
    "test_link_properties.py::test_client_never_sends_null_for_unset_fields",
    "test_link_machine.py",
    "test_errors.py::test_unknown_link_answers_404",
    "test_jobs.py::test_scheduled_job_reaches_a_terminal_status",
    "test_schemathesis.py::test_stateful_phase_follows_the_spec_links",
]


@pytest.mark.fake_only
def test_suite_passes_in_live_mode_against_a_local_server(tmp_path: Path) -> None:
    report = tmp_path / "live.xml"
    with running_fake(FakeConfig()) as site:
        env = {
            **live_environment(
                site.base_url,
                email=FAKE_EMAIL,
                api_token=FAKE_API_TOKEN,
                issue=LIVE_ISSUE,
                hypothesis_dir=tmp_path / "hypothesis",
            ),
            "ATLASSIAN_SITE_ID": "live-mode-site",
            "CONTRACT_ALLOW_JOBS": "1",
        }
        completed = run_contract_command(
            "--",
            *SELECTION,
            "-q",
            f"--junitxml={report}",
            env=env,
            timeout=240,
        )
        output = completed.stdout[-6000:] + completed.stderr[-2000:]
        assert completed.returncode == 0, f"live-mode run failed:\n{output}"
        with httpx.Client(base_url=site.base_url, auth=(FAKE_EMAIL, FAKE_API_TOKEN)) as http:
            left = http.get(f"/rest/api/2/issue/{LIVE_ISSUE}/remotelink").json()
    assert left == [], f"the live-mode run left links behind: {left!r}"
    assert f"live site {site.base_url}" in completed.stdout, "the run did not say it ran live"

    outcomes = {
        str(case.get("name")): "skipped" if case.find("skipped") is not None else "ran"
        for case in ET.parse(report).getroot().iter("testcase")
    }
    assert outcomes.get("test_client_never_sends_null_for_unset_fields") == "skipped", outcomes
    ran = {name for name, outcome in outcomes.items() if outcome == "ran"}
    assert {
        "test_created_link_reads_back_by_id_by_global_id_and_in_the_list",
        "test_global_id_round_trips_through_query_and_body",
        "test_link_operations_agree_with_the_model_after_every_step",
        "test_unknown_link_answers_404",
        "test_scheduled_job_reaches_a_terminal_status",
        "test_stateful_phase_follows_the_spec_links",
    } <= ran, outcomes
