"""The bulk tool under real failure, run as a user runs it (a subprocess): a wrong token, a dead host,
Ctrl-C and SIGTERM; and no secret in anything it prints or writes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fake_jira.server import RunningFake

from .conftest import EMAIL, TOKEN, clear_request_log, link_rows, request_log, write_csv

SECRET = "SECRET-bulk-token-Zq81x"


def _env(base_url: str, token: str) -> dict[str, str]:
    return {**os.environ, "JIRA_BASE_URL": base_url, "JIRA_EMAIL": EMAIL, "JIRA_API_TOKEN": token}


def _run(args: list[str], env: dict[str, str], cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "jira_remote_links.bulk", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done, time.monotonic() - started


def _written_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # closed again: nothing listens there


def test_a_wrong_token_sends_one_request_names_the_settings_and_never_shows_the_token(
    fake: RunningFake, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "links.csv", link_rows(300, 10))
    outputs: list[str] = []
    for extra in ([], ["--json"], ["--dry-run"], ["--api-token", SECRET, "--json"]):
        clear_request_log(fake)
        done, seconds = _run([str(path), *extra], _env(fake.base_url, SECRET), tmp_path)
        assert done.returncode == 1, done.stderr
        assert len(request_log(fake)) == 1
        assert seconds < 10
        outputs += [done.stdout, done.stderr]
        text = done.stdout + done.stderr
        assert "401" in text
        assert "JIRA_API_TOKEN" in text
        assert "JIRA_EMAIL" in text
        assert "Traceback" not in text
    summary = json.loads(outputs[2])
    assert (summary["not_started"], summary["failed"], summary["requests"]) == (300, [], 1)
    for written in _written_files(tmp_path):
        outputs.append(written.read_text(encoding="utf-8", errors="replace"))
    assert all(SECRET not in text for text in outputs)


def test_a_dead_host_stops_the_run_within_seconds(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "links.csv", link_rows(300, 10))
    port = _free_port()
    done, seconds = _run([str(path)], _env(f"http://127.0.0.1:{port}", SECRET), tmp_path)
    assert done.returncode == 1
    assert seconds < 10
    assert f"cannot reach http://127.0.0.1:{port}" in done.stdout
    assert "not started" in done.stdout
    assert SECRET not in done.stdout + done.stderr


def test_an_unknown_host_name_stops_the_run_within_seconds(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "links.csv", link_rows(30, 3))
    done, seconds = _run([str(path)], _env("http://no-such-host.invalid", SECRET), tmp_path)
    assert done.returncode == 1
    assert seconds < 15
    assert "cannot reach http://no-such-host.invalid" in done.stdout


def test_a_site_wide_403_stops_the_run_at_the_first_row(fake: RunningFake, tmp_path: Path) -> None:
    fake.configure(linking_enabled=False)
    path = write_csv(tmp_path / "links.csv", link_rows(50, 5))
    done, _ = _run([str(path)], _env(fake.base_url, TOKEN), tmp_path)
    assert done.returncode == 1
    assert "403" in done.stdout
    assert len(request_log(fake)) <= 2


@pytest.mark.parametrize(
    ("signum", "code", "name"), [(signal.SIGINT, 130, "Ctrl-C"), (signal.SIGTERM, 143, "SIGTERM")]
)
def test_a_signal_stops_within_a_second_with_counts_and_a_rerun_finishes(
    fake: RunningFake, tmp_path: Path, signum: int, code: int, name: str
) -> None:
    fake.configure(latency_seconds=0.05)
    path = write_csv(tmp_path / "links.csv", link_rows(400, 20))
    process = subprocess.Popen(
        [sys.executable, "-m", "jira_remote_links.bulk", str(path), "--json"],
        env=_env(fake.base_url, TOKEN),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while len(request_log(fake)) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    sent = time.monotonic()
    process.send_signal(signum)
    out, err = process.communicate(timeout=10)
    assert time.monotonic() - sent < 1.5
    assert process.returncode == code
    summary = json.loads(out)
    assert summary["aborted"] == f"stopped by {name}"
    assert summary["not_started"] > 0
    assert summary["created"] + summary["not_started"] + len(summary["failed"]) == 400
    assert "Traceback" not in err

    fake.configure(latency_seconds=0.0)
    again, _ = _run([str(path), "--json"], _env(fake.base_url, TOKEN), tmp_path)
    assert again.returncode == 0
    second = json.loads(again.stdout)
    assert second["created"] + second["unchanged"] == 400
    assert second["unchanged"] >= summary["created"]
