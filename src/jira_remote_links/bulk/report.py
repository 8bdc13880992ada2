"""What a bulk run did (or, in a dry run, would do), and how that is shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Console
from rich.table import Table

from jira_remote_links.bulk.plan import Action
from jira_remote_links.bulk.rows import RowError

EXIT_OK = 0
EXIT_FAILED_ROWS = 1
EXIT_INVALID_INPUT = 2


@dataclass(frozen=True, slots=True)
class RowOutcome:
    line: int
    issue: str
    global_id: str
    # What happened (or would happen); None when the row failed.
    action: Action | None
    changed: tuple[str, ...] = ()
    error: str | None = None


@dataclass(frozen=True, slots=True)
class FailedRow:
    line: int
    issue: str
    global_id: str
    error: str


@dataclass(frozen=True, slots=True)
class PlannedChange:
    line: int
    issue: str
    global_id: str
    action: Action
    changed: tuple[str, ...]


@dataclass(slots=True)
class BulkSummary:
    dry_run: bool = False
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[FailedRow] = field(default_factory=list)
    # Rows rejected by the check before any request; when there are any, nothing was written.
    invalid: list[RowError] = field(default_factory=list)
    # Dry runs only: every row that would be written, and why.
    planned: list[PlannedChange] = field(default_factory=list)
    # Set when the run stopped before the end of the file (the rows so far are counted above).
    aborted: str | None = None

    def record(self, outcome: RowOutcome) -> None:
        self.rows += 1
        if outcome.action is None:
            self.failed.append(
                FailedRow(outcome.line, outcome.issue, outcome.global_id, outcome.error or "failed")
            )
            return
        if outcome.action is Action.CREATE:
            self.created += 1
        elif outcome.action is Action.UPDATE:
            self.updated += 1
        else:
            self.unchanged += 1
        if self.dry_run and outcome.action is not Action.UNCHANGED:
            self.planned.append(
                PlannedChange(outcome.line, outcome.issue, outcome.global_id, outcome.action, outcome.changed)
            )

    @property
    def exit_code(self) -> int:
        if self.invalid:
            return EXIT_INVALID_INPUT
        if self.failed or self.aborted:
            return EXIT_FAILED_ROWS
        return EXIT_OK

    def to_dict(self) -> dict[str, object]:
        return {
            "dry_run": self.dry_run,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": [
                {"line": f.line, "issue": f.issue, "globalId": f.global_id, "error": f.error}
                for f in sorted(self.failed, key=lambda f: f.line)
            ],
            "invalid": [
                {"line": e.line, "column": e.column, "message": e.describe()}
                for e in sorted(self.invalid, key=lambda e: e.line)
            ],
            "planned": [
                {
                    "line": p.line,
                    "issue": p.issue,
                    "globalId": p.global_id,
                    "action": p.action.value,
                    "changed": list(p.changed),
                }
                for p in sorted(self.planned, key=lambda p: p.line)
            ],
            "aborted": self.aborted,
        }


def render_invalid(errors: list[RowError], console: Console) -> None:
    lines = sorted({e.line for e in errors})
    console.print(
        f"[bold red]{len(lines)} line(s) of the file are not valid; nothing was written.[/bold red]",
        highlight=False,
    )
    for error in sorted(errors, key=lambda e: e.line):
        console.print(f"  {error.describe()}", markup=False, highlight=False)


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
    table.add_row("rows processed", str(summary.rows))
    console.print(table)
    if summary.planned:
        console.print("Rows that would be written:", highlight=False)
        for change in sorted(summary.planned, key=lambda c: c.line):
            why = f" (changed: {', '.join(change.changed)})" if change.changed else ""
            console.print(
                f"  line {change.line}: {change.action.value} {change.issue} globalId={change.global_id!r}{why}",
                markup=False,
                highlight=False,
            )
    if summary.failed:
        console.print("[bold red]Failed rows:[/bold red]")
        for failed in sorted(summary.failed, key=lambda f: f.line):
            console.print(
                f"  line {failed.line}: {failed.issue} globalId={failed.global_id!r}: {failed.error}",
                markup=False,
                highlight=False,
            )
    if summary.aborted:
        console.print("[bold red]Stopped early:[/bold red]", end=" ")
        console.print(summary.aborted, markup=False, highlight=False)
    if summary.failed or summary.aborted:
        console.print(
            "Re-running the same file is safe: links already in place are skipped.", highlight=False
        )
