"""The fake Jira in a process of its own, and its admin API.

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
from typing import Any

import httpx

DEMO_EMAIL = "demo@example.com"
DEMO_API_TOKEN = "fake-api-token"

# asyncio only sets TCP_NODELAY on accepted sockets whose listening socket was created with
# proto=IPPROTO_TCP; a socket made with proto 0 leaves Nagle on, and every keep-alive response then
# waits ~40 ms for the client's delayed ACK, which would swamp every client-side cost measured here.
# The child makes sure the fake's listening socket is a TCP-proto one.
_CHILD = """
import os, socket, sys
import fake_jira.server as server

_bind = server.bind_loopback

def bind_loopback(host="127.0.0.1", port=0):
    sock = _bind(host, port)
    if sock.proto == socket.IPPROTO_TCP:
        return sock
    sock.close()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock

server.bind_loopback = bind_loopback
with server.running_fake() as fake:
    tmp = sys.argv[1] + ".tmp"
    with open(tmp, "w") as handle:
        handle.write(fake.base_url)
    os.replace(tmp, sys.argv[1])
    sys.stdin.read()
"""


class FakeStartError(RuntimeError):
    pass


class FakeAdmin:
    """The fake's admin API (outside Jira's paths, no auth)."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self._http = httpx.Client(base_url=base_url, timeout=30.0)

    def close(self) -> None:
        self._http.close()

    def reset(self) -> None:
        self._http.post("/_fake/reset").raise_for_status()

    def configure(self, changes: Mapping[str, object]) -> dict[str, Any]:
        response = self._http.put("/_fake/config", json=dict(changes))
        response.raise_for_status()
        config: dict[str, Any] = response.json()
        return config

    def config(self) -> dict[str, Any]:
        response = self._http.get("/_fake/config")
        response.raise_for_status()
        config: dict[str, Any] = response.json()
        return config

    def seed(self, links: Mapping[str, list[dict[str, Any]]]) -> int:
        response = self._http.post("/_fake/seed", json={"links": dict(links)})
        response.raise_for_status()
        return int(response.json()["created"])

    def requests(self) -> list[dict[str, Any]]:
        response = self._http.get("/_fake/requests")
        response.raise_for_status()
        logged: list[dict[str, Any]] = response.json()["requests"]
        return logged

    def clear_requests(self) -> None:
        self._http.delete("/_fake/requests").raise_for_status()


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
) -> Iterator[FakeAdmin]:
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
            admin = FakeAdmin(_wait_for_url(process, url_file, startup_timeout, log))
            try:
                if changes:
                    admin.configure(changes)
                yield admin
            finally:
                admin.close()
        finally:
            _stop(process)
