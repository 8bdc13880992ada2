"""`link_job`: schedule an Atlassian link-update job (including recreateAsRemote) and follow it to the end."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import httpx
from rich.console import Console

from jira_remote_links.cli_types import non_negative_float, positive_float, positive_int
from jira_remote_links.connect import DEFAULT_JOBS_BASE_URL, connect_jobs
from jira_remote_links.errors import JiraApiError
from jira_remote_links.job_runner.display import (
    FEDERATED_WINDOW_DAYS,
    StatusDisplay,
    render_error_hints,
    render_outcome,
)
from jira_remote_links.job_runner.jobs import (
    JobOutcome,
    JobRequestError,
    JobSettings,
    PollLimits,
    follow_job,
    schedule_job,
)
from jira_remote_links.job_runner.status import is_complete, is_error
from jira_remote_links.tooling.settings import MissingSettingError, flag_or_env

EXIT_COMPLETE = 0
EXIT_JOB_ERROR = 1
EXIT_USAGE = 2
EXIT_STILL_RUNNING = 3
EXIT_INTERRUPTED = 130

_DESCRIPTION = """\
Schedule an Atlassian link-update job after a migration and follow it until it ends.

  run    schedule a job (POST /links/v1/{siteId}/jobs/cma), then watch it
  watch  watch a job scheduled earlier

