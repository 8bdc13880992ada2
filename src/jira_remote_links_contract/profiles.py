"""Hypothesis profiles for the contract suite and the seed that makes a run replayable.

`quick` keeps `make test` fast, `thorough` is `make contract`, `live` is gentle on a real site. The profile
comes from `CONTRACT_PROFILE`; without it a live target gets `live` and the fake gets `quick`.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping

from hypothesis import HealthCheck, Phase, Verbosity, settings

from jira_remote_links_contract.budgets import BUDGETS, Budget

__all__ = ["BUDGETS", "Budget", "contract_settings", "profile_name", "register_profiles", "run_seed"]


# Network round trips make per-example timing meaningless, and a property over HTTP calls is slow on purpose.
_COMMON_SUPPRESSED = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]


def register_profiles() -> None:
    for name, budget in BUDGETS.items():
        settings.register_profile(
            f"contract-{name}",
            max_examples=budget.examples,
            stateful_step_count=budget.machine_steps,
            deadline=None,
            derandomize=False,
            print_blob=True,
            suppress_health_check=_COMMON_SUPPRESSED,
            # Shrinking a live failure costs real requests; the fake can afford it.
            phases=tuple(Phase) if name != "live" else (Phase.explicit, Phase.reuse, Phase.generate),
            verbosity=Verbosity.normal,
            # No example database: the printed seed replays a run, and examples saved against one target (a
            # live site, a fake with a defect) would be replayed into a run against another one, where they
            # mean nothing. (A forced seed already keeps Hypothesis from using it; this says so outright.)
            database=None,
        )


def contract_settings(name: str) -> settings:
    """The profile's settings, for tests to apply explicitly (loading a profile would change other suites)."""
    register_profiles()
    return settings.get_profile(f"contract-{name}")


def profile_name(environ: Mapping[str, str], *, live: bool) -> str:
    chosen = environ.get("CONTRACT_PROFILE")
    if not chosen:
        return "live" if live else "quick"
    if chosen not in BUDGETS:
        raise ValueError(f"CONTRACT_PROFILE must be one of {', '.join(BUDGETS)}, got {chosen!r}")
    return chosen


def run_seed(environ: Mapping[str, str]) -> int:
    """`CONTRACT_SEED` replays a run; otherwise a fresh seed that the run prints."""
    given = environ.get("CONTRACT_SEED")
    if given:
        try:
            return int(given)
        except ValueError:
            raise ValueError(f"CONTRACT_SEED must be an integer, got {given!r}") from None
    return secrets.randbits(64)
