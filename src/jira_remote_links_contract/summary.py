"""The readable summary printed at the end of a contract run.

It says what was checked, against which target, with how many generated examples, and for each failure the
assertion and the minimal reproduction Hypothesis printed (falsifying example, seed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Hypothesis' statistics line, e.g. "- 20 passing, 0 failing, and 3 invalid test cases".
_EXAMPLES = re.compile(r"(\d+) passing, (\d+) failing")
# Lines of a failure report that explain it best: the assertion and how to replay it.
_KEY_LINES = re.compile(
    r"^(CONTRACT SUITE PROBLEM|E\s|Falsifying|state\.|Draw \d|.*reproduce|.*@seed|ST\d{3} |.*curl |\[\d{3}\]|AssertionError)",
    re.IGNORECASE,
)
# Exception groups indent their lines with `|` and `+-`; strip that before matching.
_GROUP_PREFIX = re.compile(r"^[\s|+-]*(?=\S)")


@dataclass(frozen=True)
class Outcome:
    """One contract test as pytest reported it."""

    nodeid: str
    outcome: str  # passed, failed, skipped, error
    seconds: float
    examples: int | None
    detail: str


def examples_from_statistics(text: str) -> int:
    """How many examples Hypothesis ran, from its per-test statistics text (all phases)."""
    return sum(int(passing) + int(failing) for passing, failing in _EXAMPLES.findall(text))


def key_lines(detail: str, limit: int = 25) -> list[str]:
    lines = [line.rstrip() for line in detail.splitlines() if line.strip()]
    chosen = [line for line in lines if _KEY_LINES.match(_GROUP_PREFIX.sub("", line, count=1))]
    return (chosen or lines[-limit:])[:limit]


def render(target: str, profile: str, seed: int, outcomes: list[Outcome]) -> str:
    def count(kind: str) -> int:
        return sum(1 for outcome in outcomes if outcome.outcome == kind)

    total_examples = sum(outcome.examples or 0 for outcome in outcomes)
    out = [
        f"target : {target}",
        f"profile: {profile}   seed: {seed}   (replay: CONTRACT_SEED={seed} CONTRACT_PROFILE={profile})",
        f"tests  : {len(outcomes)} ({count('passed')} passed, {count('failed')} failed, "
        f"{count('error')} errors, {count('skipped')} skipped); {total_examples} generated examples",
        "",
    ]
    for outcome in outcomes:
        examples = f"{outcome.examples:5d} ex" if outcome.examples is not None else " " * 8
        out.append(f"  {outcome.outcome.upper():7s} {examples} {outcome.seconds:6.1f}s  {outcome.nodeid}")
    failures = [outcome for outcome in outcomes if outcome.outcome in {"failed", "error"}]
    if failures:
        out += ["", "Failures (minimal reproduction as Hypothesis / schemathesis reported it):"]
        for outcome in failures:
            out.append(f"- {outcome.nodeid}")
            out += [f"    {line}" for line in key_lines(outcome.detail)]
    return "\n".join(out)
