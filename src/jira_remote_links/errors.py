"""Typed exceptions for error responses from Jira and the link-update jobs API.

Each documented error status has its own class, so callers can write `except NotFoundError` instead of
comparing numbers. The error body is parsed tolerantly: a proxy's HTML page or an unexpected JSON shape
gives empty messages, never a second exception while handling the first.

Only the method, the URL (without any user-info part) and the parsed messages are kept. The request's
headers are never stored, so the Authorization header cannot leak through an error's str, repr or pickle.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime

import httpx

from jira_remote_links.retry import is_quota_reason, parse_retry_after, server_delay

__all__ = [
    "BadRequestError",
    "ForbiddenError",
    "JiraApiError",
    "NotFoundError",
    "PayloadTooLargeError",
    "RateLimitedError",
    "ServerError",
    "ServiceUnavailableError",
    "UnauthorizedError",
    "UnexpectedStatusError",
    "UnsupportedMediaTypeError",
    "error_for_response",
    "error_for_unexpected_response",
    "parse_error_body",
    "safe_url",
]

# Jira Cloud answers a wrong token with one line of plain text; longer text bodies are proxy pages, not
# messages, and are not worth repeating in an error.
_MAX_PLAIN_TEXT_MESSAGE = 300

# Top-level string fields other Atlassian gateways use for a single message (the jobs API's error shape
# is not published).
_SINGLE_MESSAGE_KEYS = ("message", "errorMessage", "detail")


class JiraApiError(Exception):
    """An error status (>= 400) from Jira or the jobs API, with Jira's `errorMessages` and `errors`."""

    def __init__(
        self,
        *,
        status_code: int,
        method: str,
        url: str,
        error_messages: list[str] | None = None,
        errors: dict[str, str] | None = None,
    ) -> None:
        self.status_code = status_code
        self.method = method
        self.url = url
        self.error_messages: list[str] = list(error_messages or [])
        self.errors: dict[str, str] = dict(errors or {})
        super().__init__(self._describe())

    def _describe(self) -> str:
        details = [*self.error_messages, *(f"{field}: {text}" for field, text in self.errors.items())]
        reason = "; ".join(details) if details else "no error message in the response body"
        return f"{self.status_code} {self.method} {self.url}: {reason}"

    def __str__(self) -> str:
        return self._describe()

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status_code={self.status_code!r}, method={self.method!r}, "
            f"url={self.url!r}, error_messages={self.error_messages!r}, errors={self.errors!r})"
        )

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only construction would break the default pickling (which replays self.args); errors
        # cross process boundaries in worker pools, so rebuild from the fields instead.
        return (_rebuild, (type(self), self._fields()))

    def _fields(self) -> dict[str, object]:
        return {
            "status_code": self.status_code,
            "method": self.method,
            "url": self.url,
            "error_messages": self.error_messages,
            "errors": self.errors,
        }


def _rebuild(cls: type[JiraApiError], fields: dict[str, object]) -> JiraApiError:
    return cls(**fields)  # type: ignore[arg-type]


class BadRequestError(JiraApiError):
    """400: the request was invalid, e.g. a required field is missing."""


class UnauthorizedError(JiraApiError):
    """401: the credentials are missing or wrong."""


class ForbiddenError(JiraApiError):
    """403: the user may not do this, or issue linking is disabled."""


class NotFoundError(JiraApiError):
    """404: the issue or link does not exist, or the user cannot see it."""


class PayloadTooLargeError(JiraApiError):
    """413: the body is too large, or the issue's limit of remote links is reached."""


class UnsupportedMediaTypeError(JiraApiError):
    """415: the request lacked `Content-Type: application/json`."""


class _RetryAfterError(JiraApiError):
    """An error that may tell the caller when to come back."""

    def __init__(
        self,
        *,
        status_code: int,
        method: str,
        url: str,
        error_messages: list[str] | None = None,
        errors: dict[str, str] | None = None,
        retry_after: float | None = None,
    ) -> None:
        # Seconds the server asked the caller to wait, or None when it did not say.
        self.retry_after = retry_after
        super().__init__(
            status_code=status_code, method=method, url=url, error_messages=error_messages, errors=errors
        )

    def _fields(self) -> dict[str, object]:
        return {**super()._fields(), "retry_after": self.retry_after}


class RateLimitedError(_RetryAfterError):
    """429: a rate limit refused the request; `retry_after` says how long to wait, when known.

    `reason` is Jira's `RateLimit-Reason` header (`jira-burst-based`, `jira-per-issue-on-write`,
    `jira-quota-tenant-based`, `jira-quota-global-based`), or None when it was not sent. `is_quota` says
    whether a quota refused the request: it lasts until the quota resets, so retrying sooner only fails again.
    """

    def __init__(
        self,
        *,
        status_code: int,
        method: str,
        url: str,
        error_messages: list[str] | None = None,
        errors: dict[str, str] | None = None,
        retry_after: float | None = None,
        reason: str | None = None,
    ) -> None:
        self.reason = reason
        super().__init__(
            status_code=status_code,
            method=method,
            url=url,
            error_messages=error_messages,
            errors=errors,
            retry_after=retry_after,
        )

    @property
    def is_quota(self) -> bool:
        return is_quota_reason(self.reason)

    def _describe(self) -> str:
        described = super()._describe()
        return described if self.reason is None else f"{described} (limit: {self.reason})"

    def _fields(self) -> dict[str, object]:
        return {**super()._fields(), "reason": self.reason}


