"""`python -m benchmarks.site_trace grouped|shuffled`: one bulk run against the Jira Cloud scenario,
profiled second by second.

For each second of the run: POSTs and GETs started, 429s by `RateLimit-Reason`, answers that warned of a
limit (`Beta-RateLimit`), the fewest and most requests in flight, the lowest in-flight limit and the
learned POST rate (sampled every 100 ms), and the run-wide pauses the tool announced. This is how the
dips of a site run are explained; it measures nothing the table relies on, so it runs on its own.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from benchmarks.bulk import BulkSettings, _fresh
from benchmarks.fakeproc import DEMO_API_TOKEN, DEMO_EMAIL, fake_process
from benchmarks.site import SiteSettings, site_config
from benchmarks.workload import GROUPED, SHUFFLED, write_bulk_csv
from jira_remote_links.bulk import BulkOptions, run_bulk_async
from jira_remote_links.tooling.http import AdaptiveLimit, Pacer, WaitNotice, connect_paced
from jira_remote_links.tooling.settings import Credentials


@dataclass
class Second:
    started: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    warned: int = 0
    in_flight: list[int] = field(default_factory=list)
    limits: list[float] = field(default_factory=list)
    post_rate: float | None = None
    pauses: list[str] = field(default_factory=list)


class Trace:
    def __init__(self) -> None:
        self.origin = time.monotonic()
        self.seconds: defaultdict[int, Second] = defaultdict(Second)

    def at(self) -> Second:
        return self.seconds[int(time.monotonic() - self.origin)]


class TracingTransport(httpx.AsyncBaseTransport):
    """Below the tool's pacing and retries: every attempt, as the site sees it."""

    def __init__(self, trace: Trace) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._trace = trace

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        second = self._trace.at()
        second.started[request.method] += 1
        response = await self._inner.handle_async_request(request)
        if response.status_code == 429:
            second.refused[response.headers.get("RateLimit-Reason", "none")] += 1
        if "Beta-RateLimit" in response.headers:
            second.warned += 1
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


async def _run(source: Path, base_url: str, trace: Trace) -> int:
    options = BulkOptions()
    limit = AdaptiveLimit(options.concurrency)

    def paused(notice: WaitNotice) -> None:
        trace.at().pauses.append(notice.reason)

    client = connect_paced(
        Credentials(base_url, DEMO_EMAIL, DEMO_API_TOKEN),
        Pacer(options.budget, paused),
        timeout=options.timeout,
        async_transport=TracingTransport(trace),
        limit=limit,
    )

    async def sample() -> None:
        while True:
            second = trace.at()
            second.in_flight.append(limit.in_flight)
            second.limits.append(limit.limit)
            second.post_rate = limit.rates.get("POST")
            await asyncio.sleep(0.1)

    sampler = asyncio.create_task(sample())
    try:
        async with client:
            summary = await run_bulk_async(source, client, options)
    finally:
        sampler.cancel()
        client.get_httpx_client().close()
    return summary.created


def _print(trace: Trace, created: int, elapsed: float) -> None:
    print(f"{created:,} links created in {elapsed:.1f} s ({created / elapsed:.1f} links/s)")
    print("second  POST  GET  429s (reason)  warned  in flight  lowest limit  POST rate  pauses")
    for number in sorted(trace.seconds):
        second = trace.seconds[number]
        refused = ", ".join(f"{count} {reason}" for reason, count in second.refused.items()) or "-"
        flight = f"{min(second.in_flight)}-{max(second.in_flight)}" if second.in_flight else "-"
        lowest = f"{min(second.limits):.1f}" if second.limits else "-"
        rate = f"{second.post_rate:.1f}" if second.post_rate else "-"
        print(
            f"{number:6d}  {second.started['POST']:4d}  {second.started['GET']:3d}  {refused:13s}  "
            f"{second.warned:6d}  {flight:>9s}  {lowest:>12s}  {rate:>9s}  {len(second.pauses) or '-'}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("order", choices=(GROUPED, SHUFFLED))
    parser.add_argument("--links", type=int, default=SiteSettings.links)
    parser.add_argument("--issues", type=int, default=SiteSettings.issues)
    args = parser.parse_args(argv)
    settings = SiteSettings(links=args.links, issues=args.issues)
    with fake_process() as admin, tempfile.TemporaryDirectory(prefix="site-trace-") as workdir:
        source = write_bulk_csv(Path(workdir) / "site.csv", settings.links, settings.issues, args.order)
        _fresh(admin, BulkSettings(links=settings.links, issues=settings.issues), **site_config(settings))
        trace = Trace()
        created = asyncio.run(_run(source, admin.base_url, trace))
        _print(trace, created, time.monotonic() - trace.origin)
    return 0


if __name__ == "__main__":
    sys.exit(main())
