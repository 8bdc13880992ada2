"""Routing on the raw request path, so `%2F` inside a segment stays inside it.

ASGI servers hand applications a decoded `path`, in which an escaped slash is indistinguishable from a
real one; Jira routes on the encoded path and decodes each segment once. Segments are decoded exactly
once here, and `.`/`..` arrive as plain segments because nothing normalises them.

A route names its handler directly; `{name}` captures one decoded segment, `{name:a|b}` only those values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar
from urllib.parse import parse_qsl, unquote

H = TypeVar("H")


@dataclass(frozen=True)
class Route(Generic[H]):
    method: str
    path: str
    handler: H
    segments: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "segments", tuple(self.path.strip("/").split("/")))


@dataclass(frozen=True)
class Match(Generic[H]):
    route: Route[H]
    params: dict[str, str]


@dataclass(frozen=True)
class NoMatch:
    # The methods the path answers: empty when there is no such path (404), else the 405's Allow header.
    allowed: tuple[str, ...]


def is_api_path(raw_path: str) -> bool:
    """Paths that belong to Jira or the jobs API: fault injection and authentication apply to them."""
    return raw_path.startswith(("/rest/", "/links/"))


def match(routes: Sequence[Route[H]], method: str, raw_path: str) -> Match[H] | NoMatch:
    segments = raw_path.split("/")[1:]
    if segments and segments[-1] == "":
        segments = segments[:-1]
    allowed: list[str] = []
    for route in routes:
        params = _match_segments(route.segments, segments)
        if params is None:
            continue
        if method == route.method:
            return Match(route, params)
        if route.method not in allowed:
            allowed.append(route.method)
    return NoMatch(tuple(allowed))


def _match_segments(pattern: tuple[str, ...], segments: list[str]) -> dict[str, str] | None:
    if len(pattern) != len(segments):
        return None
    params: dict[str, str] = {}
    for expected, raw in zip(pattern, segments, strict=True):
        if expected.startswith("{"):
            name, _, choices = expected[1:-1].partition(":")
            if raw == "" or (choices and raw not in choices.split("|")):
                return None
            params[name] = unquote(raw, errors="replace")
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
