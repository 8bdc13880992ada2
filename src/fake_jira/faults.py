"""Fault injection: rate limits, throttling and server errors, decided per request before it is served."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from fake_jira.config import FakeConfig
from fake_jira.errors import JiraError
from fake_jira.ratelimits import too_many_requests


class FaultInjector:
    """Counts requests and turns some of them into 429s or 5xx, as the configuration asks."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._served = 0
        self._window_start = clock()
        self._window_count = 0
        self.throttled = 0
        self.failed = 0

    def reset(self) -> None:
        with self._lock:
            self._served = 0
            self._window_start = self._clock()
            self._window_count = 0
            self.throttled = 0
            self.failed = 0

    def check(self, config: FakeConfig) -> None:
        """Raise the injected refusal for this request, if any."""
        with self._lock:
            self._served += 1
            number = self._served
            limited = self._rate_limited(config)
        if limited is not None:
            raise limited
        if config.throttle_every_nth is not None and number % config.throttle_every_nth == 0:
            with self._lock:
                self.throttled += 1
            raise _injected_429(config, config.retry_after_seconds, self._clock(), limit=None)
        if config.fail_every_nth is not None and number % config.fail_every_nth == 0:
            with self._lock:
                self.failed += 1
            headers = {"Retry-After": str(config.retry_after_seconds)} if config.fail_status == 503 else {}
            raise JiraError(config.fail_status, ["The service is temporarily unavailable."], headers=headers)

    def _rate_limited(self, config: FakeConfig) -> JiraError | None:
        if config.rate_limit_requests is None:
            return None
        now = self._clock()
        elapsed = now - self._window_start
        if elapsed >= config.rate_limit_window_seconds:
            self._window_start = now
            self._window_count = 0
            elapsed = 0.0
        self._window_count += 1
        if self._window_count <= config.rate_limit_requests:
            return None
        self.throttled += 1
        wait = config.rate_limit_window_seconds - elapsed
        return _injected_429(config, wait, now, limit=config.rate_limit_requests)


def _injected_429(config: FakeConfig, wait: float, now: float, *, limit: int | None) -> JiraError:
    """A 429 as Jira Cloud sends it, with the configured reason, and Retry-After unless switched off."""
    error = too_many_requests(config, config.rate_limit_reason, wait, now, limit=None)
    if limit is not None:
        error.headers["X-RateLimit-Limit"] = str(limit)
        error.headers["X-RateLimit-Remaining"] = "0"
    return error
