"""The tools' HTTP layer: one retry budget, waits that are shown, and faults that stop a run at once.

The client's own retrying transport is invisible by design; a tool must instead say what it waits for
and until when, stop at once when the host cannot be reached, and keep `--max-attempts` honest. So the
tools build their client with the client's retrying turned off and this transport in its place:

- every request gets at most `max_attempts` attempts in total (the first included), and only requests
  that are safe to repeat (GET, and a POST carrying a `globalId`, which Jira treats as an upsert) are
  repeated at all;
- a 429/502/503/504 sets one pause shared by every request of the run, as long as the server asked
  (`Retry-After`, then `Beta-Retry-After`, then `X-RateLimit-Reset`; a quota limit without a time lasts
  until the hour turns), else a backoff that starts at `first_backoff` and doubles, with jitter;
  each pause is reported to the display with its reason and its end;
- a connection that cannot be made before any answer came back (dead host, DNS, TLS) raises
  `RunStoppedError` at once, and connecting never waits longer than `connect_timeout`.
"""

from __future__ import annotations

import asyncio
import math
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from jira_remote_links.connect import connect_jira, tls_context
from jira_remote_links.retry import is_safe_to_repeat, parse_rate_limit_reset, parse_retry_after
from jira_remote_links.tooling.settings import Credentials
from jira_remote_links_client import Client

RETRY_STATUSES = frozenset({429, 502, 503, 504})
PER_ISSUE_REASON = "jira-per-issue-on-write"
BURST_REASON = "jira-burst-based"
# Where `Pacer.answer` leaves a wait that concerns one request only (a per-issue limit), not the run.
OWN_WAIT = "jira_remote_links.own_wait"
# Jira Cloud's documented burst limits per tenant, endpoint and method (requests per second): what a
# `jira-burst-based` 429 that names no policy of its own is taken to mean.
DOCUMENTED_BURSTS = {"GET": 100.0, "POST": 100.0, "PUT": 50.0, "DELETE": 50.0}
# The share of a learned burst limit a run keeps to: evenly spaced starts at 95% leave room for the
# jitter between sending a request and its arrival, so the site's sliding window never fills.
BURST_SHARE = 0.95
_CONNECT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout)


class RunStoppedError(Exception):
    """A fault that no further request can cure: the whole run stops with this message."""


@dataclass(frozen=True, slots=True)
class RetryBudget:
    """How much a tool retries, all of it visible. `max_attempts` counts every attempt of one request."""

    max_attempts: int = 5
    first_backoff: float = 2.0
    max_backoff: float = 60.0
    # The longest pause a tool accepts from the server; a longer one stops the run with the time to return.
    max_wait: float = 3600.0
    connect_timeout: float = 10.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError(f"max_attempts must be at least 1, not {self.max_attempts}")
        for name in ("first_backoff", "max_backoff", "max_wait", "connect_timeout"):
            if not getattr(self, name) >= 0:
                raise ValueError(f"{name} must be a number >= 0, not {getattr(self, name)!r}")


@dataclass(frozen=True, slots=True)
class WaitNotice:
    """What the run waits for, and until when (UTC)."""

    reason: str
    until: datetime

    def describe(self, now: datetime | None = None) -> str:
        seconds = max(0.0, (self.until - (now or datetime.now(UTC))).total_seconds())
        return f"waiting until {self.until:%H:%M:%S} UTC ({seconds:.0f} s): {self.reason}"


WaitSink = Callable[[WaitNotice], None]


def _ignore(_notice: WaitNotice) -> None:
    return None


