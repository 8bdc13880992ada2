"""The built-in fake Jira: a stateful stand-in for the remote-links and link-update jobs APIs.

`fake_jira.model` and `fake_jira.jobs` hold the state and its rules with no HTTP in them; `fake_jira.app`
is the thin HTTP layer; `fake_jira.server.running_fake` serves it on loopback.
"""

from fake_jira.config import DEFECTS, ConfigError, FakeConfig
from fake_jira.server import RunningFake, running_fake

__all__ = ["DEFECTS", "ConfigError", "FakeConfig", "RunningFake", "running_fake"]
