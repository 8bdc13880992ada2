"""connect_jira / connect_jobs: what every request carries, typed errors, defaults and argument checks."""

from __future__ import annotations

import base64
import inspect
import json
import logging
import ssl

import anyio
import httpx
import pytest

import jira_remote_links
from jira_remote_links import (
    JiraApiError,
    JiraClient,
    NotFoundError,
    RateLimitedError,
    RetryPolicy,
    ServerError,
    ServiceUnavailableError,
    UnauthorizedError,
    connect_jira,
    connect_jobs,
)
from jira_remote_links.connect import tls_context
from jira_remote_links.transport import AsyncRetryingTransport, RetryingTransport
from jira_remote_links_client import Client
from jira_remote_links_client.api.issue_remote_links import (
    create_or_update_remote_issue_link,
    delete_remote_issue_link_by_global_id,
    delete_remote_issue_link_by_id,
    get_remote_issue_link_by_id,
    get_remote_issue_links,
    update_remote_issue_link,
)
from jira_remote_links_client.api.link_update_jobs import get_link_update_job_status, schedule_link_update_job
from jira_remote_links_client.models import LinkUpdateJobRequest, RemoteIssueLinkRequest, RemoteObject

BASE = "https://example.atlassian.net"
EMAIL = "demo@example.com"
TOKEN = "s3cr3t-api-token-value"
ENCODED = base64.b64encode(f"{EMAIL}:{TOKEN}".encode()).decode()
# Retries without waiting, for tests that go through real retries.
NO_WAIT = RetryPolicy(base_delay=0.0, jitter=(1.0, 1.0))


class Recorder:
    """A handler answering from a fixed list of responses (the last one repeats) and recording requests."""

    def __init__(self, *responses: httpx.Response) -> None:
        self.responses = list(responses) or [httpx.Response(200, json=[])]
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.responses[min(len(self.requests), len(self.responses)) - 1]


def jira(recorder: Recorder, retry: RetryPolicy | None = NO_WAIT, base_url: str = BASE) -> Client:
    mock = httpx.MockTransport(recorder)
    return connect_jira(
        base_url, email=EMAIL, api_token=TOKEN, retry=retry, transport=mock, async_transport=mock
    )


def error_body(*messages: str, **errors: str) -> dict[str, object]:
    return {"errorMessages": list(messages), "errors": errors}


def link_body(global_id: str | None = "system=https://x&id=1") -> RemoteIssueLinkRequest:
    body = RemoteIssueLinkRequest(object_=RemoteObject(url="https://x/1", title="One"))
    if global_id is not None:
        body.global_id = global_id
    return body


def call_every_operation(client: Client) -> None:
    get_remote_issue_links.sync_detailed("MKY-1", client=client)
    get_remote_issue_links.sync_detailed("MKY-1", client=client, global_id="a=b&c")
    get_remote_issue_link_by_id.sync_detailed("MKY-1", "10", client=client)
    create_or_update_remote_issue_link.sync_detailed("MKY-1", client=client, body=link_body())
    update_remote_issue_link.sync_detailed("MKY-1", "10", client=client, body=link_body())
    delete_remote_issue_link_by_id.sync_detailed("MKY-1", "10", client=client)
    delete_remote_issue_link_by_global_id.sync_detailed("MKY-1", client=client, global_id="a=b&c")
    body = LinkUpdateJobRequest(
        product="jira",
        product_url="https://new.atlassian.net",
        destination_url="https://new.atlassian.net",
        migrated_from="https://jira.example.com",
    )
    schedule_link_update_job.sync_detailed("site", client=client, body=body)
    get_link_update_job_status.sync_detailed("site", "job", client=client)


def test_every_request_carries_auth_and_json_headers() -> None:
    recorder = Recorder(httpx.Response(204))
    call_every_operation(jira(recorder))
    assert len(recorder.requests) == 9
    for request in recorder.requests:
        assert request.headers["Authorization"] == f"Basic {ENCODED}", request.method
        assert request.headers["Accept"] == "application/json"
        assert request.headers["Content-Type"] == "application/json", (request.method, request.url)
        assert str(request.url).startswith(BASE + "/")


