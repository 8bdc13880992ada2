"""The built-in fake Jira: a stateful stand-in for the remote-links and link-update jobs APIs.

State without HTTP: `fake_jira.model` (issues and links), `fake_jira.jobs`, `fake_jira.ratelimits`,
`fake_jira.validation`, all driven by one `fake_jira.backend.FakeBackend`. The web layer: `fake_jira.routes`
(the route table, straight to the handlers in `fake_jira.jira_handlers`, `fake_jira.peer_handlers` and the admin
API) and `fake_jira.app`. `fake_jira.server.running_fake` serves it on loopback and hands back a `RunningFake`,
the one admin client.
"""

from typing import TYPE_CHECKING

from fake_jira.config import ConfigError, FakeConfig
from fake_jira.defects import Defect
from fake_jira.running import RunningFake, WireRequest

if TYPE_CHECKING:
    from fake_jira.server import running_fake

__all__ = ["ConfigError", "Defect", "FakeConfig", "RunningFake", "WireRequest", "running_fake"]


def __getattr__(name: str) -> object:
    # The server needs the `fake` extra (uvicorn, Starlette); importing it only when asked for keeps this
    # package, its pytest plugin and its launcher importable without the extra.
    if name == "running_fake":
        from fake_jira import server  # noqa: PLC0415

        return server.running_fake
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
