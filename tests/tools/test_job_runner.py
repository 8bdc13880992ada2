"""The link-update job runner against the fake's jobs API."""

from __future__ import annotations

import json
from datetime import date

import httpx
import pytest

from fake_jira.server import RunningFake
from jira_remote_links.errors import NotFoundError
from jira_remote_links.job_runner import jobs
from jira_remote_links.job_runner.cli import main
from jira_remote_links.job_runner.jobs import JobOutcome, JobSettings, PollLimits, build_request
from jira_remote_links.job_runner.status import is_terminal
from jira_remote_links_client.models.link_update_job_status import LinkUpdateJobStatus

from .conftest import EMAIL, TOKEN, request_log

SITE = "b436336f-99ce-2fbc-4520-7301132h1674"
RUN = [
    "run",
    "--product-url",
    "https://new.atlassian.net",
    "--destination-url",
    "https://other.atlassian.net",
    "--migrated-from",
    "https://dc.example.com",
]
FAST = ["--poll-interval", "0.01", "--quiet"]


@pytest.fixture
def jobs_env(fake: RunningFake, monkeypatch: pytest.MonkeyPatch) -> RunningFake:
    monkeypatch.setenv("LINKS_API_BASE_URL", fake.base_url)
    monkeypatch.setenv("ATLASSIAN_SITE_ID", SITE)
    monkeypatch.setenv("JIRA_EMAIL", EMAIL)
    monkeypatch.setenv("JIRA_API_TOKEN", TOKEN)
    fake.configure(job_step_seconds=0.01)
    return fake


def _schedule_bodies(fake: RunningFake) -> list[dict[str, object]]:
    return [
        json.loads(entry["body"])
        for entry in request_log(fake)
        if entry["method"] == "POST" and entry["raw_path"].endswith("/jobs/cma")
    ]


@pytest.mark.parametrize(
    ("status", "terminal"),
    [
        ("Complete", True),
        ("ERROR", True),
        ("error", True),
        ("Pending", False),
        ("Backup", False),
        ("In_progress", False),
        ("IN_PROGRESS", False),
        ("in progress", False),
        ("Retry", False),
        ("Unheard-of", False),
    ],
)
def test_only_complete_and_error_are_final_whatever_the_casing(status: str, terminal: bool) -> None:
    assert is_terminal(status) is terminal


def test_request_sends_flags_only_when_asked() -> None:
    plain = build_request(
        JobSettings("https://a.atlassian.net", "https://b.atlassian.net", "https://dc.example.com")
    ).to_dict()
    assert plain == {
        "productURL": "https://a.atlassian.net",
        "destinationURL": "https://b.atlassian.net",
        "migratedFrom": "https://dc.example.com",
        "product": "jira",
    }
    federated = build_request(
        JobSettings("https://a", "https://b", migrated_from="https://dc.example.com", recreate_as_remote=True)
    ).to_dict()
    assert federated["recreateAsRemote"] is True
    assert federated["migratedFrom"] == "https://dc.example.com"
    assert "createBackup" not in federated


def test_follows_a_job_to_complete(jobs_env: RunningFake, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*RUN, "--recreate-as-remote", "--migrated-from", "https://dc.example.com", *FAST]) == 0
    captured = capsys.readouterr()
    assert "status: Complete" in captured.out
    assert "Complete (finished" in captured.err  # changes of status are reported as they are seen
    assert _schedule_bodies(jobs_env)[0]["recreateAsRemote"] is True
    assert TOKEN not in captured.out + captured.err


def test_error_exits_non_zero_and_names_the_federated_window(
    jobs_env: RunningFake, capsys: pytest.CaptureFixture[str]
) -> None:
    jobs_env.configure(job_statuses=("Pending", "In_progress", "Error"))
    assert main([*RUN, "--recreate-as-remote", *FAST]) == 1
    captured = capsys.readouterr()
    assert "status: Error" in captured.out
    assert "2 weeks" in captured.err
    assert "recreateAsRemote" in captured.err


def test_error_without_recreate_has_no_window_hint(
    jobs_env: RunningFake, capsys: pytest.CaptureFixture[str]
) -> None:
    jobs_env.configure(job_statuses=("Pending", "Backup", "In_progress", "Retry", "In_progress", "Error"))
    assert main([*RUN, *FAST]) == 1
    err = capsys.readouterr().err
    assert "ended in Error" in err
    assert "2 weeks" not in err


def test_watching_stops_at_the_poll_limit_with_exit_3(
    jobs_env: RunningFake, capsys: pytest.CaptureFixture[str]
) -> None:
    jobs_env.configure(defects=["job-never-finishes"])
    assert main([*RUN, *FAST, "--max-polls", "5"]) == 3
    out = capsys.readouterr().out
    assert "polls: 5" in out
    assert "jira-link-job watch" in out
    polls = [e for e in request_log(jobs_env) if e["method"] == "GET" and "/jobs/status/" in e["raw_path"]]
    assert len(polls) == 5