def test_bodyless_deletes_carry_content_type_without_a_body() -> None:
    recorder = Recorder(httpx.Response(204))
    client = jira(recorder)
    delete_remote_issue_link_by_id.sync_detailed("MKY-1", "10", client=client)
    delete_remote_issue_link_by_global_id.sync_detailed("MKY-1", client=client, global_id="g")
    for request in recorder.requests:
        assert request.method == "DELETE"
        assert request.headers["Content-Type"] == "application/json"
        assert request.content == b""


def test_global_id_is_percent_encoded_in_the_query() -> None:
    recorder = Recorder(httpx.Response(204))
    delete_remote_issue_link_by_global_id.sync_detailed("MKY-1", client=jira(recorder), global_id="a=b&c:d/e")
    request = recorder.requests[0]
    assert request.url.params["globalId"] == "a=b&c:d/e"
    assert list(request.url.params.keys()) == ["globalId"]


def test_error_statuses_raise_typed_errors_with_jira_messages() -> None:
    body = error_body("Issue does not exist or you do not have permission to see it.")
    client = jira(Recorder(httpx.Response(404, json=body)))
    with pytest.raises(NotFoundError) as caught:
        get_remote_issue_link_by_id.sync("MKY-99", "10", client=client)
    error = caught.value
    assert error.status_code == 404
    assert error.method == "GET"
    assert error.url == f"{BASE}/rest/api/2/issue/MKY-99/remotelink/10"
    assert error.error_messages == ["Issue does not exist or you do not have permission to see it."]


def test_field_errors_reach_the_exception() -> None:
    client = jira(Recorder(httpx.Response(400, json=error_body(title="'title' is required."))))
    with pytest.raises(JiraApiError) as caught:
        create_or_update_remote_issue_link.sync("MKY-1", client=client, body=link_body())
    assert caught.value.errors == {"title": "'title' is required."}
    assert "title: 'title' is required." in str(caught.value)


def test_non_json_error_bodies_raise_the_typed_error_not_a_decode_error() -> None:
    html = httpx.Response(503, text="<html>Service Unavailable</html>", headers={"Content-Type": "text/html"})
    client = jira(Recorder(html), retry=None)
    with pytest.raises(ServiceUnavailableError) as caught:
        get_remote_issue_links.sync("MKY-1", client=client)
    assert caught.value.error_messages == []


def test_undocumented_5xx_raises_server_error() -> None:
    client = jira(Recorder(httpx.Response(500, text="boom")))
    with pytest.raises(ServerError):
        update_remote_issue_link.sync_detailed("MKY-1", "10", client=client, body=link_body())


def test_429_is_retried_transparently() -> None:
    throttled = httpx.Response(429, json=error_body("Rate limited"), headers={"Retry-After": "0"})
    recorder = Recorder(throttled, throttled, httpx.Response(201, json={"id": 10, "self": "x"}))
    response = create_or_update_remote_issue_link.sync_detailed(
        "MKY-1", client=jira(recorder), body=link_body()
    )
    assert response.status_code == 201
    assert len(recorder.requests) == 3


def test_429_after_the_last_attempt_raises_with_retry_after() -> None:
    throttled = httpx.Response(429, json=error_body("Rate limited"), headers={"Retry-After": "0"})
    recorder = Recorder(throttled)
    with pytest.raises(RateLimitedError) as caught:
        get_remote_issue_links.sync("MKY-1", client=jira(recorder, retry=NO_WAIT))
    assert caught.value.retry_after == 0.0
    assert len(recorder.requests) == NO_WAIT.max_attempts


def test_post_without_global_id_is_not_retried_on_503() -> None:
    recorder = Recorder(httpx.Response(503, json=error_body(), headers={"Retry-After": "0"}))
    with pytest.raises(ServiceUnavailableError):
        create_or_update_remote_issue_link.sync("MKY-1", client=jira(recorder), body=link_body(None))
    assert len(recorder.requests) == 1


