"""The jobs API as Atlassian's link-fixing reference documents it, end to end: the fake, the generated
client and the job tool, and the rule that a scheduled job's id is never lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from fake_jira.server import RunningFake
from jira_remote_links.connect import connect_jobs
from jira_remote_links.job_runner import jobs
from jira_remote_links.job_runner.cli import main
from jira_remote_links.job_runner.jobs import JobScheduledWithoutIdError, JobSettings, schedule_job

from .conftest import EMAIL, TOKEN, request_log

SITE = "b436336f-99ce-2fbc-4520-7301132h1674"
CMA = f"/links/v1/{SITE}/jobs/cma"
REQUIRED = {
    "product": "Jira",
    "productURL": "https://new.atlassian.net",
    "destinationURL": "https://other.atlassian.net",
    "migratedFrom": "https://dc.example.com",
}
RUN = [
    "run",
    "--product-url",
    "https://new.atlassian.net",
    "--destination-url",
    "https://other.atlassian.net",
    "--migrated-from",
    "https://dc.example.com",
]


@pytest.fixture
def jobs_env(fake: RunningFake, monkeypatch: pytest.MonkeyPatch) -> RunningFake:
    monkeypatch.setenv("LINKS_API_BASE_URL", fake.base_url)
    monkeypatch.setenv("ATLASSIAN_SITE_ID", SITE)
    monkeypatch.setenv("JIRA_EMAIL", EMAIL)
    monkeypatch.setenv("JIRA_API_TOKEN", TOKEN)
    fake.configure(job_step_seconds=0.01)
    return fake


@pytest.mark.parametrize("product", ["Jira", "jira", "Confluence", "confluence"])
def test_the_fake_schedules_with_200_and_uuid_for_either_casing(fake: RunningFake, product: str) -> None:
    answer = httpx.post(
        fake.base_url + CMA, json={**REQUIRED, "product": product}, auth=(EMAIL, TOKEN), timeout=10
    )
    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == {"uuid"}
    assert len(body["uuid"]) == 36


@pytest.mark.parametrize("missing", sorted(REQUIRED))
def test_the_fake_requires_the_four_documented_fields(fake: RunningFake, missing: str) -> None:
    body = {name: value for name, value in REQUIRED.items() if name != missing}
    answer = httpx.post(fake.base_url + CMA, json=body, auth=(EMAIL, TOKEN), timeout=10)
    assert answer.status_code == 400
    assert set(answer.json()["errors"]) == {missing}


@pytest.mark.parametrize(("flag", "value"), [("createBackup", True), ("recreateAsRemote", "false")])
def test_the_fake_takes_flags_as_booleans_or_strings(fake: RunningFake, flag: str, value: object) -> None:
    answer = httpx.post(fake.base_url + CMA, json={**REQUIRED, flag: value}, auth=(EMAIL, TOKEN), timeout=10)
    assert answer.status_code == 200


def test_the_fake_takes_only_basic_auth(fake: RunningFake) -> None:
    bearer = httpx.post(
        fake.base_url + CMA, json=REQUIRED, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10
    )
    assert bearer.status_code == 401


def test_the_tool_reads_uuid_and_sends_the_four_fields(
    jobs_env: RunningFake, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*RUN, "--product", "Jira", "--poll-interval", "0.01", "--quiet"]) == 0
    out = capsys.readouterr().out
    sent = [json.loads(e["body"]) for e in request_log(jobs_env) if e["raw_path"].endswith("/jobs/cma")]
    assert sent == [{**REQUIRED, "product": "jira"}]
    job_id = out.split()[2]
    assert f"job: {job_id}" in out
    assert "status: Complete" in out


def test_an_answer_without_uuid_is_reported_with_its_body() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"jobId": "the-id-under-another-name"})

    client = connect_jobs(
        "https://api.example.com", email=EMAIL, api_token=TOKEN, transport=httpx.MockTransport(handler)
    )
    with client, pytest.raises(JobScheduledWithoutIdError, match="the-id-under-another-name"):
        schedule_job(client, SITE, JobSettings("https://a", "https://b", "https://c"))


def test_a_failure_after_scheduling_prints_the_id_and_the_watch_command(
    jobs_env: RunningFake, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*_args: object, **_kwargs: object) -> object:
        raise RuntimeError("the display broke")

    monkeypatch.setattr("jira_remote_links.job_runner.cli.follow_job", broken)
    assert main([*RUN, "--quiet"]) == 1
    captured = capsys.readouterr()
    job_id = captured.out.split()[2]
    assert f"jira-link-job watch {job_id}" in captured.err
    assert "the display broke" in captured.err
    assert "Traceback" not in captured.err


def test_a_refused_poll_after_scheduling_keeps_the_id(
    jobs_env: RunningFake, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refused(*_args: object, **_kwargs: object) -> object:
        raise httpx.ReadTimeout("read timed out")

    monkeypatch.setattr(jobs, "get_status", refused)
    monkeypatch.setattr("jira_remote_links.job_runner.cli.follow_job", lambda *a, **k: refused())
    assert main([*RUN, "--quiet"]) == 1
    captured = capsys.readouterr()
    job_id = captured.out.split()[2]
    assert f"jira-link-job watch {job_id}" in captured.err


def test_a_wrong_token_names_the_settings_and_never_prints_the_token(
    jobs_env: RunningFake, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "SECRET-job-token-7Qx"
    monkeypatch.setenv("JIRA_API_TOKEN", secret)
    assert main([*RUN, "--quiet"]) == 1
    captured = capsys.readouterr()
    assert "401" in captured.err
    assert "JIRA_API_TOKEN" in captured.err
    assert "LINKS_API_BASE_URL" in captured.err
    assert secret not in captured.out + captured.err
    assert len(request_log(jobs_env)) == 1


def test_a_dead_host_stops_at_once(
    jobs_env: RunningFake, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LINKS_API_BASE_URL", "http://127.0.0.1:9")
    started = time.monotonic()
    assert main([*RUN, "--quiet"]) == 1
    assert time.monotonic() - started < 5
    assert "cannot reach http://127.0.0.1:9" in capsys.readouterr().err


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_while_watching_prints_the_id_and_the_watch_command(
    fake: RunningFake, tmp_path: Path, signum: int, code: int
) -> None:
    fake.configure(defects=["job-never-finishes"], job_step_seconds=0.01)
    env = {
        **os.environ,
        "LINKS_API_BASE_URL": fake.base_url,
        "ATLASSIAN_SITE_ID": SITE,
        "JIRA_EMAIL": EMAIL,
        "JIRA_API_TOKEN": TOKEN,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "jira_remote_links.job_runner", *RUN, "--poll-interval", "0.05"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for_polls(fake, 3)
    sent = time.monotonic()
    process.send_signal(signum)
    out, err = process.communicate(timeout=10)
    assert time.monotonic() - sent < 1.5
    assert process.returncode == code
    job_id = out.split()[2]
    assert f"jira-link-job watch {job_id}" in err
    assert "Traceback" not in err


def _wait_for_polls(fake: RunningFake, count: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if sum("/jobs/status/" in e["raw_path"] for e in request_log(fake)) >= count:
            return
        time.sleep(0.05)
    raise AssertionError("the job tool never polled")
