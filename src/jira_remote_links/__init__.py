"""A typed client for Jira Cloud issue remote links and link-update jobs, built on the generated client.

`connect_jira` and `connect_jobs` return a `JiraClient` (the generated `jira_remote_links_client.Client`,
closing both its sync and async connections), ready for every generated function (sync and async): basic
auth, JSON headers, timeouts, TLS verification, REST v2 or v3, retries that follow Atlassian's rate-limit
guidance, and typed errors from `jira_remote_links.errors`. `jira_remote_links.links` holds the typed
everyday calls (list, get by globalId, upsert, replace, delete), a partial update and a Confluence-page link.
"""

import importlib.metadata

from jira_remote_links.connect import ApiVersion, JiraClient, connect_jira, connect_jobs
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
)
from jira_remote_links.retry import RetryPolicy
from jira_remote_links.transport import AsyncRetryingTransport, RetryingTransport

# The version is written once, in pyproject.toml; the installed metadata carries it here.
__version__ = importlib.metadata.version("jira-remote-links")

__all__ = [
    "ApiVersion",
    "AsyncRetryingTransport",
    "BadRequestError",
    "ForbiddenError",
    "JiraApiError",
    "JiraClient",
    "NotFoundError",
    "PayloadTooLargeError",
    "RateLimitedError",
    "RetryPolicy",
    "RetryingTransport",
    "ServerError",
    "ServiceUnavailableError",
    "UnauthorizedError",
    "UnexpectedStatusError",
    "UnsupportedMediaTypeError",
    "__version__",
    "connect_jira",
    "connect_jobs",
    "error_for_response",
]
