"""Run validated rows against Jira: read each link by its globalId, write only what differs.

A fixed pool of workers takes rows from a small queue, so in-flight work stays bounded by the
concurrency however long the file is. POST with a globalId is an upsert, which is what makes re-runs and
restarts after an interruption safe: a row already written is found by the GET and left alone.

A row gets exactly the attempts its client gives each request (no hidden rounds on top). The run stops
as a whole, cancelling what is in flight, when going on cannot help: credentials refused (401), the site
refused (403 before anything succeeded), the host unreachable, a wait longer than allowed, a streak of
rows failing the same way (the circuit breaker), or a stop asked for by a signal.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import httpx

from jira_remote_links.bulk.links_api import (
    GeneratedClient,
    IssueLinks,
    Limiter,
    MissingIssueError,
    write_row,
)
from jira_remote_links.bulk.options import DEFAULT_CONCURRENCY, BulkOptions
from jira_remote_links.bulk.pacing import DEFAULT_ACTIVE_ISSUES, IssueWriteWindows, interleave
from jira_remote_links.bulk.plan import Action, plan_row
from jira_remote_links.bulk.ratelimit import NoLimit, RateLimiter
from jira_remote_links.bulk.readers import FileFormat, detect_format
from jira_remote_links.bulk.report import BulkSummary, RowOutcome
from jira_remote_links.bulk.rows import LinkRow
from jira_remote_links.bulk.validation import InputChangedError, ValidationReport, valid_rows, validate_file
from jira_remote_links.errors import JiraApiError
from jira_remote_links.tooling.http import AdaptiveLimit, Pacer, RunStoppedError, WaitNotice, connect_paced
from jira_remote_links.tooling.settings import Credentials, credential_hint
from jira_remote_links.tooling.stop import exit_code_for, install_in_loop, signal_name

__all__ = [
    "DEFAULT_CONCURRENCY",
    "ProgressSink",
    "RunControl",
    "process_row",
    "run_bulk",
    "run_bulk_async",
    "run_checked",
    "run_rows",
]


class ProgressSink(Protocol):
    def start(self, total: int) -> None: ...

    def advance(self, outcome: RowOutcome) -> None: ...

    def waiting(self, notice: WaitNotice) -> None: ...


@dataclass(slots=True)
class _RowContext:
    client: GeneratedClient
    limiter: Limiter
    dry_run: bool
    links: IssueLinks
    windows: IssueWriteWindows | None


async def process_row(row: LinkRow, context: _RowContext) -> RowOutcome:
    """Read, compare, and write when needed; any failure is this row's outcome, never the run's end."""
    try:
        existing = await context.links.find(row.issue, row.global_id)
        plan = plan_row(row, existing)
        if plan.action is Action.UNCHANGED or context.dry_run:
            return RowOutcome(row.line, row.issue, row.global_id, plan.action, plan.changed)
        if context.windows is not None:
            await context.windows.acquire(row.issue)
        done = await write_row(context.client, row, context.limiter)
        return RowOutcome(row.line, row.issue, row.global_id, done, plan.changed)
    except Exception as exc:  # one bad row must be counted failed, never end the run by itself
        return RowOutcome(
            row.line, row.issue, row.global_id, None, error=_message(exc), error_kind=_kind(exc)
        )


def _message(exc: Exception) -> str:
    if isinstance(exc, JiraApiError | MissingIssueError | RunStoppedError):
        return str(exc)
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _kind(exc: Exception) -> str:
    if isinstance(exc, JiraApiError):
        return str(exc.status_code)
    return type(exc).__name__


# Refusals about one row (a missing issue, a bad value, a link limit) say nothing about the run as a whole.
_ROW_SPECIFIC = frozenset({"400", "404", "413", "MissingIssueError"})


@dataclass(slots=True)
class RunControl:
    """Stops a run from outside (a signal) or from inside (a fault, the circuit breaker)."""

    stop_after_failures: int = 0
    stopped: asyncio.Event = field(default_factory=asyncio.Event)
    reason: str | None = None
    signal_exit: int | None = None
    # Whether any row got an answer that proves the site and the credentials work.
    answered: bool = False
    _streak_kind: str | None = None
    _streak: int = 0

    def stop(self, reason: str, *, signal_exit: int | None = None) -> None:
        if self.reason is None:
            self.reason = reason
            self.signal_exit = signal_exit
        self.stopped.set()

    def fatal(self, outcome: RowOutcome) -> str | None:
        """Why this failure must stop the whole run, or None. Such a row is not counted as failed: the
        fault is the run's, and the row stays for the next run like every row not started."""
        if outcome.error_kind is None:
            return None
        return self._fatal(outcome.error_kind, outcome.error or "")

    def after(self, outcome: RowOutcome) -> None:
        """The circuit breaker: a streak of rows failing the same way stops the run."""
        kind = outcome.error_kind
        if kind is None or kind in _ROW_SPECIFIC:
            # An answer about this row proves the site and the credentials work.
            self.answered = True
            self._streak_kind, self._streak = None, 0
            return
        self._streak = self._streak + 1 if kind == self._streak_kind else 1
        self._streak_kind = kind
        if self.stop_after_failures and self._streak >= self.stop_after_failures:
            self.stop(
                f"{self._streak} rows in a row failed the same way ({kind}); the last: {outcome.error}. "
                "Fix the cause and run the same command again."
            )

    def _fatal(self, kind: str, error: str) -> str | None:
        if kind == "401":
            return f"Jira refused the credentials (401). {credential_hint()}"
        if kind == "403" and not self.answered:
            return (
                "Jira refused access to the site (403 before any request succeeded): the account may lack "
                f"the Browse projects and Link issues permissions, or issue linking is off. {credential_hint()}"
            )
        if kind == RunStoppedError.__name__:
            return error
        if kind in {"ConnectError", "ConnectTimeout"} and not self.answered:
            return f"cannot reach the site: {error}. Check the base URL and the network."
        return None


