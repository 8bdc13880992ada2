"""Which server the contract suite talks to: the built-in fake unless a live run is asked for explicitly.

A run goes live only with `CONTRACT_TARGET=live` (`make contract` sets it when `JIRA_BASE_URL` is set). The
live variables alone never switch a run to live: users export them for the tools, and `make test`, which runs
this suite too, must stay offline whatever the environment holds.

The live variables are read once per run. A plain `http://127.0.0.1:PORT` URL is a valid live target, so
the live mode can be tried against any local server that speaks the same API.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field

from jira_remote_links_contract.secret import Secret, forms

# The demo credentials the built-in fake accepts by default.
FAKE_EMAIL = "demo@example.com"
FAKE_API_TOKEN = "fake-api-token"
FAKE_ISSUE_KEYS = tuple(f"MKY-{number}" for number in range(1, 21))
DEFAULT_LINKS_API_BASE_URL = "https://api.atlassian.com"
# The fake serves the jobs API on its own address and accepts any site id.
FAKE_SITE_ID = "00000000-0000-0000-0000-000000000000"

LIVE_VARIABLES = ("JIRA_BASE_URL", "JIRA_EMAIL", "JIRA_API_TOKEN", "JIRA_TEST_ISSUE")
TARGET_VARIABLE = "CONTRACT_TARGET"
TARGET_KINDS = ("fake", "live")


class TargetConfigurationError(ValueError):
    """The live variables are set only in part, or hold values that cannot work."""


def new_run_tag() -> str:
    """A short tag unique to this run; every link the suite writes carries it so cleanup can find it."""
    return f"ct{secrets.token_hex(4)}"


@dataclass(frozen=True)
class Target:
    """Where the suite sends its requests and what it may touch there."""

    kind: str  # "fake" or "live"
    base_url: str
    email: str
    # Never printable: the Target is a test argument, so pytest, Hypothesis and JUnit show its repr.
    api_token: Secret = field(repr=False)
    # Issues the suite may write links to. Live runs get exactly one throw-away issue.
    issue_keys: tuple[str, ...]
    jobs_base_url: str
    site_id: str | None
    allow_jobs: bool
    # Requests per second the suite keeps to; None means as fast as the server answers.
    requests_per_second: float | None
    run_tag: str

    @property
    def is_fake(self) -> bool:
        return self.kind == "fake"

    @property
    def global_id_prefix(self) -> str:
        """Every globalId the suite writes starts with this, so a live run only ever touches its own links."""
        return f"{self.run_tag}|"

    @property
    def object_url_prefix(self) -> str:
        """Links written without a globalId (or stripped of it by a PUT) are recognised by their object URL."""
        return f"https://contract-tests.invalid/{self.run_tag}/"

    @property
    def primary_issue(self) -> str:
        return self.issue_keys[0]

    def secret_forms(self) -> tuple[str, ...]:
        """How this target's credential could appear in output (see `jira_remote_links_contract.redaction`)."""
        return forms(self.email, self.api_token)

    def describe(self) -> str:
        if self.is_fake:
            return f"built-in fake at {self.base_url}"
        return f"live site {self.base_url} (issue {self.primary_issue})"


def target_kind(environ: Mapping[str, str]) -> str:
    """`CONTRACT_TARGET`: "live" or "fake" (the default)."""
    kind = environ.get(TARGET_VARIABLE) or "fake"
    if kind not in TARGET_KINDS:
        raise TargetConfigurationError(
            f"{TARGET_VARIABLE} must be one of {', '.join(TARGET_KINDS)}, got {kind!r}"
        )
    return kind


def ignored_live_variables(environ: Mapping[str, str]) -> list[str]:
    """Live variables that are set although the run stays on the fake (worth saying in the run header)."""
    if target_kind(environ) == "live":
        return []
    return [name for name in LIVE_VARIABLES if environ.get(name)]


def live_settings_from_env(environ: Mapping[str, str]) -> dict[str, str] | None:
    """The live variables when all are set, None when none is; a partial set is a configuration error."""
    present = {name: environ[name] for name in LIVE_VARIABLES if environ.get(name)}
    if not present:
        return None
    missing = [name for name in LIVE_VARIABLES if name not in present]
    if missing:
        raise TargetConfigurationError(
            f"live contract run needs {', '.join(LIVE_VARIABLES)}; missing: {', '.join(missing)}"
        )
    base_url = present["JIRA_BASE_URL"].rstrip("/")
    if not base_url.startswith(("http://", "https://")):
        raise TargetConfigurationError(f"JIRA_BASE_URL must be an http(s) URL, got {base_url!r}")
    present["JIRA_BASE_URL"] = base_url
    return present


def live_target(environ: Mapping[str, str], settings: Mapping[str, str], *, run_tag: str) -> Target:
    rate = environ.get("CONTRACT_RATE_LIMIT", "5")
    try:
        requests_per_second = float(rate)
    except ValueError:
        raise TargetConfigurationError(f"CONTRACT_RATE_LIMIT must be a number, got {rate!r}") from None
    if requests_per_second <= 0:
        raise TargetConfigurationError("CONTRACT_RATE_LIMIT must be positive")
    return Target(
        kind="live",
        base_url=settings["JIRA_BASE_URL"],
        email=settings["JIRA_EMAIL"],
        api_token=Secret(settings["JIRA_API_TOKEN"]),
        issue_keys=(settings["JIRA_TEST_ISSUE"],),
        jobs_base_url=environ.get("LINKS_API_BASE_URL", DEFAULT_LINKS_API_BASE_URL).rstrip("/"),
        site_id=environ.get("ATLASSIAN_SITE_ID") or None,
        allow_jobs=environ.get("CONTRACT_ALLOW_JOBS") == "1",
        requests_per_second=requests_per_second,
        run_tag=run_tag,
    )
