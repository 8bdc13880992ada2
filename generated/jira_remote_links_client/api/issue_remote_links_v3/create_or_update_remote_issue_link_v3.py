from http import HTTPStatus
from typing import Any, cast

import httpx
from jira_remote_links.errors import error_for_unexpected_response

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_collection import ErrorCollection
from ...models.remote_issue_link_identifies import RemoteIssueLinkIdentifies
from ...models.remote_issue_link_request import RemoteIssueLinkRequest
from ...types import Response, quote_path_segment


def _get_kwargs(
    issue_id_or_key: str,
    *,
    body: RemoteIssueLinkRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": f"/rest/api/3/issue/{quote_path_segment(str(issue_id_or_key))}/remotelink",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorCollection | RemoteIssueLinkIdentifies | str | None:
    if response.status_code == 200:
        response_200 = RemoteIssueLinkIdentifies.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = RemoteIssueLinkIdentifies.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ErrorCollection.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = response.text
        return response_401

    if response.status_code == 403:
        response_403 = ErrorCollection.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorCollection.from_dict(response.json())

        return response_404

    if response.status_code == 406:
        response_406 = cast(Any, None)
        return response_406

    if response.status_code == 413:
        response_413 = ErrorCollection.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = cast(Any, None)
        return response_415

    if response.status_code == 429:
        response_429 = ErrorCollection.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = ErrorCollection.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ErrorCollection | RemoteIssueLinkIdentifies | str]:
    parsed: Any | ErrorCollection | RemoteIssueLinkIdentifies | str | None
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


def _parse_success(response: httpx.Response) -> RemoteIssueLinkIdentifies:
    """The documented success answer; a typed `JiraApiError` for anything else."""
    try:
        return _parse_documented_success(response)
    except (ValueError, TypeError, KeyError, AttributeError):
        if response.status_code >= 400:
            raise
        raise error_for_unexpected_response(
            response, problem="the body does not have the documented shape"
        ) from None


def _parse_documented_success(response: httpx.Response) -> RemoteIssueLinkIdentifies:
    if response.status_code == 200:
        response_200 = RemoteIssueLinkIdentifies.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = RemoteIssueLinkIdentifies.from_dict(response.json())

        return response_201

    raise error_for_unexpected_response(response)


def sync_detailed(
    issue_id_or_key: str,
    *,
    client: AuthenticatedClient | Client,
    body: RemoteIssueLinkRequest,
) -> Response[Any | ErrorCollection | RemoteIssueLinkIdentifies | str]:
    """Create or update a remote issue link

     An upsert keyed on the issue and `globalId`. When the request carries a `globalId` and the issue
    already has a link with exactly that global id, that link is replaced: it keeps its id, and every
    field the request leaves out becomes null. Otherwise a new link is created, so a request without
    `globalId` creates a new link every time it is sent.

    Answers 201 with a `Location` header when a link was created and 200 when one was updated; both
    carry the link's id and URL. An issue holds at most 2,000 remote links; a create beyond that is
    refused with 413.

    Args:
        issue_id_or_key (str):
        body (RemoteIssueLinkRequest): A remote link to create or to replace. On an update every
            field left out becomes null, so send the
            whole link. A field set to null counts as left out.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorCollection | RemoteIssueLinkIdentifies | str]
    """

    kwargs = _get_kwargs(
        issue_id_or_key=issue_id_or_key,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    issue_id_or_key: str,
    *,
    client: AuthenticatedClient | Client,
    body: RemoteIssueLinkRequest,
) -> RemoteIssueLinkIdentifies:
    """Create or update a remote issue link

     An upsert keyed on the issue and `globalId`. When the request carries a `globalId` and the issue
    already has a link with exactly that global id, that link is replaced: it keeps its id, and every
    field the request leaves out becomes null. Otherwise a new link is created, so a request without
    `globalId` creates a new link every time it is sent.

    Answers 201 with a `Location` header when a link was created and 200 when one was updated; both
    carry the link's id and URL. An issue holds at most 2,000 remote links; a create beyond that is
    refused with 413.

    Args:
        issue_id_or_key (str):
        body (RemoteIssueLinkRequest): A remote link to create or to replace. On an update every
            field left out becomes null, so send the
            whole link. A field set to null counts as left out.

    Raises:
        jira_remote_links.errors.JiraApiError: A subclass per error status (NotFoundError, RateLimitedError, ...); UnexpectedStatusError for any other answer that is not a documented success.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RemoteIssueLinkIdentifies
    """

    kwargs = _get_kwargs(
        issue_id_or_key=issue_id_or_key,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(response)


async def asyncio_detailed(
    issue_id_or_key: str,
    *,
    client: AuthenticatedClient | Client,
    body: RemoteIssueLinkRequest,
) -> Response[Any | ErrorCollection | RemoteIssueLinkIdentifies | str]:
    """Create or update a remote issue link

     An upsert keyed on the issue and `globalId`. When the request carries a `globalId` and the issue
    already has a link with exactly that global id, that link is replaced: it keeps its id, and every
    field the request leaves out becomes null. Otherwise a new link is created, so a request without
    `globalId` creates a new link every time it is sent.

    Answers 201 with a `Location` header when a link was created and 200 when one was updated; both
    carry the link's id and URL. An issue holds at most 2,000 remote links; a create beyond that is
    refused with 413.

    Args:
        issue_id_or_key (str):
        body (RemoteIssueLinkRequest): A remote link to create or to replace. On an update every
            field left out becomes null, so send the
            whole link. A field set to null counts as left out.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorCollection | RemoteIssueLinkIdentifies | str]
    """

    kwargs = _get_kwargs(
        issue_id_or_key=issue_id_or_key,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    issue_id_or_key: str,
    *,
    client: AuthenticatedClient | Client,
    body: RemoteIssueLinkRequest,
) -> RemoteIssueLinkIdentifies:
    """Create or update a remote issue link

     An upsert keyed on the issue and `globalId`. When the request carries a `globalId` and the issue
    already has a link with exactly that global id, that link is replaced: it keeps its id, and every
    field the request leaves out becomes null. Otherwise a new link is created, so a request without
    `globalId` creates a new link every time it is sent.

    Answers 201 with a `Location` header when a link was created and 200 when one was updated; both
    carry the link's id and URL. An issue holds at most 2,000 remote links; a create beyond that is
    refused with 413.

    Args:
        issue_id_or_key (str):
        body (RemoteIssueLinkRequest): A remote link to create or to replace. On an update every
            field left out becomes null, so send the
            whole link. A field set to null counts as left out.

    Raises:
        jira_remote_links.errors.JiraApiError: A subclass per error status (NotFoundError, RateLimitedError, ...); UnexpectedStatusError for any other answer that is not a documented success.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RemoteIssueLinkIdentifies
    """

    kwargs = _get_kwargs(
        issue_id_or_key=issue_id_or_key,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(response)
