"""The pure retry rules: which requests may be repeated, and how long to wait before doing so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import attrs
import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jira_remote_links.retry import (
    RetryPolicy,
    backoff_delay,
    is_safe_to_repeat,
    parse_rate_limit_reset,
    parse_retry_after,
    retry_delay,
    server_delay,
)

NOW = datetime(2026, 1, 1, 10, 29, 0, tzinfo=UTC)
URL = "https://example.atlassian.net/rest/api/2/issue/MKY-1/remotelink"


def request(method: str, body: object = None, *, raw: bytes | None = None) -> httpx.Request:
    if raw is not None:
        return httpx.Request(method, URL, content=raw)
    if body is None:
        return httpx.Request(method, URL)
    return httpx.Request(method, URL, json=body)


def test_defaults_are_the_documented_ones() -> None:
    policy = attrs.asdict(RetryPolicy())
    assert policy.pop("retry_statuses") >= {429, 503}
    assert policy == {
        "max_attempts": 5,
        "base_delay": 2.0,
        "max_delay": 30.0,
        "deadline": 120.0,
        "jitter": (0.7, 1.3),
    }


def test_policy_is_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        RetryPolicy().max_attempts = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"max_attempts": 0}, "max_attempts"),
        ({"base_delay": -1}, "base_delay"),
        ({"max_delay": float("inf")}, "max_delay"),
        ({"deadline": float("nan")}, "deadline"),
        ({"jitter": (1.2, 1.1)}, "jitter"),
        ({"jitter": (0.5, 0.9)}, "jitter"),
        ({"jitter": (0.5, 1.0, 2.0)}, "jitter"),
        ({"retry_statuses": {429, 413}}, "413"),
        ({"retry_statuses": {400}}, "400"),
    ],
)
def test_bad_policies_are_refused_with_the_field_named(changes: dict[str, object], named: str) -> None:
    with pytest.raises(ValueError, match=named):
        RetryPolicy(**changes)  # type: ignore[arg-type]


@pytest.mark.parametrize("method", ["GET", "HEAD", "PUT", "DELETE", "get", "delete"])
def test_idempotent_methods_are_safe(method: str) -> None:
    assert is_safe_to_repeat(request(method))


@pytest.mark.parametrize(
    ("body", "safe"),
    [
        ({"globalId": "system=http://x&id=1", "object": {"url": "u", "title": "t"}}, True),
        ({"object": {"url": "u", "title": "t"}}, False),
        ({"globalId": "", "object": {}}, False),
        ({"globalId": "   "}, False),
        ({"globalId": None}, False),
        ({"globalId": 12}, False),
        ([{"globalId": "x"}], False),
        ("globalId", False),
    ],
)
def test_post_is_safe_only_with_a_global_id(body: object, safe: bool) -> None:
    assert is_safe_to_repeat(request("POST", body)) is safe


@pytest.mark.parametrize("raw", [b"", b"not json", b"\xff\xfe", b'{"globalId": "x"'])
def test_post_with_an_unreadable_body_is_unsafe(raw: bytes) -> None:
    assert not is_safe_to_repeat(request("POST", raw=raw))


def test_streamed_post_is_unsafe() -> None:
    def chunks() -> object:
        yield b'{"globalId": "x"}'

    assert not is_safe_to_repeat(httpx.Request("POST", URL, content=chunks()))  # type: ignore[arg-type]


@pytest.mark.parametrize("method", ["PATCH", "OPTIONS", "CONNECT", "TRACE"])
def test_other_methods_are_unsafe(method: str) -> None:
    assert not is_safe_to_repeat(request(method))


@given(
    body=st.dictionaries(
        st.text().filter(lambda key: key != "globalId"),
        st.none() | st.integers() | st.text(),
        max_size=5,
    )
)
def test_post_without_global_id_is_never_safe(body: dict[str, object]) -> None:
    assert not is_safe_to_repeat(request("POST", body))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5", 5.0),
        (" 0 ", 0.0),
        ("1.5", 1.5),
        ("-1", None),
        ("nan", None),
        ("inf", None),
        ("soon", None),
        ("", None),
        (None, None),
        ("Thu, 01 Jan 2026 10:29:30 GMT", 30.0),
        ("Thu, 01 Jan 2026 10:00:00 GMT", 0.0),
    ],
)
def test_retry_after_seconds_and_dates(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, NOW) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-01T10:30Z", 60.0),
        ("2026-01-01T10:30:30Z", 90.0),
        ("2026-01-01T11:30+01:00", 60.0),
        ("2026-01-01T10:30:00", 60.0),
        ("2026-01-01T10:00Z", 0.0),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_rate_limit_reset_is_iso_8601(value: str | None, expected: float | None) -> None:
    assert parse_rate_limit_reset(value, NOW) == expected


def test_server_delay_prefers_retry_after_over_the_reset_time() -> None:
    both = httpx.Headers({"Retry-After": "3", "X-RateLimit-Reset": "2026-01-01T10:30Z"})
    assert server_delay(both, NOW) == 3.0
    assert server_delay(httpx.Headers({"x-ratelimit-reset": "2026-01-01T10:30Z"}), NOW) == 60.0
    assert server_delay(httpx.Headers({"Retry-After": "bad", "X-RateLimit-Reset": "bad"}), NOW) is None


def test_backoff_doubles_up_to_the_cap() -> None:
    policy = RetryPolicy(base_delay=0.5, max_delay=30.0, jitter=(1.0, 1.0))
    delays = [backoff_delay(policy, attempt, 0.5) for attempt in range(1, 10)]
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]


def test_jitter_spans_the_configured_range() -> None:
    policy = RetryPolicy(base_delay=10.0, max_delay=30.0, jitter=(0.7, 1.3))
    assert backoff_delay(policy, 1, 0.0) == pytest.approx(7.0)
    assert backoff_delay(policy, 1, 1.0) == pytest.approx(13.0)
    assert backoff_delay(policy, 9, 1.0) == pytest.approx(39.0)


policies = st.builds(
    RetryPolicy,
    max_attempts=st.integers(1, 10),
    base_delay=st.floats(0, 100),
    max_delay=st.floats(0, 100),
    deadline=st.floats(0, 1000),
    jitter=st.tuples(st.floats(0, 1), st.floats(1, 3)),
)


@given(policy=policies, attempt=st.integers(1, 500), fraction=st.floats(0, 1))
def test_backoff_is_always_within_bounds(policy: RetryPolicy, attempt: int, fraction: float) -> None:
    low, high = policy.jitter
    nominal = min(policy.max_delay, policy.base_delay * 2.0 ** min(attempt - 1, 64))
    delay = backoff_delay(policy, attempt, fraction)
    assert nominal * low - 1e-9 <= delay <= policy.max_delay * high + 1e-9


def decide(policy: RetryPolicy, **overrides: object) -> float | None:
    arguments: dict[str, object] = {
        "attempt": 1,
        "elapsed": 0.0,
        "status_code": 503,
        "headers": {},
        "now": NOW,
        "jitter_fraction": 0.5,
    }
    arguments.update(overrides)
    return retry_delay(policy, **arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 413, 415, 422, 500, 501])
def test_other_statuses_are_never_retried(status: int) -> None:
    assert decide(RetryPolicy(), status_code=status, headers={"Retry-After": "0"}) is None


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_retryable_statuses_are_retried(status: int) -> None:
    assert decide(RetryPolicy(), status_code=status) is not None


def test_retry_after_is_honoured_and_never_shortened() -> None:
    policy = RetryPolicy(jitter=(0.7, 1.3))
    headers = {"Retry-After": "10"}
    assert decide(policy, status_code=429, headers=headers, jitter_fraction=0.0) == 10.0
    assert decide(policy, status_code=429, headers=headers, jitter_fraction=1.0) == pytest.approx(13.0)


def test_rate_limit_reset_is_honoured() -> None:
    policy = RetryPolicy(jitter=(1.0, 1.0))
    headers = {"X-RateLimit-Reset": "2026-01-01T10:29:20Z"}
    assert decide(policy, status_code=429, headers=headers) == 20.0


def test_a_wait_longer_than_max_delay_is_left_to_the_caller() -> None:
    assert decide(RetryPolicy(max_delay=30.0), status_code=429, headers={"Retry-After": "3600"}) is None


def test_attempts_are_bounded() -> None:
    policy = RetryPolicy(max_attempts=3)
    assert decide(policy, attempt=2) is not None
    assert decide(policy, attempt=3) is None
    assert decide(RetryPolicy(max_attempts=1), attempt=1) is None


def test_no_retry_would_end_after_the_deadline() -> None:
    policy = RetryPolicy(base_delay=4.0, jitter=(1.0, 1.0), deadline=10.0)
    assert decide(policy, elapsed=6.0) == 4.0
    assert decide(policy, elapsed=6.5) is None
    assert decide(policy, elapsed=9.0, status_code=429, headers={"Retry-After": "2"}) is None


def test_connect_errors_back_off() -> None:
    policy = RetryPolicy(base_delay=1.0, jitter=(1.0, 1.0))
    assert decide(policy, status_code=None, headers=None, attempt=3) == 4.0


header_values = st.one_of(
    st.none(),
    st.integers(-10, 10_000).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=20),
    st.datetimes(timezones=st.just(UTC)).map(lambda moment: moment.strftime("%a, %d %b %Y %H:%M:%S GMT")),
    st.timedeltas(min_value=timedelta(hours=-2), max_value=timedelta(hours=2)).map(
        lambda offset: (NOW + offset).astimezone(timezone(timedelta(hours=3))).isoformat()
    ),
)


@given(
    policy=policies,
    attempt=st.integers(1, 12),
    elapsed=st.floats(0, 2000),
    status=st.sampled_from([None, 400, 404, 413, 429, 500, 502, 503, 504]),
    retry_after=header_values,
    reset=header_values,
    fraction=st.floats(0, 1),
)
def test_every_decision_respects_the_policy(
    policy: RetryPolicy,
    attempt: int,
    elapsed: float,
    status: int | None,
    retry_after: str | None,
    reset: str | None,
    fraction: float,
) -> None:
    headers = {
        name: value
        for name, value in (("Retry-After", retry_after), ("X-RateLimit-Reset", reset))
        if value is not None
    }
    delay = decide(
        policy,
        attempt=attempt,
        elapsed=elapsed,
        status_code=status,
        headers=headers,
        jitter_fraction=fraction,
    )
    if delay is None:
        return
    assert 0.0 <= delay <= policy.max_delay * policy.jitter[1] + 1e-9
    assert elapsed + delay <= policy.deadline
    assert attempt < policy.max_attempts
    assert status is None or status in policy.retry_statuses


def test_beta_retry_after_is_honoured_when_retry_after_is_absent() -> None:
    policy = RetryPolicy(jitter=(1.0, 1.0))
    assert decide(policy, status_code=429, headers={"Beta-Retry-After": "4"}) == 4.0
    # Retry-After, when present, wins; Beta-Retry-After wins over the reset time.
    assert decide(policy, status_code=429, headers={"Retry-After": "2", "Beta-Retry-After": "4"}) == 2.0
    both = {"Beta-Retry-After": "4", "X-RateLimit-Reset": "2026-01-01T10:29:20Z"}
    assert decide(policy, status_code=429, headers=both) == 4.0


def test_without_any_hint_the_backoff_starts_near_two_seconds_and_doubles() -> None:
    policy = RetryPolicy()
    first = [decide(policy, status_code=429, attempt=1, jitter_fraction=f) for f in (0.0, 0.5, 1.0)]
    assert first == [pytest.approx(1.4), pytest.approx(2.0), pytest.approx(2.6)]
    assert decide(policy, status_code=429, attempt=2, jitter_fraction=0.5) == pytest.approx(4.0)
    assert decide(policy, status_code=429, attempt=3, jitter_fraction=0.5) == pytest.approx(8.0)


@pytest.mark.parametrize("reason", ["jira-quota-tenant-based", "jira-quota-global-based", " JIRA-QUOTA-x "])
def test_a_quota_429_is_never_retried(reason: str) -> None:
    # Even when the wait it names is short: a quota lasts until it resets, retrying only knocks again.
    headers = {"RateLimit-Reason": reason, "Retry-After": "1"}
    assert decide(RetryPolicy(), status_code=429, headers=headers) is None


@pytest.mark.parametrize("reason", ["jira-burst-based", "jira-per-issue-on-write", ""])
def test_burst_and_per_issue_429s_are_retried(reason: str) -> None:
    headers = {"RateLimit-Reason": reason, "Retry-After": "1"}
    assert decide(RetryPolicy(jitter=(1.0, 1.0)), status_code=429, headers=headers) == 1.0
