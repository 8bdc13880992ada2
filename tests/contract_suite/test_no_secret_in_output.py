"""A failing live contract run never shows the API token: not on the console, not in any file it writes.

A second fake plays the live site with a distinctive token and a defect switched on, so that property tests,
the model and schemathesis all fail against it. The run goes through the live variables, in a subprocess, with
local variables in tracebacks (`-l`) and a JUnit report; everything it printed and wrote is then searched
for the token as is, percent-encoded and inside a Basic `Authorization` header.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from fake_jira.config import FakeConfig
from fake_jira.defects import Defect
from fake_jira.server import running_fake
from jira_remote_links_contract.secret import Secret, forms
from tests.contract_suite.live_site import live_environment, run_contract_command

EMAIL = "leak-check@example.com"
# Distinctive enough that any hit is this token and nothing else.
TOKEN = "tok-LEAKCHECK-9f3a71c2e5d84b06"
# Tests that fail against a fake with these defects, and reach every kind of output: Hypothesis' falsifying
# examples (fixtures included), the state machine's printed steps, schemathesis' failure report with its curl
# reproduction, and plain assertion messages.
DEFECTS = [Defect.NO_NULL_WIPE, Defect.BODY_ON_204]
SELECTION = [
    "test_link_properties.py::test_put_replaces_the_whole_link",
    "test_link_properties.py::test_created_link_reads_back_by_id_by_global_id_and_in_the_list",
    "test_link_machine.py",
    "test_schemathesis.py::test_stateful_phase_follows_the_spec_links",
]


def context_of(text: str, form: str) -> str:
    """Where a leak sits, with the leaked value itself blanked out (this message is output too)."""
    at = text.index(form)
    return text[max(0, at - 80) : at + len(form) + 20].replace(form, "<TOKEN>")


def files_under(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def test_secret_hides_its_value_in_every_rendering() -> None:
    secret = Secret(TOKEN)
    shown = [repr(secret), str(secret), f"{secret}", f"{secret!r}", f"{secret:>40}", repr([secret])]
    assert all(TOKEN not in text for text in shown), shown
    assert secret.reveal() == TOKEN
    assert secret == Secret(TOKEN)
    assert secret != Secret("other")
    with pytest.raises(TypeError, match="cannot be pickled"):
        pickle.dumps(secret)


@pytest.mark.fake_only
def test_failing_live_run_prints_and_writes_no_secret(tmp_path: Path) -> None:
    report = tmp_path / "contract.xml"
    hypothesis_dir = tmp_path / "hypothesis"
    config = FakeConfig(email=EMAIL, api_token=TOKEN, defects=frozenset(DEFECTS))
    with running_fake(config) as site:
        env = live_environment(
            site.base_url, email=EMAIL, api_token=TOKEN, issue="MKY-3", hypothesis_dir=hypothesis_dir
        )
        completed = run_contract_command(
            "--",
            *SELECTION,
            "-l",
            "-vv",
            "-rA",
            "-o",
            "junit_logging=all",
            f"--junitxml={report}",
            env=env,
        )
        wire_log = site.requests()
    # The run must really have failed where the token could show, or the search below proves nothing.
    assert completed.returncode == 1, completed.stdout[-4000:] + completed.stderr[-2000:]
    failed_where_it_shows = [
        # The console names tests from where the command ran, e.g. src/jira_remote_links_contract/test_...
        "test_link_properties.py::test_put_replaces_the_whole_link - AssertionError",
        "@reproduce_failure(",  # Hypothesis' minimal example, with the test's arguments
        "Reproduce with:",  # schemathesis' failure report, with its curl reproduction
        "curl -X",
    ]
    missing = [text for text in failed_where_it_shows if text not in completed.stdout]
    assert not missing, f"the run did not fail as planned, no {missing}:\n{completed.stdout[-4000:]}"
    assert wire_log, "the run sent nothing to the live site"

    outputs = {"stdout": completed.stdout, "stderr": completed.stderr}
    for path in [report, *files_under(hypothesis_dir)]:
        outputs[str(path)] = path.read_bytes().decode("utf-8", "replace")
    outputs["the site's request log"] = "\n".join(repr(entry) for entry in wire_log)
    leaks = [
        f"{where}: ...{context_of(text, form)}..."
        for where, text in outputs.items()
        for form in forms(EMAIL, Secret(TOKEN))
        if form in text
    ]
    assert not leaks, "the API token appears in the run's output:\n" + "\n".join(leaks)
