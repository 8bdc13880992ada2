"""A pytest plugin for users' own tests: `fake_jira` is a running fake, reset before each test.

Enabled automatically when this package is installed (entry point `pytest11`). One server serves the whole
session; each test gets it back at its start configuration with no links.

The plugin itself imports nothing of the `fake` extra: without the extra every pytest run in the
environment still works, and only a test that asks for the fixture fails, with the command to install it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from fake_jira.extra import is_missing_extra, missing_extra_message

if TYPE_CHECKING:
    from fake_jira.running import RunningFake


@pytest.fixture(scope="session")
def fake_jira_server() -> Iterator[RunningFake]:
    try:
        from fake_jira.server import running_fake  # noqa: PLC0415
    except ModuleNotFoundError as error:
        if not is_missing_extra(error):
            raise
        missing = missing_extra_message(error)
    else:
        with running_fake() as fake:
            yield fake
        return
    # Outside the `except` block, so the report is the hint alone, without the import error chained to it.
    pytest.fail(f"the `fake_jira` fixture: {missing}", pytrace=False)


@pytest.fixture
def fake_jira(fake_jira_server: RunningFake) -> RunningFake:
    fake_jira_server.reset()
    return fake_jira_server
