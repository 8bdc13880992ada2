"""`jira-remote-links-bulk`: create or update many remote links from a CSV or JSON Lines file, safely
re-runnable."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from jira_remote_links.bulk.options import DEFAULT_CONCURRENCY, DEFAULT_STOP_AFTER, BulkOptions
from jira_remote_links.bulk.progress import RichProgress, WaitLines
from jira_remote_links.bulk.readers import FileFormat, check_readable, detect_format
from jira_remote_links.bulk.report import BulkSummary, render_invalid, render_summary
from jira_remote_links.bulk.rows import ALL_COLUMNS, MAX_GLOBAL_ID_LENGTH, REQUIRED_COLUMNS
from jira_remote_links.bulk.runner import run_bulk
from jira_remote_links.bulk.validation import validate_file
from jira_remote_links.cli_types import non_negative_float, positive_float, positive_int
from jira_remote_links.connect import validate_base_url
from jira_remote_links.tooling.http import RetryBudget
from jira_remote_links.tooling.settings import (
    EXIT_OK,
    EXIT_USAGE,
    Consoles,
    Credentials,
    MissingSettingError,
    add_credential_flags,
    add_version_flag,
)
from jira_remote_links.tooling.stop import exit_code_for, raise_on_sigterm, signal_name, signum_of

PROG = "jira-remote-links-bulk"
_DEFAULTS = RetryBudget()

_DESCRIPTION = f"""\
Create or update Jira remote links from a CSV or JSON Lines file.

Every row is checked before anything is written; bad rows are listed by line, column and value and the
run stops with exit status 2. Rows are then upserted by globalId: each link is read first and written only
when it differs, so re-running a file, or restarting a run that was stopped halfway, creates no duplicates
and adds no needless activity entries to the issues.

Columns (CSV header or JSON keys):
  required: {", ".join(REQUIRED_COLUMNS)}   (globalId at most {MAX_GLOBAL_ID_LENGTH} characters)
  optional: {", ".join(c for c in ALL_COLUMNS if c not in REQUIRED_COLUMNS)}
An update replaces the whole link: an empty optional column clears that field in Jira.
"""

_EPILOG = f"""\
credentials: --base-url/--email/--api-token, or JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN
(prefer the environment for the token: command lines are visible to other users).

stopping: the run stops at once, with one message, when Jira refuses the credentials (401) or the site
(403 before anything succeeded), when the host cannot be reached, when Jira asks to wait longer than
--max-wait, and when --stop-after rows in a row fail the same way. Ctrl-C and SIGTERM stop it within a
second. Each prints what was done and what was not started; running the same command again finishes
the file safely.

exit status: 0 all rows done, 1 some rows failed or the run stopped early, 2 invalid input or settings
(including a file without rows), 130 Ctrl-C, 143 SIGTERM.

example: {PROG} links.csv --dry-run
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_version_flag(parser)
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
    add_credential_flags(
        parser, base_url_help="the Jira site, e.g. https://your-domain.atlassian.net (env JIRA_BASE_URL)"
    )
    parser.add_argument(
        "--timeout", type=positive_float, default=30.0, help="seconds per request (default 30)"
    )
    parser.add_argument(
        "--max-attempts",
        type=positive_int,
        default=_DEFAULTS.max_attempts,
        help="attempts per request in all, the first included, when Jira answers 429/502/503/504 (or a "
        "connection drops after the site has answered) before the row counts as failed; nothing else "
        f"retries (default {_DEFAULTS.max_attempts}; 1 = never retry)",
    )
    parser.add_argument(
        "--backoff",
        type=non_negative_float,
        default=_DEFAULTS.first_backoff,
        help="seconds of the first wait when Jira names no time; doubles per attempt, +-30%% jitter "
        f"(default {_DEFAULTS.first_backoff:g})",
    )
    parser.add_argument(
        "--max-wait",
        type=non_negative_float,
        default=_DEFAULTS.max_wait,
        help="the longest wait Jira may ask for (Retry-After, a quota reset); a longer one stops the run "
        f"with the time to come back (default {_DEFAULTS.max_wait:g} s)",
    )
    parser.add_argument(
        "--stop-after",
        type=int,
        default=DEFAULT_STOP_AFTER,
        metavar="N",
        help=f"stop when N rows in a row fail the same way (default {DEFAULT_STOP_AFTER}; 0 = never)",
    )
    parser.add_argument(
        "--file-order",
        action="store_true",
        help="send rows in the file's order (default: round-robin across issues, so that no issue goes "
        "past Jira's per-issue write limit of 20 writes per 2 s)",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the result as JSON on stdout, whatever it is"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    raise_on_sigterm()
    args = build_parser().parse_args(argv)
    consoles = Consoles.standard()
    try:
        return _main(args, consoles)
    except KeyboardInterrupt as interrupt:
        # Only the check of the file and the set-up run outside the run's own signal handling.
        signum = signum_of(interrupt)
        message = f"stopped by {signal_name(signum)} while checking the file; nothing was written"
        if args.json:
            print(json.dumps({"aborted": message, "exit_code": exit_code_for(signum)}, indent=2))
        consoles.note(message + ". Run the same command again.")
        return exit_code_for(signum)


def _usage_error(args: argparse.Namespace, consoles: Consoles, message: str) -> int:
    if args.json:
        print(json.dumps({"error": message, "exit_code": EXIT_USAGE}, indent=2))
    consoles.error(message)
    return EXIT_USAGE


def _main(args: argparse.Namespace, consoles: Consoles) -> int:
    path: Path = args.file
    if args.stop_after < 0:
        return _usage_error(args, consoles, f"--stop-after must be 0 or more, not {args.stop_after}")
    try:
        fmt: FileFormat = detect_format(path, args.format)
        check_readable(path)
        checked = validate_file(path, fmt)
    except (ValueError, OSError) as exc:
        return _usage_error(args, consoles, str(exc))
    if not checked.ok:
        if args.json:
            print(json.dumps(BulkSummary(invalid=checked.errors).to_dict(), indent=2))
        else:
            render_invalid(checked.errors, consoles.err)
        return EXIT_USAGE
    if args.validate_only:
        if args.json:
            print(json.dumps({"valid_rows": checked.rows, "invalid": [], "exit_code": EXIT_OK}, indent=2))
        else:
            consoles.out.print(f"{checked.rows} row(s) are valid.")
        return EXIT_OK
    try:
        credentials = Credentials.from_args(args)
        # Checked here so a malformed URL is a usage error before any row is read a second time.
        validate_base_url(credentials.base_url)
        options = BulkOptions(
            dry_run=args.dry_run,
            concurrency=args.concurrency,
            max_rate=args.max_rate,
            stop_after_failures=args.stop_after,
            budget=RetryBudget(
                max_attempts=args.max_attempts, first_backoff=args.backoff, max_wait=args.max_wait
            ),
            timeout=args.timeout,
            interleave=not args.file_order,
        )
    except (MissingSettingError, ValueError) as exc:
        return _usage_error(args, consoles, str(exc))

    if not args.quiet and consoles.err.is_terminal:
        with RichProgress(consoles.err, dry_run=args.dry_run) as bar:
            summary = run_bulk(
                path,
                credentials,
                options,
                file_format=fmt,
                checked=checked,
                progress=bar,
                handle_signals=True,
            )
    else:
        lines = WaitLines(consoles.err)
        summary = run_bulk(
            path, credentials, options, file_format=fmt, checked=checked, progress=lines, handle_signals=True
        )
    if args.json:
        print(json.dumps(summary.to_dict(), indent=2))
    else:
        render_summary(summary, consoles.out)
    return summary.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
