"""Timing: every case runs in interleaved rounds, so drift on a noisy machine (other processes, CPU
frequency, the fake's own garbage collection) hits all cases alike; a case's result is the median over
rounds of its per-call cost."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

# A batch runs one operation n times in a row; timing a batch rather than one call keeps the clock's
# own overhead out of the per-call figure.
Batch = Callable[[int], None]


@dataclass(frozen=True)
class Case:
    name: str
    batch: Batch


@dataclass(frozen=True)
class Timing:
    """Median per-call cost over the rounds. `cpu_s` is this process's CPU time only: the fake runs in
    another process, so it is the client's own work, free of the server's."""

    wall_s: float
    cpu_s: float
    rounds: int
    calls_per_round: int


def sync_batch(call: Callable[[], object]) -> Batch:
    def run(n: int) -> None:
        for _ in range(n):
            call()

    return run


def async_batch(loop: asyncio.AbstractEventLoop, call: Callable[[], Awaitable[object]]) -> Batch:
    """Awaits the calls one at a time: the per-call cost of the async client, not its concurrency."""

    async def many(n: int) -> None:
        for _ in range(n):
            await call()

    def run(n: int) -> None:
        loop.run_until_complete(many(n))

    return run


def interleave(
    cases: Sequence[Case], *, rounds: int, calls_per_round: int, warmup_calls: int
) -> dict[str, Timing]:
    """Time every case in each round, rotating the order so no case always runs first or last."""
    if rounds < 1 or calls_per_round < 1:
        raise ValueError("rounds and calls_per_round must be at least 1")
    for case in cases:
        case.batch(warmup_calls)
    walls: dict[str, list[float]] = {case.name: [] for case in cases}
    cpus: dict[str, list[float]] = {case.name: [] for case in cases}
    for round_index in range(rounds):
        shift = round_index % len(cases) if cases else 0
        for case in [*cases[shift:], *cases[:shift]]:
            wall_start = time.perf_counter()
            cpu_start = time.process_time()
            case.batch(calls_per_round)
            cpus[case.name].append((time.process_time() - cpu_start) / calls_per_round)
            walls[case.name].append((time.perf_counter() - wall_start) / calls_per_round)
    return {
        name: Timing(
            wall_s=statistics.median(walls[name]),
            cpu_s=statistics.median(cpus[name]),
            rounds=rounds,
            calls_per_round=calls_per_round,
        )
        for name in walls
    }
