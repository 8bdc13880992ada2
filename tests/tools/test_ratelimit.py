"""The optional request-rate ceiling spaces request starts evenly."""

from __future__ import annotations

import asyncio

import pytest

from jira_remote_links.bulk.ratelimit import RateLimiter


def test_starts_are_spaced_by_the_interval() -> None:
    now = [100.0]
    starts: list[float] = []

    async def sleep(seconds: float) -> None:
        now[0] += seconds  # a virtual clock: the test never waits

    async def main() -> None:
        limiter = RateLimiter(4.0, clock=lambda: now[0], sleep=sleep)
        for _ in range(5):
            await limiter.acquire()
            starts.append(now[0])

    asyncio.run(main())
    assert starts == [100.0, 100.25, 100.5, 100.75, 101.0]


@pytest.mark.parametrize("rate", [0.0, -1.0, float("nan")])
def test_a_rate_must_be_positive(rate: float) -> None:
    with pytest.raises(ValueError, match="positive"):
        RateLimiter(rate)
