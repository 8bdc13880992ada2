"""Run validated rows against Jira: read each link by its globalId, write only what differs.

A fixed pool of workers takes rows from a small queue, so in-flight work stays bounded by the
concurrency however long the file is. POST with a globalId is an upsert, which is what makes re-runs and
restarts after an interruption safe: a row already written is found by the GET and left alone.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import Protocol

import httpx

from jira_remote_links.bulk.links_api import (
    GeneratedClient,
    IssueProbe,
    Limiter,
    MissingIssueError,
    fetch_existing,
    write_row,
)
from jira_remote_links.bulk.plan import Action, plan_row
from jira_remote_links.bulk.ratelimit import NoLimit, RateLimiter
from jira_remote_links.bulk.readers import FileFormat, detect_format
from jira_remote_links.bulk.report import BulkSummary, RowOutcome
from jira_remote_links.bulk.rows import LinkRow
from jira_remote_links.bulk.validation import InputChangedError, ValidationReport, valid_rows, validate_file
from jira_remote_links.connect import connect_jira
from jira_remote_links.errors import JiraApiError, RateLimitedError, ServerError, ServiceUnavailableError
from jira_remote_links.retry import RetryPolicy

DEFAULT_CONCURRENCY = 8
# Rounds per row: each round is a GET (and maybe a POST) with the client's own retries inside.
DEFAULT_ROW_ATTEMPTS = 3
MAX_ROUND_DELAY = 120.0


class ProgressSink(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self, outcome: RowOutcome) -> None: ...


async def process_row(
    client: GeneratedClient,
    row: LinkRow,
    limiter: Limiter,
    *,
    dry_run: bool,
    row_attempts: int = DEFAULT_ROW_ATTEMPTS,
    probe: IssueProbe | None = None,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> RowOutcome:
    """Read, compare, and write when needed. A row is safe to run again from the start (the write is
    an upsert), so a row whose requests ran out of client retries on 429/5xx gets a few more rounds."""
    for attempt in range(1, row_attempts + 1):
        try:
            return await _process_once(client, row, limiter, dry_run=dry_run, probe=probe)
        except Exception as exc:  # one bad row must be counted failed, never end the run
            if attempt < row_attempts and _worth_another_round(exc):
                await sleep(_round_delay(exc, attempt))
                continue
            known = isinstance(exc, JiraApiError | MissingIssueError)
            message = str(exc) if known else f"{type(exc).__name__}: {exc}"
            return _failed(row, message)
    raise AssertionError("unreachable: the last round always returns")


async def _process_once(
    client: GeneratedClient, row: LinkRow, limiter: Limiter, *, dry_run: bool, probe: IssueProbe | None
) -> RowOutcome:
    existing = await fetch_existing(client, row, limiter)
    if existing is None and probe is not None and not await probe.exists(row.issue):
        raise MissingIssueError(f"issue {row.issue} does not exist or this account cannot see it")
    plan = plan_row(row, existing)
    if plan.action is Action.UNCHANGED or dry_run:
        return RowOutcome(row.line, row.issue, row.global_id, plan.action, plan.changed)
    done = await write_row(client, row, limiter)
    return RowOutcome(row.line, row.issue, row.global_id, done, plan.changed)


def _worth_another_round(exc: Exception) -> bool:
    if isinstance(exc, RateLimitedError | ServiceUnavailableError | ServerError):
        return True
    return isinstance(exc, httpx.TransportError)


def _round_delay(exc: Exception, attempt: int) -> float:
    # Honour the server's wait when it gave one; otherwise back off a little more each round.
    retry_after = getattr(exc, "retry_after", None)
    if isinstance(retry_after, int | float):
        return min(float(retry_after), MAX_ROUND_DELAY)
    return min(float(attempt), MAX_ROUND_DELAY)


def _failed(row: LinkRow, message: str) -> RowOutcome:
    return RowOutcome(row.line, row.issue, row.global_id, None, error=message)


async def run_rows(
    rows: Iterable[LinkRow],
    client: GeneratedClient,
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    limiter: Limiter | None = None,
    dry_run: bool = False,
    on_outcome: Callable[[RowOutcome], None] | None = None,
    row_attempts: int = DEFAULT_ROW_ATTEMPTS,
) -> BulkSummary:
    if row_attempts < 1:
        raise ValueError(f"row_attempts must be at least 1, not {row_attempts}")
    if concurrency < 1:
        raise ValueError(f"concurrency must be at least 1, not {concurrency}")
    summary = BulkSummary(dry_run=dry_run)
    gate: Limiter = limiter if limiter is not None else NoLimit()
    probe = IssueProbe(client, gate) if dry_run else None
    # A queue twice the pool's size keeps workers busy while holding only a handful of rows in memory.
    queue: asyncio.Queue[LinkRow | None] = asyncio.Queue(maxsize=concurrency * 2)

    async def worker() -> None:
        while (row := await queue.get()) is not None:
            outcome = await process_row(
                client, row, gate, dry_run=dry_run, row_attempts=row_attempts, probe=probe
            )
            summary.record(outcome)
            if on_outcome is not None:
                on_outcome(outcome)

    async with asyncio.TaskGroup() as group:
        for _ in range(concurrency):
            group.create_task(worker())
        try:
            for row in rows:
                await queue.put(row)
        except InputChangedError as exc:
            summary.aborted = str(exc)
        finally:
            # Workers finish the rows already queued, then stop at their sentinel.
            for _ in range(concurrency):
                await queue.put(None)
    return summary


async def run_bulk_async(
    source: Path | str,
    client: GeneratedClient,
    *,
    file_format: FileFormat | None = None,
    dry_run: bool = False,
    concurrency: int = DEFAULT_CONCURRENCY,
    max_rate: float | None = None,
    progress: ProgressSink | None = None,
    row_attempts: int = DEFAULT_ROW_ATTEMPTS,
) -> BulkSummary:
    """Check the whole file, then upsert its rows; nothing is written when any row is invalid."""
    path = Path(source)
    fmt = detect_format(path, file_format)
    return await run_checked(
        path,
        fmt,
        validate_file(path, fmt),
        client,
        dry_run=dry_run,
        concurrency=concurrency,
        max_rate=max_rate,
        progress=progress,
        row_attempts=row_attempts,
    )


async def run_checked(
    path: Path,
    fmt: FileFormat,
    checked: ValidationReport,
    client: GeneratedClient,
    *,
    dry_run: bool = False,
    concurrency: int = DEFAULT_CONCURRENCY,
    max_rate: float | None = None,
    progress: ProgressSink | None = None,
    row_attempts: int = DEFAULT_ROW_ATTEMPTS,
) -> BulkSummary:
    """The second pass, for a file whose check (the first pass) is already done."""
    if not checked.ok:
        return BulkSummary(dry_run=dry_run, invalid=checked.errors)
    if progress is not None:
        progress.start(checked.rows)
    limiter: Limiter | None = RateLimiter(max_rate) if max_rate is not None else None
    return await run_rows(
        valid_rows(path, fmt),
        client,
        concurrency=concurrency,
        limiter=limiter,
        dry_run=dry_run,
        on_outcome=progress.advance if progress is not None else None,
        row_attempts=row_attempts,
    )


def run_bulk(
    source: Path | str,
    *,
    base_url: str,
    email: str,
    api_token: str,
    file_format: FileFormat | None = None,
    dry_run: bool = False,
    concurrency: int = DEFAULT_CONCURRENCY,
    max_rate: float | None = None,
    retry: RetryPolicy | None = RetryPolicy(),  # noqa: B008 -- frozen, so one shared default is safe
    timeout: float = 30.0,
    progress: ProgressSink | None = None,
    row_attempts: int = DEFAULT_ROW_ATTEMPTS,
) -> BulkSummary:
    """Run a bulk file end to end on its own event loop and return the summary.

    ``retry=None`` turns retrying off, as in `connect_jira`. The client is opened and closed here, inside
    the loop that uses it, so repeated calls never share connections across event loops.
    """

    async def main() -> BulkSummary:
        client = connect_jira(base_url, email=email, api_token=api_token, timeout=timeout, retry=retry)
        try:
            async with client:
                return await run_bulk_async(
                    source,
                    client,
                    file_format=file_format,
                    dry_run=dry_run,
                    concurrency=concurrency,
                    max_rate=max_rate,
                    progress=progress,
                    row_attempts=row_attempts,
                )
        finally:
            client.get_httpx_client().close()

    return asyncio.run(main())
