"""The retrying transports, sync and async, driven by scripted responses and a fake clock."""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterable
from datetime import UTC, datetime

import anyio
import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jira_remote_links.retry import RetryPolicy
from jira_remote_links.transport import AsyncRetryingTransport, RetryingTransport

URL = "https://example.atlassian.net/rest/api/2/issue/MKY-1/remotelink"
TOKEN = "s3cr3t-api-token-value"
NOW = datetime(2026, 1, 1, 10, 29, 0, tzinfo=UTC)
# No jitter, so waits can be compared exactly.
EXACT = RetryPolicy(base_delay=1.0, max_delay=30.0, jitter=(1.0, 1.0))

Outcome = httpx.Response | Exception


class FakeClock:
    """Monotonic time that only moves when the code under test sleeps or a request takes time."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)


class Script:
    """Answers requests with the given outcomes in order, repeating the last one, and records them."""

    def __init__(self, outcomes: Iterable[Outcome], clock: FakeClock, latency: float = 0.0) -> None:
        self.outcomes = list(outcomes)
        self.requests: list[httpx.Request] = []
        self.bodies: list[bytes] = []
        self.clock = clock
        self.latency = latency

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.bodies.append(request.read())
        self.clock.now += self.latency
        outcome = self.outcomes[min(len(self.requests) - 1, len(self.outcomes) - 1)]
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


def status(code: int, **headers: str) -> httpx.Response:
    return httpx.Response(code, json={"errorMessages": [], "errors": {}}, headers=headers)


def connect_error() -> httpx.ConnectError:
    return httpx.ConnectError("connection refused")


def sync_client(
    outcomes: Iterable[Outcome], policy: RetryPolicy = EXACT, latency: float = 0.0
) -> tuple[httpx.Client, Script, FakeClock]:
    clock = FakeClock()
    script = Script(outcomes, clock, latency)
    transport = RetryingTransport(
        httpx.MockTransport(script),
        policy,
        sleep=clock.sleep,
        clock=clock,
        wall_clock=lambda: NOW,
        jitter_source=lambda: 0.5,
    )
    return httpx.Client(transport=transport), script, clock


def async_client(
    outcomes: Iterable[Outcome], policy: RetryPolicy = EXACT
) -> tuple[httpx.AsyncClient, Script, FakeClock]:
    clock = FakeClock()
    script = Script(outcomes, clock)
    transport = AsyncRetryingTransport(
        httpx.MockTransport(script),
        policy,
        sleep=clock.async_sleep,
        clock=clock,
        wall_clock=lambda: NOW,
        jitter_source=lambda: 0.5,
    )
    return httpx.AsyncClient(transport=transport), script, clock


def test_429_waits_for_retry_after_then_succeeds() -> None:
    client, script, clock = sync_client([status(429, **{"Retry-After": "7"}), status(200)])
    response = client.get(URL)
    assert response.status_code == 200
    assert len(script.requests) == 2
    assert clock.sleeps == [7.0]


def test_retry_after_as_an_http_date() -> None:
    client, _, clock = sync_client(
        [status(503, **{"Retry-After": "Thu, 01 Jan 2026 10:29:12 GMT"}), status(200)]
    )
    assert client.get(URL).status_code == 200
    assert clock.sleeps == [12.0]


def test_rate_limit_reset_when_there_is_no_retry_after() -> None:
    client, _, clock = sync_client(
        [status(429, **{"X-RateLimit-Reset": "2026-01-01T10:29:05Z"}), status(200)]
    )
    assert client.get(URL).status_code == 200
    assert clock.sleeps == [5.0]


def test_backoff_doubles_without_server_hints() -> None:
    client, script, clock = sync_client([status(503), status(502), status(504), status(200)])
    assert client.get(URL).status_code == 200
    assert len(script.requests) == 4
    assert clock.sleeps == [1.0, 2.0, 4.0]


def test_attempts_are_bounded_and_the_last_response_is_returned() -> None:
    client, script, clock = sync_client([status(429, **{"Retry-After": "0"})], RetryPolicy(max_attempts=4))
    response = client.get(URL)
    assert response.status_code == 429
    assert len(script.requests) == 4
    assert len(clock.sleeps) == 3


def test_deadline_stops_retries_early() -> None:
    policy = RetryPolicy(max_attempts=10, base_delay=1.0, jitter=(1.0, 1.0), deadline=10.0)
    client, script, clock = sync_client([status(503)], policy)
    assert client.get(URL).status_code == 503
    # Waits 1, 2, 4 end at 7s; the next wait of 8s would pass the 10s deadline.
    assert clock.sleeps == [1.0, 2.0, 4.0]
    assert len(script.requests) == 4


def test_deadline_counts_the_time_requests_take() -> None:
    policy = RetryPolicy(max_attempts=10, base_delay=1.0, jitter=(1.0, 1.0), deadline=10.0)
    client, script, _ = sync_client([status(503)], policy, latency=4.0)
    assert client.get(URL).status_code == 503
    # 4s request, 1s wait, 4s request: at 9s another 2s wait would pass the deadline.
    assert len(script.requests) == 2


def test_post_without_global_id_is_sent_once() -> None:
    client, script, clock = sync_client([status(503, **{"Retry-After": "0"}), status(201)])
    response = client.post(URL, json={"object": {"url": "https://x", "title": "x"}})
    assert response.status_code == 503
    assert len(script.requests) == 1
    assert clock.sleeps == []


def test_post_with_global_id_is_retried_with_the_same_body() -> None:
    client, script, _ = sync_client([status(503), status(429, **{"Retry-After": "1"}), status(201)])
    body = {"globalId": "system=https://x&id=1", "object": {"url": "https://x", "title": "x"}}
    assert client.post(URL, json=body).status_code == 201
    assert len(script.requests) == 3
    assert len(set(script.bodies)) == 1
    assert b"globalId" in script.bodies[0]


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "POST"])
@pytest.mark.parametrize("code", [400, 401, 403, 404, 413, 415, 500])
def test_client_errors_and_413_are_never_retried(method: str, code: int) -> None:
    client, script, _ = sync_client([status(code, **{"Retry-After": "0"}), status(200)])
    response = client.request(method, URL, json={"globalId": "g"})
    assert response.status_code == code
    assert len(script.requests) == 1


def test_connect_errors_are_retried_for_safe_requests() -> None:
    client, script, clock = sync_client([connect_error(), httpx.ConnectTimeout("slow"), status(204)])
    assert client.delete(URL).status_code == 204
    assert len(script.requests) == 3
    assert clock.sleeps == [1.0, 2.0]


def test_connect_errors_raise_once_attempts_run_out() -> None:
    client, script, _ = sync_client([connect_error()], RetryPolicy(max_attempts=3, base_delay=0.0))
    with pytest.raises(httpx.ConnectError):
        client.get(URL)
    assert len(script.requests) == 3


def test_connect_error_on_post_without_global_id_is_not_retried() -> None:
    client, script, _ = sync_client([connect_error(), status(201)])
    with pytest.raises(httpx.ConnectError):
        client.post(URL, json={"object": {}})
    assert len(script.requests) == 1


def test_read_timeouts_are_not_retried() -> None:
    # The request may have reached the server; the caller's timeout is what it asked for.
    client, script, _ = sync_client([httpx.ReadTimeout("slow"), status(200)])
    with pytest.raises(httpx.ReadTimeout):
        client.get(URL)
    assert len(script.requests) == 1


def test_a_single_attempt_policy_never_retries() -> None:
    client, script, _ = sync_client([status(503), status(200)], RetryPolicy(max_attempts=1))
    assert client.get(URL).status_code == 503
    assert len(script.requests) == 1


def test_server_wait_beyond_max_delay_returns_the_429() -> None:
    client, script, _ = sync_client([status(429, **{"Retry-After": "600"}), status(200)])
    assert client.get(URL).status_code == 429
    assert len(script.requests) == 1


def test_real_jitter_stays_in_range() -> None:
    clock = FakeClock()
    script = Script([status(503)] * 5 + [status(200)], clock)
    policy = RetryPolicy(max_attempts=6, base_delay=1.0, max_delay=4.0, jitter=(0.7, 1.3))
    transport = RetryingTransport(httpx.MockTransport(script), policy, sleep=clock.sleep, clock=clock)
    assert httpx.Client(transport=transport).get(URL).status_code == 200
    for attempt, slept in enumerate(clock.sleeps, start=1):
        nominal = min(4.0, 2.0 ** (attempt - 1))
        assert nominal * 0.7 <= slept <= nominal * 1.3


def test_retries_are_logged_without_credentials(caplog: pytest.LogCaptureFixture) -> None:
    clock = FakeClock()
    script = Script([status(429, **{"Retry-After": "0"}), status(200)], clock)
    transport = RetryingTransport(httpx.MockTransport(script), EXACT, sleep=clock.sleep, clock=clock)
    client = httpx.Client(transport=transport, auth=httpx.BasicAuth("demo@example.com", TOKEN))
    with caplog.at_level(logging.DEBUG, logger="jira_remote_links"):
        assert client.get(URL).status_code == 200
    assert "Retrying GET " + URL in caplog.text
    assert "status 429" in caplog.text
    encoded = base64.b64encode(f"demo@example.com:{TOKEN}".encode()).decode()
    assert script.requests[0].headers["Authorization"] == f"Basic {encoded}"
    assert TOKEN not in caplog.text
    assert encoded not in caplog.text


def test_closing_the_client_closes_the_inner_transport() -> None:
    closed: list[bool] = []

    class Inner(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            return httpx.Response(200)

        def close(self) -> None:
            closed.append(True)

    with httpx.Client(transport=RetryingTransport(Inner())) as client:
        client.get(URL)
    assert closed == [True]


unsafe_requests = st.one_of(
    st.tuples(st.just("POST"), st.dictionaries(st.sampled_from(["object", "relationship", "id"]), st.text())),
    st.tuples(st.just("POST"), st.fixed_dictionaries({"globalId": st.sampled_from(["", " ", "\t"])})),
    st.tuples(st.sampled_from(["PATCH", "OPTIONS"]), st.dictionaries(st.text(), st.text(), max_size=2)),
)


@settings(max_examples=50)
@given(request=unsafe_requests, code=st.sampled_from([429, 500, 502, 503, 504]))
def test_unsafe_requests_are_never_repeated(request: tuple[str, dict[str, str]], code: int) -> None:
    method, body = request
    client, script, clock = sync_client([status(code, **{"Retry-After": "0"}), status(200)])
    assert client.request(method, URL, json=body).status_code == code
    assert len(script.requests) == 1
    assert clock.sleeps == []


def test_async_retries_429_then_succeeds() -> None:
    async def main() -> None:
        client, script, clock = async_client([status(429, **{"Retry-After": "3"}), status(503), status(200)])
        async with client:
            response = await client.get(URL)
        assert response.status_code == 200
        assert len(script.requests) == 3
        assert clock.sleeps == [3.0, 2.0]

    anyio.run(main)


def test_async_post_with_and_without_global_id() -> None:
    async def main() -> None:
        client, script, _ = async_client([status(503), status(201)])
        response = await client.post(URL, json={"object": {}})
        assert (response.status_code, len(script.requests)) == (503, 1)

        client, script, _ = async_client([status(503), status(201)])
        response = await client.post(URL, json={"globalId": "g", "object": {}})
        assert (response.status_code, len(script.requests)) == (201, 2)
        assert script.bodies[0] == script.bodies[1]

    anyio.run(main)


def test_async_attempts_deadline_413_and_connect_errors() -> None:
    async def main() -> None:
        client, script, _ = async_client([status(429, **{"Retry-After": "0"})], RetryPolicy(max_attempts=3))
        assert (await client.get(URL)).status_code == 429
        assert len(script.requests) == 3

        policy = RetryPolicy(max_attempts=10, base_delay=1.0, jitter=(1.0, 1.0), deadline=10.0)
        client, script, clock = async_client([status(503)], policy)
        assert (await client.get(URL)).status_code == 503
        assert clock.sleeps == [1.0, 2.0, 4.0]

        client, script, _ = async_client([status(413), status(200)])
        assert (await client.put(URL, json={"globalId": "g"})).status_code == 413
        assert len(script.requests) == 1

        client, script, _ = async_client([connect_error(), status(200)])
        assert (await client.get(URL)).status_code == 200
        assert len(script.requests) == 2

        client, script, _ = async_client([connect_error()], RetryPolicy(max_attempts=2, base_delay=0))
        with pytest.raises(httpx.ConnectError):
            await client.get(URL)
        assert len(script.requests) == 2

    anyio.run(main)


def test_async_transport_sleeps_for_real_by_default() -> None:
    # The default sleep is anyio's, so a zero wait works on the running event loop.
    async def main() -> int:
        script = Script([status(429, **{"Retry-After": "0"}), status(200)], FakeClock())
        transport = AsyncRetryingTransport(httpx.MockTransport(script), EXACT)
        async with httpx.AsyncClient(transport=transport) as client:
            return (await client.get(URL)).status_code

    assert anyio.run(main) == 200
