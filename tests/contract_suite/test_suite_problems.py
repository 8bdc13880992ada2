"""A flaky data definition fails the run as a suite problem that names the seed, never as a contract break."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import FlakyStrategyDefinition

from jira_remote_links_contract.run import SETTINGS
from jira_remote_links_contract.suite_problems import flaky_definition_in

ROOT = Path(__file__).resolve().parents[2]
# Set only by the test below, for the subprocess that runs the deliberately flaky test.
DEMO_VARIABLE = "CONTRACT_DEMO_FLAKY_DEFINITION"
_calls = itertools.count()


def test_flaky_definition_is_found_inside_groups_and_causes() -> None:
    flaky = FlakyStrategyDefinition("drew a boolean where an integer was")
    wrapped = RuntimeError("outer")
    wrapped.__cause__ = flaky
    assert (
        flaky_definition_in(BaseExceptionGroup("run", [ValueError(), ExceptionGroup("x", [wrapped])]))
        is flaky
    )
    assert flaky_definition_in(AssertionError("a contract break")) is None


@pytest.mark.skipif(
    DEMO_VARIABLE not in os.environ, reason="run by test_flaky_definition_fails_as_a_suite_problem"
)
@pytest.mark.contract
@settings(SETTINGS, max_examples=50, database=None)
@given(data=st.data())
def test_deliberately_flaky_definition(data: st.DataObject) -> None:
    # State outside Hypothesis steers what is drawn, as server answers once did in the stateful phase.
    if next(_calls) % 2:
        data.draw(st.integers(), label="odd call")
    else:
        data.draw(st.booleans(), label="even call")


def test_flaky_definition_fails_as_a_suite_problem() -> None:
    seed = "424242"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            f"{Path(__file__).relative_to(ROOT)}::test_deliberately_flaky_definition",
            # The suite's plugin, as the command loads it for its own tests; this file is beside the suite.
            "-p",
            "jira_remote_links_contract.conftest",
            "-p",
            "no:cacheprovider",
        ],
        cwd=ROOT,
        env={**os.environ, DEMO_VARIABLE: "1", "CONTRACT_SEED": seed, "CONTRACT_TARGET": "fake"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 1, completed.stdout[-3000:]
    assert "FlakyStrategyDefinition" in completed.stdout, completed.stdout[-3000:]
    assert "CONTRACT SUITE PROBLEM, NOT A CONTRACT BREAK" in completed.stdout, completed.stdout[-3000:]
    assert f"CONTRACT_SEED={seed}" in completed.stdout, completed.stdout[-3000:]
