"""The tools as commands: console scripts, `python -m` forms, `--version`, and hints that name them."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
COMMANDS = {
    "jira-remote-links-bulk": "jira_remote_links.bulk",
    "jira-link-job": "jira_remote_links.job_runner",
    "fake-jira": "fake_jira",
}


def test_the_console_scripts_are_declared() -> None:
    scripts = {ep.name: ep.value for ep in metadata.entry_points(group="console_scripts")}
    assert scripts["jira-remote-links-bulk"] == "jira_remote_links.bulk.cli:main"
    assert scripts["jira-link-job"] == "jira_remote_links.job_runner.cli:main"
    # The launcher names a missing `fake` extra before importing the server.
    assert scripts["fake-jira"] == "fake_jira.launcher:main"


@pytest.mark.parametrize(("command", "module"), sorted(COMMANDS.items()))
def test_each_command_answers_version_in_both_forms(command: str, module: str) -> None:
    expected = f"{command} {metadata.version('jira-remote-links')}"
    by_module = subprocess.run(
        [sys.executable, "-m", module, "--version"], capture_output=True, text=True, timeout=60, check=True
    )
    assert by_module.stdout.strip() == expected
    script = Path(sys.executable).parent / command
    if script.exists():  # installed into the environment running the tests
        by_script = subprocess.run(
            [str(script), "--version"], capture_output=True, text=True, timeout=60, check=False
        )
        assert by_script.stdout.strip() == expected


def test_no_hint_in_the_tools_points_at_a_checkout_script() -> None:
    for package in ("jira_remote_links/bulk", "jira_remote_links/job_runner", "jira_remote_links/tooling"):
        for source in (SRC / package).glob("*.py"):
            text = source.read_text(encoding="utf-8")
            assert not re.search(r"scripts/|\w+\.py (run|watch)|bulk_links\.py|link_job\.py", text), source