def test_watch_follows_an_existing_job_and_no_wait_only_schedules(
    jobs_env: RunningFake, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*RUN, "--no-wait", "--quiet"]) == 0
    job_id = capsys.readouterr().out.split()[-1]
    assert main(["watch", job_id, *FAST]) == 0
    assert "status: Complete" in capsys.readouterr().out


def test_unknown_job_is_an_error(jobs_env: RunningFake, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["watch", "00000000-0000-0000-0000-000000000000", *FAST]) == 1
    assert "404" in capsys.readouterr().out


def test_a_migration_older_than_two_weeks_is_warned_about_up_front(
    jobs_env: RunningFake, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [*RUN, "--recreate-as-remote", "--migrated-on", "2026-01-01", *FAST]
    assert main(args, today=date(2026, 3, 1)) == 0
    assert "59 days ago" in capsys.readouterr().err


def test_missing_site_id_is_a_usage_error(
    jobs_env: RunningFake, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ATLASSIAN_SITE_ID")
    assert main([*RUN, *FAST]) == 2
    assert "ATLASSIAN_SITE_ID" in capsys.readouterr().err


def test_recreate_as_remote_is_refused_for_confluence(jobs_env: RunningFake) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*RUN, "--product", "confluence", "--recreate-as-remote", *FAST])
    assert exit_info.value.code == 2


class ScriptedStatuses:
    """Stands in for the status request: answers from a script, one entry per poll."""

    def __init__(self, script: list[str | Exception]) -> None:
        self.script = script
        self.polls = 0

    def __call__(self, client: object, site_id: str, job_id: str) -> LinkUpdateJobStatus:
        entry = self.script[min(self.polls, len(self.script) - 1)]
        self.polls += 1
        if isinstance(entry, Exception):
            raise entry
        return LinkUpdateJobStatus(status=entry, job_id=job_id)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def _follow(
    monkeypatch: pytest.MonkeyPatch, script: list[str | Exception], limits: PollLimits
) -> tuple[JobOutcome, list[str], FakeClock]:
    monkeypatch.setattr(jobs, "get_status", ScriptedStatuses(script))
    clock = FakeClock()
    seen: list[str] = []
    outcome = jobs.follow_job(
        None,  # type: ignore[arg-type]  # the scripted get_status never uses it
        SITE,
        "job-1",
        limits=limits,
        on_status=lambda status, polls: seen.append(status),
        clock=clock.time,
        sleep=clock.sleep,
    )
    return outcome, seen, clock


def test_follow_reports_every_status_until_a_final_one(monkeypatch: pytest.MonkeyPatch) -> None:
    script: list[str | Exception] = [
        "Pending",
        "Backup",
        "IN_PROGRESS",
        "Retry",
        "In_progress",
        "Error",
        "Complete",
    ]
    outcome, seen, clock = _follow(monkeypatch, script, PollLimits(interval=2.0))
    assert seen == ["Pending", "Backup", "IN_PROGRESS", "Retry", "In_progress", "Error"]
    assert (outcome.status, outcome.polls, outcome.gave_up) == ("Error", 6, None)
    assert clock.sleeps == [2.0] * 5


def test_follow_gives_up_at_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    outcome, _, clock = _follow(monkeypatch, ["In_progress"], PollLimits(interval=10.0, deadline=35.0))
    assert outcome.status == "In_progress"
    assert outcome.polls == 4  # at 0, 10, 20 and 30 s; a fifth would start after the deadline
    assert outcome.gave_up is not None
    assert "deadline" in outcome.gave_up
    assert not outcome.polling_failed
    assert clock.now <= 35.0


def test_follow_tolerates_a_few_failed_polls_but_not_endless_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    blip = httpx.ConnectError("connection reset")
    outcome, _, _ = _follow(monkeypatch, [blip, blip, "Complete"], PollLimits(interval=0.0))
    assert outcome.status == "Complete"
    outcome, _, _ = _follow(monkeypatch, ["Pending", blip], PollLimits(interval=0.0))
    assert outcome.status == "Pending"
    assert outcome.polls == 1 + jobs.MAX_CONSECUTIVE_POLL_ERRORS
    assert outcome.gave_up is not None
    assert "3 times in a row" in outcome.gave_up
    assert outcome.polling_failed


def test_follow_stops_at_once_on_a_client_error(monkeypatch: pytest.MonkeyPatch) -> None:
    gone = NotFoundError(status_code=404, method="GET", url="https://x/links/v1/s/jobs/status/j")
    outcome, _, _ = _follow(monkeypatch, [gone, "Complete"], PollLimits(interval=0.0))
    assert outcome.polls == 1
    assert outcome.gave_up is not None
    assert "404" in outcome.gave_up


def test_site_urls_must_be_absolute(jobs_env: RunningFake, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "run",
                "--product-url",
                "new.atlassian.net",
                "--destination-url",
                "https://b.atlassian.net",
                *FAST,
            ]
        )
    assert exit_info.value.code == 2
    assert "absolute URL" in capsys.readouterr().err
    assert request_log(jobs_env) == []
