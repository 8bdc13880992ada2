"""Jira Cloud's rate limits in the fake: what a 429 carries, each limit, and a quota that lasts until its reset.

The limiter is state without HTTP, so most tests drive it directly with a hand-moved clock; one test shows the
headers over HTTP.
"""

from __future__ import annotations

import pytest

from fake_jira import FakeConfig, running_fake
from fake_jira.errors import JiraError
from fake_jira.ratelimits import RateLimiter
from tests.fake.fake_http import jira, link_body, links_path

LINKS = "/rest/api/{api:2|3}/issue/{issue}/remotelink"


class Clock:
    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def refusal(limiter: RateLimiter, config: FakeConfig, method: str, issue: str | None = "MKY-1") -> JiraError:
    with pytest.raises(JiraError) as refused:
        limiter.admit(config, method, LINKS, issue)
    assert refused.value.status == 429
    return refused.value


def test_per_issue_write_limit_is_20_per_2_seconds_and_100_per_30() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    config = FakeConfig(per_issue_write_limit=True)
    for _ in range(20):
        limiter.admit(config, "POST", LINKS, "MKY-1")
    error = refusal(limiter, config, "PUT")
    assert error.headers["RateLimit-Reason"] == "jira-per-issue-on-write"
    assert error.headers["Retry-After"] == "2"
    assert "X-RateLimit-Reset" in error.headers
    # Other issues and reads are not limited by this issue's writes.
    limiter.admit(config, "POST", LINKS, "MKY-2")
    limiter.admit(config, "GET", LINKS, "MKY-1")
    # 20 writes every 2 s reach the 30-second limit of 100 after 10 s.
    for _ in range(4):
        clock.now += 2.0
        for _ in range(20):
            limiter.admit(config, "DELETE", LINKS, "MKY-1")
    clock.now += 2.0
    error = refusal(limiter, config, "POST")
    assert error.headers["RateLimit-Reason"] == "jira-per-issue-on-write"
    assert int(error.headers["Retry-After"]) > 2
    clock.now += 30.0
    limiter.admit(config, "POST", LINKS, "MKY-1")


def test_burst_limits_per_method() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    config = FakeConfig(burst_limits=True)
    for method, limit in (("GET", 100), ("POST", 100), ("PUT", 50), ("DELETE", 50)):
        for _ in range(limit):
            limiter.admit(config, method, LINKS, None)
        error = refusal(limiter, config, method, None)
        assert error.headers["RateLimit-Reason"] == "jira-burst-based"
    clock.now += 1.0
    limiter.admit(config, "PUT", LINKS, None)


def test_quota_refuses_until_the_window_resets() -> None:
    clock = Clock(start=3600.0 * 500_000 + 3000.0)  # 10 minutes before the hour
    limiter = RateLimiter(clock)
    config = FakeConfig(quota_requests=3, quota_reason="jira-quota-global-based")
    for _ in range(3):
        limiter.admit(config, "GET", LINKS, None)
    error = refusal(limiter, config, "GET", None)
    assert error.headers["RateLimit-Reason"] == "jira-quota-global-based"
    assert error.headers["Retry-After"] == "600"
    clock.now += 599.0
    refusal(limiter, config, "POST", None)
    clock.now += 1.0
    limiter.admit(config, "GET", LINKS, None)


def test_429_without_retry_after_and_beta_headers_near_the_limit() -> None:
    clock = Clock()
    limiter = RateLimiter(clock)
    config = FakeConfig(burst_limits=True, send_retry_after=False, beta_rate_limit_headers=True)
    quiet = [limiter.admit(config, "PUT", LINKS, None).headers for _ in range(39)]
    assert all(headers == {} for headers in quiet)
    near = limiter.admit(config, "PUT", LINKS, None).headers
    assert near["Beta-RateLimit-Policy"] == "50;w=1"
    assert near["Beta-RateLimit"].startswith("limit=50, remaining=10")
    for _ in range(9):
        limiter.admit(config, "PUT", LINKS, None)
    last = limiter.admit(config, "PUT", LINKS, None).headers
    assert last["Beta-Retry-After"] == "1"
    error = refusal(limiter, config, "PUT", None)
    assert "Retry-After" not in error.headers
    assert error.headers["Beta-Retry-After"] == "1"


@pytest.mark.parametrize(
    "reason",
    ["jira-quota-global-based", "jira-quota-tenant-based", "jira-burst-based", "jira-per-issue-on-write"],
)
def test_injected_429s_carry_the_configured_reason_over_http(reason: str) -> None:
    clock = Clock()
    config = FakeConfig(throttle_every_nth=2, rate_limit_reason=reason, send_retry_after=False)
    with running_fake(config, clock=clock) as fake, jira(fake) as client:
        assert client.get(links_path()).status_code == 200
        throttled = client.get(links_path())
        assert throttled.status_code == 429
        assert throttled.headers["RateLimit-Reason"] == reason
        assert "Retry-After" not in throttled.headers
        assert throttled.json()["errorMessages"]


def test_per_issue_write_limit_over_http_with_an_injected_clock() -> None:
    clock = Clock()
    with running_fake(FakeConfig(per_issue_write_limit=True), clock=clock) as fake, jira(fake) as client:
        statuses = [client.post(links_path("MKY-5"), json=link_body()).status_code for _ in range(21)]
        assert statuses == [201] * 20 + [429]
        # The same issue named by id shares the limit.
        assert client.post(links_path("10005"), json=link_body()).status_code == 429
        clock.now += 2.0
        assert client.post(links_path("10005"), json=link_body()).status_code == 201
