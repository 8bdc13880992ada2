"""The harness's pure parts: interleaved timing, ratios, and reading hypothesis's statistics."""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.console import Console

from benchmarks.results import Row, ratio_of
from benchmarks.runner import Case, interleave
from benchmarks.site import limit_bound_links_per_second, limit_bound_seconds
from benchmarks.suite import count_examples
from benchmarks.table import render
from benchmarks.workload import GROUPED, SHUFFLED, SPREAD, ordered_rows


def test_interleave_runs_each_case_every_round_in_rotating_order() -> None:
    calls: list[tuple[str, int]] = []

    def batch(name: str) -> Callable[[int], None]:
        return lambda n: calls.append((name, n))

    cases = [Case(name, batch(name)) for name in ("a", "b", "c")]
    timings = interleave(cases, rounds=3, calls_per_round=4, warmup_calls=1)
    assert set(timings) == {"a", "b", "c"}
    assert calls[:3] == [("a", 1), ("b", 1), ("c", 1)]
    timed = [name for name, n in calls[3:] if n == 4]
    assert timed == ["a", "b", "c", "b", "c", "a", "c", "a", "b"]
    assert all(timing.rounds == 3 and timing.calls_per_round == 4 for timing in timings.values())
    assert all(timing.wall_s >= 0 for timing in timings.values())


def test_ratio_of_refuses_unusable_numbers() -> None:
    assert ratio_of(3.0, 1.5) == 2.0
    assert ratio_of(1.0, 0.0) is None
    assert ratio_of(0.0, 1.0) is None
    assert ratio_of(float("nan"), 1.0) is None


def test_count_examples_sums_every_test_hypothesis_reports() -> None:
    output = """
    contract_tests/test_a.py::test_one:
      - during generate phase (0.66 seconds):
        - Typical runtimes: ~ 28-34 ms, of which ~ 0-3 ms in data generation
        - 20 passing, 0 failing, and 1 invalid test cases
    contract_tests/test_a.py::test_two:
      - during reuse phase (0.01 seconds):
        - 3 passing examples, 0 failing examples, 0 invalid examples
      - during generate phase (0.10 seconds):
        - 50 passing examples, 1 failing examples, 7 invalid examples
    """
    assert count_examples(output) == 20 + 3 + 50 + 1
    assert count_examples("no statistics here") == 0


def test_count_examples_takes_the_suites_own_total_when_it_is_larger() -> None:
    output = "tests  : 12 (12 passed, 0 failed); 345 generated examples\n- 5 passing, 0 failing"
    assert count_examples(output) == 345
    assert count_examples("tests  : 1 (1 passed); 2 generated examples\n- 5 passing, 1 failing") == 6


def test_table_shows_unmeasured_rows_by_their_status() -> None:
    rows = [
        Row(section="s", subject="measured one", value=1234.5, unit="µs/call", ratio=1.5),
        Row(section="s", subject="absent peer", status="not installed"),
    ]
    text = render(rows, "t", Console(width=160, file=io.StringIO()))
    assert "measured one" in text
    assert "1.50x" in text
    assert "1,234 µs/call" in text or "1,235 µs/call" in text
    assert "not installed" in text


def test_the_limit_bound_maximum_is_the_post_burst_for_the_benchmarks_file() -> None:
    # 5,000 POSTs at 100 per sliding second: 49 s after the first 100; one issue's 100 writes: 8 s.
    assert limit_bound_seconds(5000, 50) == 49.0
    assert limit_bound_links_per_second(5000, 50) == 100.0
    # All on one issue: 20 per 2 s binds (and 100 per 30 s), far below the burst.
    assert limit_bound_seconds(1000, 1) == max((1000 / 20 - 1) * 2, (1000 / 100 - 1) * 30)
    assert limit_bound_links_per_second(1000, 1) < 10


def test_grouped_and_shuffled_files_hold_the_same_rows() -> None:
    spread = list(ordered_rows(60, 5, SPREAD))
    grouped = list(ordered_rows(60, 5, GROUPED))
    shuffled = list(ordered_rows(60, 5, SHUFFLED))

    def by_id(row: dict[str, str]) -> str:
        return row["globalId"]

    assert sorted(spread, key=by_id) == sorted(grouped, key=by_id) == sorted(shuffled, key=by_id)
    issues = [row["issue"] for row in grouped]
    assert issues == sorted(issues, key=lambda issue: int(issue.split("-")[1]))
    assert shuffled != spread
