"""The bulk tool against the fake Jira, with 429s and 503s injected."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import anyio
import httpx
import pytest

from fake_jira.server import RunningFake
from jira_remote_links.bulk import BulkOptions, BulkSummary, RowOutcome, run_bulk, run_rows
from jira_remote_links.bulk.cli import main
from jira_remote_links.bulk.rows import LinkRow, validate_row
from jira_remote_links.connect import connect_jira
from jira_remote_links.retry import RetryPolicy
from jira_remote_links.tooling.http import RetryBudget, WaitNotice
from jira_remote_links.tooling.settings import Credentials

from .conftest import (
    EMAIL,
    TOKEN,
    clear_request_log,
    issue_links,
    link_rows,
    request_log,
    write_csv,
    write_jsonl,
)

ISSUES = 5
LINKS = 200
# Retries must not wait in tests; the fake asks for Retry-After: 0.
FAST_RETRY = RetryPolicy(max_attempts=6, base_delay=0.0, max_delay=1.0, deadline=30.0)
# With FAULTS, every 7th and 11th request fails: about 22% of attempts. Six attempts per request left one
# row in about 8,600 failing every time, so roughly one run of 200 rows in 43 failed by chance (seen in a
# CI run on a loaded machine); with ten, one row in about 3.6 million does.
FAST_BUDGET = RetryBudget(max_attempts=10, first_backoff=0.0)


def _credentials(fake: RunningFake) -> Credentials:
    return Credentials(fake.base_url, EMAIL, TOKEN)


def _run(fake: RunningFake, path: Path, *, dry_run: bool = False) -> BulkSummary:
    return run_bulk(path, _credentials(fake), BulkOptions(dry_run=dry_run, budget=FAST_BUDGET))


FAULTS: dict[str, object] = {"throttle_every_nth": 7, "retry_after_seconds": 0, "fail_every_nth": 11}
NO_FAULTS: dict[str, object] = {"throttle_every_nth": None, "fail_every_nth": None}


def _assert_exactly_once(fake: RunningFake, rows: list[dict[str, str]]) -> None:
    # The checks read the fake directly, without retries, so faults are off while they run.
    fake.configure(**NO_FAULTS)
    for issue_number in range(1, ISSUES + 1):
        issue = f"MKY-{issue_number}"
        links = issue_links(fake, issue)
        wanted = {row["globalId"]: row for row in rows if row["issue"] == issue}
        seen = Counter(link["globalId"] for link in links)
        assert seen == Counter(wanted.keys()), f"{issue} holds {seen.most_common(3)}"
        for link in links:
            row = wanted[link["globalId"]]
            assert link["object"]["url"] == row["url"]
            assert link["object"]["title"] == row["title"]
            assert link["relationship"] == row["relationship"]


def _posts(fake: RunningFake) -> list[dict[str, object]]:
    return [entry for entry in request_log(fake) if entry["method"] == "POST"]


def test_creates_every_link_once_through_injected_faults_and_a_rerun_changes_nothing(
    fake: RunningFake, tmp_path: Path
) -> None:
    fake.configure(**FAULTS)
    rows = link_rows(LINKS, ISSUES)
    path = write_csv(tmp_path / "links.csv", rows)

    first = _run(fake, path)
    assert (first.created, first.updated, first.unchanged, first.failed) == (LINKS, 0, 0, [])
    log = request_log(fake)
    # One listing per issue and one POST per row, plus the repeats of every 7th (429) and 11th (503) request.
    methods = Counter(entry["method"] for entry in log)
    assert methods["POST"] > LINKS
    assert ISSUES <= methods["GET"] < ISSUES * 3
    _assert_exactly_once(fake, rows)

    clear_request_log(fake)
    fake.configure(**FAULTS)
    second = _run(fake, path)
    assert (second.created, second.updated, second.unchanged, second.failed) == (0, 0, LINKS, [])
    assert _posts(fake) == []
    _assert_exactly_once(fake, rows)


def test_an_unchanged_rerun_sends_one_request_per_issue(fake: RunningFake, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "links.csv", link_rows(LINKS, ISSUES))
    first = _run(fake, path)
    assert first.requests == ISSUES + LINKS
    clear_request_log(fake)
    again = _run(fake, path)
    assert again.unchanged == LINKS
    assert again.requests == ISSUES
    assert sorted(entry["raw_path"] for entry in request_log(fake)) == [
        f"/rest/api/2/issue/MKY-{n}/remotelink" for n in range(1, ISSUES + 1)
    ]


def test_rows_of_an_unknown_issue_fail_after_one_request(fake: RunningFake, tmp_path: Path) -> None:
    rows = link_rows(30, 3)
    for row in rows[:10]:
        row["issue"] = "MKY-999"
    summary = _run(fake, write_csv(tmp_path / "links.csv", rows))
    assert len(summary.failed) == 10
    assert all("MKY-999 does not exist" in (f.error or "") for f in summary.failed)
    assert sum("MKY-999" in entry["raw_path"] for entry in request_log(fake)) == 1


def test_a_small_issue_cache_stays_correct_when_issues_come_back(fake: RunningFake, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "links.csv", link_rows(60, 6))  # round-robin: every issue comes back
    options = BulkOptions(budget=FAST_BUDGET, cached_issues=2, concurrency=2)
    assert run_bulk(path, _credentials(fake), options).created == 60
    again = run_bulk(path, _credentials(fake), options)
    assert (again.created, again.unchanged) == (0, 60)
    assert again.requests is not None
    assert again.requests <= 60


def test_a_run_stopped_halfway_and_restarted_finishes_without_duplicates(
    fake: RunningFake, tmp_path: Path
) -> None:
    fake.configure(**FAULTS)
    rows = link_rows(LINKS, ISSUES)
    half = _run(fake, write_jsonl(tmp_path / "half.jsonl", rows[: LINKS // 2]))
    assert half.created == LINKS // 2

    full = _run(fake, write_jsonl(tmp_path / "all.jsonl", rows))
    assert (full.created, full.unchanged, full.failed) == (LINKS - LINKS // 2, LINKS // 2, [])
    _assert_exactly_once(fake, rows)


def test_changed_rows_are_updated_in_place(fake: RunningFake, tmp_path: Path) -> None:
    rows = link_rows(20, 2)
    _run(fake, write_csv(tmp_path / "v1.csv", rows))
    ids_before = {link["globalId"]: link["id"] for link in issue_links(fake, "MKY-1")}

    changed = [
        dict(row, title=f"{row['title']} (moved)") if n % 4 == 0 else row for n, row in enumerate(rows)
    ]
    clear_request_log(fake)
    summary = _run(fake, write_csv(tmp_path / "v2.csv", changed))
    assert (summary.created, summary.updated, summary.unchanged) == (0, 5, 15)
    assert len(_posts(fake)) == 5
    ids_after = {link["globalId"]: link["id"] for link in issue_links(fake, "MKY-1")}
    assert ids_after == ids_before
    _assert_exactly_once_for(fake, changed)


def _assert_exactly_once_for(fake: RunningFake, rows: list[dict[str, str]]) -> None:
    for issue in {row["issue"] for row in rows}:
        titles = {link["globalId"]: link["object"]["title"] for link in issue_links(fake, issue)}
        assert titles == {row["globalId"]: row["title"] for row in rows if row["issue"] == issue}


def test_dry_run_reports_the_plan_and_writes_nothing(fake: RunningFake, tmp_path: Path) -> None:
    rows = link_rows(10, 2)
    _run(fake, write_csv(tmp_path / "some.csv", rows[:4]))
    edited = [dict(rows[0], title="renamed"), *rows[1:]]
    clear_request_log(fake)

    plan = _run(fake, write_csv(tmp_path / "all.csv", edited), dry_run=True)
    assert (plan.created, plan.updated, plan.unchanged, plan.failed) == (6, 1, 3, [])
    assert [(p.line, p.action and p.action.value, p.changed) for p in plan.planned][:1] == [
        (2, "update", ("title",))
    ]
    assert _posts(fake) == []
    assert sum(len(issue_links(fake, f"MKY-{n}")) for n in (1, 2)) == 4


def test_rows_whose_attempts_run_out_are_counted_failed_not_lost(fake: RunningFake, tmp_path: Path) -> None:
    rows = link_rows(12, 3)
    fake.configure(throttle_every_nth=1, retry_after_seconds=0)
    options = BulkOptions(budget=RetryBudget(max_attempts=2, first_backoff=0.0), stop_after_failures=0)
    summary = run_bulk(write_csv(tmp_path / "links.csv", rows), _credentials(fake), options)
    assert summary.rows == 12
    # Each listing tried twice, both answered 429; nothing is retried on top of --max-attempts. Rows of
    # one issue waiting on the same listing share its failure, so there are at most 2 requests per row.
    assert len(request_log(fake)) == summary.requests
    assert summary.requests is not None
    assert summary.requests <= 12 * 2
    assert summary.requests % 2 == 0
    assert sorted(f.line for f in summary.failed) == list(range(2, 14))
    assert all("429" in (f.error or "") for f in summary.failed)
    assert summary.exit_code == 1


@pytest.mark.parametrize("attempts", [1, 3])
def test_max_attempts_bounds_every_request_of_the_run(
    fake: RunningFake, tmp_path: Path, attempts: int
) -> None:
    """Issue: 742 requests for 300 rows under injected 503s with --max-attempts 1; at most 2 per row now."""
    rows = link_rows(300, 10)
    fake.configure(fail_every_nth=2, fail_status=503, retry_after_seconds=0)
    options = BulkOptions(budget=RetryBudget(max_attempts=attempts, first_backoff=0.0), stop_after_failures=0)
    summary = run_bulk(write_csv(tmp_path / "links.csv", rows), _credentials(fake), options)
    sent = len(request_log(fake))
    assert sent == summary.requests
    assert sent <= 300 * 2 * attempts
    if attempts == 1:
        assert summary.failed


def test_consecutive_rows_failing_the_same_way_stop_the_run(fake: RunningFake, tmp_path: Path) -> None:
    rows = link_rows(300, 10)
    fake.configure(fail_every_nth=1, fail_status=500)
    options = BulkOptions(budget=RetryBudget(max_attempts=1), stop_after_failures=5, concurrency=2)
    summary = run_bulk(write_csv(tmp_path / "links.csv", rows), _credentials(fake), options)
    assert summary.aborted is not None
    assert "5 rows in a row failed the same way (500)" in summary.aborted
    assert len(summary.failed) <= 5 + 2
    assert summary.not_started >= 290
    assert len(request_log(fake)) < 10
    assert summary.exit_code == 1


def test_a_stopped_run_returns_only_after_every_request_in_flight_has_unwound() -> None:
    """A request cancelled by the stop may still be cleaning up (httpcore hands its pool lock back then);
    the run must not return before it is done, or the client closed next races that cleanup."""
    unwound: list[str] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/MKY-2/remotelink"):
            try:
                await asyncio.Event().wait()  # in flight until the stop cancels it
            except asyncio.CancelledError:
                for _ in range(20):  # a cleanup that takes a few turns of the loop
                    await asyncio.sleep(0)
                unwound.append(request.url.path)
                raise
        return httpx.Response(500, json={"errorMessages": ["down"], "errors": {}})

    def rows() -> Iterator[LinkRow]:
        for n, raw in enumerate(link_rows(20, 4)):
            row = validate_row(n + 2, raw)
            assert isinstance(row, LinkRow)
            yield row

    async def go() -> tuple[BulkSummary, set[asyncio.Task[object]]]:
        client = connect_jira(
            "https://jira.example.com",
            email=EMAIL,
            api_token=TOKEN,
            retry=None,
            async_transport=httpx.MockTransport(handler),
        )
        async with client:
            # Row 1 (MKY-1) and row 3 (MKY-3) fail the same way while row 2 (MKY-2) is in flight.
            options = BulkOptions(concurrency=2, stop_after_failures=2, interleave=False)
            summary = await run_rows(rows(), client, options)
            others = asyncio.all_tasks() - {asyncio.current_task()}
        return summary, others

    summary, others = asyncio.run(go())
    assert summary.aborted is not None
    assert "2 rows in a row failed the same way (500)" in summary.aborted
    assert unwound == ["/rest/api/2/issue/MKY-2/remotelink"]
    assert others == set()


def test_a_stopped_run_ends_even_when_a_request_turns_its_cancellation_into_an_error() -> None:
    """Some transports answer a cancellation with an error of their own (anyio before 3.6.2 can swallow
    it); the worker must still end with the run: neither count the cancelled row nor take more rows (with
    the feeder stopped, waiting for more rows can last forever)."""

    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/MKY-2/remotelink"):
            try:
                await asyncio.Event().wait()  # in flight until the stop cancels it
            except asyncio.CancelledError:
                raise httpx.ReadError("connection closed", request=request) from None
        return httpx.Response(500, json={"errorMessages": ["down"], "errors": {}})

    def rows() -> Iterator[LinkRow]:
        for n, raw in enumerate(link_rows(20, 4)):
            row = validate_row(n + 2, raw)
            assert isinstance(row, LinkRow)
            yield row

    async def go() -> BulkSummary | None:
        client = connect_jira(
            "https://jira.example.com",
            email=EMAIL,
            api_token=TOKEN,
            retry=None,
            async_transport=httpx.MockTransport(handler),
        )
        async with client:
            options = BulkOptions(concurrency=2, stop_after_failures=2, interleave=False)
            run = asyncio.create_task(run_rows(rows(), client, options))
            # Bounded by turns of the loop, not by time: nothing here waits for the network.
            for _ in range(2000):
                if run.done():
                    return run.result()
                await asyncio.sleep(0)
            run.cancel()
            return None

    summary = asyncio.run(go())
    assert summary is not None, "the stopped run never ended"
    assert summary.aborted is not None
    assert "2 rows in a row failed the same way (500)" in summary.aborted
    # The row in flight when the run stopped is not finished, so not counted as failed.
    assert 3 not in [outcome.line for outcome in summary.failed]


def test_a_lock_taken_by_a_task_cancelled_meanwhile_is_free_again() -> None:
    """httpcore guards its connection pool with an anyio Lock, and a stopped run cancels requests that may
    be taking it; anyio 3.4 kept such a lock held for good (so closing the client never finished), which
    is why anyio's floor is 3.5.0."""

    async def go() -> bool:
        lock = anyio.Lock()

        async def take() -> None:
            async with lock:
                pass

        task = asyncio.create_task(take())
        await asyncio.sleep(0)  # `take` now owns the lock and waits in the checkpoint that follows
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return lock.locked()

    assert asyncio.run(go()) is False