def test_scheduling_a_job_is_never_retried() -> None:
    recorder = Recorder(httpx.Response(503, json={}, headers={"Retry-After": "0"}))
    mock = httpx.MockTransport(recorder)
    client = connect_jobs(email=EMAIL, api_token=TOKEN, retry=NO_WAIT, transport=mock, async_transport=mock)
    body = LinkUpdateJobRequest(
        product="jira",
        product_url="https://a.atlassian.net",
        destination_url="https://b.atlassian.net",
        migrated_from="https://jira.example.com",
    )
    with pytest.raises(ServiceUnavailableError):
        schedule_link_update_job.sync("site", client=client, body=body)
    assert len(recorder.requests) == 1
    assert str(recorder.requests[0].url) == "https://api.atlassian.com/links/v1/site/jobs/cma"


def test_retry_none_sends_once() -> None:
    recorder = Recorder(httpx.Response(429, json=error_body(), headers={"Retry-After": "0"}))
    with pytest.raises(RateLimitedError):
        get_remote_issue_links.sync("MKY-1", client=jira(recorder, retry=None))
    assert len(recorder.requests) == 1


def test_async_functions_use_the_same_setup() -> None:
    async def main() -> None:
        throttled = httpx.Response(429, json=error_body(), headers={"Retry-After": "0"})
        recorder = Recorder(throttled, httpx.Response(200, json=[]))
        async with jira(recorder) as client:
            links = await get_remote_issue_links.asyncio("MKY-1", client=client)
            assert links == []
            assert len(recorder.requests) == 2
            request = recorder.requests[-1]
            assert request.headers["Authorization"] == f"Basic {ENCODED}"
            assert request.headers["Content-Type"] == "application/json"

        recorder = Recorder(httpx.Response(404, json=error_body("No link")), httpx.Response(401, text="no"))
        client = jira(recorder)
        with pytest.raises(NotFoundError) as caught:
            await delete_remote_issue_link_by_id.asyncio("MKY-1", "5", client=client)
        assert caught.value.error_messages == ["No link"]
        assert caught.value.method == "DELETE"
        assert recorder.requests[0].headers["Content-Type"] == "application/json"
        with pytest.raises(UnauthorizedError):
            await get_link_update_job_status.asyncio("site", "job", client=client)

    anyio.run(main)


def test_the_client_works_as_a_context_manager() -> None:
    recorder = Recorder(httpx.Response(200, json=[]))
    with jira(recorder) as client:
        assert get_remote_issue_links.sync("MKY-1", client=client) == []
    assert client.get_httpx_client().is_closed


def test_nothing_built_shows_the_token(caplog: pytest.LogCaptureFixture) -> None:
    throttled = httpx.Response(429, json=error_body(), headers={"Retry-After": "0"})
    recorder = Recorder(throttled, httpx.Response(401, json=error_body("Unauthorized")))
    client = jira(recorder)
    with caplog.at_level(logging.DEBUG), pytest.raises(UnauthorizedError) as caught:
        get_remote_issue_links.sync("MKY-1", client=client)
    sync_client = client.get_httpx_client()
    async_client = client.get_async_httpx_client()
    texts = [
        repr(client),
        str(client),
        repr(sync_client),
        repr(async_client),
        repr(sync_client.headers),
        repr(sync_client._transport),
        repr(async_client._transport),
        repr(sync_client.auth),
        str(caught.value),
        repr(caught.value),
        caplog.text,
    ]
    assert "Retrying GET" in caplog.text
    for text in texts:
        assert TOKEN not in text
        assert ENCODED not in text


def test_defaults_timeout_tls_and_retry() -> None:
    signature = inspect.signature(connect_jira)
    assert signature.parameters["verify"].default is True
    assert signature.parameters["timeout"].default == 30.0
    assert signature.parameters["retry"].default == RetryPolicy()

    client = connect_jira(BASE, email=EMAIL, api_token=TOKEN)
    sync_client = client.get_httpx_client()
    async_client = client.get_async_httpx_client()
    assert sync_client.timeout == httpx.Timeout(30.0)
    assert async_client.timeout == httpx.Timeout(30.0)
    assert str(sync_client.base_url).rstrip("/") == BASE
    sync_transport, async_transport = sync_client._transport, async_client._transport
    assert isinstance(sync_transport, RetryingTransport)
    assert isinstance(async_transport, AsyncRetryingTransport)
    assert sync_transport.policy == RetryPolicy()
    assert sync_client.follow_redirects is False
    # The network transports hold the TLS context; check it verifies certificates and host names.
    for transport in (sync_transport.inner, async_transport.inner):
        context = ssl_context_of(transport)
        assert context.verify_mode == ssl.CERT_REQUIRED
        assert context.check_hostname is True


