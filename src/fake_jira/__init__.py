"""The built-in fake Jira: a stateful stand-in for the remote-links and link-update jobs APIs.

`fake_jira.model` and `fake_jira.jobs` hold the state and its rules with no HTTP in them; `fake_jira.app`
is the thin HTTP layer; `fake_jira.server.running_fake` serves it on loopback.
"""

from typing import TYPE_CHECKING

from fake_jira.config import DEFECTS, ConfigError, FakeConfig

if TYPE_CHECKING:
    from fake_jira.server import RunningFake, running_fake

__all__ = ["DEFECTS", "ConfigError", "FakeConfig", "RunningFake", "running_fake"]


def __getattr__(name: str) -> object:
    # The server needs the `fake` extra (uvicorn, Starlette); importing it only when asked for keeps this
    # package, its pytest plugin and its launcher importable without the extra.
    if name in {"RunningFake", "running_fake"}:
        from fake_jira import server  # noqa: PLC0415

        return getattr(server, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