async def run_rows(
    rows: Iterable[LinkRow],
    client: GeneratedClient,
    options: BulkOptions = BulkOptions(),  # noqa: B008 -- frozen, so one shared default is safe
    *,
    total: int | None = None,
    progress: ProgressSink | None = None,
    control: RunControl | None = None,
) -> BulkSummary:
    summary = BulkSummary(dry_run=options.dry_run, total=total or 0)
    control = control or RunControl()
    control.stop_after_failures = options.stop_after_failures
    limiter: Limiter = RateLimiter(options.max_rate) if options.max_rate is not None else NoLimit()
    context = _RowContext(
        client,
        limiter,
        options.dry_run,
        IssueLinks(client, limiter, max_issues=options.cached_issues),
        IssueWriteWindows() if options.per_issue_limit else None,
    )
    active = min(DEFAULT_ACTIVE_ISSUES, options.cached_issues)
    ordered = (
        interleave(rows, lookahead=options.lookahead, active_issues=active) if options.interleave else rows
    )
    # A queue twice the pool's size keeps workers busy while holding only a handful of rows in memory.
    queue: asyncio.Queue[LinkRow | None] = asyncio.Queue(maxsize=options.concurrency * 2)

    async def worker() -> None:
        while (row := await queue.get()) is not None:
            outcome = await process_row(row, context)
            if ending:
                # The stop cancelled this row, but a library under the request swallowed the cancellation
                # (anyio before 3.6.2 can, on Python 3.11): the row is not finished, and this worker must
                # end, not wait for more rows.
                return
            if (reason := control.fatal(outcome)) is not None:
                control.stop(reason)
                return
            first_done.set()
            summary.record(outcome)
            if progress is not None:
                progress.advance(outcome)
            control.after(outcome)

    # Set once the run ends: every task is then cancelled, and a worker still running must not go on.
    ending = False

    # The first row runs alone: a wrong token or a dead host then costs one request, not one per worker.
    first_done = asyncio.Event()

    async def feed() -> None:
        try:
            for number, row in enumerate(ordered):
                if control.stopped.is_set():
                    break
                await queue.put(row)
                if number == 0:
                    await first_done.wait()
        except InputChangedError as exc:
            summary.aborted = str(exc)
        # Workers finish the rows already queued, then stop at their sentinel.
        for _ in range(options.concurrency):
            await queue.put(None)

    workers = [asyncio.create_task(worker()) for _ in range(options.concurrency)]
    tasks: list[asyncio.Task[None]] = [asyncio.create_task(feed()), *workers]
    everything: asyncio.Future[list[None]] = asyncio.gather(*tasks)
    stop_wait: asyncio.Future[bool] = asyncio.ensure_future(control.stopped.wait())
    pending: list[asyncio.Future[object]] = [everything, stop_wait]  # type: ignore[list-item]
    try:
        await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
    finally:
        # Stopping: what is in flight is cancelled at once; those rows count as not finished, and a
        # write that landed meanwhile is found by the next run's read, so nothing is duplicated.
        ending = True
        await _end_all(tasks, stop_wait)
        results = await asyncio.gather(everything, stop_wait, return_exceptions=True)
    if isinstance(results[0], BaseException) and not isinstance(results[0], asyncio.CancelledError):
        raise results[0]
    if control.reason is not None:
        summary.aborted = control.reason
        summary.signal_exit = control.signal_exit
    if total is None:
        summary.total = summary.rows
    return summary


