"""A pytest plugin for `test_rules_table`: after collection, writes each collected test's rule ids as JSON to
the file named by `CONTRACT_RULE_MARKERS_OUT`, so a collect-only run of the suite shows which rules its
markers name."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from jira_remote_links_contract.tracking import rules_of

OUTPUT_VARIABLE = "CONTRACT_RULE_MARKERS_OUT"


def pytest_collection_finish(session: pytest.Session) -> None:
    found = {f"{item.nodeid}|{item.name}": list(rules_of(item)) for item in session.items}
    Path(os.environ[OUTPUT_VARIABLE]).write_text(json.dumps(found), encoding="utf-8")
