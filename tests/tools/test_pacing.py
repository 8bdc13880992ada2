"""The tools' retry budget and pacing decisions, without a network: what is retried, how long the run
waits, what it says while it waits, and when it stops instead."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest

from jira_remote_links.tooling.http import PacedTransport, Pacer, RetryBudget, RunStoppedError, WaitNotice

NOW = datetime(2026, 11, 25, 14, 20, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _transport(
    answers: list[httpx.Response | Exception], budget: RetryBudget
) -> tuple[PacedTransport, list[httpx.Request], list[WaitNotice], Clock]:
    sent: list[httpx.Request] = []
    notices: list[WaitNotice] = []
    clock = Clock()

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        answer = answers[min(len(sent) - 1, len(answers) - 1)]
        if isinstance(answer, Exception):
            raise answer
        return answer

    pacer = Pacer(budget, notices.append, clock=clock, wall_clock=lambda: NOW, jitter=lambda: 0.5)
    return PacedTransport(httpx.MockTransport(handler), pacer, sleep=clock.sleep), sent, notices, clock


def _get() -> httpx.Request:
    return httpx.Request("GET", "https://jira.example.com/rest/api/2/issue/MKY-1/remotelink")


@pytest.mark.parametrize("attempts", [1, 2, 5])
def test_max_attempts_counts_every_attempt_of_a_request(attempts: int) -> None:
    transport, sent, _, _ = _transport(
        [httpx.Response(503)], RetryBudget(max_attempts=attempts, first_backoff=0)
    )
    assert transport.handle_request(_get()).status_code == 503
    assert len(sent) == attempts


def test_a_post_without_global_id_is_never_repeated() -> None:
    transport, sent, _, _ = _transport([httpx.Response(503)], RetryBudget(max_attempts=5, first_backoff=0))
    request = httpx.Request("POST", "https://api.example.com/links/v1/s/jobs/cma", content=json.dumps({}))
    assert transport.handle_request(request).status_code == 503
    assert len(sent) == 1


@pytest.mark.parametrize(
    ("headers", "seconds", "named"),
    [
        ({"Retry-After": "7"}, 7.0, "Retry-After"),
        ({"Beta-Retry-After": "4"}, 4.0, "Beta-Retry-After"),
        ({"X-RateLimit-Reset": "2026-11-25T14:20:30Z"}, 30.0, "X-RateLimit-Reset"),
        ({"RateLimit-Reason": "jira-quota-tenant-based"}, 40 * 60.0, "resets on the hour"),
        ({"RateLimit-Reason": "jira-burst-based"}, 2.0, "backing off"),
    ],
)
def test_a_429_waits_as_long_as_jira_says_and_says_so(
    headers: dict[str, str], seconds: float, named: str
) -> None:
    transport, sent, notices, clock = _transport(
        [httpx.Response(429, headers=headers), httpx.Response(200)], RetryBudget(first_backoff=2.0)
    )
    assert transport.handle_request(_get()).status_code == 200
    assert len(sent) == 2
    assert clock.sleeps == [pytest.approx(seconds)]
    assert named in notices[0].reason
    assert notices[0].describe(NOW).startswith(f"waiting until {notices[0].until:%H:%M:%S} UTC")


def test_a_wait_longer_than_allowed_stops_the_run_with_the_time_to_return() -> None:
    transport, _, _, clock = _transport(
        [httpx.Response(429, headers={"Retry-After": "7200"})], RetryBudget(max_wait=600)
    )
    with pytest.raises(RunStoppedError, match="until 2026-11-25 16:20:00 UTC"):
        transport.handle_request(_get())
    assert clock.sleeps == []


def test_an_unreachable_host_stops_at_once_but_a_later_drop_is_retried() -> None:
    refused = httpx.ConnectError("connection refused")
    transport, sent, _, _ = _transport([refused], RetryBudget(first_backoff=0))
    with pytest.raises(RunStoppedError, match=r"cannot reach https://jira\.example\.com"):
        transport.handle_request(_get())
    assert len(sent) == 1

    transport, sent, _, _ = _transport(
        [httpx.Response(200), refused, httpx.Response(200)], RetryBudget(first_backoff=0)
    )
    assert transport.handle_request(_get()).status_code == 200
    assert transport.handle_request(_get()).status_code == 200
    assert len(sent) == 3
