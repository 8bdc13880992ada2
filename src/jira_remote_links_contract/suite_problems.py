"""Failures that say something about the suite, not about the server: told apart from contract breaks.

Hypothesis raises `FlakyStrategyDefinition` when the same generated choices lead to a different kind of draw.
In this suite that happens when generation reads back server state that differs between two runs of the same
choices (see `test_stateful_phase_follows_the_spec_links`): a defect of the suite's isolation, which must
fail loudly, but must not be read as "the server broke the contract".
"""

from __future__ import annotations

from hypothesis.errors import FlakyStrategyDefinition


def flaky_definition_in(error: BaseException) -> FlakyStrategyDefinition | None:
    """The FlakyStrategyDefinition in `error`, its exception groups, causes or contexts, if any."""
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, FlakyStrategyDefinition):
            return current
        if isinstance(current, BaseExceptionGroup):
            pending.extend(current.exceptions)
        pending.extend(chained for chained in (current.__cause__, current.__context__) if chained is not None)
    return None


def suite_problem_message(seed: int, profile: str) -> str:
    return (
        "CONTRACT SUITE PROBLEM, NOT A CONTRACT BREAK: Hypothesis generated different data from the same "
        "choices (FlakyStrategyDefinition), so the server's answers were not judged. The suite let state that "
        "changes between runs of the same choices steer generation. Replay with "
        f"CONTRACT_SEED={seed} CONTRACT_PROFILE={profile}, and report it with that seed."
    )
