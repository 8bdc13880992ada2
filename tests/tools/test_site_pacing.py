"""Pacing by the site: rows interleaved across issues within bounded memory, writes per issue kept
under Jira's per-issue limits, and concurrency that backs off on 429 and holds on a warning."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
from hypothesis import given
from hypothesis import strategies as st

from jira_remote_links.bulk.pacing import IssueWriteWindows, interleave
from jira_remote_links.bulk.rows import LinkRow
from jira_remote_links.tooling.http import AdaptiveLimit


def _rows(issues: list[int]) -> list[LinkRow]:
    return [
        LinkRow(line=n + 2, issue=f"MKY-{issue}", url="https://a.example.com", title="t", global_id=f"g{n}")
        for n, issue in enumerate(issues)
    ]


def test_a_file_grouped_by_issue_is_handed_out_round_robin() -> None:
    rows = _rows([1] * 4 + [2] * 4 + [3] * 4)
    order = [row.issue for row in interleave(rows, lookahead=100, active_issues=8)]
    assert order[:6] == ["MKY-1", "MKY-2", "MKY-3", "MKY-1", "MKY-2", "MKY-3"]


@given(
    issues=st.lists(st.integers(min_value=1, max_value=12), max_size=200),
    lookahead=st.integers(min_value=1, max_value=50),
    active=st.integers(min_value=1, max_value=6),
)
def test_every_row_comes_out_once_in_file_order_per_issue(
    issues: list[int], lookahead: int, active: int
) -> None:
    rows = _rows(issues)
    read = 0

    def source() -> object:
        nonlocal read
        for row in rows:
            read += 1
            yield row

    out: list[LinkRow] = []
    for row in interleave(source(), lookahead=lookahead, active_issues=active):  # type: ignore[arg-type]
        out.append(row)
        # Never more than `lookahead` rows read and not yet handed out (plus the one just read).
        assert read - len(out) <= lookahead
    assert Counter(r.line for r in out) == Counter(r.line for r in rows)
    for issue in set(issues):
        lines = [r.line for r in out if r.issue == f"MKY-{issue}"]
        assert lines == sorted(lines)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


def test_writes_to_one_issue_stay_within_20_per_2s_and_100_per_30s() -> None:
    clock = Clock()
    windows = IssueWriteWindows(clock=clock, sleep=clock.sleep)
    stamps: list[float] = []

    async def go() -> None:
        for _ in range(250):
            await windows.acquire("MKY-1")
            stamps.append(clock.now)
            clock.now += 0.01  # a fast server

    asyncio.run(go())
    for t in stamps:
        assert sum(t <= s < t + 2 for s in stamps) <= 20
        assert sum(t <= s < t + 30 for s in stamps) <= 100
    # The limits are reached, not undershot: 250 writes need a little over two 30 s windows.
    assert 60 <= stamps[-1] < 70


def test_other_issues_are_not_held_back() -> None:
    clock = Clock()
    windows = IssueWriteWindows(clock=clock, sleep=clock.sleep)

    async def go() -> None:
        for n in range(200):
            await windows.acquire(f"MKY-{n}")

    asyncio.run(go())
    assert clock.now == 0.0
    assert windows.waits == 0


def _answer(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers=headers)


def test_concurrency_halves_on_429_and_grows_back_only_without_warnings() -> None:
    limit = AdaptiveLimit(16)
    limit.observe(_answer(429))
    limit.observe(_answer(429))
    assert limit.limit == 4
    for _ in range(50):
        limit.observe(_answer(200, **{"Beta-RateLimit": "limit=100, remaining=3"}))
    assert limit.limit == 4
    for _ in range(200):
        limit.observe(_answer(200))
    assert limit.limit == 16
    assert limit.lowest == 4


def test_the_limit_bounds_requests_in_flight() -> None:
    limit = AdaptiveLimit(3)
    limit.observe(_answer(429))  # 1.5 -> one at a time
    most = 0

    async def one() -> None:
        nonlocal most
        async with limit:
            most = max(most, limit.in_flight)
            await asyncio.sleep(0.001)

    async def go() -> None:
        await asyncio.gather(*(one() for _ in range(10)))

    asyncio.run(go())
    assert most == 1
