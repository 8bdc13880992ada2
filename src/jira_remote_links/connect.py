"""The documented way to build a generated `Client` for a Jira site or for the link-update jobs API.

The generated `Client` is kept as it is; this module hands it ready-made httpx clients (sync and async)
that carry what the generator cannot express: basic auth from an email and API token, JSON headers on
every request (Jira Cloud answers 415 to a bodyless DELETE without `Content-Type: application/json`),
a timeout and TLS verification by default, retries, typed errors for error statuses, the REST version
(2 or 3) to speak, and closing that releases both the sync and the async connections. Raising in a
response hook means the generated code never parses an error body, whatever its shape.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Awaitable, Callable, Mapping
from types import MappingProxyType
from typing import Any, Literal

import attrs
import httpx

from jira_remote_links.errors import error_for_response
from jira_remote_links.retry import RetryPolicy
from jira_remote_links.transport import AsyncRetryingTransport, RetryingTransport
from jira_remote_links_client import Client

__all__ = [
    "DEFAULT_JOBS_BASE_URL",
    "JSON_HEADERS",
    "ApiVersion",
    "JiraClient",
    "connect_jira",
    "connect_jobs",
]

DEFAULT_JOBS_BASE_URL = "https://api.atlassian.com"
# Read-only, so no caller can change the headers of clients built later.
JSON_HEADERS: Mapping[str, str] = MappingProxyType(
    {"Accept": "application/json", "Content-Type": "application/json"}
)
_DEFAULT_POLICY = RetryPolicy()

ApiVersion = Literal[2, 3]
_REST_V2 = "/rest/api/2/"


@attrs.define
class JiraClient(Client):
    """The generated `Client`, closing both of its httpx clients (and so both transports) when closed.

    The generated client closes only the sync httpx client on `with` and only the async one on
    `async with`; this one closes both either way, and adds `close()` and `aclose()`.
    """

    api_version: int = attrs.field(default=2, kw_only=True)

    def close(self) -> None:
        """Close the sync client and the async one.

        Async connections belong to the event loop that opened them: when async calls were made, close the
        client in that loop (`async with`, or `await client.aclose()`), which closes both.
        """
        self.get_httpx_client().close()
        async_client = self.get_async_httpx_client()
        if async_client.is_closed:
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            pass
        else:
            raise RuntimeError("JiraClient.close() inside a running event loop: use `await client.aclose()`")
        try:
            asyncio.run(async_client.aclose())
        except RuntimeError as error:
            raise RuntimeError(
                "the async connections were opened in an event loop that has ended; close the client inside "
                "that loop (`async with client` or `await client.aclose()`)"
            ) from error

    async def aclose(self) -> None:
        """Close both the async and the sync client."""
        await self.get_async_httpx_client().aclose()
        self.get_httpx_client().close()

    def __exit__(self, *args: object, **kwargs: object) -> None:
        self.close()

    async def __aexit__(self, *args: object, **kwargs: object) -> None:
        await self.aclose()


def connect_jira(
    base_url: str,
    *,
    email: str,
    api_token: str,
    timeout: float = 30.0,
    retry: RetryPolicy | None = _DEFAULT_POLICY,
    verify: bool | ssl.SSLContext = True,
    transport: httpx.BaseTransport | None = None,
    async_transport: httpx.AsyncBaseTransport | None = None,
    api_version: ApiVersion = 2,
) -> JiraClient:
    """A client for a Jira Cloud site, e.g. `https://your-site.atlassian.net`, with email + API token.

    Use it with every generated function, sync or async, and as a (async) context manager; closing it
    closes both its sync and async connections. Error statuses raise `jira_remote_links.errors.JiraApiError`
    subclasses. `retry=None` turns retrying off. `api_version=3` sends the remote-link requests of the
    generated v2 functions (and of `jira_remote_links.links`) to `/rest/api/3/`, which serves the same
    contract; the generated `*_v3` functions always use v3. `transport`/`async_transport` replace the
    network transports (the retrying layer still wraps them); they exist for tests and special set-ups,
    and make `verify` irrelevant.
    """
    url = validate_base_url(base_url)
    if api_version not in (2, 3) or isinstance(api_version, bool):
        raise ValueError(f"api_version must be 2 or 3, not {api_version!r}")
    _validate_credentials(email, api_token)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0:
        raise ValueError(f"timeout must be a number of seconds > 0, not {timeout!r}")
    if not isinstance(verify, bool | ssl.SSLContext):
        raise TypeError(f"verify must be a bool or an ssl.SSLContext, not {type(verify).__name__}")

    # One TLS context for both clients. When a transport is passed in, httpx ignores `verify`, so the
    # network transports are built here and always get it.
    tls = tls_context(verify)
    sync_inner = transport or httpx.HTTPTransport(verify=tls)
    async_inner = async_transport or httpx.AsyncHTTPTransport(verify=tls)
    sync_transport: httpx.BaseTransport = sync_inner
    async_transport_: httpx.AsyncBaseTransport = async_inner
    if retry is not None:
        sync_transport = RetryingTransport(sync_inner, retry)
        async_transport_ = AsyncRetryingTransport(async_inner, retry)

    httpx_timeout = httpx.Timeout(float(timeout))
    # The token lives only inside httpx.BasicAuth (whose repr is the default object repr), never in
    # the generated Client's fields, so neither client's repr can show it.
    common: dict[str, Any] = {
        "base_url": url,
        "headers": JSON_HEADERS,
        "timeout": httpx_timeout,
        "follow_redirects": False,
    }
    sync_hooks: dict[str, list[Any]] = {"response": [raise_for_error_status]}
    async_hooks: dict[str, list[Any]] = {"response": [async_raise_for_error_status]}
    if api_version == 3:
        to_v3 = _version_rewriter(url)
        sync_hooks["request"] = [to_v3]
        async_hooks["request"] = [_async_hook(to_v3)]
    sync_client = httpx.Client(
        auth=httpx.BasicAuth(email, api_token),
        transport=sync_transport,
        event_hooks=sync_hooks,
        **common,
    )
    async_client = httpx.AsyncClient(
        auth=httpx.BasicAuth(email, api_token),
        transport=async_transport_,
        event_hooks=async_hooks,
        **common,
    )
    client = JiraClient(
        base_url=url,
        headers=dict(JSON_HEADERS),
        timeout=httpx_timeout,
        verify_ssl=verify,
        raise_on_unexpected_status=False,
        api_version=api_version,
    )
    return client.set_httpx_client(sync_client).set_async_httpx_client(async_client)


def connect_jobs(
    base_url: str = DEFAULT_JOBS_BASE_URL,
    *,
    email: str,
    api_token: str,
    timeout: float = 30.0,
    retry: RetryPolicy | None = _DEFAULT_POLICY,
    verify: bool | ssl.SSLContext = True,
    transport: httpx.BaseTransport | None = None,
    async_transport: httpx.AsyncBaseTransport | None = None,
) -> JiraClient:
    """A client for Atlassian's link-update jobs API (`links/v1`), authenticated like `connect_jira`.

    Scheduling a job is a POST without a `globalId`, so it is never retried: a second job would run.
    """
    return connect_jira(
        base_url,
        email=email,
        api_token=api_token,
        timeout=timeout,
        retry=retry,
        verify=verify,
        transport=transport,
        async_transport=async_transport,
    )


def _version_rewriter(base_url: str) -> Callable[[httpx.Request], None]:
    """A request hook that moves `{base}/rest/api/2/...` to `{base}/rest/api/3/...`."""
    v2_prefix = httpx.URL(base_url).raw_path.decode("ascii").rstrip("/") + _REST_V2
    v3_prefix = v2_prefix[: -len(_REST_V2)] + "/rest/api/3/"

    def to_v3(request: httpx.Request) -> None:
        # raw_path keeps the percent-encoding of each segment, so a `%2F` inside a key stays one segment.
        raw = request.url.raw_path.decode("ascii")
        if raw.startswith(v2_prefix):
            request.url = request.url.copy_with(raw_path=(v3_prefix + raw[len(v2_prefix) :]).encode("ascii"))

    return to_v3


def _async_hook(hook: Callable[[httpx.Request], None]) -> Callable[[httpx.Request], Awaitable[None]]:
    async def run(request: httpx.Request) -> None:
        hook(request)

    return run


def tls_context(verify: bool | ssl.SSLContext) -> ssl.SSLContext:
    """httpx's TLS context for `verify` (certifi's CA bundle when True)."""
    return httpx.create_ssl_context(verify=verify)


def validate_base_url(base_url: str) -> str:
    """The base URL without a trailing slash; ValueError unless it is an absolute http(s) URL."""
    if not isinstance(base_url, str) or not base_url.strip():
        raise ValueError(f"base_url must be an http:// or https:// URL, not {base_url!r}")
    try:
        parsed = httpx.URL(base_url.strip())
    except httpx.InvalidURL:
        # The message may quote the URL, which could hold a password; say only what is wrong.
        raise ValueError("base_url is not a valid URL") from None
    if parsed.userinfo:
        raise ValueError("base_url must not contain credentials; pass email and api_token instead")
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise ValueError(f"base_url must be an http:// or https:// URL with a host, not {base_url!r}")
    if parsed.query or parsed.fragment:
        raise ValueError(f"base_url must not have a query or fragment, not {base_url!r}")
    return str(parsed).rstrip("/")


def _validate_credentials(email: str, api_token: str) -> None:
    if not isinstance(email, str) or not email.strip():
        raise ValueError(f"email must be a non-empty string, not {email!r}")
    if ":" in email:
        # Basic auth joins user and password with ":", so the server would split the email there.
        raise ValueError(f"email must not contain ':', not {email!r}")
    # Messages about the token never include it.
    if not isinstance(api_token, str):
        raise ValueError("api_token must be a string")
    if not api_token.strip():
        raise ValueError("api_token must not be empty")


def raise_for_error_status(response: httpx.Response) -> None:
    """Response hook: read the body and raise the typed error for statuses >= 400."""
    if response.status_code < 400:
        return
    response.read()
    _raise_if_error(response)


async def async_raise_for_error_status(response: httpx.Response) -> None:
    """The async response hook; same as `raise_for_error_status`."""
    if response.status_code < 400:
        return
    await response.aread()
    _raise_if_error(response)


def _raise_if_error(response: httpx.Response) -> None:
    error = error_for_response(response)
    if error is not None:
        raise error
