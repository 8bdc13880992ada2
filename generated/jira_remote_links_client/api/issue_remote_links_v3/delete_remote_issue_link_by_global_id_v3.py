from http import HTTPStatus
from typing import Any, cast

import httpx
from jira_remote_links.errors import error_for_unexpected_response

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_collection import ErrorCollection
from ...types import UNSET, Response, quote_path_segment


def _get_kwargs(
    issue_id_or_key: str,
    *,
    global_id: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["globalId"] = global_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": f"/rest/api/3/issue/{quote_path_segment(str(issue_id_or_key))}/remotelink",
        "params": params,
    }

    # Jira Cloud has answered 415 to bodyless requests without a JSON content type.
    _kwargs["headers"] = {"Content-Type": "application/json"}
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorCollection | str | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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
) -> Response[Any | ErrorCollection | str]:
    parsed: Any | ErrorCollection | str | None
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


def _parse_success(response: httpx.Response) -> None:
    """The documented success answer; a typed `JiraApiError` for anything else."""
    try:
        return _parse_documented_success(response)
    except (ValueError, TypeError, KeyError, AttributeError):
        if response.status_code >= 400:
            raise
        raise error_for_unexpected_response(
            response, problem="the body does not have the documented shape"
        ) from None


def _parse_documented_success(response: httpx.Response) -> None:
    if response.status_code == 204:
        return
    raise error_for_unexpected_response(response)


def sync_detailed(
    issue_id_or_key: str,
    *,
    client: AuthenticatedClient | Client,
    global_id: str,
) -> Response[Any | ErrorCollection | str]:
    """Delete a remote issue link by global id

     Deletes every link of the issue whose global id is exactly `globalId` (old data may hold several).
    The value must be percent-encoded in the query string. Without `globalId` the request is refused
    with 400.

    Jira Cloud answers 415 to this bodyless request unless it carries `Content-Type: application/json`;
    clients should send that header.

    Args:
        issue_id_or_key (str):
        global_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorCollection | str]
    """

    kwargs = _get_kwargs(
        issue_id_or_key=issue_id_or_key,
        global_id=global_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    issue_id_or_key: str,
    *,
    client: AuthenticatedClient | Client,
    global_id: str,
) -> None:
    """Delete a remote issue link by global id

     Deletes every link of the issue whose global id is exactly `globalId` (old data may hold several).
    The value must be percent-encoded in the query string. Without `globalId` the request is refused
    with 400.

    Jira Cloud answers 415 to this bodyless request unless it carries `Content-Type: application/json`;
    clients should send that header.

    Args:
        issue_id_or_key (str):
        global_id (str):

    Raises:
        jira_remote_links.errors.JiraApiError: A subclass per error status (NotFoundError, RateLimitedError, ...); UnexpectedStatusError for any other answer that is not a documented success.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        None
    """

    kwargs = _get_kwargs(
        issue_id_or_key=issue_id_or_key,
        global_id=global_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _parse_success(response)


async def asyncio_detailed(
    issue_id_or_key: str,
    *,
    client: AuthenticatedClient | Client,
    global_id: str,
) -> Response[Any | ErrorCollection | str]:
    """Delete a remote issue link by global id

     Deletes every link of the issue whose global id is exactly `globalId` (old data may hold several).
    The value must be percent-encoded in the query string. Without `globalId` the request is refused
    with 400.

    Jira Cloud answers 415 to this bodyless request unless it carries `Content-Type: application/json`;
    clients should send that header.

    Args:
        issue_id_or_key (str):
        global_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorCollection | str]
    """

    kwargs = _get_kwargs(
        issue_id_or_key=issue_id_or_key,
        global_id=global_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    issue_id_or_key: str,
    *,
    client: AuthenticatedClient | Client,
    global_id: str,
) -> None:
    """Delete a remote issue link by global id

     Deletes every link of the issue whose global id is exactly `globalId` (old data may hold several).
    The value must be percent-encoded in the query string. Without `globalId` the request is refused
    with 400.

    Jira Cloud answers 415 to this bodyless request unless it carries `Content-Type: application/json`;
    clients should send that header.

    Args:
        issue_id_or_key (str):
        global_id (str):

    Raises:
        jira_remote_links.errors.JiraApiError: A subclass per error status (NotFoundError, RateLimitedError, ...); UnexpectedStatusError for any other answer that is not a documented success.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        None
    """

    kwargs = _get_kwargs(
        issue_id_or_key=issue_id_or_key,
        global_id=global_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(response)