async def _end_all(tasks: list[asyncio.Task[None]], stop_wait: asyncio.Future[bool]) -> None:
    """Cancel each task and wait until every one has ended.

    Each task is cancelled, not their gather, which leaves the rest running once one task fails. And a
    gather is done as soon as its first task ends cancelled, while a request cancelled in another task may
    still be unwinding in the connection pool; so the run ends only after every task has, and none of
    them outlives the client it uses (which the caller closes next).
    """
    stop_wait.cancel()
    for task in tasks:
        task.cancel()
    await asyncio.wait(tasks)


async def run_bulk_async(
    source: Path | str,
    client: GeneratedClient,
    options: BulkOptions = BulkOptions(),  # noqa: B008 -- frozen, so one shared default is safe
    *,
    file_format: FileFormat | None = None,
    progress: ProgressSink | None = None,
    control: RunControl | None = None,
) -> BulkSummary:
    """Check the whole file, then upsert its rows; nothing is written when any row is invalid.

    The client's own retry policy applies to each request; nothing is retried on top of it.
    """
    path = Path(source)
    fmt = detect_format(path, file_format)
    return await run_checked(
        path, fmt, validate_file(path, fmt), client, options, progress=progress, control=control
    )


async def run_checked(
    path: Path,
    fmt: FileFormat,
    checked: ValidationReport,
    client: GeneratedClient,
    options: BulkOptions = BulkOptions(),  # noqa: B008 -- frozen, so one shared default is safe
    *,
    progress: ProgressSink | None = None,
    control: RunControl | None = None,
) -> BulkSummary:
    """The second pass, for a file whose check (the first pass) is already done."""
    if not checked.ok:
        return BulkSummary(dry_run=options.dry_run, invalid=checked.errors)
    if progress is not None:
        progress.start(checked.rows)
    return await run_rows(
        valid_rows(path, fmt), client, options, total=checked.rows, progress=progress, control=control
    )


def run_bulk(
    source: Path | str,
    credentials: Credentials,
    options: BulkOptions = BulkOptions(),  # noqa: B008 -- frozen, so one shared default is safe
    *,
    file_format: FileFormat | None = None,
    checked: ValidationReport | None = None,
    progress: ProgressSink | None = None,
    handle_signals: bool = False,
    async_transport: httpx.AsyncBaseTransport | None = None,
) -> BulkSummary:
    """Run a bulk file end to end on its own event loop, as the command-line tool does, and return the
    summary with the count of requests sent. The client is opened and closed inside the loop that uses it.

    With `handle_signals`, SIGINT and SIGTERM stop the run within a second and the summary says so.
    """
    path = Path(source)
    fmt = detect_format(path, file_format)
    report = checked if checked is not None else validate_file(path, fmt)

    async def main() -> BulkSummary:
        control = RunControl()
        undo = (
            install_in_loop(
                lambda signum: control.stop(
                    f"stopped by {signal_name(signum)}", signal_exit=exit_code_for(signum)
                )
            )
            if handle_signals
            else None
        )
        pacer = Pacer(options.budget, progress.waiting if progress is not None else _no_wait)
        client = connect_paced(
            credentials,
            pacer,
            timeout=options.timeout,
            async_transport=async_transport,
            limit=AdaptiveLimit(options.concurrency),
        )
        try:
            async with client:
                summary = await run_checked(
                    path, fmt, report, client, options, progress=progress, control=control
                )
        finally:
            client.get_httpx_client().close()
            if undo is not None:
                undo()
        summary.requests = pacer.sent
        return summary

    return asyncio.run(main())


def _no_wait(_notice: WaitNotice) -> None:
    return None
