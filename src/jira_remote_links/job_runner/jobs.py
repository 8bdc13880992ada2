"""Schedule a link-update job and follow it to a final status, with bounded polling."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import httpx

from jira_remote_links.errors import JiraApiError, parse_error_body
from jira_remote_links.job_runner.status import is_terminal
from jira_remote_links_client.api.link_update_jobs import get_link_update_job_status, schedule_link_update_job
from jira_remote_links_client.client import AuthenticatedClient, Client
from jira_remote_links_client.models.link_update_job_request import LinkUpdateJobRequest
from jira_remote_links_client.models.link_update_job_status import LinkUpdateJobStatus
from jira_remote_links_client.types import Response

GeneratedClient = Client | AuthenticatedClient

# Consecutive failed polls tolerated (after the client's own retries) before giving up on watching.
MAX_CONSECUTIVE_POLL_ERRORS = 3


class JobRequestError(Exception):
    """The jobs API refused a request or answered with something that names no job."""


class JobScheduledWithoutIdError(JobRequestError):
    """The service accepted the job but its answer names no id where Atlassian documents it (`uuid`)."""


@dataclass(frozen=True, slots=True)
class JobSettings:
    """The job's request; the first four fields are the ones Atlassian's reference requires."""

    product_url: str
    destination_url: str
    migrated_from: str
    product: str = "jira"
    migrated_from_override: str | None = None
    recreate_as_remote: bool = False
    create_backup: bool = False


@dataclass(frozen=True, slots=True)
class PollLimits:
    interval: float = 10.0
    max_polls: int = 1000
    deadline: float = 6 * 3600.0


@dataclass(frozen=True, slots=True)
class JobOutcome:
    job_id: str
    # The last status seen; None when not one poll succeeded.
    status: str | None
    message: str | None
    polls: int
    elapsed: float
    # Why watching stopped before a final status (limits reached or polling failed), else None.
    gave_up: str | None = None
    # True when watching stopped because the status could not be read, not because of the limits.
    polling_failed: bool = False

    @property
    def finished(self) -> bool:
        return self.status is not None and is_terminal(self.status)


def build_request(settings: JobSettings) -> LinkUpdateJobRequest:
    request = LinkUpdateJobRequest(
        product=settings.product,
        product_url=settings.product_url,
        destination_url=settings.destination_url,
        migrated_from=settings.migrated_from,
    )
    if settings.migrated_from_override:
        request.migrated_from_override = settings.migrated_from_override
    # Flags are sent only when set; the service's defaults for both are off.
    if settings.recreate_as_remote:
        request.recreate_as_remote = True
    if settings.create_backup:
        request.create_backup = True
    return request


def _refusal(response: Response[Any], what: str) -> JobRequestError:
    messages, errors = parse_error_body(response.content)
    details = "; ".join([*messages, *(f"{k}: {v}" for k, v in errors.items())]) or "no error message"
    return JobRequestError(f"{what} answered {int(response.status_code)}: {details}")


def schedule_job(client: GeneratedClient, site_id: str, settings: JobSettings) -> str:
    """Schedule one job and return its id (`uuid` in the answer). Never retried: a repeat would start a
    second job.

    The answer is read raw and parsed here, not by the generated model: once the job is scheduled, an
    answer of an unexpected shape must still be shown (`JobScheduledWithoutIdError` quotes it, so an id
    under another name is not lost), never end in a KeyError.
    """
    request = schedule_link_update_job._get_kwargs(site_id, body=build_request(settings))
    response = client.get_httpx_client().request(**request)
    status = response.status_code
    if status >= 400:
        raise _refusal(
            Response(HTTPStatus(status), response.content, response.headers, None), "scheduling the job"
        )
    try:
        data = response.json()
    except ValueError:
        data = None
    uuid = data.get("uuid") if isinstance(data, dict) else None
    if isinstance(uuid, str) and uuid:
        return uuid
    body = response.content.decode("utf-8", "replace")[:500]
    raise JobScheduledWithoutIdError(
        f"the job was accepted ({status}) but the answer has no 'uuid'; the answer was: {body!r}"
    )


def get_status(client: GeneratedClient, site_id: str, job_id: str) -> LinkUpdateJobStatus:
    response = get_link_update_job_status.sync_detailed(site_id, job_id, client=client)
    if int(response.status_code) >= 400:
        raise _refusal(response, f"the status of job {job_id}")
    if not isinstance(response.parsed, LinkUpdateJobStatus):
        raise JobRequestError(
            f"the status of job {job_id} answered {int(response.status_code)} without a status"
        )
    return response.parsed


def follow_job(
    client: GeneratedClient,
    site_id: str,
    job_id: str,
    *,
    limits: PollLimits = PollLimits(),  # frozen, so one shared default is safe
    on_status: Callable[[str, int], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> JobOutcome:
    """Poll until the job is Complete or Error, or until max_polls or the deadline is reached."""
    started = clock()
    status: str | None = None
    message: str | None = None
    polls = 0
    failures = 0
    gave_up: str | None = None
    polling_failed = False
    while True:
        polls += 1
        try:
            current = get_status(client, site_id, job_id)
        except (JiraApiError, JobRequestError, httpx.TransportError) as exc:
            # A 404 or 401 will not get better; network trouble and exhausted retries might.
            if isinstance(exc, JiraApiError) and exc.status_code < 500 and exc.status_code != 429:
                gave_up = f"polling failed: {exc}"
                polling_failed = True
                break
            failures += 1
            if failures >= MAX_CONSECUTIVE_POLL_ERRORS:
                gave_up = f"polling failed {failures} times in a row; last error: {exc}"
                polling_failed = True
                break
        else:
            failures = 0
            status = current.status
            message = current.message if isinstance(current.message, str) else None
            if on_status is not None:
                on_status(status, polls)
            if is_terminal(status):
                break
        elapsed = clock() - started
        if polls >= limits.max_polls:
            gave_up = f"stopped watching after {polls} polls; the job is still running"
            break
        if elapsed + limits.interval > limits.deadline:
            gave_up = f"stopped watching after {elapsed:.0f} s (deadline {limits.deadline:.0f} s); the job is still running"
            break
        sleep(limits.interval)
    return JobOutcome(job_id, status, message, polls, clock() - started, gave_up, polling_failed)


__all__ = [
    "JobOutcome",
    "JobRequestError",
    "JobScheduledWithoutIdError",
    "JobSettings",
    "PollLimits",
    "build_request",
    "follow_job",
    "get_status",
    "schedule_job",
]
