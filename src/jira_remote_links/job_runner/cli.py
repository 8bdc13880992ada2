"""`jira-link-job`: schedule an Atlassian link-update job (including recreateAsRemote) and follow it to the end."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import UTC, date, datetime
from urllib.parse import urlsplit

import httpx
from rich.console import Console

from jira_remote_links.cli_types import non_negative_float, positive_float, positive_int
from jira_remote_links.connect import DEFAULT_JOBS_BASE_URL
from jira_remote_links.errors import ForbiddenError, JiraApiError, UnauthorizedError
from jira_remote_links.job_runner.display import (
    BULK_COMMAND,
    FEDERATED_WINDOW_DAYS,
    JOB_COMMAND,
    StatusDisplay,
    render_error_hints,
    render_outcome,
    watch_hint,
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
from jira_remote_links.tooling.http import Pacer, RetryBudget, RunStoppedError, connect_paced
from jira_remote_links.tooling.settings import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_STILL_RUNNING,
    EXIT_USAGE,
    Consoles,
    Credentials,
    MissingSettingError,
    add_credential_flags,
    add_version_flag,
    credential_hint,
    flag_or_env,
)
from jira_remote_links.tooling.stop import exit_code_for, raise_on_sigterm, signal_name, signum_of

PROG = JOB_COMMAND
JOBS_BASE_URL_VARIABLE = "LINKS_API_BASE_URL"

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

Whatever happens after a job is scheduled (a signal, a network failure, a refused poll), the tool
prints the job's id and the command that resumes watching it: jira-link-job watch JOB_ID.

exit status: 0 Complete (or scheduled with --no-wait), 1 Error or a refused request, 2 invalid
settings, 3 still running when the poll limits were reached, 130 Ctrl-C, 143 SIGTERM.
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
    add_credential_flags(
        parser, base_url_help=f"the jobs API (env {JOBS_BASE_URL_VARIABLE}, default {DEFAULT_JOBS_BASE_URL})"
    )
    parser.add_argument("--site-id", help="the cloud site's id (env ATLASSIAN_SITE_ID)")
    parser.add_argument(
        "--max-attempts",
        type=positive_int,
        default=RetryBudget().max_attempts,
        help="attempts per status poll in all on 429/502/503/504, the first included; scheduling is "
        f"never repeated, since a repeat would start a second job (default {RetryBudget().max_attempts})",
    )
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
        prog=PROG,
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_version_flag(parser)
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
    run.add_argument(
        "--product",
        type=str.lower,
        choices=["jira", "confluence"],
        default="jira",
        help="the product whose links are updated: jira or confluence, any casing (default jira)",
    )
    run.add_argument(
        "--migrated-from",
        required=True,
        type=_url,
        help="base URL of the Server/Data Center site the data came from (required by the jobs API)",
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
    watch.add_argument("job_id", help="the job's id (its uuid), as printed by `run`")
    watch.add_argument(
        "--recreate-as-remote",
        action="store_true",
        help="the job was scheduled with recreateAsRemote (adds the 2-week hint on Error)",
    )
    _common(watch)
    return parser


def main(argv: Sequence[str] | None = None, *, today: date | None = None) -> int:
    raise_on_sigterm()
    parser = build_parser()
    args = parser.parse_args(argv)
    consoles = Consoles.standard()
    if args.command == "run" and args.recreate_as_remote and args.product != "jira":
        parser.error("--recreate-as-remote works only for Jira (--product jira)")
    try:
        credentials = Credentials.from_args(
            args, base_url_variable=JOBS_BASE_URL_VARIABLE, base_url_default=DEFAULT_JOBS_BASE_URL
        )
        site_id = flag_or_env(args.site_id, "--site-id", "ATLASSIAN_SITE_ID")
        pacer = Pacer(
            RetryBudget(max_attempts=args.max_attempts), lambda notice: consoles.note(notice.describe())
        )
        client = connect_paced(credentials, pacer, timeout=args.timeout)
    except (MissingSettingError, ValueError) as exc:
        consoles.error(str(exc))
        return EXIT_USAGE

    limits = PollLimits(interval=args.poll_interval, max_polls=args.max_polls, deadline=args.deadline)
    # Once a job is scheduled its id is printed whatever happens next, with the command that watches it.
    job_id: str | None = args.job_id if args.command == "watch" else None
    try:
        with client:
            if args.command == "run":
                _warn_if_window_closed(args, consoles.err, today or datetime.now(UTC).date())
                job_id = schedule_job(client, site_id, _settings(args))
                consoles.out.print(f"scheduled job {job_id}", markup=False)
                if args.no_wait:
                    consoles.note(f"watch it with: {watch_hint(job_id)}")
                    return EXIT_OK
            assert job_id is not None
            with StatusDisplay(
                consoles.err, job_id, live=not args.quiet and consoles.err.is_terminal
            ) as display:
                outcome = follow_job(client, site_id, job_id, limits=limits, on_status=display.update)
    except KeyboardInterrupt as interrupt:
        signum = signum_of(interrupt)
        if job_id is None:
            consoles.note(
                f"Stopped by {signal_name(signum)} before a job was scheduled; nothing was started."
            )
        else:
            _keep_the_id(consoles, job_id, f"stopped by {signal_name(signum)}")
        return exit_code_for(signum)
    except UnauthorizedError:
        _lost_before_or_kept(
            consoles, job_id, "the jobs API refused the credentials (401). " + _CREDENTIALS_HINT
        )
        return EXIT_FAILED
    except ForbiddenError as exc:
        _lost_before_or_kept(
            consoles,
            job_id,
            f"the jobs API refused the request (403): {exc}. The account must be an admin of the site "
            f"named by --site-id / ATLASSIAN_SITE_ID. " + _CREDENTIALS_HINT,
        )
        return EXIT_FAILED
    except (JiraApiError, JobRequestError, RunStoppedError, httpx.HTTPError) as exc:
        _lost_before_or_kept(consoles, job_id, _describe(exc))
        return EXIT_FAILED
    except Exception as exc:  # after scheduling, nothing may hide the job's id behind a traceback
        if job_id is None:
            raise
        _keep_the_id(consoles, job_id, f"{type(exc).__name__}: {exc}")
        return EXIT_FAILED
    render_outcome(outcome, consoles.out)
    render_error_hints(outcome, consoles.err, recreate_as_remote=args.recreate_as_remote)
    return _exit_code(outcome)


_CREDENTIALS_HINT = credential_hint(JOBS_BASE_URL_VARIABLE) + (
    " The jobs API takes only an API token with basic auth (not OAuth or Forge), of a site admin."
)


def _describe(exc: Exception) -> str:
    if isinstance(exc, httpx.HTTPError) and not str(exc).strip():
        return type(exc).__name__
    return str(exc)


def _keep_the_id(consoles: Consoles, job_id: str, why: str) -> None:
    consoles.error(why)
    consoles.note(
        f"job {job_id} was scheduled and keeps running on Atlassian's side. "
        f"Follow it with: {watch_hint(job_id)}"
    )


def _lost_before_or_kept(consoles: Consoles, job_id: str | None, why: str) -> None:
    if job_id is None:
        consoles.error(why)
    else:
        _keep_the_id(consoles, job_id, why)


def _exit_code(outcome: JobOutcome) -> int:
    if outcome.status is not None and is_complete(outcome.status):
        return EXIT_OK
    if outcome.status is not None and is_error(outcome.status):
        return EXIT_FAILED
    if outcome.polling_failed:
        return EXIT_FAILED
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
            f"{BULK_COMMAND} can rebuild the links instead.",
            markup=False,
        )


if __name__ == "__main__":
    raise SystemExit(main())
