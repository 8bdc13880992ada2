"""`fake-jira` / `python -m fake_jira`: serve the fake in the foreground until Ctrl-C."""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from importlib import metadata

from fake_jira.backend import FakeBackend
from fake_jira.config import RATE_LIMIT_REASONS, ConfigError, FakeConfig
from fake_jira.defects import Defect
from fake_jira.server import bind_loopback, make_server


def version() -> str:
    try:
        return metadata.version("jira-remote-links")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def _bounded_int(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number within bounds; a bad value is an error naming it, not a traceback."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < low or (high is not None and value > high):
            bounds = f"from {low} to {high}" if high is not None else f"at least {low}"
            raise argparse.ArgumentTypeError(f"{text!r} is out of range (must be {bounds})")
        return value

    return parse


def _non_negative_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be a finite number, 0 or more")
    return value


def _positive_float(text: str) -> float:
    value = _non_negative_float(text)
    if value == 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be more than 0")
    return value


PORT = _bounded_int(0, 65535)
POSITIVE = _bounded_int(1)
NON_NEGATIVE = _bounded_int(0)


def build_parser() -> argparse.ArgumentParser:
    defaults = FakeConfig()
    parser = argparse.ArgumentParser(
        prog="fake-jira",
        description="Serve the built-in fake Jira (remote links and link-update jobs) on a local port.",
        epilog="The admin API is at /_fake/ (reset, config, seed, requests); the spec at /openapi.json.\n\n"
        "defects (--defect NAME):\n"
        + "\n".join(f"  {defect.value}: {defect.description}" for defect in sorted(Defect)),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument(
        "--port", type=PORT, default=8765, help="port; 0 picks a free one (default: %(default)s)"
    )
    parser.add_argument("--email", default=defaults.email, help="accepted email (default: %(default)s)")
    parser.add_argument(
        "--api-token", default=defaults.api_token, help="accepted API token (default: the demo token)"
    )
    parser.add_argument("--allow-anonymous", action="store_true", help="serve requests without credentials")
    parser.add_argument(
        "--project-key", default=defaults.project_key, help="issue key prefix (default: %(default)s)"
    )
    parser.add_argument(
        "--issues",
        type=POSITIVE,
        default=defaults.issue_count,
        help="number of issues (default: %(default)s)",
    )
    parser.add_argument(
        "--max-links", type=POSITIVE, default=defaults.max_links_per_issue, help="links per issue before 413"
    )
    parser.add_argument(
        "--linking-disabled", action="store_true", help="answer 403, as with issue linking off"
    )
    parser.add_argument(
        "--require-content-type",
        action=argparse.BooleanOptionalAction,
        default=defaults.require_json_content_type,
        help="415 on a bodyless DELETE without a JSON Content-Type, as Jira Cloud (default: on)",
    )
    parser.add_argument(
        "--coerce-scalars",
        action=argparse.BooleanOptionalAction,
        default=defaults.coerce_scalars,
        help="read numbers and booleans as text where text is due, as Jira's JSON reader (default: on)",
    )
    parser.add_argument(
        "--rate-limit", type=POSITIVE, metavar="N", help="at most N requests per window, then 429"
    )
    parser.add_argument(
        "--rate-window", type=_positive_float, default=defaults.rate_limit_window_seconds, metavar="SECONDS"
    )
    parser.add_argument("--throttle-every", type=POSITIVE, metavar="N", help="every Nth request answers 429")
    parser.add_argument(
        "--rate-limit-reason",
        choices=RATE_LIMIT_REASONS,
        default=defaults.rate_limit_reason,
        help="RateLimit-Reason of the 429s above (default: %(default)s)",
    )
    parser.add_argument(
        "--retry-after-header",
        action=argparse.BooleanOptionalAction,
        default=defaults.send_retry_after,
        help="send Retry-After on 429s; Jira Cloud sometimes does not (default: on)",
    )
    parser.add_argument(
        "--per-issue-write-limit",
        action="store_true",
        help="Jira Cloud's per-issue write limit: 20 writes per 2 s, 100 per 30 s",
    )
    parser.add_argument(
        "--burst-limits", action="store_true", help="Jira Cloud's bursts: GET/POST 100/s, PUT/DELETE 50/s"
    )
    parser.add_argument("--quota", type=POSITIVE, metavar="N", help="N requests per quota window, then 429")
    parser.add_argument(
        "--quota-window", type=_positive_float, default=defaults.quota_window_seconds, metavar="SECONDS"
    )
    parser.add_argument("--quota-reason", choices=RATE_LIMIT_REASONS, default=defaults.quota_reason)
    parser.add_argument(
        "--beta-rate-limit-headers",
        action="store_true",
        help="Beta-RateLimit-Policy / Beta-RateLimit / Beta-Retry-After near the limits above",
    )
    parser.add_argument(
        "--fail-every", type=POSITIVE, metavar="N", help="every Nth request answers --fail-status"
    )
    parser.add_argument(
        "--fail-status",
        type=_bounded_int(500, 599),
        default=defaults.fail_status,
        help="(default: %(default)s)",
    )
    parser.add_argument(
        "--retry-after", type=NON_NEGATIVE, default=defaults.retry_after_seconds, metavar="SECONDS"
    )
    parser.add_argument(
        "--latency", type=_non_negative_float, default=0.0, metavar="SECONDS", help="added to every request"
    )
    parser.add_argument(
        "--job-step", type=_non_negative_float, default=defaults.job_step_seconds, metavar="SECONDS"
    )
    parser.add_argument(
        "--job-statuses",
        default=",".join(defaults.job_statuses),
        help="comma-separated statuses a job walks through (default: %(default)s)",
    )
    parser.add_argument(
        "--defect",
        action="append",
        default=[],
        choices=sorted(defect.value for defect in Defect),
        metavar="NAME",
        help="break the contract on purpose (repeatable): " + ", ".join(sorted(d.value for d in Defect)),
    )
    return parser


def config_from_args(args: argparse.Namespace) -> FakeConfig:
    return FakeConfig(
        email=args.email,
        api_token=args.api_token,
        allow_anonymous=args.allow_anonymous,
        project_key=args.project_key,
        issue_count=args.issues,
        linking_enabled=not args.linking_disabled,
        max_links_per_issue=args.max_links,
        require_json_content_type=args.require_content_type,
        coerce_scalars=args.coerce_scalars,
        rate_limit_reason=args.rate_limit_reason,
        send_retry_after=args.retry_after_header,
        per_issue_write_limit=args.per_issue_write_limit,
        burst_limits=args.burst_limits,
        quota_requests=args.quota,
        quota_window_seconds=args.quota_window,
        quota_reason=args.quota_reason,
        beta_rate_limit_headers=args.beta_rate_limit_headers,
        rate_limit_requests=args.rate_limit,
        rate_limit_window_seconds=args.rate_window,
        throttle_every_nth=args.throttle_every,
        retry_after_seconds=args.retry_after,
        fail_every_nth=args.fail_every,
        fail_status=args.fail_status,
        latency_seconds=args.latency,
        job_step_seconds=args.job_step,
        job_statuses=tuple(status.strip() for status in args.job_statuses.split(",") if status.strip()),
        defects=frozenset(args.defect),
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        config = config_from_args(args)
    except ConfigError as error:
        parser.error(str(error))
    try:
        sock = bind_loopback(args.host, args.port)
    except (OSError, OverflowError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        print(f"fake-jira: cannot listen on {args.host}:{args.port}: {reason}", file=sys.stderr)
        return 2
    port = sock.getsockname()[1]
    keys = config.issue_keys()
    print(f"fake Jira on http://{args.host}:{port}", flush=True)
    print(f"  credentials: {config.email} / {config.api_token}", flush=True)
    print(f"  issues: {keys[0]} .. {keys[-1]} (ids {config.first_issue_id}..)", flush=True)
    if config.defects:
        print(f"  defects on: {', '.join(sorted(config.defects))}", flush=True)
    print("  Ctrl-C stops it.", flush=True)
    server = make_server(FakeBackend(config), log_level="info")
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()
    return 0
