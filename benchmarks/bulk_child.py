"""The bulk tool's run, inside a process of its own (started by `memory.py`).

Running it apart gives the run its own peak RSS and keeps it from sharing a GIL with anything else.
It prints one JSON object on stdout: elapsed time, the tool's summary, the HTTP statuses the server
answered (every attempt, retries included, counted below the retry layer) and memory figures.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import httpx

from benchmarks.fakeproc import DEMO_API_TOKEN, DEMO_EMAIL
from jira_remote_links.bulk import BulkOptions, BulkSummary, run_bulk_async
from jira_remote_links.bulk.options import DEFAULT_CONCURRENCY
from jira_remote_links.tooling.http import AdaptiveLimit, Pacer, connect_paced
from jira_remote_links.tooling.settings import Credentials


class CountingTransport(httpx.AsyncBaseTransport):
    """Counts the status of every response the server sends, including those the retry layer hides."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.statuses: Counter[int] = Counter()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        self.statuses[response.status_code] += 1
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def _peak_rss_mb() -> float:
    """This process's peak resident set size, in MB.

    Linux's VmHWM belongs to the address space, which exec starts afresh. getrusage's ru_maxrss does
    not do for this: it survives exec, so a child starts with its parent's peak at the time of the
    fork (here the harness, peers and all), and RUSAGE_CHILDREN is the largest of every child reaped.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    # Elsewhere ru_maxrss is the best there is (kilobytes on Linux, bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


async def _run(
    source: Path, base_url: str, concurrency: int, max_rate: float | None
) -> tuple[BulkSummary, Counter[int]]:
    counting = CountingTransport()
    options = BulkOptions(concurrency=concurrency, max_rate=max_rate)
    # Built as the command-line tool (`run_bulk`) builds it: its pacing, its retry budget and its adaptive
    # limit on requests in flight, with the counting transport under all of them.
    pacer = Pacer(options.budget)
    client = connect_paced(
        Credentials(base_url, DEMO_EMAIL, DEMO_API_TOKEN),
        pacer,
        timeout=options.timeout,
        async_transport=counting,
        limit=AdaptiveLimit(options.concurrency),
    )
    try:
        async with client:
            summary = await run_bulk_async(source, client, options)
    finally:
        client.get_httpx_client().close()
    return summary, counting.statuses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("source", type=Path)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY)
    parser.add_argument("--max-rate", type=float, default=None)
    args = parser.parse_args(argv)
    rss_before = _peak_rss_mb()
    started = time.perf_counter()
    summary, statuses = asyncio.run(_run(args.source, args.base_url, args.concurrency, args.max_rate))
    elapsed = time.perf_counter() - started
    result = {
        "elapsed_s": elapsed,
        "rows": summary.rows,
        "created": summary.created,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "failed": len(summary.failed),
        "invalid": len(summary.invalid),
        "first_failure": summary.failed[0].error if summary.failed else None,
        "statuses": {str(code): count for code, count in sorted(statuses.items())},
        "rss_before_run_mb": rss_before,
        "peak_rss_mb": _peak_rss_mb(),
    }
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
