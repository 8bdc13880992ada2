"""A gentle httpx transport for live runs: keeps to a request rate and waits out 429s and 503s as the client does.

Live Jira refuses bursts with 429 and a `Retry-After`; the suite must neither hammer a real site nor report
a rate limit as a contract failure. The fake needs none of this, so the transport is only used live.
"""

from __future__ import annotations

import random
import threading
import time
from datetime import UTC, datetime

import httpx

from jira_remote_links.retry import RetryPolicy, is_safe_to_repeat, retry_delay

# The client's own rules (`jira_remote_links.retry`), so a live run paces itself exactly as users' code does:
# `Retry-After`, then `Beta-Retry-After`, then `X-RateLimit-Reset`; without any, Atlassian's backoff from 2 s,
# doubling, with jitter; never a retry of a quota 429 (it lasts until the quota resets) or of a request that is
# not safe to repeat. Bounded so that one live test waits at most a minute for one request.
RETRIED_STATUSES: frozenset[int] = frozenset({429, 503})
LIVE_RETRY_POLICY = RetryPolicy(
    max_attempts=6, max_delay=60.0, deadline=60.0, retry_statuses=RETRIED_STATUSES
)


class PacedTransport(httpx.BaseTransport):
    """Spaces requests out to `requests_per_second` and retries 429/503 by the client's rules, within bounds."""

    def __init__(self, inner: httpx.BaseTransport, requests_per_second: float) -> None:
        self._inner = inner
        self._interval = 1.0 / requests_per_second
        self._lock = threading.Lock()
        self._next_slot = 0.0

    def _wait_for_slot(self) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_slot)
            self._next_slot = start + self._interval
        delay = start - time.monotonic()
        if delay > 0:
            time.sleep(delay)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        started = time.monotonic()
        attempt = 0
        while True:
            self._wait_for_slot()
            response = self._inner.handle_request(request)
            attempt += 1
            if not is_safe_to_repeat(request):
                return response
            wait = retry_delay(
                LIVE_RETRY_POLICY,
                attempt=attempt,
                elapsed=time.monotonic() - started,
                status_code=response.status_code,
                headers=response.headers,
                now=datetime.now(UTC),
                jitter_fraction=random.random(),
            )
            if wait is None:
                return response
            response.read()
            response.close()
            time.sleep(wait)

    def close(self) -> None:
        self._inner.close()
