"""The client layer surfaces every documented Jira error as its typed exception, carrying Jira's messages."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jira_remote_links_client import Client
from jira_remote_links_client.api.issue_remote_links import (
    create_or_update_remote_issue_link,
    delete_remote_issue_link_by_global_id,
    delete_remote_issue_link_by_id,
    get_remote_issue_link_by_id,
    get_remote_issue_links,
    update_remote_issue_link,
)
from jira_remote_links_client.models import RemoteIssueLinkRequest
from jira_remote_links_contract.fake_admin import FakeAdmin
from jira_remote_links_contract.run import SETTINGS
from jira_remote_links_contract.strategies import too_long_global_ids
from jira_remote_links_contract.target import Target

# The client layer is a separate package; until it is installed these tests skip instead of erroring.
pytest.importorskip("jira_remote_links.errors", reason="the client layer jira_remote_links is not there yet")

from jira_remote_links import connect_jira
from jira_remote_links.errors import (
    BadRequestError,
    ForbiddenError,
    JiraApiError,
    NotFoundError,
    PayloadTooLargeError,
    UnauthorizedError,
)

UNKNOWN_ISSUE = "NOPE-999999"
UNKNOWN_LINK_ID = "999999999"


@pytest.fixture
def typed(target: Target) -> Iterator[Client]:
    client = connect_jira(target.base_url, email=target.email, api_token=target.api_token.reveal())
    with client as open_client:
        yield open_client


def request_body(target: Target, **extra: Any) -> RemoteIssueLinkRequest:
    return RemoteIssueLinkRequest.from_dict(
        {"object": {"url": target.object_url_prefix + "typed", "title": "typed errors"}, **extra}
    )


def raised(
    error_type: type[JiraApiError], status: int, call: Callable[[], object], target: Target
) -> JiraApiError:
    with pytest.raises(error_type) as caught:
        call()
    error = caught.value
    assert error.status_code == status, f"{error_type.__name__} carries status {error.status_code}"
    if status != 401:  # Jira Cloud's 401 is plain text, with no error collection to carry
        assert error.error_messages or error.errors, f"{error_type.__name__} lost Jira's messages: {error!r}"
    assert error.method, "the error does not say which request failed"
    assert error.url.startswith(target.base_url), f"the error names another URL: {error.url!r}"
    assert target.api_token.reveal() not in f"{error} {error!r} {error.url}", (
        "credentials leak into the error text"
    )
    return error


@pytest.mark.rule("unknown-issue-404")
def test_unknown_issue_raises_not_found_on_every_operation(typed: Client, target: Target) -> None:
    body = request_body(target)
    global_id = target.global_id_prefix + "x"
    calls: list[Callable[[], object]] = [
        lambda: get_remote_issue_links.sync_detailed(UNKNOWN_ISSUE, client=typed),
        lambda: get_remote_issue_links.sync_detailed(UNKNOWN_ISSUE, client=typed, global_id=global_id),
        lambda: create_or_update_remote_issue_link.sync_detailed(UNKNOWN_ISSUE, client=typed, body=body),
        lambda: delete_remote_issue_link_by_global_id.sync_detailed(
            UNKNOWN_ISSUE, client=typed, global_id=global_id
        ),
        lambda: get_remote_issue_link_by_id.sync_detailed(UNKNOWN_ISSUE, UNKNOWN_LINK_ID, client=typed),
        lambda: update_remote_issue_link.sync_detailed(
            UNKNOWN_ISSUE, UNKNOWN_LINK_ID, client=typed, body=body
        ),
        lambda: delete_remote_issue_link_by_id.sync_detailed(UNKNOWN_ISSUE, UNKNOWN_LINK_ID, client=typed),
    ]
    for call in calls:
        raised(NotFoundError, 404, call, target)


def test_unknown_link_raises_not_found(typed: Client, target: Target) -> None:
    issue = target.primary_issue
    raised(
        NotFoundError,
        404,
        lambda: get_remote_issue_link_by_id.sync_detailed(issue, UNKNOWN_LINK_ID, client=typed),
        target,
    )
    raised(
        NotFoundError,
        404,
        lambda: get_remote_issue_links.sync_detailed(
            issue, client=typed, global_id=target.global_id_prefix + "none"
        ),
        target,
    )


@pytest.mark.rule("length-cap-255")
@SETTINGS
@given(data=st.data())
def test_too_long_global_id_raises_bad_request(typed: Client, target: Target, data: st.DataObject) -> None:
    global_id = data.draw(too_long_global_ids(target.global_id_prefix), label="globalId")
    body = request_body(target, globalId=global_id)
    raised(
        BadRequestError,
        400,
        lambda: create_or_update_remote_issue_link.sync_detailed(
            target.primary_issue, client=typed, body=body
        ),
        target,
    )


@pytest.mark.rule("no-object-400")
def test_missing_object_raises_bad_request(typed: Client, target: Target) -> None:
    # The generated model cannot express a body without `object`; the typed Client's own httpx client can,
    # and the typed error still comes from the client layer's response hook.
    http = typed.get_httpx_client()
    raised(
        BadRequestError,
        400,
        lambda: http.post(f"/rest/api/2/issue/{target.primary_issue}/remotelink", json={"relationship": "x"}),
        target,
    )


@pytest.mark.rule("wrong-token-401")
def test_bad_credentials_raise_unauthorized(target: Target) -> None:
    with connect_jira(target.base_url, email=target.email, api_token="wrong-token", retry=None) as wrong:
        raised(
            UnauthorizedError,
            401,
            lambda: get_remote_issue_links.sync_detailed(target.primary_issue, client=wrong),
            target,
        )


@pytest.mark.fake_only
def test_link_limit_raises_payload_too_large(admin: FakeAdmin, typed: Client, target: Target) -> None:
    admin.configure(max_links_per_issue=1)
    body = request_body(target)
    create_or_update_remote_issue_link.sync_detailed(target.primary_issue, client=typed, body=body)
    raised(
        PayloadTooLargeError,
        413,
        lambda: create_or_update_remote_issue_link.sync_detailed(
            target.primary_issue, client=typed, body=body
        ),
        target,
    )


@pytest.mark.fake_only
@pytest.mark.rule("linking-off-403")
def test_linking_disabled_raises_forbidden(admin: FakeAdmin, typed: Client, target: Target) -> None:
    admin.configure(linking_enabled=False)
    raised(
        ForbiddenError,
        403,
        lambda: get_remote_issue_links.sync_detailed(target.primary_issue, client=typed),
        target,
    )
