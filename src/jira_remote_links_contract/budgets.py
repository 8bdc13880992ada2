"""What each contract profile generates: `quick` for `make test`, `thorough` for a full run against the fake,
`live` gentle on a real site.

Kept apart from the Hypothesis settings (`jira_remote_links_contract.profiles`) so that the command can offer
the profile names without importing Hypothesis before pytest does (pytest must import it to rewrite its
asserts).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


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
