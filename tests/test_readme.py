"""The README's client example runs as written against the built-in fake."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from fake_jira import RunningFake

README = Path(__file__).resolve().parents[1] / "README.md"
MARKER = "<!-- README example: tests/test_readme.py runs this block against the built-in fake. -->"


def readme_example() -> str:
    text = README.read_text(encoding="utf-8")
    after_marker = text.split(MARKER, 1)[1]
    found = re.search(r"```python\n(.*?)```", after_marker, re.DOTALL)
    assert found is not None, "the README example block is missing"
    return found.group(1)


def test_readme_example_runs_against_the_fake(fake_jira: RunningFake) -> None:
    environment = {
        **os.environ,
        "JIRA_BASE_URL": fake_jira.base_url,
        "JIRA_EMAIL": "demo@example.com",
        "JIRA_API_TOKEN": "fake-api-token",
    }
    first = run_example(environment)
    assert first.returncode == 0, first.stderr
    assert first.stdout.split() == ["201", "TSTSUP-111", "404"]
    second = run_example(environment)
    assert second.stdout.split() == ["200", "TSTSUP-111", "404"]


def run_example(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", readme_example()],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
