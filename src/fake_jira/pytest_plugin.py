"""A pytest plugin for users' own tests: `fake_jira` is a running fake, reset before each test.

Enabled automatically when this package is installed (entry point `pytest11`). One server serves the whole
session; each test gets it back at its start configuration with no links.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from fake_jira.server import RunningFake, running_fake


@pytest.fixture(scope="session")
def fake_jira_server() -> Iterator[RunningFake]:
    with running_fake() as fake:
        yield fake


@pytest.fixture
def fake_jira(fake_jira_server: RunningFake) -> RunningFake:
    fake_jira_server.reset()
    return fake_jira_server