class Pacer:
    """The decisions and the state shared by all requests of one run (no I/O here)."""

    def __init__(
        self,
        budget: RetryBudget,
        on_wait: WaitSink = _ignore,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.budget = budget
        self.on_wait = on_wait
        self._clock = clock
        self._wall_clock = wall_clock
        self._jitter = jitter
        self._lock = threading.Lock()
        self._not_before = 0.0
        # Attempts sent and answers received, for the summary and for telling a dead host from a hiccup.
        self.sent = 0
        self.answered = 0

    def wait_needed(self) -> float:
        with self._lock:
            return max(0.0, self._not_before - self._clock())

    def prepare(self, request: httpx.Request) -> None:
        timeout = request.extensions.get("timeout")
        if isinstance(timeout, dict):
            connect = timeout.get("connect")
            cap = self.budget.connect_timeout
            request.extensions["timeout"] = {
                **timeout,
                "connect": cap if connect is None else min(connect, cap),
            }
        with self._lock:
            self.sent += 1

    def answer(
        self, request: httpx.Request, response: httpx.Response, attempt: int, *, paced: bool = False
    ) -> bool:
        """Record an answer; True when the request should be sent again (after `wait_needed`).

        `paced`: the request's method already starts at a spaced rate below its burst limit, so a burst
        429 is a momentary bunch that the spacing absorbs; the refused request waits, the run goes on.
        """
        with self._lock:
            self.answered += 1
        if response.status_code not in RETRY_STATUSES:
            return False
        if attempt >= self.budget.max_attempts or not is_safe_to_repeat(request):
            return False
        seconds, reason = self._delay(response, attempt)
        limit = response.headers.get("RateLimit-Reason")
        if limit == PER_ISSUE_REASON or (paced and limit == BURST_REASON):
            # One issue's write limit, or a bunch within a spaced method: only this request waits.
            if seconds > self.budget.max_wait:
                self._pause(seconds, reason)  # raises with the time to come back
            request.extensions[OWN_WAIT] = seconds
            return True
        self._pause(seconds, reason)
        return True

    def connect_failed(self, request: httpx.Request, error: Exception, attempt: int) -> bool:
        """A connection could not be made; True to try again, else raise or give up."""
        if self.answered == 0:
            raise RunStoppedError(
                f"cannot reach {request.url.scheme}://{request.url.netloc.decode('ascii', 'replace')}: "
                f"{_describe_error(error)}. Check the base URL, the network and the proxy settings."
            ) from None
        if attempt >= self.budget.max_attempts or not is_safe_to_repeat(request):
            return False
        self._pause(self._backoff(attempt), f"could not connect ({_describe_error(error)}); backing off")
        return True

    def _delay(self, response: httpx.Response, attempt: int) -> tuple[float, str]:
        headers = response.headers
        now = self._wall_clock()
        limit = headers.get("RateLimit-Reason")
        what = f"Jira answered {response.status_code}" + (f" ({limit})" if limit else "")
        for name, parse in (
            ("Retry-After", parse_retry_after),
            ("Beta-Retry-After", parse_retry_after),
            ("X-RateLimit-Reset", parse_rate_limit_reset),
        ):
            seconds = parse(headers.get(name), now)
            if seconds is not None:
                return seconds, f"{what} with {name}"
        if limit is not None and limit.startswith("jira-quota"):
            # Atlassian's advice: a quota limit lasts until the hour turns.
            top = now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
            return (top - now).total_seconds(), f"{what}: a quota limit, which resets on the hour"
        return self._backoff(attempt), f"{what} without a time to wait; backing off"

    def _backoff(self, attempt: int) -> float:
        nominal = min(self.budget.max_backoff, self.budget.first_backoff * 2.0 ** min(attempt - 1, 32))
        return nominal * (0.7 + 0.6 * self._jitter())

    def _pause(self, seconds: float, reason: str) -> None:
        if seconds > self.budget.max_wait:
            until = self._wall_clock() + timedelta(seconds=seconds)
            raise RunStoppedError(
                f"{reason}: Jira asks to wait until {until:%Y-%m-%d %H:%M:%S} UTC, longer than the "
                f"longest wait allowed ({self.budget.max_wait:.0f} s). Run again after that time."
            )
        with self._lock:
            now = self._clock()
            new_end = now + seconds
            extended = new_end > self._not_before + 0.5
            self._not_before = max(self._not_before, new_end)
            end = self._not_before
        if extended and seconds > 0:
            until = self._wall_clock() + timedelta(seconds=end - now)
            self.on_wait(WaitNotice(reason, until))


class AdaptiveLimit:
    """Requests in flight at once, and request starts per second, found by the site's answers.

    In flight: it starts at the ceiling (`--concurrency`); a 429 halves it (once per round trip: the
    429s of requests sent before the last cut are the same overload, not a new one), each answer without
    a sign of a limit adds about one per round of answers back up to the ceiling, and an answer that warns
    of a limit (`Beta-RateLimit`, `Beta-Retry-After`, `X-RateLimit-NearLimit`) holds it where it is.
    A 429 for one issue's writes (`jira-per-issue-on-write`) says nothing about the site and changes
    neither (the bulk tool spaces writes per issue itself).

    Starts per second: none until the site shows a burst limit. A `jira-burst-based` 429 sets that
    method's rate to 95% of the policy it names (`Beta-RateLimit-Policy`), else of Jira Cloud's
    documented burst for the method, and from then on starts are spaced evenly at that rate (3% lower
    after each further burst 429, down to 80%). Such a 429 does not cut the number in flight, and the
    method's answers neither hold it (they warn by design near the limit) nor shrink it when they come
    back slower: the spacing is what keeps the run under the limit, and a slower round trip at the same
    spacing needs more requests in flight, not fewer. Latency then no longer decides how close the run
    comes to it.
    """

    def __init__(self, ceiling: int, *, clock: Callable[[], float] = time.monotonic) -> None:
        if ceiling < 1:
            raise ValueError(f"ceiling must be at least 1, not {ceiling}")
        self.ceiling = ceiling
        self.limit = float(ceiling)
        self.in_flight = 0
        self.lowest = float(ceiling)
        # Requests per second per method, learned from burst 429s.
        self.rates: dict[str, float] = {}
        self._clock = clock
        self._next_start: dict[str, float] = {}
        self._last_cut = -float("inf")
        # The fastest round trip seen and a moving average of recent ones (seconds).
        self._fastest = float("inf")
        self._round_trip: float | None = None
        self._changed = asyncio.Condition()

    async def __aenter__(self) -> None:
        async with self._changed:
            await self._changed.wait_for(lambda: self.in_flight < max(1, int(self.limit)))
            self.in_flight += 1

    async def __aexit__(self, *_exc: object) -> None:
        async with self._changed:
            self.in_flight -= 1
            # One slot freed, one waiter woken: waking them all costs every waiter a wake-up per answer.
            self._changed.notify()

    async def pace(self, method: str) -> None:
        """Wait for this method's next start slot, if the site has shown a burst limit for it."""
        rate = self.rates.get(method)
        if rate is None:
            return
        # The slot is reserved before waiting (no await in between), so waiters keep their order.
        now = self._clock()
        start = max(now, self._next_start.get(method, 0.0))
        self._next_start[method] = start + 1.0 / rate
        if start > now:
            await asyncio.sleep(start - now)

    def observe(
        self, response: httpx.Response, *, sent_at: float | None = None, method: str | None = None
    ) -> None:
        """Adapt to one answer; `sent_at` (this limit's clock) and `method` are the request's."""
        if response.status_code == 429:
            reason = response.headers.get("RateLimit-Reason")
            if reason == PER_ISSUE_REASON:
                return
            if sent_at is not None and sent_at <= self._last_cut:
                return  # the same overload as the last cut
            self._last_cut = self._clock()
            if reason == BURST_REASON and method is not None and method in DOCUMENTED_BURSTS:
                # The starts are spaced from now on; the number in flight was not the cause.
                self._learn_burst(response, method)
                return
            self.limit = max(1.0, self.limit / 2)
            self.lowest = min(self.lowest, self.limit)
        elif response.status_code < 400 and (method in self.rates or not _warns_of_limit(response.headers)):
            # A paced method's answers warn by design (it runs at 95% of the limit): no reason to hold.
            paced = method in self.rates
            if sent_at is None:
                self.limit = min(float(self.ceiling), self.limit + 1 / max(self.limit, 1.0))
            else:
                self._follow_round_trip(self._clock() - sent_at, shrink=not paced)

    def _follow_round_trip(self, seconds: float, *, shrink: bool = True) -> None:
        """Keep as many requests in flight as the round trip needs (a gradient, as in TCP Vegas).

        While answers come back about as fast as the fastest seen, the limit grows by about its square
        root per round; when they slow down because requests queue (a busy server or client CPU, not the
        network), it shrinks in proportion. Over a 150 ms network the round trip hardly grows with load,
        so the limit climbs to the ceiling; on loopback it settles at a few requests, which do the same
        work for less CPU (each pooled connection costs httpcore work on every request).

        Without `shrink` (a paced method) it only grows: the starts are spaced whatever the limit, so a
        round trip slowed by a stall is not load of our making, and cutting the limit below rate x round
        trip would only slow the run under the spacing (measured: 67 POSTs in a second, 11.7 in flight).
        """
        self._fastest = min(self._fastest, seconds)
        self._round_trip = seconds if self._round_trip is None else 0.9 * self._round_trip + 0.1 * seconds
        gradient = max(0.5, min(1.0, self._fastest / max(self._round_trip, 1e-9)))
        target = self.limit * gradient + math.sqrt(self.limit)
        followed = max(1.0, min(float(self.ceiling), 0.9 * self.limit + 0.1 * target))
        self.limit = followed if shrink else max(self.limit, followed)

    def _learn_burst(self, response: httpx.Response, method: str) -> None:
        limit = _policy_rate(response.headers.get("Beta-RateLimit-Policy")) or DOCUMENTED_BURSTS.get(method)
        if limit is None:
            return
        rate = limit * BURST_SHARE
        known = self.rates.get(method)
        # Tripped again while paced: the requests bunch on their way (a busy network or server), so
        # keep a little further below the limit each time, down to 80% of it.
        self.rates[method] = rate if known is None else max(limit * 0.8, min(rate, known * 0.97))


def _policy_rate(policy: str | None) -> float | None:
    """Requests per second from `Beta-RateLimit-Policy: 100;w=1`, or None when absent or unreadable."""
    if not policy:
        return None
    count, _, rest = policy.partition(";")
    window = dict(part.strip().partition("=")[::2] for part in rest.split(";") if "=" in part).get("w")
    try:
        requests, seconds = float(count), float(window or "1")
    except ValueError:
        return None
    return requests / seconds if requests > 0 and seconds > 0 else None


def _warns_of_limit(headers: httpx.Headers) -> bool:
    return (
        "Beta-Retry-After" in headers
        or "Beta-RateLimit" in headers
        or headers.get("X-RateLimit-NearLimit", "").lower() == "true"
    )


def _describe_error(error: Exception) -> str:
    text = str(error).strip()
    return text or type(error).__name__


class PacedTransport(httpx.BaseTransport):
    def __init__(
        self, inner: httpx.BaseTransport, pacer: Pacer, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.inner = inner
        self.pacer = pacer
        self._sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        attempt = 0
        while True:
            attempt += 1
            if (wait := self.pacer.wait_needed()) > 0:
                self._sleep(wait)
            self.pacer.prepare(request)
            try:
                response = self.inner.handle_request(request)
            except _CONNECT_ERRORS as exc:
                if not self.pacer.connect_failed(request, exc, attempt):
                    raise
                continue
            if not self.pacer.answer(request, response, attempt):
                return response
            response.close()
            if (own := request.extensions.pop(OWN_WAIT, 0.0)) > 0:
                self._sleep(own)

    def close(self) -> None:
        self.inner.close()


class AsyncPacedTransport(httpx.AsyncBaseTransport):
    def __init__(
        self, inner: httpx.AsyncBaseTransport, pacer: Pacer, limit: AdaptiveLimit | None = None
    ) -> None:
        self.inner = inner
        self.pacer = pacer
        self.limit = limit

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        attempt = 0
        while True:
            attempt += 1
            # Re-checked after each sleep: another request may have extended the shared pause meanwhile.
            while (wait := self.pacer.wait_needed()) > 0:
                await asyncio.sleep(wait)
            self.pacer.prepare(request)
            # Whether the method was spaced before this attempt: the 429 that teaches the rate still
            # pauses the run (and is shown), later bunches hold back only their request.
            paced = self.limit is not None and request.method in self.limit.rates
            try:
                response = await self._send(request)
            except _CONNECT_ERRORS as exc:
                if not self.pacer.connect_failed(request, exc, attempt):
                    raise
                continue
            if not self.pacer.answer(request, response, attempt, paced=paced):
                return response
            await response.aclose()
            if (own := request.extensions.pop(OWN_WAIT, 0.0)) > 0:
                await asyncio.sleep(own)

    async def _send(self, request: httpx.Request) -> httpx.Response:
        if self.limit is None:
            return await self.inner.handle_async_request(request)
        async with self.limit:
            await self.limit.pace(request.method)
            sent_at = time.monotonic()
            response = await self.inner.handle_async_request(request)
        self.limit.observe(response, sent_at=sent_at, method=request.method)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


def connect_paced(
    credentials: Credentials,
    pacer: Pacer,
    *,
    timeout: float = 30.0,
    transport: httpx.BaseTransport | None = None,
    async_transport: httpx.AsyncBaseTransport | None = None,
    limit: AdaptiveLimit | None = None,
) -> Client:
    """`connect_jira` with its own retrying off and the paced transports in its place.

    `transport`/`async_transport` replace the network under the pacing (tests count requests there).
    """
    tls: Any = tls_context(True)
    return connect_jira(
        credentials.base_url,
        email=credentials.email,
        api_token=credentials.api_token,
        timeout=timeout,
        retry=None,
        transport=PacedTransport(transport or httpx.HTTPTransport(verify=tls), pacer),
        async_transport=AsyncPacedTransport(
            async_transport or httpx.AsyncHTTPTransport(verify=tls), pacer, limit
        ),
    )
