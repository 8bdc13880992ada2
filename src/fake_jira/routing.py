"""Routing on the raw request path, so `%2F` inside a segment stays inside it.

ASGI servers hand applications a decoded `path`, in which an escaped slash is indistinguishable from a
real one; Jira routes on the encoded path and decodes each segment once. Segments are decoded exactly
once here, and `.`/`..` arrive as plain segments because nothing normalises them.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, unquote

# (operation name, method, segment pattern); `{name}` captures one decoded segment.
_ROUTES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("list_or_get_by_global_id", "GET", ("rest", "api", "2", "issue", "{issue}", "remotelink")),
    ("upsert", "POST", ("rest", "api", "2", "issue", "{issue}", "remotelink")),
    ("delete_by_global_id", "DELETE", ("rest", "api", "2", "issue", "{issue}", "remotelink")),
    ("get_by_id", "GET", ("rest", "api", "2", "issue", "{issue}", "remotelink", "{link}")),
    ("replace", "PUT", ("rest", "api", "2", "issue", "{issue}", "remotelink", "{link}")),
    ("delete_by_id", "DELETE", ("rest", "api", "2", "issue", "{issue}", "remotelink", "{link}")),
    ("schedule_job", "POST", ("links", "v1", "{site}", "jobs", "cma")),
    ("job_status", "GET", ("links", "v1", "{site}", "jobs", "status", "{job}")),
)


@dataclass(frozen=True)
class Match:
    operation: str
    params: dict[str, str]


@dataclass(frozen=True)
class NoMatch:
    # The methods the path answers: empty when there is no such path (404), else the 405's Allow header.
    allowed: tuple[str, ...]


def is_api_path(raw_path: str) -> bool:
    """Paths that belong to Jira or the jobs API: fault injection and authentication apply to them."""
    return raw_path.startswith(("/rest/", "/links/"))


def match(method: str, raw_path: str) -> Match | NoMatch:
    segments = raw_path.split("/")[1:]
    if segments and segments[-1] == "":
        segments = segments[:-1]
    allowed: list[str] = []
    for operation, route_method, pattern in _ROUTES:
        params = _match_segments(pattern, segments)
        if params is None:
            continue
        if method == route_method:
            return Match(operation, params)
        allowed.append(route_method)
    return NoMatch(tuple(allowed))


def _match_segments(pattern: tuple[str, ...], segments: list[str]) -> dict[str, str] | None:
    if len(pattern) != len(segments):
        return None
    params: dict[str, str] = {}
    for expected, raw in zip(pattern, segments, strict=True):
        if expected.startswith("{"):
            if raw == "":
                return None
            params[expected[1:-1]] = unquote(raw, errors="replace")
        elif raw != expected:
            return None
    return params


def query_value(raw_query: str, name: str, *, decode_times: int = 1) -> str | None:
    """The first value of `name` in the query, percent-decoded `decode_times` times (0, 1 or 2).

    Query strings are form-encoded, so `+` means a space, as in Jira. Decoding zero or two times exists
    only for the defects that break this on purpose.
    """
    if decode_times == 0:
        for pair in raw_query.split("&"):
            key, _, value = pair.partition("=")
            if key == name:
                return value
        return None
    for key, value in parse_qsl(raw_query, keep_blank_values=True, errors="replace"):
        if key == name:
            return unquote(value, errors="replace") if decode_times == 2 else value
    return None
