"""`jira-remote-links-contract`: run the installed contract suite against a Jira site or the built-in fake.

The suite is a pytest suite shipped inside this package; the command runs it with pytest, rooted in the
package folder and with a configuration file of its own, so a user's project settings (their `pytest.ini`,
`addopts`, plugins' options) never change what a contract run does. Everything the suite reads from the
environment (see `jira_remote_links_contract.target`) can be given as a flag instead; a flag wins.

Exit codes are pytest's: 0 the target keeps the contract, 1 a test failed, 2 interrupted, 4 bad usage (a bad
flag or a missing setting too, so that a CI job can tell usage from an interrupted run).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from jira_remote_links_contract.budgets import BUDGETS
from jira_remote_links_contract.target import TARGET_VARIABLE

PROG = "jira-remote-links-contract"
SUITE_DIR = Path(__file__).resolve().parent
SUITE_CONFIG = SUITE_DIR / "suite.ini"
# The report files `--reports DIR` writes, one per format.
REPORT_NAMES = {"junit": "contract.xml", "markdown": "contract.md", "html": "contract.html"}

EXIT_USAGE = 4  # pytest's code for bad usage
# What a live run cannot do without, flag and variable: the same names as the tools' settings
# (`jira_remote_links.tooling.settings`), written out here because importing that package loads the client
# and anyio before pytest starts, which costs anyio's pytest plugin its assertion rewriting (see the test
# of the command). The test ties these variables to the ones the suite reads.
BASE_URL = ("--base-url", "JIRA_BASE_URL")
EMAIL = ("--email", "JIRA_EMAIL")
API_TOKEN = ("--api-token", "JIRA_API_TOKEN")
ISSUE = ("--issue", "JIRA_TEST_ISSUE")
LIVE_SETTINGS = (BASE_URL, EMAIL, API_TOKEN, ISSUE)

# Flag -> the environment variable the suite reads (the same names `make contract` and CI use).
FLAG_VARIABLES = {
    "target": TARGET_VARIABLE,
    **{flag.removeprefix("--").replace("-", "_"): variable for flag, variable in LIVE_SETTINGS},
    "links_api_base_url": "LINKS_API_BASE_URL",
    "site_id": "ATLASSIAN_SITE_ID",
    "rate_limit": "CONTRACT_RATE_LIMIT",
    "profile": "CONTRACT_PROFILE",
    "seed": "CONTRACT_SEED",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=(
            "Check that a Jira site (or the built-in fake) keeps the remote-links contract. Without a base "
            "URL the built-in fake is the target; with one (--base-url or JIRA_BASE_URL) the live site is, "
            "with the gentle live profile. Arguments after `--` go to pytest."
        ),
        epilog=(
            "The API token is best given as JIRA_API_TOKEN: a flag shows in the process list. "
            "Exit status: 0 the contract holds, 1 a check failed, 2 interrupted, 4 bad usage (flags or settings)."
        ),
    )
    target = parser.add_argument_group("target (flags override the environment variables shown)")
    target.add_argument(
        "--target", choices=("fake", "live"), help="CONTRACT_TARGET; default: live when a base URL is set"
    )
    target.add_argument(
        BASE_URL[0], metavar="URL", help=f"{BASE_URL[1]}, e.g. https://your-site.atlassian.net"
    )
    target.add_argument(EMAIL[0], help=f"{EMAIL[1]}, the account the API token belongs to")
    target.add_argument(API_TOKEN[0], metavar="TOKEN", help=API_TOKEN[1])
    target.add_argument(
        ISSUE[0], metavar="KEY", help=f"{ISSUE[1]}, a throw-away issue the run may write links on"
    )
    target.add_argument("--links-api-base-url", metavar="URL", help="LINKS_API_BASE_URL, for the jobs API")
    target.add_argument("--site-id", metavar="ID", help="ATLASSIAN_SITE_ID, for the jobs API")
    target.add_argument(
        "--allow-jobs",
        action="store_true",
        help="CONTRACT_ALLOW_JOBS=1: let a live run schedule link-update jobs (they change links site-wide)",
    )
    target.add_argument(
        "--rate-limit",
        metavar="PER_SECOND",
        help="CONTRACT_RATE_LIMIT, requests per second on a live site (5)",
    )
    run = parser.add_argument_group("run")
    run.add_argument(
        "--profile",
        choices=tuple(BUDGETS),
        help="CONTRACT_PROFILE; default: live against a site, thorough against the fake",
    )
    run.add_argument(
        "--seed", metavar="N", help="CONTRACT_SEED, replays an earlier run (each run prints its seed)"
    )
    reports = parser.add_argument_group("reports")
    reports.add_argument(
        "--reports", metavar="DIR", type=Path, help="write contract.xml, .md and .html into DIR"
    )
    reports.add_argument("--junit", metavar="PATH", type=Path, help="JUnit XML report")
    reports.add_argument("--markdown", metavar="PATH", type=Path, help="Markdown summary (a CI job summary)")
    reports.add_argument("--html", metavar="PATH", type=Path, help="self-contained HTML report")
    parser.add_argument("pytest_args", nargs="*", metavar="-- PYTEST_ARGS", help="passed to pytest")
    return parser


def run_environment(args: argparse.Namespace, environ: Mapping[str, str]) -> dict[str, str]:
    """The environment the suite runs in: the caller's, with every given flag written over its variable."""
    env = dict(environ)
    for flag, variable in FLAG_VARIABLES.items():
        value = getattr(args, flag)
        if value is not None and value != "":
            env[variable] = str(value)
    if args.allow_jobs:
        env["CONTRACT_ALLOW_JOBS"] = "1"
    if args.base_url and not args.target:
        # A base URL given as a flag asks for that site, whatever CONTRACT_TARGET the shell exports.
        env[TARGET_VARIABLE] = "live"
    if not env.get(TARGET_VARIABLE):
        env[TARGET_VARIABLE] = "live" if env.get(BASE_URL[1]) else "fake"
    if not env.get("CONTRACT_PROFILE"):
        # The command is the full check: the fake gets the thorough profile (the bare suite's default is
        # `quick`, which suits `make test`), a live site the gentle one.
        env["CONTRACT_PROFILE"] = "live" if env[TARGET_VARIABLE] == "live" else "thorough"
    return env


