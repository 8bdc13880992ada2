"""An optional ceiling on request starts per second, shared by all workers of a run.

Jira's own 429 answers are handled by the client's retry policy; this only lets an admin stay well below
a site's limits, for example while other integrations share the same quota.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class RateLimiter:
    """Spaces request starts at least ``1 / rate`` seconds apart (no bursts)."""

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if not rate > 0:
            raise ValueError(f"the rate must be a positive number of requests per second, not {rate!r}")
        self._interval = 1.0 / rate
        self._clock = clock
        self._sleep = sleep
        self._next_start = 0.0
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        # The slot is reserved under the lock and waited for outside it, so waiters queue in order.
        async with self._lock:
            now = self._clock()
            start = max(now, self._next_start)
            self._next_start = start + self._interval
        delay = start - now
        if delay > 0:
            await self._sleep(delay)


class NoLimit:
    async def acquire(self) -> None:
        return None