def test_waits_are_reported_with_their_reason_and_end(fake: RunningFake, tmp_path: Path) -> None:
    seen: list[WaitNotice] = []

    class Sink:
        def start(self, total: int) -> None: ...

        def advance(self, outcome: RowOutcome) -> None: ...

        def waiting(self, notice: WaitNotice) -> None:
            seen.append(notice)

    fake.configure(throttle_every_nth=3, retry_after_seconds=1)
    summary = run_bulk(
        write_csv(tmp_path / "links.csv", link_rows(4, 2)), _credentials(fake), BulkOptions(), progress=Sink()
    )
    assert summary.created == 4
    assert seen
    assert "429" in seen[0].reason
    assert "Retry-After" in seen[0].reason
    assert "waiting until" in seen[0].describe()


def test_cli_rejects_a_bad_file_before_any_request(
    jira_env: RunningFake, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = link_rows(6, 2)
    rows[1]["globalId"] = "x" * 256
    rows[4]["url"] = "not a url"
    path = write_csv(tmp_path / "bad.csv", rows)

    assert main([str(path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "line 3: column 'globalId'" in err
    assert "line 6: column 'url'" in err
    assert "'not a url'" in err
    assert request_log(jira_env) == []


def test_cli_runs_with_credentials_from_the_environment_and_never_prints_the_token(
    jira_env: RunningFake, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(tmp_path / "links.csv", link_rows(8, 2))
    assert main([str(path), "--quiet", "--json", "--concurrency", "3", "--max-rate", "500"]) == 0
    captured = capsys.readouterr()
    summary = json.loads(captured.out)
    assert (summary["created"], summary["failed"]) == (8, [])
    assert main([str(path), "--quiet"]) == 0
    captured2 = capsys.readouterr()
    assert "unchanged" in captured2.out
    for text in (captured.out, captured.err, captured2.out, captured2.err):
        assert TOKEN not in text


def test_cli_failed_rows_exit_1_with_their_lines(
    jira_env: RunningFake, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = link_rows(3, 1)
    rows[2]["issue"] = "MKY-999"  # no such issue in the fake
    path = write_csv(tmp_path / "links.csv", rows)
    assert main([str(path), "--quiet"]) == 1
    out = capsys.readouterr().out
    assert "line 4: MKY-999" in out
    assert "404" in out


def test_cli_without_credentials_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("JIRA_BASE_URL", "JIRA_EMAIL", "JIRA_API_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    path = write_csv(tmp_path / "links.csv", link_rows(2, 1))
    assert main([str(path), "--quiet"]) == 2
    assert "JIRA_BASE_URL" in capsys.readouterr().err
    assert main([str(path), "--validate-only"]) == 0


def test_dry_run_flags_rows_whose_issue_does_not_exist(fake: RunningFake, tmp_path: Path) -> None:
    rows = link_rows(4, 2)
    rows[3]["issue"] = "MKY-999"
    plan = _run(fake, write_csv(tmp_path / "links.csv", rows), dry_run=True)
    assert plan.created == 3
    assert [(f.line, f.issue) for f in plan.failed] == [(5, "MKY-999")]
    assert "does not exist" in (plan.failed[0].error or "")
    assert _posts(fake) == []


def test_cli_refuses_a_malformed_base_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JIRA_EMAIL", EMAIL)
    monkeypatch.setenv("JIRA_API_TOKEN", TOKEN)
    path = write_csv(tmp_path / "links.csv", link_rows(1, 1))
    assert main([str(path), "--quiet", "--base-url", "not-a-url"]) == 2
    captured = capsys.readouterr()
    assert "error:" in captured.err
    assert TOKEN not in captured.out + captured.err


def test_cli_lists_bad_jsonl_lines_as_json(
    jira_env: RunningFake, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "links.jsonl"
    path.write_text(
        '{"issue": "MKY-1", "url": "https://a.example.com", "title": "A", "globalId": "g"}\nnot json\n\n[]\n'
    )
    assert main([str(path), "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert [entry["line"] for entry in report["invalid"]] == [2, 4]
    assert request_log(jira_env) == []


@pytest.mark.parametrize("interleaved", [False, True])
def test_rows_are_pulled_from_the_file_only_as_workers_free_up(fake: RunningFake, interleaved: bool) -> None:
    """However long the input, the rows read but not finished and the tasks alive stay bounded."""
    concurrency = 4
    total = 120
    done: list[int] = []
    largest_lead = 0
    most_tasks = 0

    def rows() -> Iterator[LinkRow]:
        nonlocal largest_lead, most_tasks
        for n, raw in enumerate(link_rows(total, 3)):
            largest_lead = max(largest_lead, n - len(done))
            most_tasks = max(most_tasks, len(asyncio.all_tasks()))
            row = validate_row(n + 2, raw)
            assert isinstance(row, LinkRow)
            yield row

    class Progress:
        def start(self, total: int) -> None: ...

        def advance(self, outcome: RowOutcome) -> None:
            done.append(outcome.line)

        def waiting(self, notice: WaitNotice) -> None: ...

    async def go() -> BulkSummary:
        client = connect_jira(fake.base_url, email=EMAIL, api_token=TOKEN, retry=FAST_RETRY)
        async with client:
            options = BulkOptions(concurrency=concurrency, interleave=interleaved, lookahead=10)
            return await run_rows(rows(), client, options, progress=Progress())

    summary = asyncio.run(go())
    assert summary.created == total
    # The queue holds at most 2 x concurrency rows and each worker one more.
    assert largest_lead <= 3 * concurrency + 1 + (10 if interleaved else 0)
    # The workers, plus the main task, the feeder, the stop watcher and a listing in flight: a constant,
    # whatever the input.
    assert most_tasks <= concurrency + 4
