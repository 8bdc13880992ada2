"""The jobs API: schedule, poll until a terminal status, and the shapes of both answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jira_remote_links_client import Client
from jira_remote_links_client.api.link_update_jobs import get_link_update_job_status
from jira_remote_links_contract.fake_admin import FakeAdmin
from jira_remote_links_contract.jobs import make_jobs_client, poll_until_terminal, schedule
from jira_remote_links_contract.run import SETTINGS
from jira_remote_links_contract.target import Target

flags = st.one_of(st.booleans(), st.sampled_from(["true", "false"]))
job_requests = st.fixed_dictionaries(
    {
        "product": st.sampled_from(["Jira", "jira", "Confluence", "confluence"]),
        "productURL": st.just("https://example-site.atlassian.net"),
        "destinationURL": st.just("https://example-site.atlassian.net"),
        "migratedFrom": st.just("https://jira.example.com"),
    },
    optional={
        "migratedFromOverride": st.just("https://jira-prod.example.com"),
        "recreateAsRemote": flags,
        "createBackup": flags,
    },
)


@pytest.fixture
def jobs_client(target: Target) -> Iterator[Client]:
    if not target.is_fake and not target.allow_jobs:
        pytest.skip("scheduling jobs changes a real site; set CONTRACT_ALLOW_JOBS=1 to allow it")
    if target.site_id is None:
        pytest.skip("ATLASSIAN_SITE_ID is not set")
    with make_jobs_client(target) as client:
        yield client


def job_request(target: Target) -> dict[str, str]:
    """The four fields Atlassian's reference requires."""
    return {
        "product": "jira",
        "productURL": target.base_url,
        "destinationURL": target.base_url,
        "migratedFrom": "https://jira.example.com",
    }


def site_id(target: Target) -> str:
    assert target.site_id is not None
    return target.site_id


@pytest.mark.rule("job-scheduled-200-uuid", "job-status-json")
def test_scheduled_job_reaches_a_terminal_status(jobs_client: Client, target: Target) -> None:
    request = job_request(target)
    job_id = schedule(jobs_client, site_id(target), request)
    deadline, interval = (15.0, 0.1) if target.is_fake else (600.0, 10.0)
    status = poll_until_terminal(
        jobs_client, site_id(target), job_id, deadline_seconds=deadline, interval=interval
    )
    if target.is_fake:
        # A live job may legitimately end in Error (nothing to migrate); the fake's default walk completes.
        assert status.lower() == "complete", f"job ended {status!r}"


@pytest.mark.fake_only
@pytest.mark.rule("job-status-json")
def test_job_that_fails_reports_error_as_terminal(
    admin: FakeAdmin, jobs_client: Client, target: Target
) -> None:
    admin.configure(job_statuses=["Pending", "Backup", "In_progress", "Retry", "In_progress", "Error"])
    request = job_request(target)
    job_id = schedule(jobs_client, site_id(target), request)
    status = poll_until_terminal(jobs_client, site_id(target), job_id, deadline_seconds=15.0, interval=0.05)
    assert status == "Error", f"job ended {status!r}"


@pytest.mark.fake_only
@pytest.mark.rule("job-request-fields")
@settings(SETTINGS, max_examples=10)
@given(request=job_requests)
def test_any_valid_job_request_is_scheduled_and_reported(
    admin: FakeAdmin, jobs_client: Client, target: Target, request: dict[str, Any]
) -> None:
    # Jobs walk their statuses quickly here; the walk itself is covered by the tests above.
    admin.configure(job_step_seconds=0.01)
    job_id = schedule(jobs_client, site_id(target), request)
    poll_until_terminal(jobs_client, site_id(target), job_id, deadline_seconds=15.0, interval=0.05)


def test_unknown_job_answers_404(jobs_client: Client, target: Target) -> None:
    response = get_link_update_job_status.sync_detailed(
        site_id(target), "00000000-0000-4000-8000-000000000000", client=jobs_client
    )
    assert int(response.status_code) == 404, (
        f"unknown job: HTTP {int(response.status_code)} {response.content[:200]!r}"
    )