Statuses: Pending, Backup, In_progress, Retry (still running); Complete and Error (final).
With --recreate-as-remote, local links of a Data Center site split into several cloud sites are
recreated as remote links. Atlassian allows that only within 2 weeks after the migration.
"""

_EPILOG = """\
settings: --base-url (env LINKS_API_BASE_URL, default https://api.atlassian.com), --site-id
(env ATLASSIAN_SITE_ID; see https://<your-site>/_edge/tenant_info), --email (env JIRA_EMAIL),
--api-token (env JIRA_API_TOKEN; prefer the environment, command lines are visible to other users).

exit status: 0 Complete (or scheduled with --no-wait), 1 Error or a refused request, 2 invalid
settings, 3 still running when the poll limits were reached, 130 interrupted.
"""


def _url(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise argparse.ArgumentTypeError(
            f"must be an absolute URL such as https://your-site.atlassian.net, not {text!r}"
        )
    return text


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"must be a date like 2026-01-31, not {text!r}") from exc


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--base-url", help=f"the jobs API (env LINKS_API_BASE_URL, default {DEFAULT_JOBS_BASE_URL})"
    )
    parser.add_argument("--site-id", help="the cloud site's id (env ATLASSIAN_SITE_ID)")
    parser.add_argument("--email", help="the admin's Atlassian account email (env JIRA_EMAIL)")
    parser.add_argument("--api-token", help="an Atlassian API token (env JIRA_API_TOKEN)")
    parser.add_argument(
        "--poll-interval", type=non_negative_float, default=10.0, help="seconds between polls (default 10)"
    )
    parser.add_argument(
        "--max-polls",
        type=positive_int,
        default=2000,
        help="give up watching after this many polls (default 2000)",
    )
    parser.add_argument(
        "--deadline",
        type=positive_float,
        default=6 * 3600.0,
        help="give up watching after this many seconds (default 21600)",
    )
    parser.add_argument(
        "--timeout", type=positive_float, default=30.0, help="seconds per request (default 30)"
    )
    parser.add_argument("--quiet", action="store_true", help="no live status display")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="link_job.py",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="{run,watch}")

    run = commands.add_parser(
        "run",
        help="schedule a job and watch it",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("--product-url", required=True, type=_url, help="the cloud site whose links are updated")
    run.add_argument(
        "--destination-url", required=True, type=_url, help="the cloud site the links should point at"
    )
    run.add_argument("--product", choices=["jira", "confluence"], default="jira", help="default jira")
    run.add_argument(
        "--migrated-from", type=_url, help="base URL of the Server/Data Center site the data came from"
    )
    run.add_argument(
        "--migrated-from-override",
        type=_url,
        help="the production site's base URL when the migration ran from a staging copy",
    )
    run.add_argument(
        "--recreate-as-remote",
        action="store_true",
        help="recreate formerly local links as remote links (federated sites; Jira only; within 2 weeks of migration)",
    )
    run.add_argument(
        "--create-backup", action="store_true", help="back up the Jira Cloud site before updating links"
    )
    run.add_argument(
        "--migrated-on",
        type=_iso_date,
        help="the migration's date; warns up front when the 2-week window has passed",
    )
    run.add_argument("--no-wait", action="store_true", help="print the job id and stop")
    _common(run)

    watch = commands.add_parser(
        "watch",
        help="watch a job scheduled earlier",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    watch.add_argument("job_id", help="the job's id, as printed by `run`")
    watch.add_argument(
        "--recreate-as-remote",
        action="store_true",
        help="the job was scheduled with recreateAsRemote (adds the 2-week hint on Error)",
    )
    _common(watch)
    return parser


def main(argv: Sequence[str] | None = None, *, today: date | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    out = Console(highlight=False, soft_wrap=True)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    if args.command == "run" and args.recreate_as_remote and args.product != "jira":
        parser.error("--recreate-as-remote works only for Jira (--product jira)")
    try:
        base_url = flag_or_env(
            args.base_url, "--base-url", "LINKS_API_BASE_URL", default=DEFAULT_JOBS_BASE_URL
        )
        site_id = flag_or_env(args.site_id, "--site-id", "ATLASSIAN_SITE_ID")
        email = flag_or_env(args.email, "--email", "JIRA_EMAIL")
        api_token = flag_or_env(args.api_token, "--api-token", "JIRA_API_TOKEN")
        client = connect_jobs(base_url, email=email, api_token=api_token, timeout=args.timeout)
    except (MissingSettingError, ValueError) as exc:
        err.print(f"error: {exc}", markup=False)
        return EXIT_USAGE

    limits = PollLimits(interval=args.poll_interval, max_polls=args.max_polls, deadline=args.deadline)
    job_id: str | None = None
    try:
        with client:
            if args.command == "run":
                _warn_if_window_closed(args, err, today or datetime.now(UTC).date())
                job_id = schedule_job(client, site_id, _settings(args))
                out.print(f"scheduled job {job_id}", markup=False)
                if args.no_wait:
                    return EXIT_COMPLETE
            else:
                job_id = args.job_id
            with StatusDisplay(err, job_id, live=not args.quiet and err.is_terminal) as display:
                outcome = follow_job(client, site_id, job_id, limits=limits, on_status=display.update)
    except (JiraApiError, JobRequestError, httpx.HTTPError) as exc:
        err.print(f"error: {exc}", markup=False)
        return EXIT_JOB_ERROR
    except KeyboardInterrupt:
        if job_id is None:
            err.print("Interrupted before a job was scheduled.", markup=False)
        else:
            err.print(
                f"Interrupted; job {job_id} keeps running on Atlassian's side. "
                f"Follow it with: link_job.py watch {job_id}",
                markup=False,
            )
        return EXIT_INTERRUPTED
    render_outcome(outcome, out)
    render_error_hints(outcome, err, recreate_as_remote=args.recreate_as_remote)
    return _exit_code(outcome)


def _exit_code(outcome: JobOutcome) -> int:
    if outcome.status is not None and is_complete(outcome.status):
        return EXIT_COMPLETE
    if outcome.status is not None and is_error(outcome.status):
        return EXIT_JOB_ERROR
    if outcome.polling_failed:
        return EXIT_JOB_ERROR
    return EXIT_STILL_RUNNING


def _settings(args: argparse.Namespace) -> JobSettings:
    return JobSettings(
        product_url=args.product_url,
        destination_url=args.destination_url,
        product=args.product,
        migrated_from=args.migrated_from,
        migrated_from_override=args.migrated_from_override,
        recreate_as_remote=args.recreate_as_remote,
        create_backup=args.create_backup,
    )


def _warn_if_window_closed(args: argparse.Namespace, err: Console, today: date) -> None:
    if not args.recreate_as_remote or args.migrated_on is None:
        return
    age = (today - args.migrated_on).days
    if age > FEDERATED_WINDOW_DAYS:
        err.print(
            f"warning: the migration was {age} days ago; recreateAsRemote works only within "
            f"{FEDERATED_WINDOW_DAYS} days of it, so this job will most likely end in Error. "
            "scripts/bulk_links.py can rebuild the links instead.",
            markup=False,
        )


if __name__ == "__main__":
    sys.exit(main())
