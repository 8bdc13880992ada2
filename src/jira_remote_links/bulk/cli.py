"""`bulk_links`: create or update many remote links from a CSV or JSON Lines file, safely re-runnable."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from jira_remote_links.bulk.progress import RichProgress
from jira_remote_links.bulk.readers import FileFormat, detect_format
from jira_remote_links.bulk.report import (
    EXIT_INVALID_INPUT,
    EXIT_OK,
    BulkSummary,
    render_invalid,
    render_summary,
)
from jira_remote_links.bulk.rows import ALL_COLUMNS, MAX_GLOBAL_ID_LENGTH, REQUIRED_COLUMNS
from jira_remote_links.bulk.runner import DEFAULT_CONCURRENCY, ProgressSink, run_checked
from jira_remote_links.bulk.settings import MissingSettingError, flag_or_env
from jira_remote_links.bulk.validation import ValidationReport, validate_file
from jira_remote_links.cli_types import positive_float, positive_int
from jira_remote_links.connect import connect_jira
from jira_remote_links.retry import RetryPolicy
from jira_remote_links_client import Client

EXIT_INTERRUPTED = 130

_DESCRIPTION = f"""\
Create or update Jira remote links from a CSV or JSON Lines file.

Every row is checked before anything is written; bad rows are listed by line number and the run stops
with exit status 2. Rows are then upserted by globalId: each link is read first and written only when it
differs, so re-running a file, or restarting a run that was stopped halfway, creates no duplicates and
adds no needless activity entries to the issues.

Columns (CSV header or JSON keys):
  required: {", ".join(REQUIRED_COLUMNS)}   (globalId at most {MAX_GLOBAL_ID_LENGTH} characters)
  optional: {", ".join(c for c in ALL_COLUMNS if c not in REQUIRED_COLUMNS)}
An update replaces the whole link: an empty optional column clears that field in Jira.
"""

_EPILOG = """\
credentials: --base-url/--email/--api-token, or JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN
(prefer the environment for the token: command lines are visible to other users).

exit status: 0 all rows done, 1 some rows failed (listed), 2 invalid input or settings, 130 interrupted.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bulk_links.py",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", type=Path, help="the links: a .csv or .jsonl file")
    parser.add_argument(
        "--format", choices=["csv", "jsonl"], help="the file's format (default: from its suffix)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="read Jira and report what would change; write nothing"
    )
    parser.add_argument(
        "--validate-only", action="store_true", help="check the file and stop; needs no credentials"
    )
    parser.add_argument(
        "--concurrency",
        type=positive_int,
        default=DEFAULT_CONCURRENCY,
        help=f"rows in flight at once (default {DEFAULT_CONCURRENCY})",
    )
    parser.add_argument(
        "--max-rate", type=positive_float, help="at most this many requests per second (default: no cap)"
    )
    parser.add_argument(
        "--base-url", help="the Jira site, e.g. https://your-domain.atlassian.net (env JIRA_BASE_URL)"
    )
    parser.add_argument("--email", help="the Atlassian account's email (env JIRA_EMAIL)")
    parser.add_argument("--api-token", help="an Atlassian API token (env JIRA_API_TOKEN)")
    parser.add_argument(
        "--timeout", type=positive_float, default=30.0, help="seconds per request (default 30)"
    )
    parser.add_argument(
        "--max-attempts",
        type=positive_int,
        help="tries per request on 429/503 before a row counts as failed (default: the client's policy)",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    path: Path = args.file
    try:
        fmt: FileFormat = detect_format(path, args.format)
        if not path.is_file():
            raise ValueError(f"no such file: {str(path)!r}")
        checked = validate_file(path, fmt)
    except (ValueError, OSError) as exc:
        err.print(f"error: {exc}", markup=False)
        return EXIT_INVALID_INPUT
    if not checked.ok:
        if args.json:
            print(json.dumps(BulkSummary(invalid=checked.errors).to_dict(), indent=2))
        else:
            render_invalid(checked.errors, err)
        return EXIT_INVALID_INPUT
    if args.validate_only:
        out.print(f"{checked.rows} row(s) are valid.")
        return EXIT_OK
    try:
        base_url = flag_or_env(args.base_url, "--base-url", "JIRA_BASE_URL")
        email = flag_or_env(args.email, "--email", "JIRA_EMAIL")
        api_token = flag_or_env(args.api_token, "--api-token", "JIRA_API_TOKEN")
        retry = RetryPolicy() if args.max_attempts is None else RetryPolicy(max_attempts=args.max_attempts)
        # Built here so a malformed URL is a usage error; it opens no connection until the run starts.
        client = connect_jira(base_url, email=email, api_token=api_token, timeout=args.timeout, retry=retry)
    except (MissingSettingError, ValueError) as exc:
        err.print(f"error: {exc}", markup=False)
        return EXIT_INVALID_INPUT

    show_progress = not args.quiet and err.is_terminal
    try:
        summary = _run(
            args,
            client=client,
            path=path,
            fmt=fmt,
            checked=checked,
            progress_console=err if show_progress else None,
        )
    except KeyboardInterrupt:
        err.print("Interrupted. Run the same command again to finish: rows already written are skipped.")
        return EXIT_INTERRUPTED
    if args.json:
        print(json.dumps(summary.to_dict(), indent=2))
    else:
        render_summary(summary, out)
    return summary.exit_code


def _run(
    args: argparse.Namespace,
    *,
    client: Client,
    path: Path,
    fmt: FileFormat,
    checked: ValidationReport,
    progress_console: Console | None,
) -> BulkSummary:
    async def go(progress: ProgressSink | None) -> BulkSummary:
        try:
            async with client:
                return await run_checked(
                    path,
                    fmt,
                    checked,
                    client,
                    dry_run=args.dry_run,
                    concurrency=args.concurrency,
                    max_rate=args.max_rate,
                    progress=progress,
                )
        finally:
            client.get_httpx_client().close()

    if progress_console is None:
        return asyncio.run(go(None))
    with RichProgress(progress_console, dry_run=args.dry_run) as bar:
        return asyncio.run(go(bar))


if __name__ == "__main__":
    sys.exit(main())
