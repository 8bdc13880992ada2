from http import HTTPStatus
from typing import Any

import httpx
from jira_remote_links.errors import error_for_unexpected_response

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.jobs_api_error import JobsApiError
from ...models.link_update_job_status import LinkUpdateJobStatus
from ...types import Response, quote_path_segment


def _get_kwargs(
    site_id: str,
    job_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": f"/links/v1/{quote_path_segment(str(site_id))}/jobs/status/{quote_path_segment(str(job_id))}",
    }

    # Jira Cloud has answered 415 to bodyless requests without a JSON content type.
    _kwargs["headers"] = {"Content-Type": "application/json"}
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> JobsApiError | LinkUpdateJobStatus | None:
    if response.status_code == 200:
        response_200 = LinkUpdateJobStatus.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = JobsApiError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = JobsApiError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = JobsApiError.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = JobsApiError.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[JobsApiError | LinkUpdateJobStatus]:
    parsed: JobsApiError | LinkUpdateJobStatus | None
    try:
        parsed = _parse_response(client=client, response=response)
    except (ValueError, TypeError, KeyError, AttributeError):
        # A body that is not the documented shape (a proxy's HTML page, an array where one link is due)
        # leaves `parsed` empty; the status, headers and raw content still tell the caller what came back.
        parsed = None
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=parsed,
    )


def _parse_success(response: httpx.Response) -> LinkUpdateJobStatus:
    """The documented success answer; a typed `JiraApiError` for anything else."""
    try:
        return _parse_documented_success(response)
    except (ValueError, TypeError, KeyError, AttributeError):
        if response.status_code >= 400:
            raise
        raise error_for_unexpected_response(
            response, problem="the body does not have the documented shape"
        ) from None


def _parse_documented_success(response: httpx.Response) -> LinkUpdateJobStatus:
    if response.status_code == 200:
        response_200 = LinkUpdateJobStatus.from_dict(response.json())

        return response_200

    raise error_for_unexpected_response(response)


def sync_detailed(
    site_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[JobsApiError | LinkUpdateJobStatus]:
    """Get the status of a link-update job

     Reports where a job stands. Poll it until the status is terminal (`Complete` or `Error`).
    The answer is JSON; its field names are not published.

    Args:
        site_id (str):
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobsApiError | LinkUpdateJobStatus]
    """

    kwargs = _get_kwargs(
        site_id=site_id,
        job_id=job_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    site_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> LinkUpdateJobStatus:
    """Get the status of a link-update job

     Reports where a job stands. Poll it until the status is terminal (`Complete` or `Error`).
    The answer is JSON; its field names are not published.

    Args:
        site_id (str):
        job_id (str):

    Raises:
        jira_remote_links.errors.JiraApiError: A subclass per error status (NotFoundError, RateLimitedError, ...); UnexpectedStatusError for any other answer that is not a documented success.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LinkUpdateJobStatus
    """

    kwargs = _get_kwargs(
        site_id=site_id,
        job_id=job_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(response)


async def asyncio_detailed(
    site_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[JobsApiError | LinkUpdateJobStatus]:
    """Get the status of a link-update job

     Reports where a job stands. Poll it until the status is terminal (`Complete` or `Error`).
    The answer is JSON; its field names are not published.

    Args:
        site_id (str):
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobsApiError | LinkUpdateJobStatus]
    """

    kwargs = _get_kwargs(
        site_id=site_id,
        job_id=job_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    site_id: str,
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> LinkUpdateJobStatus:
    """Get the status of a link-update job

     Reports where a job stands. Poll it until the status is terminal (`Complete` or `Error`).
    The answer is JSON; its field names are not published.

    Args:
        site_id (str):
        job_id (str):

    Raises:
        jira_remote_links.errors.JiraApiError: A subclass per error status (NotFoundError, RateLimitedError, ...); UnexpectedStatusError for any other answer that is not a documented success.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LinkUpdateJobStatus
    """

    kwargs = _get_kwargs(
        site_id=site_id,
        job_id=job_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(response)
