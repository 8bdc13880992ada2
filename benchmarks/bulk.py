"""Bulk upsert: our bulk tool against a sequential loop with each peer library, same links, same fake.

Three scenarios:
- loopback, no added latency: CPU-bound; the fake (one process, one core of two) is the ceiling for
  everyone, so this shows overhead, not what concurrency buys;
- simulated network latency (the fake waits before answering, as a remote site does): what a real
  site's round trip makes of a sequential loop versus the tool's bounded concurrency;
- the fake's rate limit switched on: does the tool stay inside it when told the limit (`max_rate`),
  and what happens when it is not told.
The tool reads each link by globalId before writing (so unchanged rows are never rewritten): two
requests per new link where the peers' loops send one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from itertools import islice
from pathlib import Path

from benchmarks import peers
from benchmarks.fakeproc import DEMO_API_TOKEN, DEMO_EMAIL
from benchmarks.memory import BulkRun, BulkRunError, memory_row, run_bulk_in_child
from benchmarks.results import FAILED, NOT_INSTALLED, Row, ratio_of, unavailable
from benchmarks.workload import read_bulk_csv, write_bulk_csv
from fake_jira.running import RunningFake
from jira_remote_links.bulk.runner import DEFAULT_CONCURRENCY

SPEEDUP_TARGET = 10.0
# On loopback the issue's target is relative to the fastest sequential peer loop, not 10x: with no latency
# to hide, a loop's one request at a time is already near what the CPU allows.
LOOPBACK_TARGET = ("≥1.1x the fastest peer", 1.1)


@dataclass(frozen=True)
class BulkSettings:
    links: int = 5000
    issues: int = 50
    # Peers' loops run a sample (links per second is what is compared): with latency a full sequential
    # run would take minutes; on loopback a sequential loop's rate does not fall along the file (per
    # block of 1,000 rows over the whole file: 280, 275, 283, 320, 326 links/s for jira), so the rest of
    # the file would only add 20 s.
    loopback_peer_links: int = 2000
    # 100 ms is on the short side of a Jira Cloud round trip seen from outside Atlassian's network.
    latency_seconds: float = 0.1
    # The tool runs twice with latency (default and high concurrency), on part of the file.
    latency_links: int = 400
    latency_peer_links: int = 40
    high_concurrency: int = 32
    rate_limit_requests: int = 200
    rate_limit_links: int = 1000
    # The tool is told a little less than the limit, as an admin would configure it.
    max_rate_fraction: float = 0.9


# A peer's call for one CSV row (issue, globalId, url, title, relationship, summary).
PeerUpsert = Callable[[dict[str, str]], object]


@dataclass(frozen=True)
class LoopResult:
    links: int
    elapsed_s: float

    @property
    def links_per_second(self) -> float:
        return self.links / self.elapsed_s if self.elapsed_s > 0 else 0.0


def peer_loop(upsert: PeerUpsert, rows: Iterable[dict[str, str]]) -> LoopResult:
    """What a user of a peer library writes: one call per link, one after the other."""
    count = 0
    started = time.perf_counter()
    for row in rows:
        upsert(row)
        count += 1
    return LoopResult(count, time.perf_counter() - started)


def _jira_peer(base_url: str) -> tuple[PeerUpsert, Callable[[], None]]:
    client = peers.JiraPeer(base_url, DEMO_EMAIL, DEMO_API_TOKEN)

    def upsert(row: dict[str, str]) -> object:
        destination = {"url": row["url"], "title": row["title"], "summary": row["summary"]}
        return client.add_remote_link(row["issue"], destination, row["globalId"], row["relationship"])

    return upsert, client.close


def _atlassian_peer(base_url: str) -> tuple[PeerUpsert, Callable[[], None]]:
    client = peers.AtlassianPeer(base_url, DEMO_EMAIL, DEMO_API_TOKEN)

    def upsert(row: dict[str, str]) -> object:
        return client.create_or_update_issue_remote_links(
            row["issue"], row["url"], row["title"], row["globalId"], row["relationship"]
        )

    return upsert, client.close


PEERS: tuple[tuple[str, Callable[[], str], Callable[[str], tuple[PeerUpsert, Callable[[], None]]]], ...] = (
    (peers.JIRA_DIST, peers.jira_label, _jira_peer),
    (peers.ATLASSIAN_DIST, peers.atlassian_label, _atlassian_peer),
)


def _fresh(admin: RunningFake, settings: BulkSettings, **changes: object) -> None:
    admin.reset()
    admin.configure(issue_count=settings.issues, **changes)


def _tool_row(section: str, run: BulkRun, concurrency: int, *, note: str = "") -> Row:
    lost = run.rows - run.created - run.updated - run.unchanged
    detail = f"{run.rows:,} links: {run.created:,} created, {run.failed} failed"
    if lost:
        detail += f", {lost} unaccounted"
    return Row(
        section=section,
        subject=f"ours, bulk tool ({concurrency} workers)",
        value=run.links_per_second,
        unit="links/s",
        ratio=1.0,
        ratio_meaning="baseline",
        note="; ".join(part for part in (detail, note) if part),
        extra={"elapsed_s": round(run.elapsed_s, 3), "links": run.rows, "status_429": run.throttled},
    )


def _peer_rows(
    section: str,
    admin: RunningFake,
    settings: BulkSettings,
    csv_path: Path,
    *,
    sample: int,
    tool: BulkRun | None,
    target: tuple[str, float] = ("≥10x", SPEEDUP_TARGET),
    changes: Mapping[str, object] | None = None,
) -> list[Row]:
    rows: list[Row] = []
    target_text, target_ratio = target
    for distribution, label, build in PEERS:
        subject = f"{label()}, sequential loop"
        if peers.installed_version(distribution) is None:
            rows.append(unavailable(section, subject, NOT_INSTALLED))
            continue
        _fresh(admin, settings, **(changes or {}))
        try:
            upsert, close = build(admin.base_url)
            try:
                result = peer_loop(upsert, islice(read_bulk_csv(csv_path), sample))
            finally:
                close()
        except Exception as exc:  # a peer that breaks is reported, the run goes on
            rows.append(unavailable(section, subject, FAILED, f"{type(exc).__name__}: {exc}"[:160]))
            continue
        speedup = ratio_of(tool.links_per_second, result.links_per_second) if tool else None
        rows.append(
            Row(
                section=section,
                subject=subject,
                value=result.links_per_second,
                unit="links/s",
                ratio=speedup,
                ratio_meaning="ours / this (speed-up)",
                target=target_text,
                verdict="" if speedup is None else ("met" if speedup >= target_ratio else "missed"),
                note=f"{result.links:,} links, one call after the other",
                extra={"elapsed_s": round(result.elapsed_s, 3), "links": result.links},
            )
        )
    return rows


def _tool(
    section: str,
    admin: RunningFake,
    settings: BulkSettings,
    csv_path: Path,
    concurrency: int,
    *,
    max_rate: float | None = None,
    **changes: object,
) -> tuple[Row, BulkRun | None]:
    _fresh(admin, settings, **changes)
    try:
        run = run_bulk_in_child(csv_path, admin.base_url, concurrency=concurrency, max_rate=max_rate)
    except (BulkRunError, ValueError, KeyError) as exc:
        return unavailable(section, f"ours, bulk tool ({concurrency} workers)", FAILED, str(exc)[:160]), None
    return _tool_row(section, run, concurrency), run


def _with_high_concurrency(row: Row, high_run: BulkRun, workers: int) -> Row:
    """Judge the speed-up target at the higher concurrency too: the default cannot reach 10x by design
    (two requests per new link over 8 workers is at most 4x a one-request loop when latency dominates).
    """
    if not row.measured or not row.value or workers == DEFAULT_CONCURRENCY:
        # The default already is that many workers: its verdict says it all.
        return row
    speedup = high_run.links_per_second / row.value
    verdict = f"{row.verdict} at {DEFAULT_CONCURRENCY} workers; {'met' if speedup >= SPEEDUP_TARGET else 'missed'} at {workers}"
    return replace(row, verdict=verdict, note=f"{row.note}; {workers} workers: {speedup:.1f}x")


def _rate_limit_rows(admin: RunningFake, settings: BulkSettings, csv_path: Path) -> list[Row]:
    limit = settings.rate_limit_requests
    section = f"bulk, fake limited to {limit} req/s"
    told = limit * settings.max_rate_fraction
    rows: list[Row] = []
    for max_rate in (told, None):
        row, run = _tool(
            section,
            admin,
            settings,
            csv_path,
            DEFAULT_CONCURRENCY,
            max_rate=max_rate,
            rate_limit_requests=limit,
        )
        if run is None:
            rows.append(row)
            continue
        requests_per_second = sum(run.statuses.values()) / run.elapsed_s
        inside = run.throttled == 0
        how = (
            f"told max_rate={told:.0f}/s"
            if max_rate is not None
            else "not told the limit (relies on retries)"
        )
        rows.append(
            replace(
                row,
                subject=f"ours, bulk tool, {how}",
                ratio=requests_per_second / limit,
                ratio_meaning="x the limit (requests/s)",
                target="inside the limit (no 429)" if max_rate is not None else "",
                verdict=("met" if inside else "missed") if max_rate is not None else "",
                note=f"{run.throttled} x 429, {run.rows:,} links, {run.created:,} created, {run.failed} failed",
            )
        )
    return rows


def run_bulk_benchmarks(admin: RunningFake, settings: BulkSettings, workdir: Path) -> list[Row]:
    csv_path = write_bulk_csv(workdir / "links.csv", settings.links, settings.issues)
    latency_csv = write_bulk_csv(workdir / "latency.csv", settings.latency_links, settings.issues)
    rate_csv = write_bulk_csv(workdir / "rate-limited.csv", settings.rate_limit_links, settings.issues)
    rows: list[Row] = []

    section = "bulk, loopback, 0 ms latency"
    tool_row, tool_run = _tool(section, admin, settings, csv_path, DEFAULT_CONCURRENCY)
    rows.append(tool_row)
    rows.extend(
        replace(row, note=f"{row.note}; a sample, compared per link") if row.measured else row
        for row in _peer_rows(
            section,
            admin,
            settings,
            csv_path,
            sample=settings.loopback_peer_links,
            tool=tool_run,
            target=LOOPBACK_TARGET,
        )
    )
    memory = memory_row(tool_run, settings.links, "" if tool_run else tool_row.note)

    latency = settings.latency_seconds
    section = f"bulk, {latency * 1000:.0f} ms simulated latency"
    tool_row, base_run = _tool(
        section, admin, settings, latency_csv, DEFAULT_CONCURRENCY, latency_seconds=latency
    )
    rows.append(tool_row)
    high_row, high_run = _tool(
        section, admin, settings, latency_csv, settings.high_concurrency, latency_seconds=latency
    )
    peer_rows = _peer_rows(
        section,
        admin,
        settings,
        latency_csv,
        sample=settings.latency_peer_links,
        tool=base_run,
        changes={"latency_seconds": latency},
    )
    if high_run is not None and base_run is not None:
        high_row = replace(
            high_row,
            ratio=ratio_of(high_run.links_per_second, base_run.links_per_second),
            ratio_meaning="x default workers",
        )
        peer_rows = [_with_high_concurrency(row, high_run, settings.high_concurrency) for row in peer_rows]
    rows.extend([high_row, *peer_rows])

    rows.extend(_rate_limit_rows(admin, settings, rate_csv))
    rows.append(memory)
    return rows