def ssl_context_of(transport: object) -> ssl.SSLContext:
    """The context httpx's network transport hands to its connection pool (a private attribute)."""
    context = transport._pool._ssl_context  # type: ignore[attr-defined]
    assert isinstance(context, ssl.SSLContext)
    return context


def test_tls_verification_can_only_be_turned_off_explicitly() -> None:
    assert tls_context(True).verify_mode == ssl.CERT_REQUIRED
    off = connect_jira(BASE, email=EMAIL, api_token=TOKEN, verify=False)
    transport = off.get_httpx_client()._transport
    assert isinstance(transport, RetryingTransport)
    assert ssl_context_of(transport.inner).verify_mode == ssl.CERT_NONE
    custom = ssl.create_default_context()
    assert tls_context(custom) is custom


def test_trailing_slash_and_jobs_default_url() -> None:
    recorder = Recorder(httpx.Response(200, json=[]))
    get_remote_issue_links.sync("MKY-1", client=jira(recorder, base_url=BASE + "/"))
    assert str(recorder.requests[0].url) == f"{BASE}/rest/api/2/issue/MKY-1/remotelink"
    jobs = connect_jobs(email=EMAIL, api_token=TOKEN)
    assert str(jobs.get_httpx_client().base_url).rstrip("/") == "https://api.atlassian.com"


@pytest.mark.parametrize(
    ("base_url", "shown"),
    [
        ("", "''"),
        ("   ", "'   '"),
        ("ftp://example.com", "ftp://example.com"),
        ("example.atlassian.net", "example.atlassian.net"),
        ("https://", "https://"),
        ("https://example.com/?a=b", "?a=b"),
    ],
)
def test_bad_base_urls_are_named(base_url: str, shown: str) -> None:
    with pytest.raises(ValueError, match="base_url") as caught:
        connect_jira(base_url, email=EMAIL, api_token=TOKEN)
    assert shown in str(caught.value)


def test_credentials_in_the_base_url_are_refused_without_echoing_them() -> None:
    with pytest.raises(ValueError, match="credentials") as caught:
        connect_jira(f"https://demo:{TOKEN}@example.atlassian.net", email=EMAIL, api_token=TOKEN)
    assert TOKEN not in str(caught.value)


@pytest.mark.parametrize(
    ("email", "token", "named"),
    [
        ("", TOKEN, "email"),
        ("   ", TOKEN, "email"),
        ("a:b@example.com", TOKEN, "email"),
        (EMAIL, "", "api_token"),
        (EMAIL, "   ", "api_token"),
    ],
)
def test_bad_credentials_are_refused_without_echoing_the_token(email: str, token: str, named: str) -> None:
    with pytest.raises(ValueError, match=named) as caught:
        connect_jobs(email=email, api_token=token)
    assert TOKEN not in str(caught.value)


def test_a_non_string_token_is_refused_without_echoing_it() -> None:
    with pytest.raises(ValueError, match="api_token") as caught:
        connect_jira(BASE, email=EMAIL, api_token=12345)  # type: ignore[arg-type]
    assert "12345" not in str(caught.value)


@pytest.mark.parametrize("timeout", [0, -1.0, float("nan"), True])
def test_bad_timeouts_are_refused(timeout: float) -> None:
    with pytest.raises(ValueError, match="timeout"):
        connect_jira(BASE, email=EMAIL, api_token=TOKEN, timeout=timeout)


def test_package_exports() -> None:
    for name in ("connect_jira", "connect_jobs", "RetryPolicy", "JiraApiError", "NotFoundError"):
        assert name in jira_remote_links.__all__
        assert hasattr(jira_remote_links, name)
    assert json.loads(json.dumps(sorted(jira_remote_links.__all__))) == sorted(set(jira_remote_links.__all__))


