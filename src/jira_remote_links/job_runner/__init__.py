"""Schedule Atlassian link-update jobs and follow them until they end."""

from jira_remote_links.job_runner.jobs import (
    JobOutcome,
    JobRequestError,
    JobSettings,
    PollLimits,
    build_request,
    follow_job,
    schedule_job,
)
from jira_remote_links.job_runner.status import is_terminal

__all__ = [
    "JobOutcome",
    "JobRequestError",
    "JobSettings",
    "PollLimits",
    "build_request",
    "follow_job",
    "is_terminal",
    "schedule_job",
]
