"""The bulk tool run in a child process, which gives its wall time and its peak memory.

The input is a CSV generated on disk, so the tool streams it as it would a user's file; the peak RSS
then shows whether anything holds all the links at once.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from benchmarks.results import FAILED, Row, unavailable

MEMORY_TARGET_MB = 150.0
# A run that has not ended by then is stuck, not slow; it is killed and reported failed.
CHILD_TIMEOUT_SECONDS = 600.0
# The child runs `python -m benchmarks.bulk_child`, found from the checkout the benchmarks live in.
CHECKOUT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class BulkRun:
    elapsed_s: float
    rows: int
    created: int
    updated: int
    unchanged: int
    failed: int
    statuses: dict[str, int]
    rss_before_run_mb: float
    peak_rss_mb: float
    first_failure: str | None

    @property
    def links_per_second(self) -> float:
        return self.rows / self.elapsed_s if self.elapsed_s > 0 else 0.0

    @property
    def throttled(self) -> int:
        return self.statuses.get("429", 0)


class BulkRunError(RuntimeError):
    pass


def run_bulk_in_child(
    source: Path, base_url: str, *, concurrency: int, max_rate: float | None = None
) -> BulkRun:
    command = [
        sys.executable,
        "-m",
        "benchmarks.bulk_child",
        str(source),
        "--base-url",
        base_url,
        "--concurrency",
        str(concurrency),
    ]
    if max_rate is not None:
        command += ["--max-rate", str(max_rate)]
    try:
        done = subprocess.run(
            command,
            cwd=CHECKOUT,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BulkRunError(f"the bulk run did not finish within {CHILD_TIMEOUT_SECONDS:.0f} s") from exc
    if done.returncode != 0:
        raise BulkRunError(f"the bulk run exited {done.returncode}: {done.stderr.strip()[-500:]}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return BulkRun(
        elapsed_s=float(data["elapsed_s"]),
        rows=int(data["rows"]),
        created=int(data["created"]),
        updated=int(data["updated"]),
        unchanged=int(data["unchanged"]),
        failed=int(data["failed"]) + int(data["invalid"]),
        statuses={str(key): int(value) for key, value in data["statuses"].items()},
        rss_before_run_mb=float(data["rss_before_run_mb"]),
        peak_rss_mb=float(data["peak_rss_mb"]),
        first_failure=data["first_failure"],
    )


def memory_row(run: BulkRun | None, links: int, error: str = "") -> Row:
    section = "peak memory, bulk run"
    subject = f"ours, bulk tool, {links:,} links"
    if run is None:
        return unavailable(section, subject, FAILED, error)
    met = run.peak_rss_mb < MEMORY_TARGET_MB
    return Row(
        section=section,
        subject=subject,
        value=run.peak_rss_mb,
        unit="MB peak RSS",
        ratio=run.peak_rss_mb / MEMORY_TARGET_MB,
        ratio_meaning="x the 150 MB target",
        target="< 150 MB",
        verdict="met" if met else "missed",
        note=f"{run.rss_before_run_mb:.1f} MB of it before the first row (interpreter + imports); input streamed from CSV",
    )
