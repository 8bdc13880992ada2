"""Error responses become typed exceptions carrying Jira's messages, whatever the body looks like."""

from __future__ import annotations

import base64
import json
import pickle
from datetime import UTC, datetime

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jira_remote_links.errors import (
    BadRequestError,
    ForbiddenError,
    JiraApiError,
    NotFoundError,
    PayloadTooLargeError,
    RateLimitedError,
    ServerError,
    ServiceUnavailableError,
    UnauthorizedError,
    UnexpectedStatusError,
    UnsupportedMediaTypeError,
    error_for_response,
    parse_error_body,
)

TOKEN = "s3cr3t-api-token-value"
URL = "https://example.atlassian.net/rest/api/2/issue/MKY-1/remotelink/10"
NOW = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)


def make_response(
    status: int,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
    *,
    method: str = "GET",
    url: str = URL,
) -> httpx.Response:
    request = httpx.Request(method, url, headers={"Authorization": basic(TOKEN)})
    return httpx.Response(status, content=body, headers=headers or {}, request=request)


def basic(token: str) -> str:
    return "Basic " + base64.b64encode(f"demo@example.com:{token}".encode()).decode()


def jira_body(messages: list[str], errors: dict[str, str]) -> bytes:
    return json.dumps({"errorMessages": messages, "errors": errors}).encode()


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (400, BadRequestError),
        (401, UnauthorizedError),
        (403, ForbiddenError),
        (404, NotFoundError),
        (413, PayloadTooLargeError),
        (415, UnsupportedMediaTypeError),
        (429, RateLimitedError),
        (503, ServiceUnavailableError),
        (500, ServerError),
        (502, ServerError),
        (504, ServerError),
        (409, UnexpectedStatusError),
        (418, UnexpectedStatusError),
    ],
)
def test_each_status_has_its_class(status: int, expected: type[JiraApiError]) -> None:
    body = jira_body(["Issue does not exist or you do not have permission to see it."], {"title": "bad"})
    error = error_for_response(make_response(status, body, method="DELETE"))
    assert type(error) is expected
    assert isinstance(error, JiraApiError)
    assert error.status_code == status
    assert error.method == "DELETE"
    assert error.url == URL
    assert error.error_messages == ["Issue does not exist or you do not have permission to see it."]
    assert error.errors == {"title": "bad"}


@pytest.mark.parametrize("status", [200, 201, 204, 302, 399])
def test_success_and_redirect_statuses_are_not_errors(status: int) -> None:
    assert error_for_response(make_response(status)) is None


def test_str_names_status_method_url_and_every_message() -> None:
    body = jira_body(["Something went wrong."], {"title": "'title' is required.", "url": "bad url"})
    text = str(error_for_response(make_response(400, body, method="POST")))
    assert text.startswith(f"400 POST {URL}: ")
    assert "Something went wrong." in text
    assert "title: 'title' is required." in text
    assert "url: bad url" in text


def test_str_says_so_when_the_body_has_no_message() -> None:
    text = str(error_for_response(make_response(500, b"<html>oops</html>")))
    assert text == f"500 GET {URL}: no error message in the response body"


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<html><body>Bad gateway</body></html>",
        b"\xff\xfe\x00garbage",
        b"null",
        b"42",
        b'"just a string"',
        b"[]",
        b'["a", "b"]',
        b"{}",
        b'{"errorMessages": "not a list", "errors": ["not", "a", "dict"]}',
        b'{"errorMessages": null, "errors": null}',
        b"[" * 100_000,
    ],
)
def test_unusual_bodies_give_empty_messages_not_a_crash(body: bytes) -> None:
    error = error_for_response(make_response(503, body))
    assert isinstance(error, ServiceUnavailableError)
    assert error.error_messages == []
    assert error.errors == {}


def test_malformed_entries_are_dropped_and_numbers_kept_as_text() -> None:
    body = b'{"errorMessages": ["kept", 1, null, {"x": 1}], "errors": {"a": "text", "b": 7, "c": {"n": 1}, "d": true}}'
    assert parse_error_body(body) == (["kept"], {"a": "text", "b": "7"})


def test_single_message_shapes_of_other_gateways_are_understood() -> None:
    assert parse_error_body(b'{"code": 401, "message": "Unauthorized"}') == (["Unauthorized"], {})
    assert parse_error_body(b'{"errors": [{"title": "Bad", "detail": "siteId unknown"}]}') == (
        ["Bad", "siteId unknown"],
        {},
    )


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=30,
)


