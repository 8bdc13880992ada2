"""The last HTTP exchanges of the running test, so that a failure can show what was sent and what came back.

Every client the suite builds sends through a `RecordingTransport`; schemathesis' calls arrive through an
`after_call` hook (see `jira_remote_links_contract.schemathesis_setup`). Only the last few exchanges are kept
and the conftest clears them when a test starts, so memory stays bounded however long a test runs. Credentials
never enter a record: the `Authorization` header is replaced before anything is stored.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

import httpx

# Enough to see the failing request and the one or two that led to it.
KEPT_EXCHANGES = 4
# A body beyond this is cut: reports are read by people, and a failure never needs megabytes to show.
BODY_LIMIT = 4000
REDACTED_CREDENTIALS = "<redacted>"
_CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})


@dataclass(frozen=True)
class Exchange:
    method: str
    url: str
    request_headers: tuple[tuple[str, str], ...]
    # The request body in full (a curl replay needs all of it); `shown` cuts it for reading.
    request_body: bytes
    status: int
    response_headers: tuple[tuple[str, str], ...]
    response_body: bytes


def redacted_headers(headers: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(
        (name, REDACTED_CREDENTIALS if name.lower() in _CREDENTIAL_HEADERS else value)
        for name, value in headers
    )


def shown(body: bytes, limit: int = BODY_LIMIT) -> str:
    """A body as text for a report, cut to `limit` characters with a note of how much was left out."""
    text = body.decode("utf-8", "replace")
    if len(text) <= limit:
        return text
    return f"{text[:limit]}\n... ({len(text) - limit} more characters)"


class ExchangeLog:
    """The most recent exchanges, oldest first; safe to feed from several threads."""

    def __init__(self, size: int = KEPT_EXCHANGES) -> None:
        self._recent: deque[Exchange] = deque(maxlen=size)
        self._lock = threading.Lock()

    def add(self, exchange: Exchange) -> None:
        with self._lock:
            self._recent.append(exchange)

    def clear(self) -> None:
        with self._lock:
            self._recent.clear()

    def snapshot(self) -> tuple[Exchange, ...]:
        with self._lock:
            return tuple(self._recent)


# One per run: the suite runs its tests one after another, so "the running test's exchanges" is this log.
EXCHANGES = ExchangeLog()


def record_httpx(request: httpx.Request, response: httpx.Response) -> None:
    """Records a finished httpx exchange; the response body must have been read."""
    EXCHANGES.add(
        Exchange(
            method=request.method,
            url=str(request.url),
            request_headers=redacted_headers(request.headers.multi_items()),
            request_body=request.content,
            status=response.status_code,
            response_headers=tuple(response.headers.multi_items()),
            response_body=response.content,
        )
    )


def record_plain(
    method: str,
    url: str,
    *,
    request_headers: Mapping[str, str | bytes],
    request_body: object,
    status: int,
    response_headers: Mapping[str, list[str]],
    response_body: bytes,
) -> None:
    """Records an exchange made by another HTTP library (schemathesis sends through `requests`)."""
    if isinstance(request_body, str):
        body = request_body.encode("utf-8")
    else:
        # A streamed body (a file or an iterator) cannot be read twice; the suite never sends one.
        body = request_body if isinstance(request_body, bytes) else b""
    headers = [
        (name, value.decode("latin-1") if isinstance(value, bytes) else value)
        for name, value in request_headers.items()
    ]
    EXCHANGES.add(
        Exchange(
            method=method.upper(),
            url=url,
            request_headers=redacted_headers(headers),
            request_body=body,
            status=status,
            response_headers=tuple(
                (name, value) for name, values in response_headers.items() for value in values
            ),
            response_body=response_body,
        )
    )


class _ReadBody(httpx.SyncByteStream):
    """A body already read off the wire, handed to the client as if it were still arriving, so that the
    client's own bookkeeping (elapsed time, closing) runs as usual."""

    def __init__(self, raw: bytes) -> None:
        self._raw = raw

    def __iter__(self) -> Iterator[bytes]:
        yield self._raw


class RecordingTransport(httpx.BaseTransport):
    """Sends through `inner` and records each exchange, its response body read in full first."""

    def __init__(self, inner: httpx.BaseTransport | None = None) -> None:
        self._inner = inner if inner is not None else httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        response = self._inner.handle_request(request)
        stream = response.stream
        assert isinstance(stream, httpx.SyncByteStream)
        try:
            raw = b"".join(stream)
        finally:
            response.close()
        # A second response over the same bytes decodes them (gzip included) for the record.
        record_httpx(request, httpx.Response(response.status_code, headers=response.headers, content=raw))
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            stream=_ReadBody(raw),
            extensions=response.extensions,
            request=request,
        )

    def close(self) -> None:
        self._inner.close()


def describe_exchange(exchange: Exchange) -> str:
    """The exchange as a reader expects it: `>` lines sent, `<` lines received, bodies cut to a sane size."""
    lines = [f"> {exchange.method} {exchange.url}"]
    lines += [f"> {name}: {value}" for name, value in exchange.request_headers]
    if exchange.request_body:
        lines += [">", *(f"> {line}" for line in shown(exchange.request_body).splitlines())]
    lines.append(f"< {exchange.status}")
    lines += [f"< {name}: {value}" for name, value in exchange.response_headers]
    if exchange.response_body:
        lines += ["<", *(f"< {line}" for line in shown(exchange.response_body).splitlines())]
    return "\n".join(lines)
