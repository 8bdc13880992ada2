"""`make bench` / `python -m benchmarks`: benchmarks against the built-in fake Jira: per-call cost, bulk throughput, memory, contract suite.

Prints a table of ratios, each measured side by side in the same run (absolute figures are context: they
depend on the machine). Never fails on a slow result; it exits non-zero only if the harness itself breaks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console

from benchmarks.harness import FULL, QUICK, run_benchmarks
from benchmarks.table import render

# The checkout: the benchmarks run from it, never from an installed copy.
ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="a small smoke run (seconds; figures not meaningful)"
    )
    parser.add_argument("--include-make-test", action="store_true", help="also time `make test` (slow)")
    parser.add_argument("--output-json", type=Path, metavar="PATH", help="write every row as JSON to PATH")
    args = parser.parse_args(argv)

    profile = QUICK if args.quick else FULL
    if args.include_make_test:
        profile = type(profile)(**{**profile.__dict__, "run_make_test": True})
    console = Console(width=200)
    report = run_benchmarks(profile, ROOT, progress=lambda message: console.print(f"[dim]{message}[/dim]"))
    render(
        report.rows,
        f"jira-remote-links benchmarks ({report.profile}; {report.machine['cpus']} CPUs, "
        f"Python {report.machine['python']}, {report.machine['date']})",
        console,
    )
    spent = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in report.sections.items())
    console.print(f"took {report.elapsed_s:.0f} s ({spent})")
    if args.output_json is not None:
        args.output_json.write_text(report.to_json() + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
