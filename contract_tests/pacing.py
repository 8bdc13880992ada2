"""A gentle httpx transport for live runs: keeps to a request rate and waits out 429s and 503s.

Live Jira refuses bursts with 429 and a `Retry-After`; the suite must neither hammer a real site nor report
a rate limit as a contract failure. The fake needs none of this, so the transport is only used live.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

import httpx

# A live test waits at most this long for one request to get past rate limits.
MAX_WAIT_SECONDS = 60.0
MAX_ATTEMPTS = 6
RETRIED_STATUSES = frozenset({429, 503})


def seconds_to_wait(response: httpx.Response, attempt: int, now: Callable[[], datetime]) -> float:
    """How long the server asked us to wait: Retry-After, else X-RateLimit-Reset, else a capped backoff."""
    retry_after = response.headers.get("Retry-After")
    if retry_after is not None:
        try:
            return max(0.0, float(retry_after))
        except ValueError:
            pass
    reset = response.headers.get("X-RateLimit-Reset")
    if reset is not None:
        try:
            moment = datetime.fromisoformat(reset.replace("Z", "+00:00"))
            return max(0.0, (moment - now()).total_seconds())
        except ValueError:
            pass
    return float(min(2**attempt, 16))


class PacedTransport(httpx.BaseTransport):
    """Spaces requests out to `requests_per_second` and retries 429/503 as the server asks, within bounds."""

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
        deadline = time.monotonic() + MAX_WAIT_SECONDS
        attempt = 0
        while True:
            self._wait_for_slot()
            response = self._inner.handle_request(request)
            attempt += 1
            if response.status_code not in RETRIED_STATUSES or attempt >= MAX_ATTEMPTS:
                return response
            wait = seconds_to_wait(response, attempt, lambda: datetime.now(UTC))
            if time.monotonic() + wait > deadline:
                return response
            response.read()
            response.close()
            time.sleep(wait)

    def close(self) -> None:
        self._inner.close()
