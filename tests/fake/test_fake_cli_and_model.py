"""The fake's command line, its configuration checks, and its state model without HTTP."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from fake_jira.cli import main as cli_main
from fake_jira.config import ConfigError, FakeConfig
from fake_jira.errors import JiraError
from fake_jira.model import Site
from fake_jira.validation import read_remote_link

# The same command as `fake-jira`, from this checkout.
COMMAND = [sys.executable, "-m", "fake_jira"]


def test_script_serves_until_stopped_and_prints_its_url() -> None:
    process = subprocess.Popen(
        [*COMMAND, "--port", "0", "--issues", "3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline().strip()
        assert first_line.startswith("fake Jira on http://127.0.0.1:")
        base_url = first_line.removeprefix("fake Jira on ")
        auth = ("demo@example.com", "fake-api-token")
        assert httpx.get(f"{base_url}/rest/api/2/issue/MKY-3/remotelink", auth=auth).json() == []
        assert httpx.get(f"{base_url}/rest/api/2/issue/MKY-4/remotelink", auth=auth).status_code == 404
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.parametrize(
    ("arguments", "named"),
    [(["--defect", "no-such-defect"], "no-such-defect"), (["--job-statuses", "Pending,Done"], "Done")],
)
def test_script_names_bad_arguments(arguments: list[str], named: str) -> None:
    finished = subprocess.run(
        [*COMMAND, "--port", "0", *arguments],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 2
    assert named in finished.stderr
    assert "Traceback" not in finished.stderr


def test_config_updates_are_checked() -> None:
    config = FakeConfig()
    assert config.updated({"rate_limit_requests": 5, "latency_seconds": 1}).latency_seconds == 1.0
    with pytest.raises(ConfigError, match="allow_anonymous"):
        config.updated({"allow_anonymous": "yes"})
    with pytest.raises(ConfigError, match="fail_status"):
        config.updated({"fail_status": 404})
    with pytest.raises(ConfigError, match="throttle_every_nth"):
        config.updated({"throttle_every_nth": 0})


def test_model_upsert_and_replace_without_http() -> None:
    site = Site(FakeConfig(issue_count=2))
    config = site.config
    body = {"globalId": "g", "relationship": "r", "object": {"url": "https://u.example", "title": "t"}}
    first = site.upsert("MKY-1", read_remote_link(body, config))
    again = site.upsert(
        "10001",
        read_remote_link({"globalId": "g", "object": {"url": "https://u.example", "title": "t2"}}, config),
    )
    assert first.created
    assert not again.created
    assert first.link.id == again.link.id
    assert site.link_by_global_id("MKY-1", "g").fields == {
        "globalId": "g",
        "application": {},
        "object": {"url": "https://u.example", "title": "t2", "icon": {}, "status": {"icon": {}}},
    }
    with pytest.raises(JiraError) as refused:
        site.link_by_id("MKY-2", str(first.link.id))
    assert refused.value.status == 400
    with pytest.raises(JiraError) as missing:
        site.list_links("MKY-3")
    assert missing.value.status == 404


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["--port", "99999"], "--port: '99999'"),
        (["--port", "eighty"], "--port: 'eighty'"),
        (["--issues", "0"], "--issues: '0'"),
        (["--latency", "-1"], "--latency: '-1'"),
        (["--rate-window", "nan"], "--rate-window: 'nan'"),
        (["--fail-status", "404"], "--fail-status: '404'"),
        (["--defect", "no-such-defect"], "--defect"),
        (["--rate-limit-reason", "made-up"], "--rate-limit-reason"),
    ],
)
def test_cli_rejects_bad_values_by_name(
    arguments: list[str], named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        cli_main(arguments)
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert named in error
    assert "Traceback" not in error
