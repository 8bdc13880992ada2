"""Link-update job statuses as Atlassian documents them.

The wire casing is not published (`In_progress`, `IN_PROGRESS`, `in progress` are all plausible), so
statuses are compared after folding case and separators.
"""

from __future__ import annotations

TERMINAL = frozenset({"complete", "error"})
# Documented non-final statuses, each with what it means for someone watching the job.
WAITING: dict[str, str] = {
    "pending": "queued, waiting to start",
    "backup": "waiting for a Cloud backup to finish",
    "in_progress": "updating links",
    "retry": "retrying a batch of links",
}


def fold(status: str) -> str:
    return status.strip().lower().replace(" ", "_").replace("-", "_")


def is_terminal(status: str) -> bool:
    return fold(status) in TERMINAL


def is_complete(status: str) -> bool:
    return fold(status) == "complete"


def is_error(status: str) -> bool:
    return fold(status) == "error"


def explain(status: str) -> str:
    folded = fold(status)
    if folded == "complete":
        return "finished; results are ready"
    if folded == "error":
        return "the job could not be started or completed"
    return WAITING.get(folded, "not a documented status; still waiting")
