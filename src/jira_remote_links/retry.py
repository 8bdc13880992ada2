"""When to retry a request and how long to wait first, as pure functions of the request and response.

The rules follow Atlassian's rate-limiting guidance: a 429 or 503 is retried after the server's
`Retry-After` (seconds or an HTTP date), else its `Beta-Retry-After` (Jira Cloud sends it when it enforces
a limit it is still trialling), else `X-RateLimit-Reset` (an ISO-8601 time), and when none is given after
an exponential backoff that starts at about 2 seconds, doubles, and is jittered by x0.7-1.3. A 429 whose
`RateLimit-Reason` names a quota (`jira-quota-...`) is never retried: a quota lasts until it resets, often
at the top of the hour, so the caller gets the error with its reason and the time to wait instead of a
client that keeps knocking. Only requests that are safe to send twice are ever retried: GET, HEAD, PUT,
DELETE, and a POST whose JSON body carries a `globalId` (Jira treats that POST as an upsert keyed on it, so
a second send replaces the link with the same content). A POST without `globalId` creates a new link each
time, and scheduling a job starts a new job each time: neither is ever repeated.
The transports in `jira_remote_links.transport` apply these rules; keeping the decisions here, free of
I/O and clocks, lets them be tested exhaustively.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import attrs
import httpx

__all__ = [
    "DEFAULT_RETRY_STATUSES",
    "SAFE_METHODS",
    "RetryPolicy",
    "backoff_delay",
    "is_quota_reason",
    "is_safe_to_repeat",
    "parse_rate_limit_reset",
    "parse_retry_after",
    "retry_delay",
    "server_delay",
]

SAFE_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE"})
# 429 and 503 are the statuses Atlassian documents as "come back later"; 502 and 504 come from the
# gateways in front of Jira and mean the request did not complete either.
DEFAULT_RETRY_STATUSES = frozenset({429, 502, 503, 504})
# Beyond this many doublings the backoff is at its cap anyway; the bound keeps 2**n from overflowing.
_MAX_DOUBLINGS = 64


def _check_statuses(_instance: object, _attribute: object, value: frozenset[int]) -> None:
    # Other 4xx statuses mean the request itself is wrong; sending it again cannot help.
    bad = sorted(status for status in value if status != 429 and not 500 <= status <= 599)
    if bad:
        raise ValueError(f"retry_statuses may hold only 429 and 5xx statuses, not {bad}")


def _check_jitter(_instance: object, _attribute: object, value: tuple[float, float]) -> None:
    low, high = value
    if not (math.isfinite(low) and math.isfinite(high) and 0.0 <= low <= 1.0 <= high):
        raise ValueError(f"jitter must be (low, high) with 0 <= low <= 1 <= high, not {value!r}")


def _to_statuses(value: Iterable[int]) -> frozenset[int]:
    # A typed converter: with `converter=frozenset` mypy cannot type the argument, and refuses any value.
    return frozenset(value)


def _to_jitter(value: tuple[float, float]) -> tuple[float, float]:
    try:
        low, high = value
        return (float(low), float(high))
    except (TypeError, ValueError):
        raise ValueError(f"jitter must be a pair (low, high), not {value!r}") from None


def _finite_non_negative(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not (math.isfinite(value) and value >= 0):
        raise ValueError(f"{attribute.name} must be a finite number >= 0, not {value!r}")


@attrs.frozen
class RetryPolicy:
    """How often and how long to retry. The defaults follow Atlassian's published backoff example.

    - `max_attempts`: attempts in total, the first one included (1 disables retrying).
    - `base_delay`: the first backoff in seconds (Atlassian advises about 2); it doubles per attempt up to
      `max_delay`.
    - `max_delay`: the longest single wait before jitter. A server asking for a longer wait gets no retry:
      the caller sees the error with its `retry_after` and decides.
    - `deadline`: seconds from the first attempt after which no retry starts.
    - `jitter`: each backoff is multiplied by a random factor in this range; a server-given wait only by
      a factor in [1, high], since coming back earlier than asked fails again.
    """

    max_attempts: int = attrs.field(
        default=5, validator=[attrs.validators.instance_of(int), attrs.validators.ge(1)]
    )
    base_delay: float = attrs.field(default=2.0, converter=float, validator=_finite_non_negative)
    max_delay: float = attrs.field(default=30.0, converter=float, validator=_finite_non_negative)
    deadline: float = attrs.field(default=120.0, converter=float, validator=_finite_non_negative)
    jitter: tuple[float, float] = attrs.field(
        default=(0.7, 1.3), converter=_to_jitter, validator=_check_jitter
    )
    retry_statuses: frozenset[int] = attrs.field(
        default=DEFAULT_RETRY_STATUSES, converter=_to_statuses, validator=_check_statuses
    )


def is_safe_to_repeat(request: httpx.Request) -> bool:
    """Whether sending the request twice has the same effect as sending it once."""
    method = request.method.upper()
    if method in SAFE_METHODS:
        return True
    if method != "POST":
        return False
    try:
        content = request.content
    except httpx.RequestNotRead:
        # A streamed body may not be replayable, and its globalId cannot be checked.
        return False
    try:
        body = json.loads(content)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return False
    global_id = body.get("globalId") if isinstance(body, dict) else None
    return isinstance(global_id, str) and global_id.strip() != ""


def _as_utc(moment: datetime) -> datetime:
    # A time without an offset is taken as UTC, which is what Atlassian sends.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a `Retry-After` value (delay-seconds or an HTTP date); None if absent or bad."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, (_as_utc(moment) - _as_utc(now)).total_seconds())


def parse_rate_limit_reset(value: str | None, now: datetime) -> float | None:
    """Seconds until an `X-RateLimit-Reset` time (ISO 8601, e.g. `2026-01-01T10:30Z`); None if absent or bad."""
    if value is None or not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return max(0.0, (_as_utc(moment) - _as_utc(now)).total_seconds())


def server_delay(headers: Mapping[str, str], now: datetime) -> float | None:
    """The wait the server asked for: `Retry-After`, else `Beta-Retry-After`, else `X-RateLimit-Reset`."""
    for name in ("Retry-After", "Beta-Retry-After"):
        delay = parse_retry_after(headers.get(name), now)
        if delay is not None:
            return delay
    return parse_rate_limit_reset(headers.get("X-RateLimit-Reset"), now)


def is_quota_reason(reason: str | None) -> bool:
    """Whether a `RateLimit-Reason` names a quota (`jira-quota-tenant-based`, `jira-quota-global-based`)."""
    return reason is not None and reason.strip().lower().startswith("jira-quota")


def backoff_delay(policy: RetryPolicy, attempt: int, jitter_fraction: float) -> float:
    """Capped exponential backoff after `attempt` attempts, scaled by a jitter factor.

    `jitter_fraction` in [0, 1] picks the factor within `policy.jitter` (0 -> low, 1 -> high).
    """
    doublings = min(max(attempt - 1, 0), _MAX_DOUBLINGS)
    nominal = min(policy.max_delay, policy.base_delay * 2.0**doublings)
    low, high = policy.jitter
    return nominal * (low + (high - low) * _clamp_fraction(jitter_fraction))


def _clamp_fraction(value: float) -> float:
    return min(max(value, 0.0), 1.0) if math.isfinite(value) else 0.0


def retry_delay(
    policy: RetryPolicy,
    *,
    attempt: int,
    elapsed: float,
    status_code: int | None,
    headers: Mapping[str, str] | None,
    now: datetime,
    jitter_fraction: float,
) -> float | None:
    """Seconds to wait before the next attempt, or None to stop and hand back the last outcome.

    `attempt` counts the attempts made so far (1 after the first). `status_code` None means the request
    never reached the server (a connect error). The caller has already checked the request is safe.
    """
    if attempt >= policy.max_attempts:
        return None
    hint: float | None = None
    if status_code is not None:
        if status_code not in policy.retry_statuses:
            return None
        if status_code == 429 and is_quota_reason((headers or {}).get("RateLimit-Reason")):
            return None
        hint = server_delay(headers or {}, now)
    if hint is not None:
        if hint > policy.max_delay:
            return None
        _, high = policy.jitter
        # Spread clients that were all told the same time, but never come back before it.
        delay = hint * (1.0 + (high - 1.0) * _clamp_fraction(jitter_fraction))
    else:
        delay = backoff_delay(policy, attempt, jitter_fraction)
    if elapsed + delay > policy.deadline:
        return None
    return delay
