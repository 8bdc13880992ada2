"""`make test` is offline whatever the environment; a contract run goes live only when asked to.

Users export the live variables for the tools. Neither those variables alone nor an exported
`CONTRACT_TARGET=live` may turn `make test` into a run against their Jira site.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from fake_jira.config import FakeConfig
from fake_jira.server import running_fake
from jira_remote_links_contract.target import (
    LIVE_VARIABLES,
    TargetConfigurationError,
    ignored_live_variables,
    target_kind,
)

ROOT = Path(__file__).resolve().parents[2]
EMAIL = "offline-check@example.com"
TOKEN = "offline-check-token"


def live_environment(base_url: str) -> dict[str, str]:
    return {
        "JIRA_BASE_URL": base_url,
        "JIRA_EMAIL": EMAIL,
        "JIRA_API_TOKEN": TOKEN,
        "JIRA_TEST_ISSUE": "MKY-2",
        "LINKS_API_BASE_URL": base_url,
        "ATLASSIAN_SITE_ID": "offline-check-site",
        "CONTRACT_ALLOW_JOBS": "1",
    }


def test_target_kind_is_fake_unless_live_is_asked_for() -> None:
    everything = live_environment("https://example.atlassian.net")
    assert target_kind({}) == "fake"
    assert target_kind(everything) == "fake"
    assert target_kind({**everything, "CONTRACT_TARGET": "live"}) == "live"
    assert ignored_live_variables(everything) == list(LIVE_VARIABLES)
    assert ignored_live_variables({**everything, "CONTRACT_TARGET": "live"}) == []
    with pytest.raises(
        TargetConfigurationError, match="CONTRACT_TARGET must be one of fake, live, got 'yes'"
    ):
        target_kind({"CONTRACT_TARGET": "yes"})


@pytest.mark.fake_only
def test_live_variables_alone_keep_the_suite_on_the_built_in_fake(tmp_path: Path) -> None:
    with running_fake(FakeConfig(email=EMAIL, api_token=TOKEN)) as site:
        env = {**os.environ, **live_environment(site.base_url)}
        env.pop("CONTRACT_TARGET", None)
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "src/jira_remote_links_contract/test_errors.py::test_unknown_link_answers_404",
                "-p",
                "no:cacheprovider",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        reached = site.requests()
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-1000:]
    assert "target : built-in fake at" in completed.stdout, completed.stdout[-3000:]
    assert "set but ignored" in completed.stdout, completed.stdout[-3000:]
    assert reached == [], f"the run sent {len(reached)} requests to the site in JIRA_BASE_URL"


def test_make_test_runs_pytest_without_the_live_variables() -> None:
    """The command `make test` runs, with the live variables and CONTRACT_TARGET=live exported, is run with
    `python -c` in place of pytest, which reports the environment pytest would have seen."""
    exported = {
        **os.environ,
        **live_environment("https://example.atlassian.net"),
        "CONTRACT_TARGET": "live",
    }
    planned = subprocess.run(
        ["make", "--no-print-directory", "-n", "test"],
        cwd=ROOT,
        env=exported,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout.splitlines()
    pytest_lines = [line for line in planned if line.split() and line.split()[-1].endswith("/pytest")]
    assert len(pytest_lines) == 1, planned
    words = shlex.split(pytest_lines[0])
    report_environment = [sys.executable, "-c", "import json, os; print(json.dumps(dict(os.environ)))"]
    seen = subprocess.run(
        [*words[:-1], *report_environment],
        cwd=ROOT,
        env=exported,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    environment = json.loads(seen)
    assert environment.get("CONTRACT_TARGET") == "fake"
    left = [
        name for name in [*LIVE_VARIABLES, "LINKS_API_BASE_URL", "ATLASSIAN_SITE_ID"] if name in environment
    ]
    assert not left, f"`make test` passes {left} on to pytest"
