"""Ctrl-C and SIGTERM: both stop a tool within a second, and both leave a summary behind.

Outside an event loop SIGTERM is turned into `Stopped` (a KeyboardInterrupt, so the same handlers catch
both); inside the bulk tool's loop both signals call back into the run, which cancels what is in flight.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from types import FrameType

from jira_remote_links.tooling.settings import EXIT_INTERRUPTED, EXIT_TERMINATED

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(KeyboardInterrupt):
    """SIGTERM (or SIGINT) arrived; `signum` says which."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def signal_name(signum: int) -> str:
    return "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name


def exit_code_for(signum: int) -> int:
    return EXIT_TERMINATED if signum == signal.SIGTERM else EXIT_INTERRUPTED


def signum_of(interrupt: KeyboardInterrupt) -> int:
    return interrupt.signum if isinstance(interrupt, Stopped) else signal.SIGINT


def _raise_stopped(signum: int, _frame: FrameType | None) -> None:
    raise Stopped(signum)


def raise_on_sigterm() -> None:
    """From now on SIGTERM raises `Stopped` in the main thread, as Ctrl-C raises KeyboardInterrupt."""
    signal.signal(signal.SIGTERM, _raise_stopped)


def install_in_loop(on_signal: Callable[[int], None]) -> Callable[[], None]:
    """Route SIGINT and SIGTERM to `on_signal` inside the running loop; returns the undo."""
    loop = asyncio.get_running_loop()
    for signum in STOP_SIGNALS:
        loop.add_signal_handler(signum, on_signal, signum)

    def undo() -> None:
        for signum in STOP_SIGNALS:
            loop.remove_signal_handler(signum)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        raise_on_sigterm()

    return undo
