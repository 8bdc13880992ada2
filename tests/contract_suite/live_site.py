"""The environment that points a contract run at a local server as if it were a live site: the same live
variables a user's CI sets for a real one."""

from __future__ import annotations

import os
from pathlib import Path

from jira_remote_links_contract.run import SEED


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
