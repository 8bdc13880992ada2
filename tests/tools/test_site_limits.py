"""What the tool learns from the 429s Jira Cloud sends: a burst limit paces that method's starts, a
per-issue limit holds back that issue's request only, and one overload cuts concurrency once."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from jira_remote_links.tooling.http import (
    OWN_WAIT,
    AdaptiveLimit,
    AsyncPacedTransport,
    Pacer,
    RetryBudget,
)

PER_ISSUE = {"RateLimit-Reason": "jira-per-issue-on-write", "Retry-After": "1"}
BURST = {"RateLimit-Reason": "jira-burst-based", "Retry-After": "1"}


def _post(issue: str) -> httpx.Request:
    return httpx.Request(
        "POST", f"https://site.example.com/rest/api/2/issue/{issue}/remotelink", json={"globalId": "g1"}
    )


def test_a_per_issue_429_makes_only_that_request_wait() -> None:
    pacer = Pacer(RetryBudget())
    request = _post("MKY-1")
    assert pacer.answer(request, httpx.Response(429, headers=PER_ISSUE), attempt=1)
    assert pacer.wait_needed() == 0.0
    assert request.extensions[OWN_WAIT] == pytest.approx(1.0)


def test_a_burst_429_still_pauses_the_whole_run() -> None:
    pacer = Pacer(RetryBudget())
    request = _post("MKY-1")
    assert pacer.answer(request, httpx.Response(429, headers=BURST), attempt=1)
    assert pacer.wait_needed() > 0.5
    assert OWN_WAIT not in request.extensions


def test_writes_to_other_issues_go_on_while_one_issue_waits() -> None:
    refused: set[str] = set()
    finished: dict[str, float] = {}

    def answer(request: httpx.Request) -> httpx.Response:
        issue = request.url.path.split("/")[-2]
        if issue == "MKY-1" and issue not in refused:
            refused.add(issue)
            return httpx.Response(429, headers=PER_ISSUE)
        return httpx.Response(201, json={"id": 1, "self": "x"})

    transport = AsyncPacedTransport(httpx.MockTransport(answer), Pacer(RetryBudget()), AdaptiveLimit(4))

    async def send(issue: str, delay: float) -> None:
        await asyncio.sleep(delay)
        response = await transport.handle_async_request(_post(issue))
        assert response.status_code == 201
        finished[issue] = time.monotonic()

    async def go() -> float:
        started = time.monotonic()
        await asyncio.gather(send("MKY-1", 0.0), send("MKY-2", 0.05))
        return started

    started = asyncio.run(go())
    # MKY-1 waited out its Retry-After; MKY-2, sent meanwhile, was not held by it.
    assert finished["MKY-1"] - started >= 0.9
    assert finished["MKY-2"] - started < 0.5


def test_a_per_issue_429_leaves_concurrency_and_rates_alone() -> None:
    limit = AdaptiveLimit(16)
    limit.observe(httpx.Response(429, headers=PER_ISSUE), method="POST")
    assert limit.limit == 16
    assert limit.rates == {}


def test_a_burst_429_sets_that_methods_rate_from_its_policy_or_the_documented_burst() -> None:
    limit = AdaptiveLimit(32)
    limit.observe(httpx.Response(429, headers={**BURST, "Beta-RateLimit-Policy": "40;w=2"}), method="POST")
    assert limit.rates == {"POST": pytest.approx(19.0)}
    limit.observe(httpx.Response(429, headers=BURST), method="PUT")
    assert limit.rates["PUT"] == pytest.approx(47.5)
    assert "GET" not in limit.rates


def test_starts_are_spaced_at_the_learned_rate() -> None:
    limit = AdaptiveLimit(32)
    limit.observe(httpx.Response(429, headers={**BURST, "Beta-RateLimit-Policy": "200;w=1"}), method="POST")

    async def go() -> float:
        started = time.monotonic()
        for _ in range(20):
            await limit.pace("POST")
        await limit.pace("GET")  # no limit learned for GET: no wait
        return time.monotonic() - started

    # 190 starts per second: 20 starts take at least 19 intervals.
    assert asyncio.run(go()) >= 19 / 190 - 0.005


def test_the_429s_of_one_overload_cut_concurrency_once() -> None:
    clock = [10.0]
    limit = AdaptiveLimit(32, clock=lambda: clock[0])
    plain = httpx.Response(429)  # no reason given: the number in flight is all there is to cut
    # Three requests sent before the first 429 came back: one overload, one cut.
    for _ in range(3):
        limit.observe(plain, sent_at=9.5, method="POST")
    assert limit.limit == 16
    # A request sent after the cut that is still refused: the cut was not enough.
    limit.observe(plain, sent_at=10.5, method="POST")
    assert limit.limit == 8


def test_a_paced_method_keeps_its_concurrency_and_slows_a_little_at_each_new_burst_429() -> None:
    clock = [10.0]
    limit = AdaptiveLimit(32, clock=lambda: clock[0])
    limit.observe(httpx.Response(429, headers=BURST), sent_at=9.5, method="POST")
    assert limit.limit == 32
    assert limit.rates["POST"] == pytest.approx(95.0)
    # Running at 95% of the limit, every answer warns; that must not stop concurrency from growing.
    limit.limit = 10.0
    warned = httpx.Response(201, headers={"Beta-RateLimit": "limit=100, remaining=4, reset=1"})
    for _ in range(600):
        limit.observe(warned, method="POST")
    assert limit.limit == 32
    clock[0] = 20.0
    limit.observe(httpx.Response(429, headers=BURST), sent_at=19.9, method="POST")
    assert limit.rates["POST"] == pytest.approx(95.0 * 0.97)
    for second in range(30, 60):
        clock[0] = float(second)
        limit.observe(httpx.Response(429, headers=BURST), sent_at=second - 0.1, method="POST")
    assert limit.rates["POST"] == pytest.approx(80.0)


def test_in_flight_follows_the_round_trip_down_when_answers_queue_and_up_over_a_steady_network() -> None:
    clock = [0.0]
    limit = AdaptiveLimit(32, clock=lambda: clock[0])
    # Loopback under load: the fastest answer took 1 ms, then answers queue up to 20 ms.
    for n in range(2000):
        clock[0] = n * 0.02
        limit.observe(httpx.Response(201), sent_at=clock[0] - (0.001 if n == 0 else 0.02), method="POST")
    assert limit.limit < 8
    # A 150 ms network that load does not slow: back up to the ceiling.
    steady = AdaptiveLimit(32, clock=lambda: clock[0])
    steady.limit = 4.0
    for n in range(2000):
        clock[0] = 100 + n * 0.01
        steady.observe(httpx.Response(201), sent_at=clock[0] - 0.15, method="POST")
    assert steady.limit == 32


def test_a_burst_429_within_a_spaced_method_makes_only_that_request_wait() -> None:
    pacer = Pacer(RetryBudget())
    request = _post("MKY-1")
    assert pacer.answer(request, httpx.Response(429, headers=BURST), attempt=1, paced=True)
    assert pacer.wait_needed() == 0.0
    assert request.extensions[OWN_WAIT] == pytest.approx(1.0)


def test_a_slower_round_trip_does_not_shrink_a_paced_methods_requests_in_flight() -> None:
    clock = [0.0]
    limit = AdaptiveLimit(32, clock=lambda: clock[0])
    limit.observe(httpx.Response(429, headers=BURST), sent_at=-0.1, method="POST")
    for n in range(200):
        clock[0] = 1 + n * 0.01
        limit.observe(httpx.Response(201), sent_at=clock[0] - 0.15, method="POST")
    # A stall: the same spaced starts come back four times slower for a while.
    for n in range(200):
        clock[0] = 3 + n * 0.01
        limit.observe(httpx.Response(201), sent_at=clock[0] - 0.6, method="POST")
    assert limit.limit == 32
    # A method with no learned rate still follows the round trip down.
    for n in range(200):
        clock[0] = 5 + n * 0.01
        limit.observe(httpx.Response(201), sent_at=clock[0] - 0.6, method="GET")
    assert limit.limit < 32
