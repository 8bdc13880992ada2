from http import HTTPStatus
from typing import Any

import httpx
from jira_remote_links.errors import error_for_unexpected_response

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.jobs_api_error import JobsApiError
from ...models.link_update_job_request import LinkUpdateJobRequest
from ...models.link_update_job_scheduled import LinkUpdateJobScheduled
from ...types import Response, quote_path_segment


def _get_kwargs(
    site_id: str,
    *,
    body: LinkUpdateJobRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": f"/links/v1/{quote_path_segment(str(site_id))}/jobs/cma",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> JobsApiError | LinkUpdateJobScheduled | None:
    if response.status_code == 200:
        response_200 = LinkUpdateJobScheduled.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = JobsApiError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = JobsApiError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = JobsApiError.from_dict(response.json())

        return response_403

    if response.status_code == 429:
        response_429 = JobsApiError.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[JobsApiError | LinkUpdateJobScheduled]:
    parsed: JobsApiError | LinkUpdateJobScheduled | None
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


def _parse_success(response: httpx.Response) -> LinkUpdateJobScheduled:
    """The documented success answer; a typed `JiraApiError` for anything else."""
    try:
        return _parse_documented_success(response)
    except (ValueError, TypeError, KeyError, AttributeError):
        if response.status_code >= 400:
            raise
        raise error_for_unexpected_response(
            response, problem="the body does not have the documented shape"
        ) from None


def _parse_documented_success(response: httpx.Response) -> LinkUpdateJobScheduled:
    if response.status_code == 200:
        response_200 = LinkUpdateJobScheduled.from_dict(response.json())

        return response_200

    raise error_for_unexpected_response(response)


def sync_detailed(
    site_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: LinkUpdateJobRequest,
) -> Response[JobsApiError | LinkUpdateJobScheduled]:
    """Schedule a link-update job

     Queues a job that rewrites the links of one cloud product after a migration so they point at
    `destinationURL`. With `recreateAsRemote`, links that were local before a Data Center site was
    split into several cloud sites are recreated as remote links; that works only for Jira and only
    within two weeks of the migration. Jobs may be repeated; links already updated are skipped.

    The answer is 200 with the new job's id in `uuid` (Atlassian's reference, schema
    `ScheduledJobDTO`). Only API-token basic auth is accepted (the `basicAuth` scheme): Forge and OAuth
    2.0
    apps cannot call it.

    Args:
        site_id (str):
        body (LinkUpdateJobRequest): What a link-update job should do (Atlassian's reference). The
            flags are booleans in the reference
            and the strings "true"/"false" in Atlassian's guide, so both are accepted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobsApiError | LinkUpdateJobScheduled]
    """

    kwargs = _get_kwargs(
        site_id=site_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    site_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: LinkUpdateJobRequest,
) -> LinkUpdateJobScheduled:
    """Schedule a link-update job

     Queues a job that rewrites the links of one cloud product after a migration so they point at
    `destinationURL`. With `recreateAsRemote`, links that were local before a Data Center site was
    split into several cloud sites are recreated as remote links; that works only for Jira and only
    within two weeks of the migration. Jobs may be repeated; links already updated are skipped.

    The answer is 200 with the new job's id in `uuid` (Atlassian's reference, schema
    `ScheduledJobDTO`). Only API-token basic auth is accepted (the `basicAuth` scheme): Forge and OAuth
    2.0
    apps cannot call it.

    Args:
        site_id (str):
        body (LinkUpdateJobRequest): What a link-update job should do (Atlassian's reference). The
            flags are booleans in the reference
            and the strings "true"/"false" in Atlassian's guide, so both are accepted.

    Raises:
        jira_remote_links.errors.JiraApiError: A subclass per error status (NotFoundError, RateLimitedError, ...); UnexpectedStatusError for any other answer that is not a documented success.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LinkUpdateJobScheduled
    """

    kwargs = _get_kwargs(
        site_id=site_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(response)


async def asyncio_detailed(
    site_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: LinkUpdateJobRequest,
) -> Response[JobsApiError | LinkUpdateJobScheduled]:
    """Schedule a link-update job

     Queues a job that rewrites the links of one cloud product after a migration so they point at
    `destinationURL`. With `recreateAsRemote`, links that were local before a Data Center site was
    split into several cloud sites are recreated as remote links; that works only for Jira and only
    within two weeks of the migration. Jobs may be repeated; links already updated are skipped.

    The answer is 200 with the new job's id in `uuid` (Atlassian's reference, schema
    `ScheduledJobDTO`). Only API-token basic auth is accepted (the `basicAuth` scheme): Forge and OAuth
    2.0
    apps cannot call it.

    Args:
        site_id (str):
        body (LinkUpdateJobRequest): What a link-update job should do (Atlassian's reference). The
            flags are booleans in the reference
            and the strings "true"/"false" in Atlassian's guide, so both are accepted.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobsApiError | LinkUpdateJobScheduled]
    """

    kwargs = _get_kwargs(
        site_id=site_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    site_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: LinkUpdateJobRequest,
) -> LinkUpdateJobScheduled:
    """Schedule a link-update job

     Queues a job that rewrites the links of one cloud product after a migration so they point at
    `destinationURL`. With `recreateAsRemote`, links that were local before a Data Center site was
    split into several cloud sites are recreated as remote links; that works only for Jira and only
    within two weeks of the migration. Jobs may be repeated; links already updated are skipped.

    The answer is 200 with the new job's id in `uuid` (Atlassian's reference, schema
    `ScheduledJobDTO`). Only API-token basic auth is accepted (the `basicAuth` scheme): Forge and OAuth
    2.0
    apps cannot call it.

    Args:
        site_id (str):
        body (LinkUpdateJobRequest): What a link-update job should do (Atlassian's reference). The
            flags are booleans in the reference
            and the strings "true"/"false" in Atlassian's guide, so both are accepted.

    Raises:
        jira_remote_links.errors.JiraApiError: A subclass per error status (NotFoundError, RateLimitedError, ...); UnexpectedStatusError for any other answer that is not a documented success.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LinkUpdateJobScheduled
    """

    kwargs = _get_kwargs(
        site_id=site_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(response)
