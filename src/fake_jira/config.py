"""The fake's configuration: one frozen value, changed only by building a new one.

Tests and the admin API change settings with `FakeConfig.updated`, which checks every key and value, so a
typo in a test or a curl call is a clear error instead of a setting that silently does nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fake_jira.defects import Defect, parse_defects

RATE_LIMIT_REASONS = (
    "jira-quota-global-based",
    "jira-quota-tenant-based",
    "jira-burst-based",
    "jira-per-issue-on-write",
)

JOB_STATUSES = ("Pending", "Backup", "In_progress", "Retry", "Complete", "Error")
TERMINAL_JOB_STATUSES = ("Complete", "Error")


class ConfigError(ValueError):
    """A configuration key or value the fake cannot use; the message names it."""


@dataclass(frozen=True)
class FakeConfig:
    """Everything that shapes the fake's behaviour. The defaults behave like a healthy Jira Cloud site."""

    # Credentials for HTTP basic auth (email + API token), and whether requests without any are served.
    email: str = "demo@example.com"
    api_token: str = "fake-api-token"
    allow_anonymous: bool = False
    # The issues that exist: PROJECT-1 .. PROJECT-N with numeric ids counting up from first_issue_id.
    project_key: str = "MKY"
    issue_count: int = 20
    first_issue_id: int = 10001
    # Jira's global "issue linking" switch; off means 403 on every remote-link operation.
    linking_enabled: bool = True
    max_links_per_issue: int = 2000
    max_body_bytes: int = 1_048_576
    # Jira Cloud answers 415 to bodyless DELETEs without `Content-Type: application/json` (POST and PUT always
    # need it, on every Jira); False serves such DELETEs as Jira Server/Data Center does.
    require_json_content_type: bool = True
    # Jira's JSON reader turns numbers and booleans into text where a string is due (`"title": 123`); False
    # refuses them with 400 instead (Cloud's behaviour here is unverified).
    coerce_scalars: bool = True
    # A fixed-window rate limit: at most this many requests per window, then 429.
    rate_limit_requests: int | None = None
    rate_limit_window_seconds: float = 1.0
    # Deterministic fault injection: every nth request answers 429, or fail_status.
    throttle_every_nth: int | None = None
    retry_after_seconds: int = 1
    # What the injected 429s above say: their RateLimit-Reason, and whether they carry Retry-After at all
    # (Jira Cloud sometimes leaves it out).
    rate_limit_reason: str = "jira-burst-based"
    send_retry_after: bool = True
    # Jira Cloud's own limits (off by default so tests stay fast): writes per issue (20 per 2 s, 100 per 30 s),
    # bursts per endpoint and method (GET/POST 100/s, PUT/DELETE 50/s), and a request quota per window that,
    # once spent, answers 429 until the window resets (on the hour by default).
    per_issue_write_limit: bool = False
    burst_limits: bool = False
    quota_requests: int | None = None
    quota_window_seconds: float = 3600.0
    quota_reason: str = "jira-quota-tenant-based"
    # Beta-RateLimit-Policy / Beta-RateLimit / Beta-Retry-After on answers within 20% of a limit above.
    beta_rate_limit_headers: bool = False
    fail_every_nth: int | None = None
    fail_status: int = 503
    latency_seconds: float = 0.0
    # Link-update jobs walk through job_statuses, one step per job_step_seconds; the last one is final.
    job_step_seconds: float = 0.2
    job_statuses: tuple[str, ...] = ("Pending", "In_progress", "Complete")
    defects: frozenset[Defect] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        # Callers may pass defect names as plain strings; the configuration always holds the enum.
        try:
            object.__setattr__(self, "defects", parse_defects(sorted(self.defects)))
        except ValueError as error:
            raise ConfigError(f"setting 'defects': {error}") from None
        _check(self)

    def updated(self, changes: Mapping[str, object]) -> FakeConfig:
        """A copy with `changes` applied; unknown keys and values of the wrong type raise ConfigError."""
        known = {item.name: item for item in dataclasses.fields(self)}
        converted: dict[str, Any] = {}
        for key, value in changes.items():
            if key not in known:
                raise ConfigError(f"unknown setting {key!r}; known settings: {', '.join(sorted(known))}")
            converted[key] = _convert(key, value, getattr(self, key))
        return dataclasses.replace(self, **converted)

    def as_json(self) -> dict[str, object]:
        """The configuration as the admin API shows it."""
        shown: dict[str, object] = dataclasses.asdict(self)
        shown["job_statuses"] = list(self.job_statuses)
        shown["defects"] = sorted(str(defect) for defect in self.defects)
        return shown

    def issue_keys(self) -> list[str]:
        return [f"{self.project_key}-{number}" for number in range(1, self.issue_count + 1)]


def _convert(key: str, value: object, current: object) -> object:
    """Accept JSON-shaped values: lists for the tuple/set settings, ints for floats, null for optionals."""
    if key == "defects":
        try:
            return parse_defects(list(value) if isinstance(value, set | frozenset) else value)
        except ValueError as error:
            raise ConfigError(f"setting 'defects': {error}") from None
    if key == "job_statuses":
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"setting 'job_statuses' must be a list of statuses, got {value!r}")
        return tuple(value)
    if value is None and key in _OPTIONAL_INTS:
        return None
    expected: type = type(current) if current is not None else int
    if key in _OPTIONAL_INTS:
        expected = int
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, bool) != (expected is bool) or not isinstance(value, expected):
        raise ConfigError(f"setting {key!r} must be {expected.__name__}, got {value!r}")
    return value


_OPTIONAL_INTS = frozenset({"rate_limit_requests", "throttle_every_nth", "fail_every_nth", "quota_requests"})


def _check(config: FakeConfig) -> None:
    for name in ("rate_limit_reason", "quota_reason"):
        if getattr(config, name) not in RATE_LIMIT_REASONS:
            raise ConfigError(
                f"setting {name!r} must be one of {', '.join(RATE_LIMIT_REASONS)}, got {getattr(config, name)!r}"
            )
    if not config.job_statuses or config.job_statuses[-1] not in TERMINAL_JOB_STATUSES:
        raise ConfigError(f"job_statuses must end in Complete or Error, got {list(config.job_statuses)!r}")
    bad_status = [status for status in config.job_statuses if status not in JOB_STATUSES]
    if bad_status:
        raise ConfigError(f"unknown job status {bad_status[0]!r}; known: {', '.join(JOB_STATUSES)}")
    for name in sorted(_OPTIONAL_INTS):
        value = getattr(config, name)
        if value is not None and value < 1:
            raise ConfigError(f"setting {name!r} must be at least 1, got {value!r}")
    positive = (
        "issue_count",
        "max_links_per_issue",
        "max_body_bytes",
        "rate_limit_window_seconds",
        "quota_window_seconds",
    )
    for name in positive:
        if getattr(config, name) <= 0:
            raise ConfigError(f"setting {name!r} must be positive, got {getattr(config, name)!r}")
    for name in ("retry_after_seconds", "latency_seconds", "job_step_seconds", "first_issue_id"):
        if getattr(config, name) < 0:
            raise ConfigError(f"setting {name!r} must not be negative, got {getattr(config, name)!r}")
    if not 500 <= config.fail_status <= 599:
        raise ConfigError(f"setting 'fail_status' must be a 5xx status, got {config.fail_status!r}")
    if not config.email or not config.api_token:
        raise ConfigError("settings 'email' and 'api_token' must not be empty")
