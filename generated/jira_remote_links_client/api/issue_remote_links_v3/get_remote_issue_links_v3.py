from http import HTTPStatus
from typing import Any, cast

import httpx
from jira_remote_links.errors import error_for_unexpected_response

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_collection import ErrorCollection
from ...models.remote_issue_link import RemoteIssueLink
from ...types import UNSET, Response, Unset, quote_path_segment


def _get_kwargs(
    issue_id_or_key: str,
    *,
    global_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["globalId"] = global_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": f"/rest/api/3/issue/{quote_path_segment(str(issue_id_or_key))}/remotelink",
        "params": params,
    }

    # Jira Cloud has answered 415 to bodyless requests without a JSON content type.
    _kwargs["headers"] = {"Content-Type": "application/json"}
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | ErrorCollection | list[RemoteIssueLink] | RemoteIssueLink | str | None:
    if response.status_code == 200:

        def _parse_response_200(
            data: object,
        ) -> list[RemoteIssueLink] | RemoteIssueLink:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                response_200_type_0 = []
                _response_200_type_0 = data
                for response_200_type_0_item_data in _response_200_type_0:
                    response_200_type_0_item = RemoteIssueLink.from_dict(
                        response_200_type_0_item_data
                    )

                    response_200_type_0.append(response_200_type_0_item)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = RemoteIssueLink.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

        return response_200

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
) -> Response[Any | ErrorCollection | list[RemoteIssueLink] | RemoteIssueLink | str]:
    parsed: Any | ErrorCollection | list[RemoteIssueLink] | RemoteIssueLink | str | None
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


def _parse_success(response: httpx.Response) -> list[RemoteIssueLink] | RemoteIssueLink:
    """The documented success answer; a typed `JiraApiError` for anything else."""
    try:
        return _parse_documented_success(response)
    except (ValueError, TypeError, KeyError, AttributeError):
        if response.status_code >= 400:
            raise
        raise error_for_unexpected_response(
            response, problem="the body does not have the documented shape"
        ) from None


def _parse_documented_success(
    response: httpx.Response,
) -> list[RemoteIssueLink] | RemoteIssueLink:
    if response.status_code == 200:

        def _parse_response_200(
            data: object,
        ) -> list[RemoteIssueLink] | RemoteIssueLink:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                response_200_type_0 = []
                _response_200_type_0 = data
                for response_200_type_0_item_data in _response_200_type_0:
                    response_200_type_0_item = RemoteIssueLink.from_dict(
                        response_200_type_0_item_data
                    )

                    response_200_type_0.append(response_200_type_0_item)

                return response_200_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_200_type_1 = RemoteIssueLink.from_dict(data)

            return response_200_type_1

        response_200 = _parse_response_200(response.json())

        return response_200

    raise error_for_unexpected_response(response)


def sync_detailed(
    issue_id_or_key: str,
    *,
    client: AuthenticatedClient | Client,
    global_id: str | Unset = UNSET,
) -> Response[Any | ErrorCollection | list[RemoteIssueLink] | RemoteIssueLink | str]:
    """Get remote issue links

     Without `globalId`, lists every remote link of the issue (an empty array when there is none).
    With `globalId`, returns the one link carrying exactly that global id as a single object, or 404;
    when old data holds several links with that global id, the first one.
    The global id travels in the query string and must be percent-encoded: `=`, `&`, `:`, `/` and
    friends are part of typical values such as `system=http://www.mycompany.com/support&id=1`.

    Needs issue linking switched on for the site, and permission to browse the issue's project.

    Args:
        issue_id_or_key (str):
        global_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorCollection | list[RemoteIssueLink] | RemoteIssueLink | str]
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
    global_id: str | Unset = UNSET,
) -> list[RemoteIssueLink] | RemoteIssueLink:
    """Get remote issue links

     Without `globalId`, lists every remote link of the issue (an empty array when there is none).
    With `globalId`, returns the one link carrying exactly that global id as a single object, or 404;
    when old data holds several links with that global id, the first one.
    The global id travels in the query string and must be percent-encoded: `=`, `&`, `:`, `/` and
    friends are part of typical values such as `system=http://www.mycompany.com/support&id=1`.

    Needs issue linking switched on for the site, and permission to browse the issue's project.

    Args:
        issue_id_or_key (str):
        global_id (str | Unset):

    Raises:
        jira_remote_links.errors.JiraApiError: A subclass per error status (NotFoundError, RateLimitedError, ...); UnexpectedStatusError for any other answer that is not a documented success.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[RemoteIssueLink] | RemoteIssueLink
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
    global_id: str | Unset = UNSET,
) -> Response[Any | ErrorCollection | list[RemoteIssueLink] | RemoteIssueLink | str]:
    """Get remote issue links

     Without `globalId`, lists every remote link of the issue (an empty array when there is none).
    With `globalId`, returns the one link carrying exactly that global id as a single object, or 404;
    when old data holds several links with that global id, the first one.
    The global id travels in the query string and must be percent-encoded: `=`, `&`, `:`, `/` and
    friends are part of typical values such as `system=http://www.mycompany.com/support&id=1`.

    Needs issue linking switched on for the site, and permission to browse the issue's project.

    Args:
        issue_id_or_key (str):
        global_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ErrorCollection | list[RemoteIssueLink] | RemoteIssueLink | str]
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
    global_id: str | Unset = UNSET,
) -> list[RemoteIssueLink] | RemoteIssueLink:
    """Get remote issue links

     Without `globalId`, lists every remote link of the issue (an empty array when there is none).
    With `globalId`, returns the one link carrying exactly that global id as a single object, or 404;
    when old data holds several links with that global id, the first one.
    The global id travels in the query string and must be percent-encoded: `=`, `&`, `:`, `/` and
    friends are part of typical values such as `system=http://www.mycompany.com/support&id=1`.

    Needs issue linking switched on for the site, and permission to browse the issue's project.

    Args:
        issue_id_or_key (str):
        global_id (str | Unset):

    Raises:
        jira_remote_links.errors.JiraApiError: A subclass per error status (NotFoundError, RateLimitedError, ...); UnexpectedStatusError for any other answer that is not a documented success.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        list[RemoteIssueLink] | RemoteIssueLink
    """

    kwargs = _get_kwargs(
        issue_id_or_key=issue_id_or_key,
        global_id=global_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _parse_success(response)