def report_paths(args: argparse.Namespace) -> dict[str, Path]:
    paths: dict[str, Path] = {}
    if args.reports is not None:
        paths = {kind: args.reports / name for kind, name in REPORT_NAMES.items()}
    for kind in REPORT_NAMES:
        given: Path | None = getattr(args, kind)
        if given is not None:
            paths[kind] = given
    return paths


def suite_argument(argument: str) -> str:
    """A test of the suite named as in its reports (`test_errors.py::test_x`) becomes a path pytest finds."""
    file_part = argument.split("::", 1)[0]
    if file_part.startswith("test_") and (SUITE_DIR / file_part).is_file():
        return str(SUITE_DIR / argument)
    return argument


def pytest_arguments(args: argparse.Namespace) -> list[str]:
    selected = [suite_argument(argument) for argument in args.pytest_args]
    named_tests = [argument for argument in selected if argument.startswith(str(SUITE_DIR))]
    arguments = [
        *(named_tests or [str(SUITE_DIR)]),
        "-c",
        str(SUITE_CONFIG),
        "--rootdir",
        str(SUITE_DIR),
        # Nothing is written into the installed package.
        "-p",
        "no:cacheprovider",
    ]
    for kind, path in report_paths(args).items():
        arguments.append(f"--junitxml={path}" if kind == "junit" else f"--contract-{kind}={path}")
    arguments.extend(argument for argument in selected if argument not in named_tests)
    return arguments


def missing_live_settings(env: Mapping[str, str]) -> list[str]:
    """The settings a live run lacks, each named by its flag and its variable."""
    if env.get(TARGET_VARIABLE) != "live":
        return []
    return [f"{flag} ({variable})" for flag, variable in LIVE_SETTINGS if not env.get(variable)]


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as stopped:
        # argparse has printed the problem; --help exits 0.
        return EXIT_USAGE if stopped.code else 0
    env = run_environment(args, os.environ)
    missing = missing_live_settings(env)
    if missing:
        print(f"{PROG}: a live run needs {', '.join(missing)}; nothing was sent", file=sys.stderr)
        return EXIT_USAGE
    os.environ.update(env)
    for path in report_paths(args).values():
        path.parent.mkdir(parents=True, exist_ok=True)
    import pytest  # noqa: PLC0415 - the launcher has checked the `contract` extra by now

    return int(pytest.main(pytest_arguments(args)))


if __name__ == "__main__":
    sys.exit(main())
