"""Runs every benchmark in turn against one fake in its own process and collects the rows."""

from __future__ import annotations

import json
import os
import platform
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.bulk import BulkSettings, run_bulk_benchmarks
from benchmarks.fakeproc import fake_process
from benchmarks.percall import PerCallSettings, run_percall
from benchmarks.results import SKIPPED, Row, unavailable
from benchmarks.site import SiteSettings, run_site_benchmarks
from benchmarks.suite import contract_suite_row, make_test_row


@dataclass(frozen=True)
class Profile:
    name: str
    percall: PerCallSettings
    bulk: BulkSettings
    site: SiteSettings = field(default_factory=SiteSettings)
    run_contract_suite: bool = True
    run_make_test: bool = False


FULL = Profile("full", PerCallSettings(), BulkSettings())

# Seconds, not minutes: every row is produced, with figures too small to mean anything.
QUICK = Profile(
    "quick",
    PerCallSettings(rounds=2, calls_per_round=2, warmup_calls=1),
    BulkSettings(
        links=60,
        issues=5,
        loopback_peer_links=20,
        latency_seconds=0.005,
        latency_links=20,
        latency_peer_links=10,
        high_concurrency=16,
        rate_limit_requests=100,
        rate_limit_links=20,
    ),
    SiteSettings(links=60, issues=5, latency_seconds=0.005, peer_links=3),
    run_contract_suite=False,
)


@dataclass
class Report:
    profile: str
    rows: list[Row]
    elapsed_s: float
    machine: dict[str, str] = field(default_factory=dict)
    # Wall seconds each section took, in the order run: what `make bench` spends where.
    sections: dict[str, float] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "profile": self.profile,
                "elapsed_s": round(self.elapsed_s, 2),
                "machine": self.machine,
                "sections_s": {name: round(seconds, 1) for name, seconds in self.sections.items()},
                "rows": [row.to_json() for row in self.rows],
            },
            indent=2,
            ensure_ascii=False,
        )


def _machine() -> dict[str, str]:
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": str(os.cpu_count()),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def run_benchmarks(profile: Profile, root: Path, *, progress: Callable[[str], None] | None = None) -> Report:
    say = progress or (lambda _message: None)
    started = time.perf_counter()
    rows: list[Row] = []
    sections: dict[str, float] = {}

    @contextmanager
    def section(name: str) -> Iterator[None]:
        say(f"{name} ...")
        began = time.perf_counter()
        try:
            yield
        finally:
            sections[name] = time.perf_counter() - began
            say(f"{name}: {sections[name]:.0f} s")

    with fake_process() as admin, tempfile.TemporaryDirectory(prefix="bench-") as workdir:
        with section("per-call cost"):
            rows.extend(run_percall(admin, profile.percall))
        with section("bulk"):
            rows.extend(run_bulk_benchmarks(admin, profile.bulk, Path(workdir)))
        with section("bulk against Jira Cloud's limits"):
            rows.extend(run_site_benchmarks(admin, profile.site, Path(workdir)))
    if profile.run_contract_suite:
        with section("contract suite"):
            rows.append(contract_suite_row(root))
    else:
        rows.append(
            unavailable(
                "contract suite, quick profile",
                "jira-remote-links-contract --profile quick",
                SKIPPED,
                "not run in --quick",
            )
        )
    if profile.run_make_test:
        with section("make test"):
            rows.append(make_test_row(root, run=True))
    else:
        rows.append(make_test_row(root, run=False))
    return Report(profile.name, rows, time.perf_counter() - started, _machine(), sections)
