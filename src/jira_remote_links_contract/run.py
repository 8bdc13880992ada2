"""Run-wide choices, made once when the suite is imported: live or fake, profile, seed, run tag."""

from __future__ import annotations

import os

from hypothesis import settings

from jira_remote_links_contract.profiles import BUDGETS, Budget, contract_settings, profile_name, run_seed
from jira_remote_links_contract.secret import Secret
from jira_remote_links_contract.target import (
    FAKE_API_TOKEN,
    FAKE_EMAIL,
    FAKE_ISSUE_KEYS,
    FAKE_SITE_ID,
    LIVE_VARIABLES,
    TARGET_VARIABLE,
    Target,
    TargetConfigurationError,
    ignored_live_variables,
    live_settings_from_env,
    live_target,
    new_run_tag,
    target_kind,
)

# A bad variable is reported by the conftest as a usage error (a clear message, no traceback); until then the
# run falls back to the fake with the quick profile so that importing the suite never fails.
CONFIGURATION_ERROR: str | None = None
RUN_TAG = new_run_tag()


def _chosen_live_target() -> Target | None:
    """The live target when `CONTRACT_TARGET=live`; None for the fake (see `jira_remote_links_contract.target`)."""
    if target_kind(os.environ) != "live":
        return None
    settings_from_env = live_settings_from_env(os.environ)
    if settings_from_env is None:
        raise TargetConfigurationError(f"{TARGET_VARIABLE}=live needs {', '.join(LIVE_VARIABLES)}")
    return live_target(os.environ, settings_from_env, run_tag=RUN_TAG)


LIVE_TARGET: Target | None = None
IGNORED_LIVE_VARIABLES: list[str] = []
try:
    LIVE_TARGET = _chosen_live_target()
    IGNORED_LIVE_VARIABLES = ignored_live_variables(os.environ)
    PROFILE = profile_name(os.environ, live=LIVE_TARGET is not None)
    SEED = run_seed(os.environ)
except ValueError as error:
    CONFIGURATION_ERROR = str(error)
    LIVE_TARGET, PROFILE, SEED = None, "quick", 0
IS_LIVE = LIVE_TARGET is not None
BUDGET: Budget = BUDGETS[PROFILE]
# Every contract test applies these settings itself (`@SETTINGS`), so other suites in the same pytest run keep
# their own Hypothesis defaults.
SETTINGS: settings = contract_settings(PROFILE)
# The fake's address is known only once it runs; until then the planned target carries this placeholder.
FAKE_ADDRESS_PENDING = "http://127.0.0.1:1"


def planned_target() -> Target:
    """The target as far as it is known before any server starts (everything but the fake's port)."""
    if LIVE_TARGET is not None:
        return LIVE_TARGET
    return fake_target_at(FAKE_ADDRESS_PENDING)


def fake_target_at(base_url: str) -> Target:
    return Target(
        kind="fake",
        base_url=base_url.rstrip("/"),
        email=FAKE_EMAIL,
        api_token=Secret(FAKE_API_TOKEN),
        issue_keys=FAKE_ISSUE_KEYS,
        jobs_base_url=base_url.rstrip("/"),
        site_id=FAKE_SITE_ID,
        allow_jobs=True,
        requests_per_second=None,
        run_tag=RUN_TAG,
    )
