"""Hypothesis profiles for the contract suite and the seed that makes a run replayable.

`quick` keeps `make test` fast, `thorough` is `make contract`, `live` is gentle on a real site. The profile
comes from `CONTRACT_PROFILE`; without it a live target gets `live` and the fake gets `quick`.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from hypothesis import HealthCheck, Phase, Verbosity, settings


@dataclass(frozen=True)
class Budget:
    """How much each kind of test generates under one profile."""

    examples: int  # per plain property test
    machine_runs: int  # state machine runs
    machine_steps: int  # steps per state machine run
    schemathesis_examples: int  # fuzzing examples per operation
    schemathesis_stateful_runs: int
    schemathesis_stateful_steps: int


BUDGETS: Final[dict[str, Budget]] = {
    "quick": Budget(
        examples=20,
        machine_runs=10,
        machine_steps=15,
        schemathesis_examples=10,
        schemathesis_stateful_runs=20,
        schemathesis_stateful_steps=10,
    ),
    "thorough": Budget(
        examples=200,
        machine_runs=50,
        machine_steps=25,
        schemathesis_examples=100,
        schemathesis_stateful_runs=60,
        schemathesis_stateful_steps=15,
    ),
    "live": Budget(
        examples=5,
        machine_runs=3,
        machine_steps=8,
        schemathesis_examples=4,
        schemathesis_stateful_runs=12,
        schemathesis_stateful_steps=8,
    ),
}

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
