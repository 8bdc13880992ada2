"""Everything one running fake holds: configuration, Jira's state, jobs, faults and the request log.

The HTTP layer (`fake_jira.app`) and the admin API only translate requests into calls on this object.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from fake_jira.config import FakeConfig
from fake_jira.faults import FaultInjector
from fake_jira.jobs import JobBoard
from fake_jira.model import Site
from fake_jira.ratelimits import RateLimiter

REQUEST_LOG_SIZE = 10_000
# Bodies are logged up to this many characters, so a huge request cannot blow up the log.
LOGGED_BODY_CHARACTERS = 65_536


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    raw_path: str
    raw_query: str
    headers: dict[str, str]
    body: str

    def as_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "raw_path": self.raw_path,
            "raw_query": self.raw_query,
            "headers": self.headers,
            "body": self.body,
        }


class FakeBackend:
    def __init__(self, config: FakeConfig | None = None, *, clock: Callable[[], float] | None = None) -> None:
        self.start_config = config or FakeConfig()
        self.config = self.start_config
        # Seconds since the epoch; tests inject their own to move time on without sleeping.
        self.clock = clock or time.time
        self.site = Site(self.config)
        self.jobs = JobBoard()
        self.faults = FaultInjector(self.clock)
        self.limiter = RateLimiter(self.clock)
        self._log: deque[LoggedRequest] = deque(maxlen=REQUEST_LOG_SIZE)
        self._log_lock = threading.Lock()

    def configure(self, changes: Mapping[str, object]) -> FakeConfig:
        """Apply setting changes (raises ConfigError naming a bad one); links and jobs are kept."""
        self.config = self.config.updated(changes)
        self.site.reconfigure(self.config)
        return self.config

    def reset(self) -> None:
        """Back to the start: start configuration, no links, no jobs, empty log, fault counters at zero."""
        self.config = self.start_config
        self.site.reset(self.config)
        self.jobs.reset()
        self.faults.reset()
        self.limiter.reset()
        self.clear_requests()

    def record(
        self, method: str, raw_path: str, raw_query: str, headers: Mapping[str, str], body: bytes
    ) -> None:
        entry = LoggedRequest(
            method=method,
            raw_path=raw_path,
            raw_query=raw_query,
            headers={name.lower(): _redacted(name, value) for name, value in headers.items()},
            body=body[:LOGGED_BODY_CHARACTERS].decode("utf-8", errors="replace"),
        )
        with self._log_lock:
            self._log.append(entry)

    def requests(self) -> list[LoggedRequest]:
        with self._log_lock:
            return list(self._log)

    def clear_requests(self) -> None:
        with self._log_lock:
            self._log.clear()


def _redacted(name: str, value: str) -> str:
    """Credentials never reach the log: only the scheme of an Authorization header is kept."""
    if name.lower() != "authorization":
        return value
    scheme, _, _ = value.partition(" ")
    return f"{scheme} <redacted>"
