"""`fake-jira` / `scripts/run_fake.py`: serve the fake in the foreground until Ctrl-C."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import metadata

from fake_jira.backend import FakeBackend
from fake_jira.config import DEFECTS, ConfigError, FakeConfig
from fake_jira.server import bind_loopback, make_server


def version() -> str:
    try:
        return metadata.version("jira-remote-links")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    defaults = FakeConfig()
    parser = argparse.ArgumentParser(
        prog="fake-jira",
        description="Serve the built-in fake Jira (remote links and link-update jobs) on a local port.",
        epilog="The admin API is at /_fake/ (reset, config, seed, requests); the spec at /openapi.json.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    parser.add_argument(
        "--port", type=int, default=8765, help="port; 0 picks a free one (default: %(default)s)"
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
        "--issues", type=int, default=defaults.issue_count, help="number of issues (default: %(default)s)"
    )
    parser.add_argument(
        "--max-links", type=int, default=defaults.max_links_per_issue, help="links per issue before 413"
    )
    parser.add_argument(
        "--linking-disabled", action="store_true", help="answer 403, as with issue linking off"
    )
    parser.add_argument(
        "--require-content-type", action="store_true", help="415 on DELETE without a JSON Content-Type"
    )
    parser.add_argument("--rate-limit", type=int, metavar="N", help="at most N requests per window, then 429")
    parser.add_argument(
        "--rate-window", type=float, default=defaults.rate_limit_window_seconds, metavar="SECONDS"
    )
    parser.add_argument("--throttle-every", type=int, metavar="N", help="every Nth request answers 429")
    parser.add_argument("--fail-every", type=int, metavar="N", help="every Nth request answers --fail-status")
    parser.add_argument(
        "--fail-status", type=int, default=defaults.fail_status, help="(default: %(default)s)"
    )
    parser.add_argument("--retry-after", type=int, default=defaults.retry_after_seconds, metavar="SECONDS")
    parser.add_argument(
        "--latency", type=float, default=0.0, metavar="SECONDS", help="added to every request"
    )
    parser.add_argument("--job-step", type=float, default=defaults.job_step_seconds, metavar="SECONDS")
    parser.add_argument(
        "--job-statuses",
        default=",".join(defaults.job_statuses),
        help="comma-separated statuses a job walks through (default: %(default)s)",
    )
    parser.add_argument(
        "--defect",
        action="append",
        default=[],
        choices=sorted(DEFECTS),
        metavar="NAME",
        help="break the contract on purpose (repeatable): " + ", ".join(sorted(DEFECTS)),
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
    except OSError as error:
        print(f"fake-jira: cannot listen on {args.host}:{args.port}: {error.strerror}", file=sys.stderr)
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
