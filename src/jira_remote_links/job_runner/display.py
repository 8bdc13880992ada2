"""What the job runner shows while it waits, and the report at the end."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn

from jira_remote_links.job_runner.jobs import JobOutcome
from jira_remote_links.job_runner.status import explain, is_complete, is_error

FEDERATED_WINDOW_DAYS = 14
JOB_COMMAND = "jira-link-job"
BULK_COMMAND = "jira-remote-links-bulk"


def watch_hint(job_id: str) -> str:
    return f"{JOB_COMMAND} watch {job_id}"


WINDOW_WARNING = (
    "warning: the job was asked to recreate local links as remote links (recreateAsRemote). Atlassian keeps "
    f"the migration data this relies on for only {FEDERATED_WINDOW_DAYS} days (2 weeks) after the migration "
    "and then deletes it, so a migration older than that is the likely cause of this Error. If the window "
    f"has closed, rebuild the links with {BULK_COMMAND} instead."
)


class StatusDisplay:
    """A spinner with the current status on a terminal; plain lines for each change of status elsewhere."""

    def __init__(self, console: Console, job_id: str, *, live: bool) -> None:
        self._console = console
        self._job_id = job_id
        self._last: str | None = None
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if live:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("job {task.fields[job]}: [bold]{task.fields[status]}[/bold]"),
                TextColumn("poll {task.fields[polls]}"),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )

    def __enter__(self) -> StatusDisplay:
        if self._progress is not None:
            self._progress.start()
            self._task = self._progress.add_task(
                "job", total=None, job=escape(self._job_id), status="scheduled", polls=0
            )
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def update(self, status: str, polls: int) -> None:
        if status != self._last:
            # Changes are printed as lines too, so a log keeps the job's history after the spinner is gone.
            self._console.print(
                f"job {self._job_id}: {status} ({explain(status)})", markup=False, highlight=False
            )
            self._last = status
        if self._progress is not None and self._task is not None:
            # The status comes from the server; escaped so brackets in it are not read as markup.
            self._progress.update(self._task, status=escape(status), polls=polls)


def render_outcome(outcome: JobOutcome, console: Console) -> None:
    status = outcome.status or "unknown"
    console.print(f"job: {outcome.job_id}", markup=False, highlight=False)
    console.print(f"status: {status}", markup=False, highlight=False)
    if outcome.message:
        console.print(f"message: {outcome.message}", markup=False, highlight=False)
    console.print(f"polls: {outcome.polls}, elapsed: {outcome.elapsed:.1f} s", highlight=False)
    if outcome.gave_up:
        console.print(f"not finished: {outcome.gave_up}", markup=False, highlight=False)
        console.print(f"watch it later with: {watch_hint(outcome.job_id)}", markup=False, highlight=False)
    elif outcome.status is not None and is_complete(outcome.status):
        console.print("The job completed. Its history report and audit log are available to site admins.")


def render_error_hints(outcome: JobOutcome, console: Console, *, recreate_as_remote: bool) -> None:
    if outcome.status is None or not is_error(outcome.status):
        return
    console.print("error: the link-update job ended in Error.", markup=False, highlight=False)
    if recreate_as_remote:
        console.print(WINDOW_WARNING, markup=False, highlight=False)