def test_api_version_3_sends_the_remote_link_calls_to_rest_api_3() -> None:
    recorder = Recorder(httpx.Response(200, json=[]))
    seen_async: list[bytes] = []

    async def answer_async(request: httpx.Request) -> httpx.Response:
        seen_async.append(request.url.raw_path)
        return httpx.Response(204)

    client = connect_jira(
        f"{BASE}/jira",
        email=EMAIL,
        api_token=TOKEN,
        retry=NO_WAIT,
        transport=httpx.MockTransport(recorder),
        async_transport=httpx.MockTransport(answer_async),
        api_version=3,
    )
    get_remote_issue_links.sync_detailed("A/B", client=client, global_id="a=b&c")

    async def call_async() -> None:
        await delete_remote_issue_link_by_id.asyncio_detailed("MKY-1", "10", client=client)

    anyio.run(call_async)
    # The key's escaped slash stays escaped: the path moves, the segments do not change.
    assert [request.url.raw_path for request in recorder.requests] == [
        b"/jira/rest/api/3/issue/A%2FB/remotelink?globalId=a%3Db%26c"
    ]
    assert seen_async == [b"/jira/rest/api/3/issue/MKY-1/remotelink/10"]


def test_api_version_2_is_the_default_and_other_versions_are_refused() -> None:
    recorder = Recorder()
    get_remote_issue_links.sync_detailed("MKY-1", client=jira(recorder))
    assert recorder.requests[0].url.path == "/rest/api/2/issue/MKY-1/remotelink"
    with pytest.raises(ValueError, match="api_version must be 2 or 3, not 4"):
        connect_jira(BASE, email=EMAIL, api_token=TOKEN, api_version=4)  # type: ignore[arg-type]


class ClosingTransport(httpx.MockTransport):
    """A mock transport that remembers being closed, sync or async."""

    def __init__(self) -> None:
        super().__init__(Recorder())
        self.closed = False

    def close(self) -> None:
        self.closed = True

    async def aclose(self) -> None:
        self.closed = True


def closing_client() -> tuple[JiraClient, ClosingTransport, ClosingTransport]:
    sync_transport, async_transport = ClosingTransport(), ClosingTransport()
    client = connect_jira(
        BASE, email=EMAIL, api_token=TOKEN, transport=sync_transport, async_transport=async_transport
    )
    return client, sync_transport, async_transport


def test_closing_the_client_closes_both_transports() -> None:
    client, sync_transport, async_transport = closing_client()
    with client:
        get_remote_issue_links.sync_detailed("MKY-1", client=client)
    assert sync_transport.closed
    assert async_transport.closed


def test_async_closing_closes_both_transports() -> None:
    client, sync_transport, async_transport = closing_client()

    async def scenario() -> None:
        async with client:
            await get_remote_issue_links.asyncio_detailed("MKY-1", client=client)

    anyio.run(scenario)
    assert sync_transport.closed
    assert async_transport.closed


def test_close_and_aclose_without_a_with_block() -> None:
    client, sync_transport, async_transport = closing_client()
    client.close()
    assert (sync_transport.closed, async_transport.closed) == (True, True)
    client, sync_transport, async_transport = closing_client()
    anyio.run(client.aclose)
    assert (sync_transport.closed, async_transport.closed) == (True, True)


def test_a_quota_429_is_surfaced_at_once_with_its_reason() -> None:
    quota = httpx.Response(
        429,
        text="",
        headers={"RateLimit-Reason": "jira-quota-tenant-based", "Retry-After": "1800"},
    )
    recorder = Recorder(quota, httpx.Response(200, json=[]))
    with pytest.raises(RateLimitedError) as caught:
        get_remote_issue_links.sync("MKY-1", client=jira(recorder, retry=RetryPolicy(max_delay=3600.0)))
    assert len(recorder.requests) == 1
    assert caught.value.is_quota
    assert caught.value.retry_after == 1800.0


def test_a_429_without_retry_after_is_retried_after_beta_retry_after() -> None:
    throttled = httpx.Response(
        429,
        json=error_body("slow down"),
        headers={"Beta-Retry-After": "0", "RateLimit-Reason": "jira-burst-based"},
    )
    recorder = Recorder(throttled, httpx.Response(200, json=[]))
    assert get_remote_issue_links.sync("MKY-1", client=jira(recorder)) == []
    assert len(recorder.requests) == 2
