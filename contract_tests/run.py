"""Run-wide choices, made once when the suite is imported: live or fake, profile, seed, run tag."""

from __future__ import annotations

import os

from hypothesis import settings

from contract_tests.profiles import BUDGETS, Budget, contract_settings, profile_name, run_seed
from contract_tests.target import (
    FAKE_API_TOKEN,
    FAKE_EMAIL,
    FAKE_ISSUE_KEYS,
    FAKE_SITE_ID,
    Target,
    live_settings_from_env,
    live_target,
    new_run_tag,
)

# A bad variable is reported by the conftest as a usage error (a clear message, no traceback); until then the
# run falls back to the fake with the quick profile so that importing the suite never fails.
CONFIGURATION_ERROR: str | None = None
RUN_TAG = new_run_tag()
LIVE_TARGET: Target | None = None
try:
    LIVE_SETTINGS = live_settings_from_env(os.environ)
    if LIVE_SETTINGS is not None:
        LIVE_TARGET = live_target(os.environ, LIVE_SETTINGS, run_tag=RUN_TAG)
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
        api_token=FAKE_API_TOKEN,
        issue_keys=FAKE_ISSUE_KEYS,
        jobs_base_url=base_url.rstrip("/"),
        site_id=FAKE_SITE_ID,
        allow_jobs=True,
        requests_per_second=None,
        run_tag=RUN_TAG,
    )