class ServiceUnavailableError(_RetryAfterError):
    """503: the service is overloaded or down; it may send `Retry-After` like a 429."""


class ServerError(JiraApiError):
    """Any other 5xx status."""


class UnexpectedStatusError(JiraApiError):
    """An error status that none of the other classes describes."""


_BY_STATUS: Mapping[int, type[JiraApiError]] = {
    400: BadRequestError,
    401: UnauthorizedError,
    403: ForbiddenError,
    404: NotFoundError,
    413: PayloadTooLargeError,
    415: UnsupportedMediaTypeError,
    429: RateLimitedError,
    503: ServiceUnavailableError,
}


def parse_error_body(content: bytes, content_type: str = "") -> tuple[list[str], dict[str, str]]:
    """Jira's `{"errorMessages": [...], "errors": {...}}`; anything unparseable yields `([], {})`.

    A short `text/plain` body (Jira Cloud's 401) becomes the one message.
    """
    if content_type.lower().startswith("text/plain"):
        text = content.decode("utf-8", errors="replace").strip()
        return ([text] if text and len(text) <= _MAX_PLAIN_TEXT_MESSAGE else []), {}
    try:
        data = json.loads(content)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return [], {}
    if not isinstance(data, dict):
        return [], {}

    messages: list[str] = []
    raw_messages = data.get("errorMessages")
    if isinstance(raw_messages, list):
        messages.extend(item for item in raw_messages if isinstance(item, str))
    messages.extend(
        value for key in _SINGLE_MESSAGE_KEYS if isinstance(value := data.get(key), str) and value
    )

    field_errors: dict[str, str] = {}
    raw_errors = data.get("errors")
    if isinstance(raw_errors, dict):
        # Values are meant to be strings; numbers are kept as text, nested structures are dropped.
        field_errors = {
            str(name): str(text)
            for name, text in raw_errors.items()
            if isinstance(text, str | int | float) and not isinstance(text, bool)
        }
    elif isinstance(raw_errors, list):
        # Some Atlassian gateways answer with a list of `{"title"/"detail"/"message": ...}` objects.
        for entry in raw_errors:
            if isinstance(entry, dict):
                messages.extend(
                    value
                    for key in ("title", *_SINGLE_MESSAGE_KEYS)
                    if isinstance(value := entry.get(key), str) and value
                )
    return messages, field_errors


def safe_url(url: httpx.URL) -> str:
    """The URL as text with any `user:password@` part removed."""
    if url.userinfo:
        url = url.copy_with(username=None, password=None)
    return str(url)


def error_for_response(response: httpx.Response, *, now: datetime | None = None) -> JiraApiError | None:
    """The typed error for an error response, or None below 400. The body must already be read."""
    status = response.status_code
    if status < 400:
        return None
    cls = _BY_STATUS.get(status)
    if cls is None:
        cls = ServerError if status >= 500 else UnexpectedStatusError
    messages, field_errors = parse_error_body(response.content, response.headers.get("Content-Type", ""))
    try:
        method, url = response.request.method, safe_url(response.request.url)
    except RuntimeError:
        # A response built by hand has no request; the error is still worth raising.
        method, url = "?", "?"
    if issubclass(cls, RateLimitedError):
        return cls(
            status_code=status,
            method=method,
            url=url,
            error_messages=messages,
            errors=field_errors,
            retry_after=server_delay(response.headers, now or datetime.now(UTC)),
            reason=response.headers.get("RateLimit-Reason") or None,
        )
    if issubclass(cls, _RetryAfterError):
        retry_after = parse_retry_after(response.headers.get("Retry-After"), now or datetime.now(UTC))
        return cls(
            status_code=status,
            method=method,
            url=url,
            error_messages=messages,
            errors=field_errors,
            retry_after=retry_after,
        )
    return cls(status_code=status, method=method, url=url, error_messages=messages, errors=field_errors)


def error_for_unexpected_response(response: httpx.Response, *, problem: str | None = None) -> JiraApiError:
    """The typed error for an answer that is not one of the operation's documented successes.

    Error statuses get their `JiraApiError` subclass; anything else below 400 (a redirect, an undocumented
    2xx, or a documented status whose body has another shape, described by `problem`) is an
    `UnexpectedStatusError`. Reads the body first when it is still a stream.
    """
    response.read()
    error = error_for_response(response)
    if error is not None:
        return error
    try:
        method, url = response.request.method, safe_url(response.request.url)
    except RuntimeError:
        method, url = "?", "?"
    return UnexpectedStatusError(
        status_code=response.status_code,
        method=method,
        url=url,
        error_messages=[problem or f"undocumented answer {response.status_code} for this operation"],
    )