@given(
    value=st.fixed_dictionaries(
        {}, optional={"errorMessages": json_values, "errors": json_values, "message": json_values}
    )
    | json_values
)
def test_any_json_parses_into_strings(value: object) -> None:
    messages, errors = parse_error_body(json.dumps(value).encode())
    assert all(isinstance(message, str) for message in messages)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in errors.items())


@given(body=st.binary(max_size=200))
def test_any_bytes_parse_without_raising(body: bytes) -> None:
    messages, errors = parse_error_body(body)
    assert isinstance(messages, list)
    assert isinstance(errors, dict)


def test_rate_limited_error_carries_retry_after_seconds() -> None:
    error = error_for_response(make_response(429, b"{}", {"Retry-After": "7"}))
    assert isinstance(error, RateLimitedError)
    assert error.retry_after == 7.0


def test_retry_after_as_http_date_becomes_seconds() -> None:
    headers = {"Retry-After": "Thu, 01 Jan 2026 12:00:30 GMT"}
    error = error_for_response(make_response(503, b"{}", headers), now=NOW)
    assert isinstance(error, ServiceUnavailableError)
    assert error.retry_after == 30.0


def test_missing_or_bad_retry_after_is_none() -> None:
    for headers in ({}, {"Retry-After": "soon"}, {"Retry-After": "-3"}):
        error = error_for_response(make_response(429, b"{}", headers))
        assert isinstance(error, RateLimitedError)
        assert error.retry_after is None


def test_credentials_never_appear_in_an_error() -> None:
    url = f"https://demo%40example.com:{TOKEN}@example.atlassian.net/rest/api/2/issue/MKY-1/remotelink"
    error = error_for_response(make_response(401, jira_body(["Unauthorized"], {}), url=url))
    assert error is not None
    assert error.url == "https://example.atlassian.net/rest/api/2/issue/MKY-1/remotelink"
    for text in (str(error), repr(error), str(error.args), pickle.dumps(error).decode("latin-1")):
        assert TOKEN not in text
        assert basic(TOKEN).split()[1] not in text
        assert "Authorization" not in text


def test_errors_survive_pickling_with_all_fields() -> None:
    error = error_for_response(make_response(429, jira_body(["slow down"], {"f": "x"}), {"Retry-After": "2"}))
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is RateLimitedError
    assert copy.retry_after == 2.0
    assert (copy.status_code, copy.method, copy.url) == (429, "GET", URL)
    assert (copy.error_messages, copy.errors) == (["slow down"], {"f": "x"})
    assert str(copy) == str(error)


def test_a_response_without_a_request_still_gives_an_error() -> None:
    error = error_for_response(httpx.Response(404, content=jira_body(["gone"], {})))
    assert isinstance(error, NotFoundError)
    assert error.error_messages == ["gone"]


def test_rate_limited_error_carries_the_reason_and_whether_it_is_a_quota() -> None:
    headers = {"RateLimit-Reason": "jira-quota-tenant-based", "X-RateLimit-Reset": "2026-01-01T13:00:00Z"}
    error = error_for_response(make_response(429, b"", headers), now=NOW)
    assert isinstance(error, RateLimitedError)
    assert error.reason == "jira-quota-tenant-based"
    assert error.is_quota
    # No Retry-After: the time to wait is the reset time (an hour here).
    assert error.retry_after == 3600.0
    assert "jira-quota-tenant-based" in str(error)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.reason, copy.retry_after) == ("jira-quota-tenant-based", 3600.0)


def test_a_burst_429_is_not_a_quota_and_beta_retry_after_counts() -> None:
    headers = {"RateLimit-Reason": "jira-burst-based", "Beta-Retry-After": "3"}
    error = error_for_response(make_response(429, b"", headers))
    assert isinstance(error, RateLimitedError)
    assert not error.is_quota
    assert error.retry_after == 3.0
    bare = error_for_response(make_response(429, b""))
    assert isinstance(bare, RateLimitedError)
    assert bare.reason is None
    assert not bare.is_quota


def test_a_plain_text_401_becomes_the_message() -> None:
    text = b"Client must be authenticated to access this resource."
    error = error_for_response(make_response(401, text, {"Content-Type": "text/plain;charset=UTF-8"}))
    assert error is not None
    assert error.error_messages == ["Client must be authenticated to access this resource."]


def test_a_long_plain_text_page_is_not_repeated_as_a_message() -> None:
    error = error_for_response(make_response(502, b"x" * 5000, {"Content-Type": "text/plain"}))
    assert error is not None
    assert error.error_messages == []
