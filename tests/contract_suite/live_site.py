"""How the suite's own tests run the contract command: in a subprocess, and against a local server as if it
were a live site, through the same live variables a user's CI sets for a real one."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from jira_remote_links_contract.run import SEED

ROOT = Path(__file__).resolve().parents[2]


def live_environment(
    base_url: str, *, email: str, api_token: str, issue: str, hypothesis_dir: Path
) -> dict[str, str]:
    return {
        **os.environ,
        "JIRA_BASE_URL": base_url,
        "JIRA_EMAIL": email,
        "JIRA_API_TOKEN": api_token,
        "JIRA_TEST_ISSUE": issue,
        "LINKS_API_BASE_URL": base_url,
        "CONTRACT_TARGET": "live",
        "CONTRACT_PROFILE": "live",
        "CONTRACT_SEED": str(SEED),
        # A local server takes more than a real site; the pacing code path still runs.
        "CONTRACT_RATE_LIMIT": "500",
        # Examples a failing run saves stay with the test, not in the checkout.
        "HYPOTHESIS_STORAGE_DIRECTORY": str(hypothesis_dir),
    }


def run_contract_command(
    *arguments: str, env: Mapping[str, str], cwd: Path = ROOT, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """`jira-remote-links-contract ARGUMENTS` in a subprocess, as a user's CI runs it; output captured."""
    return subprocess.run(
        [sys.executable, "-m", "jira_remote_links_contract", *arguments],
        cwd=cwd,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
