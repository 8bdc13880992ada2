"""httpx transports that retry safe requests by the rules in `jira_remote_links.retry`.

Retrying at the transport level keeps it invisible to the generated code: a generated function sends one
request and sees one response, the last one. The waiting is done by an injectable `sleep` and the timing
by injectable clocks, so tests run without real waits.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import anyio
import httpx

from jira_remote_links.errors import safe_url
from jira_remote_links.retry import RetryPolicy, is_safe_to_repeat, retry_delay

__all__ = ["AsyncRetryingTransport", "RetryingTransport"]

logger = logging.getLogger("jira_remote_links.retry")

# Failures where the request provably never reached the server.
_CONNECT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class _RetryDecisions:
    """The policy and clocks shared by the sync and async transports."""

    def __init__(
        self,
        policy: RetryPolicy | None,
        clock: Callable[[], float] | None,
        wall_clock: Callable[[], datetime] | None,
        jitter_source: Callable[[], float] | None,
    ) -> None:
        self.policy = policy if policy is not None else RetryPolicy()
        # Monotonic time for the deadline; wall time to turn server dates into waits.
        self._clock = clock or time.monotonic
        self._wall_clock = wall_clock or _utc_now
        self._jitter_source = jitter_source or random.random

    def _start(self) -> float:
        return self._clock()

    def _next_delay(
        self, request: httpx.Request, attempt: int, started: float, response: httpx.Response | None
    ) -> float | None:
        delay = retry_delay(
            self.policy,
            attempt=attempt,
            elapsed=self._clock() - started,
            status_code=None if response is None else response.status_code,
            headers=None if response is None else response.headers,
            now=self._wall_clock(),
            jitter_fraction=self._jitter_source(),
        )
        if delay is not None:
            # Method, URL and status only: headers (and so credentials) are never logged.
            outcome = "connect error" if response is None else f"status {response.status_code}"
            logger.info(
                "Retrying %s %s after %s (attempt %d of %d) in %.2fs",
                request.method,
                safe_url(request.url),
                outcome,
                attempt + 1,
                self.policy.max_attempts,
                delay,
            )
        return delay


class RetryingTransport(_RetryDecisions, httpx.BaseTransport):
    """Wraps a sync transport; retries safe requests on 429/5xx-with-retry and connect errors."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        policy: RetryPolicy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] | None = None,
        wall_clock: Callable[[], datetime] | None = None,
        jitter_source: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(policy, clock, wall_clock, jitter_source)
        self.inner = inner
        self._sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.policy.max_attempts == 1 or not is_safe_to_repeat(request):
            return self.inner.handle_request(request)
        started = self._start()
        for attempt in range(1, self.policy.max_attempts + 1):
            try:
                response = self.inner.handle_request(request)
            except _CONNECT_ERRORS:
                delay = self._next_delay(request, attempt, started, None)
                if delay is None:
                    raise
            else:
                delay = self._next_delay(request, attempt, started, response)
                if delay is None:
                    return response
                # Free the connection; the body of a response we discard is of no use.
                response.close()
            self._sleep(delay)
        # retry_delay refuses once attempt reaches max_attempts, so the loop always returns or raises.
        raise RuntimeError("retry loop ended without an outcome")

    def close(self) -> None:
        self.inner.close()


class AsyncRetryingTransport(_RetryDecisions, httpx.AsyncBaseTransport):
    """Wraps an async transport; the same rules as `RetryingTransport`."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        policy: RetryPolicy | None = None,
        *,
        sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
        clock: Callable[[], float] | None = None,
        wall_clock: Callable[[], datetime] | None = None,
        jitter_source: Callable[[], float] | None = None,
    ) -> None:
        super().__init__(policy, clock, wall_clock, jitter_source)
        self.inner = inner
        self._sleep = sleep

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.policy.max_attempts == 1 or not is_safe_to_repeat(request):
            return await self.inner.handle_async_request(request)
        started = self._start()
        for attempt in range(1, self.policy.max_attempts + 1):
            try:
                response = await self.inner.handle_async_request(request)
            except _CONNECT_ERRORS:
                delay = self._next_delay(request, attempt, started, None)
                if delay is None:
                    raise
            else:
                delay = self._next_delay(request, attempt, started, response)
                if delay is None:
                    return response
                await response.aclose()
            await self._sleep(delay)
        raise RuntimeError("retry loop ended without an outcome")

    async def aclose(self) -> None:
        await self.inner.aclose()
