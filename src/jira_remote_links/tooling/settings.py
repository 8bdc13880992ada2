"""Settings from flags and the environment, exit codes and consoles: one vocabulary for both tools."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata

from rich.console import Console

# Exit statuses, the same for every tool.
EXIT_OK = 0
EXIT_FAILED = 1  # some rows failed, the job ended in Error, or the run was stopped by a fault
EXIT_USAGE = 2  # invalid input or settings; nothing was sent
EXIT_STILL_RUNNING = 3  # the job tool stopped watching a job that is still running
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT)
EXIT_TERMINATED = 143  # SIGTERM (128 + SIGTERM)

DISTRIBUTION = "jira-remote-links"

# The settings a Jira site needs, each with its flag and its environment variable.
BASE_URL = ("--base-url", "JIRA_BASE_URL")
EMAIL = ("--email", "JIRA_EMAIL")
API_TOKEN = ("--api-token", "JIRA_API_TOKEN")


class MissingSettingError(Exception):
    """A required setting was given neither as a flag nor in the environment."""


def flag_or_env(
    value: str | None,
    flag: str,
    variable: str,
    env: Mapping[str, str] | None = None,
    *,
    default: str | None = None,
) -> str:
    """The flag's value, else the environment variable's, else the default; empty counts as unset."""
    if value:
        return value
    found = (os.environ if env is None else env).get(variable, "")
    if found:
        return found
    if default is not None:
        return default
    raise MissingSettingError(f"missing {flag}: pass it or set the environment variable {variable}")


@dataclass(frozen=True, slots=True)
class Credentials:
    """Where to connect and as whom. The token is kept out of the repr."""

    base_url: str
    email: str
    api_token: str

    def __repr__(self) -> str:
        return f"Credentials(base_url={self.base_url!r}, email={self.email!r}, api_token='***')"

    @classmethod
    def from_args(
        cls,
        args: argparse.Namespace,
        *,
        base_url_variable: str = BASE_URL[1],
        base_url_default: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> Credentials:
        return cls(
            base_url=flag_or_env(
                args.base_url, BASE_URL[0], base_url_variable, env, default=base_url_default
            ),
            email=flag_or_env(args.email, EMAIL[0], EMAIL[1], env),
            api_token=flag_or_env(args.api_token, API_TOKEN[0], API_TOKEN[1], env),
        )


def credential_hint(base_url_variable: str = BASE_URL[1]) -> str:
    """The sentence every authentication failure ends with: which settings to check."""
    return (
        f"Check {EMAIL[0]} / {EMAIL[1]} and {API_TOKEN[0]} / {API_TOKEN[1]} (an API token of that account), "
        f"and that {BASE_URL[0]} / {base_url_variable} is the site they belong to."
    )


def add_credential_flags(parser: argparse.ArgumentParser, *, base_url_help: str) -> None:
    parser.add_argument("--base-url", help=base_url_help)
    parser.add_argument("--email", help=f"the Atlassian account's email (env {EMAIL[1]})")
    parser.add_argument(
        "--api-token",
        help=f"an Atlassian API token (env {API_TOKEN[1]}; prefer the environment: command lines are "
        "visible to other users)",
    )


def version() -> str:
    """The installed distribution's version, or a marker when running from a bare checkout."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


def add_version_flag(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")


@dataclass(frozen=True, slots=True)
class Consoles:
    """Results on stdout, everything else (progress, waits, errors, hints) on stderr."""

    out: Console
    err: Console

    @classmethod
    def standard(cls) -> Consoles:
        return cls(
            out=Console(highlight=False, soft_wrap=True),
            err=Console(stderr=True, highlight=False, soft_wrap=True),
        )

    def error(self, message: str) -> None:
        self.err.print(f"error: {message}", markup=False, highlight=False)

    def note(self, message: str) -> None:
        self.err.print(message, markup=False, highlight=False)
