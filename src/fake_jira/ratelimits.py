"""Jira Cloud's rate limits as state with no HTTP: per-issue writes, bursts per endpoint and method, a quota.

Each request is offered to `RateLimiter.admit` with the clock's current time; the answer is either a 429 (a
`JiraError` carrying the headers Jira Cloud sends) or the headers that warn of a near limit (possibly none).
Refused requests are not counted, so a client that waits as told gets through.
"""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from fake_jira.config import FakeConfig
from fake_jira.errors import JiraError

# (requests, window in seconds); from Atlassian's rate-limiting guidance (see the evidence file).
PER_ISSUE_WRITE_LIMITS = ((20, 2.0), (100, 30.0))
BURST_LIMITS = {"GET": 100, "POST": 100, "PUT": 50, "DELETE": 50}
BURST_WINDOW_SECONDS = 1.0
WRITE_METHODS = frozenset({"POST", "PUT", "DELETE"})
# Answers within this share of a limit carry the Beta-RateLimit headers.
NEAR_LIMIT_SHARE = 0.2


@dataclass
class _Window:
    """A sliding window: the times of the requests it admitted within the last `seconds`."""

    limit: int
    seconds: float
    times: deque[float] = field(default_factory=deque)

    def expire(self, now: float) -> None:
        while self.times and self.times[0] <= now - self.seconds:
            self.times.popleft()

    def wait(self, now: float) -> float:
        """Seconds until one more request fits."""
        if len(self.times) < self.limit:
            return 0.0
        return self.times[len(self.times) - self.limit] + self.seconds - now


@dataclass(frozen=True)
class Admission:
    """The limiter's answer: headers to add to the response (a near-limit warning), or nothing."""

    headers: dict[str, str]


class RateLimiter:
    """The limits a configuration switches on, for one site."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._windows: dict[tuple[str, ...], _Window] = {}
        self._quota_period = -1
        self._quota_used = 0
        self.refused = 0

    def reset(self) -> None:
        with self._lock:
            self._windows = {}
            self._quota_period = -1
            self._quota_used = 0
            self.refused = 0

    def admit(self, config: FakeConfig, method: str, endpoint: str, issue: str | None) -> Admission:
        """Admit one request or raise Jira Cloud's 429 for the first limit it breaks."""
        now = self._clock()
        with self._lock:
            checks = self._checks(config, method, endpoint, issue)
            if config.quota_requests is not None:
                self._check_quota(config, now)
            for reason, window in checks:
                window.expire(now)
                wait = window.wait(now)
                if wait > 0:
                    self.refused += 1
                    raise too_many_requests(config, reason, wait, now, limit=window)
            for _, window in checks:
                window.times.append(now)
            if config.quota_requests is not None:
                self._quota_used += 1
            return Admission(self._warnings(config, checks, now))

    def _checks(
        self, config: FakeConfig, method: str, endpoint: str, issue: str | None
    ) -> list[tuple[str, _Window]]:
        checks: list[tuple[str, _Window]] = []
        if config.burst_limits and method in BURST_LIMITS:
            checks.append(
                ("jira-burst-based", self._window(("burst", method, endpoint), BURST_LIMITS[method], 1.0))
            )
        if config.per_issue_write_limit and issue is not None and method in WRITE_METHODS:
            for limit, seconds in PER_ISSUE_WRITE_LIMITS:
                checks.append(
                    ("jira-per-issue-on-write", self._window(("issue", issue, str(seconds)), limit, seconds))
                )
        return checks

    def _window(self, key: tuple[str, ...], limit: int, seconds: float) -> _Window:
        window = self._windows.get(key)
        if window is None:
            window = self._windows[key] = _Window(limit, seconds)
        return window

    def _check_quota(self, config: FakeConfig, now: float) -> None:
        """A quota counts requests per fixed period (an hour by default); once spent, every request is refused
        until the next period starts."""
        assert config.quota_requests is not None
        period = int(now // config.quota_window_seconds)
        if period != self._quota_period:
            self._quota_period, self._quota_used = period, 0
        if self._quota_used >= config.quota_requests:
            self.refused += 1
            reset_at = (period + 1) * config.quota_window_seconds
            raise too_many_requests(config, config.quota_reason, reset_at - now, now, limit=None)

    def _warnings(self, config: FakeConfig, checks: list[tuple[str, _Window]], now: float) -> dict[str, str]:
        if not config.beta_rate_limit_headers:
            return {}
        nearest: _Window | None = None
        for _, window in checks:
            remaining = window.limit - len(window.times)
            if remaining <= window.limit * NEAR_LIMIT_SHARE and (
                nearest is None
                or remaining / window.limit < (nearest.limit - len(nearest.times)) / nearest.limit
            ):
                nearest = window
        if nearest is None:
            return {}
        remaining = nearest.limit - len(nearest.times)
        reset = max(1, math.ceil(nearest.times[0] + nearest.seconds - now)) if nearest.times else 1
        headers = {
            "Beta-RateLimit-Policy": f"{nearest.limit};w={_seconds_text(nearest.seconds)}",
            "Beta-RateLimit": f"limit={nearest.limit}, remaining={remaining}, reset={reset}",
        }
        if remaining == 0:
            headers["Beta-Retry-After"] = str(max(1, math.ceil(nearest.wait(now))))
        return headers


def too_many_requests(
    config: FakeConfig, reason: str, wait_seconds: float, now: float, *, limit: _Window | None
) -> JiraError:
    """Jira Cloud's 429: RateLimit-Reason always, Retry-After unless switched off, the reset time."""
    wait = max(0, math.ceil(wait_seconds))
    headers = {
        "RateLimit-Reason": reason,
        "X-RateLimit-Reset": datetime.fromtimestamp(now + wait, UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if config.send_retry_after:
        headers["Retry-After"] = str(wait)
    if limit is not None and config.beta_rate_limit_headers:
        headers["Beta-RateLimit-Policy"] = f"{limit.limit};w={_seconds_text(limit.seconds)}"
        headers["Beta-RateLimit"] = f"limit={limit.limit}, remaining=0, reset={wait}"
        headers["Beta-Retry-After"] = str(wait)
    return JiraError(429, ["Rate limit exceeded."], headers=headers)


def _seconds_text(seconds: float) -> str:
    return str(int(seconds)) if seconds == int(seconds) else str(seconds)
