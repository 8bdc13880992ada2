"""What a bulk run shows while it works: a live bar on a terminal, plain lines for waits elsewhere."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from jira_remote_links.bulk.plan import Action
from jira_remote_links.bulk.report import RowOutcome
from jira_remote_links.tooling.http import WaitNotice


class RichProgress:
    """Counts rows as they finish; the counters in the description show the mix so far."""

    def __init__(self, console: Console, *, dry_run: bool) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"),
            TextColumn("[yellow]{task.fields[waiting]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self._label = "checking" if dry_run else "upserting"
        self._task: TaskID | None = None
        self._counts = {"created": 0, "updated": 0, "unchanged": 0, "failed": 0}

    def __enter__(self) -> RichProgress:
        self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._progress.stop()

    def start(self, total: int) -> None:
        self._task = self._progress.add_task(self._label, total=total, counts=self._text(), waiting="")

    def advance(self, outcome: RowOutcome) -> None:
        if outcome.action is None:
            self._counts["failed"] += 1
        elif outcome.action is Action.CREATE:
            self._counts["created"] += 1
        elif outcome.action is Action.UPDATE:
            self._counts["updated"] += 1
        else:
            self._counts["unchanged"] += 1
        if self._task is not None:
            self._progress.update(self._task, advance=1, counts=self._text(), waiting="")

    def waiting(self, notice: WaitNotice) -> None:
        # Shown beside the bar until the next row finishes; also printed, so a log keeps it.
        text = notice.describe()
        self._progress.console.print(text, markup=False, highlight=False)
        if self._task is not None:
            self._progress.update(self._task, waiting=escape(text))

    def _text(self) -> str:
        counts = self._counts
        return f"new {counts['created']} upd {counts['updated']} same {counts['unchanged']} failed {counts['failed']}"


class WaitLines:
    """Off a terminal: no bar, but every wait is printed with its reason and its end."""

    def __init__(self, console: Console) -> None:
        self._console = console

    def start(self, total: int) -> None:
        return None

    def advance(self, outcome: RowOutcome) -> None:
        return None

    def waiting(self, notice: WaitNotice) -> None:
        self._console.print(notice.describe(), markup=False, highlight=False)
