"""The fake Jira in a process of its own, driven through its one admin client, `RunningFake`.

Benchmarks never run the fake in the measuring process: its request handling would share the client's
GIL and be counted as the client's cost. The child writes its base URL to a file and lives until its
stdin closes, so it also ends when this process dies.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from fake_jira.running import RunningFake

DEMO_EMAIL = "demo@example.com"
DEMO_API_TOKEN = "fake-api-token"

# The child serves the fake until its stdin closes; `fake_jira.server` listens with TCP_NODELAY, so no
# reply waits for a delayed ACK (which would swamp every client-side cost measured here).
_CHILD = """
import os, sys
import fake_jira.server as server

with server.running_fake() as fake:
    tmp = sys.argv[1] + ".tmp"
    with open(tmp, "w") as handle:
        handle.write(fake.base_url)
    os.replace(tmp, sys.argv[1])
    sys.stdin.read()
"""


class FakeStartError(RuntimeError):
    pass


def _wait_for_url(process: subprocess.Popen[bytes], url_file: Path, timeout: float, log: Path) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if url_file.exists():
            return url_file.read_text().strip()
        if process.poll() is not None:
            break
        time.sleep(0.02)
    detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
    raise FakeStartError(f"the fake did not start within {timeout:.0f} s: {detail}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.stdin is not None:
        process.stdin.close()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@contextmanager
def fake_process(
    changes: Mapping[str, object] | None = None, *, startup_timeout: float = 30.0
) -> Iterator[RunningFake]:
    """Start the fake in a child process, configured with `changes`; stop it on exit."""
    with tempfile.TemporaryDirectory(prefix="bench-fake-") as tmp:
        url_file = Path(tmp) / "base_url"
        log = Path(tmp) / "fake.log"
        with log.open("wb") as log_handle:
            process = subprocess.Popen(
                [sys.executable, "-c", _CHILD, str(url_file)],
                stdin=subprocess.PIPE,
                stdout=log_handle,
                stderr=subprocess.STDOUT,
            )
        try:
            admin = RunningFake(_wait_for_url(process, url_file, startup_timeout, log))
            try:
                if changes:
                    admin.configure(**changes)
                yield admin
            finally:
                admin.close()
        finally:
            _stop(process)
