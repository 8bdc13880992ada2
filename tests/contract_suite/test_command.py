"""`jira-remote-links-contract`: what it runs against, with which profile, and what it hands to pytest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jira_remote_links.tooling import settings
from jira_remote_links_contract.cli import (
    LIVE_SETTINGS,
    SUITE_DIR,
    build_parser,
    main,
    pytest_arguments,
    run_environment,
)
from jira_remote_links_contract.target import LIVE_VARIABLES

ROOT = Path(__file__).resolve().parents[2]


def _environment(argv: list[str], environ: dict[str, str] | None = None) -> dict[str, str]:
    return run_environment(build_parser().parse_args(argv), environ or {})


def test_the_command_checks_the_variables_the_suite_reads_under_the_tools_flag_names() -> None:
    assert tuple(variable for _, variable in LIVE_SETTINGS) == LIVE_VARIABLES
    assert LIVE_SETTINGS[:3] == (settings.BASE_URL, settings.EMAIL, settings.API_TOKEN)


def test_without_a_base_url_the_fake_gets_the_thorough_profile() -> None:
    env = _environment([])
    assert env["CONTRACT_TARGET"] == "fake"
    assert env["CONTRACT_PROFILE"] == "thorough"


def test_a_base_url_from_flag_or_environment_makes_the_run_live_and_gentle() -> None:
    for argv, environ in (
        (["--base-url", "https://site.example"], {}),
        ([], {"JIRA_BASE_URL": "https://site.example"}),
    ):
        env = _environment(argv, environ)
        assert env["CONTRACT_TARGET"] == "live", (argv, environ)
        assert env["CONTRACT_PROFILE"] == "live", (argv, environ)


def test_a_base_url_flag_wins_over_an_exported_fake_target_but_not_over_the_target_flag() -> None:
    assert (
        _environment(["--base-url", "https://site.example"], {"CONTRACT_TARGET": "fake"})["CONTRACT_TARGET"]
        == "live"
    )
    flagged = _environment(["--base-url", "https://site.example", "--target", "fake"])
    assert flagged["CONTRACT_TARGET"] == "fake"


def test_flags_win_over_the_environment_and_empty_flags_do_not() -> None:
    env = _environment(
        [
            "--email",
            "flag@example.com",
            "--issue",
            "",
            "--target",
            "fake",
            "--profile",
            "quick",
            "--allow-jobs",
        ],
        {
            "JIRA_EMAIL": "env@example.com",
            "JIRA_TEST_ISSUE": "ENV-1",
            "JIRA_BASE_URL": "https://site.example",
        },
    )
    assert env["JIRA_EMAIL"] == "flag@example.com"
    assert env["JIRA_TEST_ISSUE"] == "ENV-1"
    assert env["CONTRACT_TARGET"] == "fake"
    assert env["CONTRACT_PROFILE"] == "quick"
    assert env["CONTRACT_ALLOW_JOBS"] == "1"


def test_tests_named_as_in_the_reports_are_found_in_the_installed_suite(tmp_path: Path) -> None:
    args = build_parser().parse_args(
        ["--reports", str(tmp_path), "--", "test_errors.py::test_unknown_link_answers_404", "-x", "-k", "404"]
    )
    arguments = pytest_arguments(args)
    assert arguments[0] == str(SUITE_DIR / "test_errors.py::test_unknown_link_answers_404")
    # Only the named test is collected: the suite folder appears once, as the root directory.
    assert arguments.count(str(SUITE_DIR)) == 1
    assert arguments[arguments.index(str(SUITE_DIR)) - 1] == "--rootdir"
    assert ["-c", str(SUITE_DIR / "suite.ini")] == arguments[1:3]
    assert f"--junitxml={tmp_path / 'contract.xml'}" in arguments
    assert f"--contract-markdown={tmp_path / 'contract.md'}" in arguments
    assert f"--contract-html={tmp_path / 'contract.html'}" in arguments
    assert arguments[-3:] == ["-x", "-k", "404"]


def test_an_unknown_profile_is_refused_by_name_as_bad_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--profile", "exhaustive"]) == 4
    assert "exhaustive" in capsys.readouterr().err


def test_a_live_run_without_its_settings_names_each_flag_and_variable_and_sends_nothing(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("JIRA_BASE_URL", "JIRA_EMAIL", "JIRA_API_TOKEN", "JIRA_TEST_ISSUE", "CONTRACT_TARGET"):
        monkeypatch.delenv(name, raising=False)
    # A dead address: were anything sent, the run would fail differently.
    assert main(["--base-url", "http://127.0.0.1:9", "--email", "someone@example.com"]) == 4
    error = capsys.readouterr().err
    assert "--api-token (JIRA_API_TOKEN)" in error
    assert "--issue (JIRA_TEST_ISSUE)" in error
    assert "--email" not in error


def test_the_command_imports_nothing_pytest_must_rewrite_before_pytest_runs(tmp_path: Path) -> None:
    # Hypothesis and schemathesis imported before pytest starts lose pytest's assertion rewriting (a warning).
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "jira_remote_links_contract",
            "--profile",
            "quick",
            "--",
            "test_errors.py::test_unknown_link_answers_404",
            "-W",
            "error::pytest.PytestAssertRewriteWarning",
        ],
        cwd=tmp_path,
        env={key: value for key, value in os.environ.items() if not key.startswith(("JIRA_", "CONTRACT_"))},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "PytestAssertRewriteWarning" not in done.stdout + done.stderr
    assert "1 passed" in done.stdout
