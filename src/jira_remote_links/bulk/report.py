"""What a bulk run did (or, in a dry run, would do), and how that is shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console
from rich.table import Table

from jira_remote_links.bulk.plan import Action
from jira_remote_links.bulk.rows import RowError
from jira_remote_links.tooling.settings import EXIT_FAILED, EXIT_OK, EXIT_USAGE

# Bad lines listed on the console (and in --json) before the rest is only counted.
SHOWN_INVALID_LINES = 20
SHOWN_INVALID_JSON = 200


@dataclass(frozen=True, slots=True)
class RowOutcome:
    """What happened to one row (or, in a dry run, would happen): the one outcome type of a run."""

    line: int
    issue: str
    global_id: str
    # None when the row failed.
    action: Action | None
    changed: tuple[str, ...] = ()
    error: str | None = None
    # What kind of failure (an HTTP status or an exception name); consecutive rows failing with the same
    # kind trip the circuit breaker.
    error_kind: str | None = None

    @property
    def failed(self) -> bool:
        return self.action is None

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"line": self.line, "issue": self.issue, "globalId": self.global_id}
        if self.action is None:
            data["error"] = self.error or "failed"
        else:
            data["action"] = self.action.value
            data["changed"] = list(self.changed)
        return data


@dataclass(slots=True)
class BulkSummary:
    dry_run: bool = False
    # Valid rows in the file; rows the run did not finish are `not_started`.
    total: int = 0
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[RowOutcome] = field(default_factory=list)
    # Rows rejected by the check before any request; when there are any, nothing was written.
    invalid: list[RowError] = field(default_factory=list)
    # Dry runs only: every row that would be written, and why.
    planned: list[RowOutcome] = field(default_factory=list)
    # Why the run stopped before the end of the file (a fault, the circuit breaker, a signal).
    aborted: str | None = None
    # The exit status a signal asks for (130 Ctrl-C, 143 SIGTERM), when one stopped the run.
    signal_exit: int | None = None
    # Requests sent (every attempt), when the tool's own HTTP layer counted them.
    requests: int | None = None

    @property
    def not_started(self) -> int:
        return max(0, self.total - self.rows)

    def record(self, outcome: RowOutcome) -> None:
        self.rows += 1
        if outcome.action is None:
            self.failed.append(outcome)
            return
        if outcome.action is Action.CREATE:
            self.created += 1
        elif outcome.action is Action.UPDATE:
            self.updated += 1
        else:
            self.unchanged += 1
        if self.dry_run and outcome.action is not Action.UNCHANGED:
            self.planned.append(outcome)

    @property
    def exit_code(self) -> int:
        if self.invalid:
            return EXIT_USAGE
        if self.signal_exit is not None:
            return self.signal_exit
        if self.failed or self.aborted:
            return EXIT_FAILED
        return EXIT_OK

    def to_dict(self) -> dict[str, object]:
        invalid = sorted(self.invalid, key=lambda e: e.line)
        return {
            "dry_run": self.dry_run,
            "total": self.total,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "not_started": self.not_started,
            "failed": [f.to_dict() for f in sorted(self.failed, key=lambda f: f.line)],
            "invalid": [e.to_dict() for e in invalid[:SHOWN_INVALID_JSON]],
            "invalid_lines": len({e.line for e in invalid}),
            "invalid_not_listed": max(0, len(invalid) - SHOWN_INVALID_JSON),
            "planned": [p.to_dict() for p in sorted(self.planned, key=lambda p: p.line)],
            "aborted": self.aborted,
            "requests": self.requests,
            "exit_code": self.exit_code,
        }


def render_invalid(errors: list[RowError], console: Console) -> None:
    lines = sorted({e.line for e in errors})
    console.print(
        f"[bold red]{len(lines)} line(s) of the file are not valid; nothing was written.[/bold red]",
        highlight=False,
    )
    shown = set(lines[:SHOWN_INVALID_LINES])
    for error in sorted(errors, key=lambda e: e.line):
        if error.line in shown:
            console.print(f"  {error.describe()}", markup=False, highlight=False)
    rest = len(lines) - len(shown)
    if rest:
        console.print(
            f"  ... and {rest} more line(s) not listed (--json lists up to {SHOWN_INVALID_JSON} problems). "
            "When every line is wrong the same way, check --format and the header.",
            markup=False,
            highlight=False,
        )


def render_summary(summary: BulkSummary, console: Console) -> None:
    if summary.invalid:
        render_invalid(summary.invalid, console)
        return
    verb = "would be " if summary.dry_run else ""
    title = "Dry run: nothing was written" if summary.dry_run else "Bulk remote links"
    table = Table(title=title, show_header=False)
    table.add_column("outcome")
    table.add_column("rows", justify="right")
    table.add_row(f"{verb}created", str(summary.created))
    table.add_row(f"{verb}updated", str(summary.updated))
    table.add_row("unchanged", str(summary.unchanged))
    table.add_row("failed", str(len(summary.failed)))
    table.add_row("not started", str(summary.not_started))
    table.add_row("rows in the file", str(summary.total))
    if summary.requests is not None:
        table.add_row("requests sent", str(summary.requests))
    console.print(table)
    if summary.planned:
        console.print("Rows that would be written:", highlight=False)
        for change in sorted(summary.planned, key=lambda c: c.line):
            assert change.action is not None
            why = f" (changed: {', '.join(change.changed)})" if change.changed else ""
            console.print(
                f"  line {change.line}: {change.action.value} {change.issue} globalId={change.global_id!r}{why}",
                markup=False,
                highlight=False,
            )
    if summary.failed:
        console.print("[bold red]Failed rows:[/bold red]")
        failed = sorted(summary.failed, key=lambda f: f.line)
        for row in failed[:SHOWN_INVALID_LINES]:
            console.print(
                f"  line {row.line}: {row.issue} globalId={row.global_id!r}: {row.error}",
                markup=False,
                highlight=False,
            )
        if len(failed) > SHOWN_INVALID_LINES:
            console.print(
                f"  ... and {len(failed) - SHOWN_INVALID_LINES} more (--json lists them all)", highlight=False
            )
    if summary.aborted:
        console.print("[bold red]Stopped early:[/bold red]", end=" ")
        console.print(summary.aborted, markup=False, highlight=False)
    if summary.not_started:
        first = (
            "To finish" if summary.signal_exit is not None or not summary.aborted else "Once that is fixed"
        )
        console.print(
            f"{first}, run the same command again: the {summary.not_started} row(s) not started are done "
            "then, and links already in place are skipped, none is duplicated.",
            highlight=False,
        )
    elif summary.failed or summary.aborted:
        console.print(
            "Re-running the same command is safe: links already in place are skipped, none is duplicated.",
            highlight=False,
        )
