"""The link-update jobs API as the contract sees it: schedule a job, poll it to a terminal status."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from jira_remote_links_client import Client
from jira_remote_links_client.api.link_update_jobs import get_link_update_job_status, schedule_link_update_job
from jira_remote_links_client.models import LinkUpdateJobRequest, LinkUpdateJobScheduled, LinkUpdateJobStatus
from jira_remote_links_contract.coverage import record_httpx_response
from jira_remote_links_contract.exchanges import RecordingTransport
from jira_remote_links_contract.links import REQUEST_TIMEOUT, describe
from jira_remote_links_contract.pacing import PacedTransport
from jira_remote_links_contract.target import Target

# Documented statuses; the wire casing is not published, so they are compared case-insensitively.
KNOWN_STATUSES = frozenset({"pending", "backup", "in_progress", "complete", "retry", "error"})
TERMINAL_STATUSES = frozenset({"complete", "error"})


def make_jobs_client(target: Target) -> Client:
    transport: httpx.BaseTransport = httpx.HTTPTransport()
    if target.requests_per_second is not None:
        transport = PacedTransport(transport, target.requests_per_second)
    return Client(
        base_url=target.jobs_base_url,
        timeout=REQUEST_TIMEOUT,
        httpx_args={
            "auth": httpx.BasicAuth(target.email, target.api_token.reveal()),
            "transport": RecordingTransport(transport),
            "event_hooks": {"response": [record_httpx_response]},
        },
    )


def schedule(client: Client, site_id: str, request: dict[str, Any]) -> str:
    """Schedules a job; the answer must be 200 with a string `uuid`, as Atlassian's reference documents."""
    response = schedule_link_update_job.sync_detailed(
        site_id, client=client, body=LinkUpdateJobRequest.from_dict(request)
    )
    assert int(response.status_code) == 200, f"schedule job: {describe(response)}"
    assert isinstance(response.parsed, LinkUpdateJobScheduled), f"schedule job answered: {describe(response)}"
    job_id = response.parsed.uuid
    assert isinstance(job_id, str), f"scheduled job has no string uuid: {describe(response)}"
    assert job_id, f"scheduled job has an empty uuid: {describe(response)}"
    return job_id


def poll_until_terminal(
    client: Client, site_id: str, job_id: str, *, deadline_seconds: float, interval: float
) -> str:
    """Polls the job's status until it is terminal; each answer must have the documented shape."""
    deadline = time.monotonic() + deadline_seconds
    seen: list[str] = []
    while True:
        response = get_link_update_job_status.sync_detailed(site_id, job_id, client=client)
        assert int(response.status_code) == 200, f"job status: {describe(response)}"
        assert isinstance(response.parsed, LinkUpdateJobStatus), f"job status answered: {describe(response)}"
        body = json.loads(response.content)
        status = body.get("status")
        assert isinstance(status, str), f"job status has no string status: {body!r}"
        assert status.lower() in KNOWN_STATUSES, f"undocumented job status {status!r}"
        if "jobId" in body:
            assert body["jobId"] == job_id, f"status of job {job_id} names job {body['jobId']!r}"
        seen.append(status)
        if status.lower() in TERMINAL_STATUSES:
            return status
        assert time.monotonic() < deadline, (
            f"job {job_id} not terminal after {deadline_seconds}s: went {seen}"
        )
        time.sleep(interval)
