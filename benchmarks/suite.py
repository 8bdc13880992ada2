"""The contract suite's speed: examples per second of its quick profile, and (on request) the wall time
of `make test`. Both run as child processes with a time limit; neither can fail the benchmark."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.results import FAILED, NOT_AVAILABLE, SKIPPED, Row, unavailable

SUITE_DIR = "src/jira_remote_links_contract"
SUITE_TIMEOUT_SECONDS = 600.0
MAKE_TEST_TIMEOUT_SECONDS = 1800.0

# Hypothesis prints, per test and phase, "- 20 passing, 0 failing, and 1 invalid test cases" (older
# versions: "- 100 passing examples, 0 failing examples, 3 invalid examples").
_EXAMPLES = re.compile(r"(\d+) passing(?: examples?| test cases?)?, (\d+) failing")
# The suite's own run summary (jira_remote_links_contract/summary.py) says "...; 1234 generated examples".
_SUITE_TOTAL = re.compile(r"(\d+) generated examples")


def count_examples(output: str) -> int:
    """Examples run (passing + failing; invalid draws are not run): hypothesis's per-test statistics
    summed, or the suite's own total if it counted more (it also sees tests whose statistics the
    terminal report leaves out)."""
    from_statistics = sum(int(passing) + int(failing) for passing, failing in _EXAMPLES.findall(output))
    suite_total = max((int(found) for found in _SUITE_TOTAL.findall(output)), default=0)
    return max(from_statistics, suite_total)


def contract_suite_row(root: Path) -> Row:
    section = "contract suite, quick profile"
    subject = "jira-remote-links-contract --profile quick"
    suite = root / SUITE_DIR
    if not suite.is_dir():
        return unavailable(section, subject, NOT_AVAILABLE, f"no {SUITE_DIR}/ in this checkout")
    command = [
        sys.executable,
        "-m",
        "jira_remote_links_contract",
        "--target",
        "fake",
        "--profile",
        "quick",
        "--",
        "-q",
        "--hypothesis-show-statistics",
    ]
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command,
            cwd=root,
            capture_output=True,
            text=True,
            timeout=SUITE_TIMEOUT_SECONDS,
            check=False,
            env={**os.environ, "CONTRACT_PROFILE": "quick"},
        )
    except subprocess.TimeoutExpired:
        return unavailable(section, subject, FAILED, f"did not finish within {SUITE_TIMEOUT_SECONDS:.0f} s")
    elapsed = time.perf_counter() - started
    examples = count_examples(done.stdout)
    lines = done.stdout.strip().splitlines()
    summary = lines[-1].strip("= ") if lines else done.stderr.strip()[-160:]
    if examples == 0:
        return unavailable(
            section,
            subject,
            FAILED,
            f"no example counts in the output (exit {done.returncode}): {summary}"[:200],
        )
    return Row(
        section=section,
        subject=subject,
        value=examples / elapsed,
        unit="examples/s",
        ratio=None,
        note=f"{examples:,} examples in {elapsed:.1f} s wall (collection and fixtures included); {summary}"[
            :200
        ],
        extra={"examples": examples, "elapsed_s": round(elapsed, 2), "exit_code": done.returncode},
    )


def _run_in_own_group(command: list[str], cwd: Path, timeout: float) -> int:
    """Run `command` in a process group of its own, so a timeout ends make and everything it started
    (and nothing else)."""
    process = subprocess.Popen(
        command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        raise


def make_test_row(root: Path, *, run: bool) -> Row:
    section = "make test"
    subject = "make test (wall time)"
    if not run:
        return unavailable(section, subject, SKIPPED, "slow; pass --include-make-test to measure it")
    started = time.perf_counter()
    try:
        code = _run_in_own_group(["make", "test"], root, MAKE_TEST_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return unavailable(
            section, subject, FAILED, f"did not finish within {MAKE_TEST_TIMEOUT_SECONDS:.0f} s"
        )
    except FileNotFoundError:
        return unavailable(section, subject, NOT_AVAILABLE, "make is not installed")
    elapsed = time.perf_counter() - started
    return Row(
        section=section,
        subject=subject,
        value=elapsed,
        unit="s",
        note=f"exit {code}",
        extra={"exit_code": code},
    )
