"""Runs the contract suite again and again in this checkout and reports every run that fails.

The proof that the suite does not fail by chance: live-profile runs against a second fake (on a free loopback
port, configured only through the live variables, as a real site would be) alternate with thorough runs
against the built-in fake, each with its own seed, all sharing this checkout's `.hypothesis/` and
`.pytest_cache/` as users' runs do. A failing run is listed with its seed and failing tests, so it can be
replayed with `CONTRACT_SEED=<seed>`.

    python scripts/contract_repeat.py --runs 30            # 30 live runs and 30 thorough runs, interleaved
    python scripts/contract_repeat.py --runs 30 --max-minutes 60

Every run has a timeout, and `--max-minutes` stops the loop (between runs) when the time is up; the report
then says how many runs were done. Exit status: 0 when every run passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass
from pathlib import Path

from fake_jira.config import FakeConfig
from fake_jira.server import running_fake

ROOT = Path(__file__).resolve().parents[1]
LIVE_ISSUE = "MKY-9"
LIVE_EMAIL = "repeat-runs@example.com"
LIVE_TOKEN = "repeat-runs-token"


@dataclass(frozen=True)
class RunResult:
    number: int
    kind: str  # "live" or "fake"
    seed: int
    exit_code: int
    seconds: float
    failed_tests: list[str]
    report: str


def distinct_seeds(count: int, first: int | None) -> list[int]:
    if first is not None:
        return [first + offset for offset in range(count)]
    seeds: set[int] = set()
    while len(seeds) < count:
        seeds.add(secrets.randbits(64))
    return list(seeds)


def failed_tests(report: Path) -> list[str]:
    if not report.exists():
        return ["(no JUnit report written)"]
    names = []
    for case in ET.parse(report).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            names.append(f"{case.get('classname')}::{case.get('name')}")
    return names


def run_suite(
    number: int, kind: str, seed: int, *, env: dict[str, str], folder: Path, timeout: float
) -> RunResult:
    report = folder / f"run-{number:03d}-{kind}.xml"
    log = folder / f"run-{number:03d}-{kind}.log"
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as output:
        try:
            completed = subprocess.run(
                [sys.executable, "-m", "jira_remote_links_contract", f"--junit={report}", "--", "-q"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
            exit_code = completed.returncode
        except subprocess.TimeoutExpired:
            exit_code = -1
    seconds = time.monotonic() - started
    failures = failed_tests(report) if exit_code != 0 else []
    if exit_code == -1:
        failures = [f"(timed out after {timeout:.0f} s)", *failures]
    return RunResult(
        number, kind, seed, exit_code, round(seconds, 1), failures, str(report.relative_to(ROOT))
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="runs of each kind (default 30)")
    parser.add_argument("--first-seed", type=int, default=None, help="seeds first-seed, first-seed+1, ...")
    parser.add_argument(
        "--max-minutes", type=float, default=None, help="start no run after this many minutes"
    )
    parser.add_argument("--run-timeout", type=float, default=1800.0, help="seconds one run may take (1800)")
    parser.add_argument("--output", type=Path, default=ROOT / "reports" / "repeat", help="logs and reports")
    parser.add_argument("--kinds", choices=["both", "fake", "live"], default="both")
    options = parser.parse_args()
    if options.runs < 1:
        parser.error(f"--runs must be at least 1, got {options.runs}")

    # Absolute, so that a relative --output works wherever the runs report from.
    options.output = options.output.resolve()
    options.output.mkdir(parents=True, exist_ok=True)
    kinds = ["live", "fake"] if options.kinds == "both" else [options.kinds]
    plan = [(kind, index) for index in range(options.runs) for kind in kinds]
    seeds = distinct_seeds(len(plan), options.first_seed)
    deadline = None if options.max_minutes is None else time.monotonic() + options.max_minutes * 60
    base_env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("JIRA_", "CONTRACT_"))
        and name not in {"LINKS_API_BASE_URL", "ATLASSIAN_SITE_ID"}
    }
    results: list[RunResult] = []
    summary_path = options.output / "summary.json"
    with running_fake(FakeConfig(email=LIVE_EMAIL, api_token=LIVE_TOKEN)) as site:
        live_env = {
            **base_env,
            "CONTRACT_TARGET": "live",
            "CONTRACT_PROFILE": "live",
            "JIRA_BASE_URL": site.base_url,
            "JIRA_EMAIL": LIVE_EMAIL,
            "JIRA_API_TOKEN": LIVE_TOKEN,
            "JIRA_TEST_ISSUE": LIVE_ISSUE,
            "LINKS_API_BASE_URL": site.base_url,
            "ATLASSIAN_SITE_ID": "repeat-runs-site",
            "CONTRACT_ALLOW_JOBS": "1",
            # A local server takes more than a real site; the pacing code path still runs.
            "CONTRACT_RATE_LIMIT": "500",
        }
        fake_env = {**base_env, "CONTRACT_TARGET": "fake", "CONTRACT_PROFILE": "thorough"}
        print(f"second fake (the live site) at {site.base_url}; reports in {options.output}", flush=True)
        for number, ((kind, _), seed) in enumerate(zip(plan, seeds, strict=True), start=1):
            if deadline is not None and time.monotonic() >= deadline:
                print(f"--max-minutes reached: stopping before run {number} of {len(plan)}", flush=True)
                break
            env = {**(live_env if kind == "live" else fake_env), "CONTRACT_SEED": str(seed)}
            result = run_suite(
                number, kind, seed, env=env, folder=options.output, timeout=options.run_timeout
            )
            results.append(result)
            verdict = "passed" if result.exit_code == 0 else f"FAILED (exit {result.exit_code})"
            print(f"run {number:3d} {kind:4s} seed {seed:<20d} {result.seconds:7.1f}s  {verdict}", flush=True)
            for name in result.failed_tests:
                print(f"      {name}", flush=True)
            summary_path.write_text(json.dumps([asdict(r) for r in results], indent=2), encoding="utf-8")

    print()
    for kind in kinds:
        done = [r for r in results if r.kind == kind]
        failed = [r for r in done if r.exit_code != 0]
        mean = sum(r.seconds for r in done) / len(done) if done else 0.0
        print(
            f"{kind}: {len(done)} of {options.runs} runs done, {len(failed)} failed, mean {mean:.0f} s per run"
        )
        for result in failed:
            print(
                f"  replay: CONTRACT_SEED={result.seed} ({result.kind}, run {result.number}): {result.failed_tests}"
            )
    print(f"details: {summary_path.relative_to(ROOT) if summary_path.is_relative_to(ROOT) else summary_path}")
    return 0 if results and all(r.exit_code == 0 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
