"""Pacing by the site: rows interleaved across issues, and writes to one issue kept under Jira's
per-issue limit (20 writes per 2 s and 100 per 30 s on one issue, `jira-per-issue-on-write`).

Exported files are usually grouped by issue, which is the worst order for a per-issue limit: every
worker would write to the same issue at once. `interleave` reads a bounded window of rows ahead and
hands them out round-robin over a bounded set of issues, so memory stays bounded and the issue cache
(`IssueLinks`) keeps the active issues. `IssueWriteWindows` then holds a write back only when its issue
has used up a window.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Iterator

from jira_remote_links.bulk.rows import LinkRow

# Jira Cloud's per-issue write limits as Atlassian publishes them: (writes, seconds).
PER_ISSUE_WRITE_LIMITS: tuple[tuple[int, float], ...] = ((20, 2.0), (100, 30.0))
# Rows read ahead to interleave: with files grouped by issue, the issues in this window share the run, and
# the last ones of a file can each take only 10 writes a second (20 per 2 s), so the wider the window the
# shorter that tail. 5,000 short rows are a few MB.
DEFAULT_LOOKAHEAD = 5000
DEFAULT_ACTIVE_ISSUES = 32


def interleave(
    rows: Iterable[LinkRow], *, lookahead: int = DEFAULT_LOOKAHEAD, active_issues: int = DEFAULT_ACTIVE_ISSUES
) -> Iterator[LinkRow]:
    """The same rows, round-robin over up to `active_issues` issues, holding at most `lookahead` rows."""
    if lookahead < 1 or active_issues < 1:
        raise ValueError("lookahead and active_issues must be at least 1")
    source = iter(rows)
    waiting: dict[str, deque[LinkRow]] = {}  # issue -> its rows read ahead, in file order
    held = 0
    exhausted = False
    while True:
        while not exhausted and held < lookahead:
            row = next(source, None)
            if row is None:
                exhausted = True
                break
            waiting.setdefault(row.issue, deque()).append(row)
            held += 1
        if not waiting:
            return
        # Dicts keep insertion order: the issues met first are served first, a bounded few at a time.
        for issue in list(waiting)[:active_issues]:
            queue = waiting[issue]
            yield queue.popleft()
            held -= 1
            if not queue:
                del waiting[issue]


class IssueWriteWindows:
    """Sliding windows of recent writes per issue; `acquire` waits until a write fits every window."""

    def __init__(
        self,
        limits: tuple[tuple[int, float], ...] = PER_ISSUE_WRITE_LIMITS,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._limits = limits
        self._longest = max(seconds for _, seconds in limits) if limits else 0.0
        self._clock = clock
        self._sleep = sleep
        self._writes: dict[str, deque[float]] = {}
        self.waits = 0

    async def acquire(self, issue: str) -> None:
        while (delay := self._delay(issue)) > 0:
            self.waits += 1
            await self._sleep(delay)
        self._writes.setdefault(issue, deque()).append(self._clock())

    def _delay(self, issue: str) -> float:
        times = self._writes.get(issue)
        if not times:
            return 0.0
        now = self._clock()
        while times and now - times[0] >= self._longest:
            times.popleft()
        delay = 0.0
        for count, seconds in self._limits:
            recent = [t for t in times if now - t < seconds]
            if len(recent) >= count:
                # The oldest write that still counts leaves the window then.
                delay = max(delay, recent[-count] + seconds - now)
        if not times:
            del self._writes[issue]
        return delay
