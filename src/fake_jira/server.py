"""Serving the fake for real: uvicorn on a loopback socket, in a background thread or in the foreground."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import uvicorn

from fake_jira.app import create_app
from fake_jira.backend import FakeBackend
from fake_jira.config import FakeConfig
from fake_jira.running import RunningFake

__all__ = ["RunningFake", "bind_loopback", "make_server", "running_fake"]

# A thread that does not come up within this time is a broken start, not a slow one.
STARTUP_TIMEOUT_SECONDS = 30.0


def bind_loopback(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A listening socket; port 0 lets the kernel pick a free port, so parallel runs never collide."""
    # IPPROTO_TCP explicitly: asyncio turns Nagle's algorithm off only for sockets that say they are TCP,
    # and with it on every reply on a kept-alive connection waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


def make_server(backend: FakeBackend, *, log_level: str = "warning") -> uvicorn.Server:
    config = uvicorn.Config(
        create_app(backend),
        log_level=log_level,
        lifespan="off",
        access_log=False,
        # The fake must keep answering while a client holds many keep-alive connections.
        timeout_keep_alive=30,
    )
    return uvicorn.Server(config)


@contextmanager
def running_fake(
    config: FakeConfig | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    clock: Callable[[], float] | None = None,
) -> Iterator[RunningFake]:
    """Serve a fake in a background thread for the duration of the `with` block.

    `clock` (seconds, like `time.time`) drives the rate limits, so tests can move time on by hand.
    """
    config = config or FakeConfig()
    backend = FakeBackend(config, clock=clock)
    sock = bind_loopback(host, port)
    server = make_server(backend)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="fake-jira", daemon=True)
    thread.start()
    try:
        if not _wait_started(server, thread):
            raise RuntimeError("the fake Jira server did not start")
        base_url = f"http://{host}:{sock.getsockname()[1]}"
        with RunningFake(base_url, email=config.email, api_token=config.api_token) as fake:
            yield fake
    finally:
        server.should_exit = True
        thread.join(timeout=STARTUP_TIMEOUT_SECONDS)
        sock.close()


def _wait_started(server: uvicorn.Server, thread: threading.Thread) -> bool:
    started = threading.Event()
    for _ in range(int(STARTUP_TIMEOUT_SECONDS * 100)):
        if server.started:
            started.set()
            break
        if not thread.is_alive():
            break
        started.wait(0.01)
    return started.is_set()
