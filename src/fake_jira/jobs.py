"""Link-update jobs: validated requests, and a status that moves on with the clock so clients must poll.

Scheduling follows Atlassian's link-fixing reference: the four string fields `product`, `productURL`,
`destinationURL` and `migratedFrom` are required, the product is accepted as `Jira`/`jira` (or
`Confluence`/`confluence`), the two flags as booleans or as the strings "true"/"false", and the answer is
200 with the job's id in `uuid`. The status answer's fields are not published; the fake's are inferred.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fake_jira.config import FakeConfig
from fake_jira.errors import JiraError

_REQUIRED_FIELDS = ("product", "productURL", "destinationURL", "migratedFrom")
_STRING_FIELDS = (*_REQUIRED_FIELDS, "migratedFromOverride")
_FLAG_FIELDS = ("recreateAsRemote", "createBackup")
_PRODUCTS = ("Jira", "jira", "Confluence", "confluence")
# The status and body of a scheduled job's answer.
SCHEDULED_STATUS = 200


@dataclass(frozen=True)
class Job:
    id: str
    request: dict[str, Any]
    created_at: float
    # The statuses this job walks through, fixed when it was scheduled.
    statuses: tuple[str, ...]
    step_seconds: float
    never_finishes: bool
    message: str | None


def validate_job_request(payload: object) -> dict[str, Any]:
    """The request as scheduled, or 400 naming every bad field (the schema allows no unknown fields)."""
    if not isinstance(payload, dict):
        raise JiraError(400, ["The request body must be a JSON object."])
    problems: dict[str, str] = {}
    for name in payload:
        if name not in _STRING_FIELDS and name not in _FLAG_FIELDS:
            problems[name] = f"Unknown field '{name}'."
    for name in _STRING_FIELDS:
        if name in payload and not isinstance(payload[name], str):
            problems[name] = f"'{name}' must be a string."
    for name in _REQUIRED_FIELDS:
        if name not in payload:
            problems[name] = f"'{name}' is required."
    product = payload.get("product")
    if isinstance(product, str) and product not in _PRODUCTS:
        problems["product"] = f"'product' must be one of {', '.join(_PRODUCTS)}."
    for name in _FLAG_FIELDS:
        if name in payload and not _is_flag(payload[name]):
            problems[name] = f"'{name}' must be true or false."
    if problems:
        raise JiraError(400, [], problems)
    return dict(payload)


def scheduled_body(job: Job) -> dict[str, str]:
    """The answer to scheduling: the job's id under `uuid`, as Atlassian's `ScheduledJobDTO` names it."""
    return {"uuid": job.id}


def _is_flag(value: object) -> bool:
    return isinstance(value, bool) or value in ("true", "false")


def _flag(value: object) -> bool:
    return value is True or value == "true"


class JobBoard:
    """Scheduled jobs, keyed by id. A job's status is computed from its age, never stored."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}

    def reset(self) -> None:
        with self._lock:
            self._jobs = {}

    def schedule(self, request: dict[str, Any], config: FakeConfig) -> Job:
        statuses = config.job_statuses
        message = None
        # Recreating local links as remote ones exists for Jira only; Atlassian's job fails for Confluence.
        if _flag(request.get("recreateAsRemote")) and str(request.get("product", "")).lower() == "confluence":
            statuses = ("Pending", "Error")
            message = "Recreating links as remote links is supported for Jira only."
        job = Job(
            id=str(uuid.uuid4()),
            request=request,
            created_at=self._clock(),
            statuses=statuses,
            step_seconds=config.job_step_seconds,
            never_finishes="job-never-finishes" in config.defects,
            message=message,
        )
        with self._lock:
            self._jobs[job.id] = job
        return job

    def status(self, job_id: str) -> tuple[Job, str, str | None]:
        """The job, its current status and its message (set once the job has ended in Error)."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None:
            raise JiraError(404, [f"No link-update job with id '{job_id}'."])
        last = len(job.statuses) - 1
        step = last if job.step_seconds == 0 else int((self._clock() - job.created_at) / job.step_seconds)
        if job.never_finishes:
            last -= 1
        index = max(0, min(step, last))
        status = job.statuses[index]
        message = None
        if status == "Error":
            message = job.message or "The job could not be completed."
        return job, status, message
