"""Every documented error status, with Jira's error body, for generated inputs where the input matters."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jira_remote_links_client import Client
from jira_remote_links_client.api.issue_remote_links import get_remote_issue_links
from jira_remote_links_client.types import Response
from jira_remote_links_contract.coverage import record_httpx_response
from jira_remote_links_contract.exchanges import RecordingTransport
from jira_remote_links_contract.fake_admin import FakeAdmin
from jira_remote_links_contract.jira_errors import assert_jira_error
from jira_remote_links_contract.links import Links
from jira_remote_links_contract.run import SETTINGS
from jira_remote_links_contract.strategies import field_text, link_requests, too_long_global_ids
from jira_remote_links_contract.target import Target

UNKNOWN_ISSUE = "NOPE-999999"
# A numeric id no link will have within a run.
UNKNOWN_LINK_ID = "999999999"


def check(response: Response[Any], expected: int | set[int], what: str) -> None:
    assert_jira_error(
        int(response.status_code), expected, response.headers.get("content-type", ""), response.content, what
    )


def raw_http(target: Target) -> httpx.Client:
    """Plain httpx, for requests the generated client cannot even express (bad JSON, no globalId)."""
    return httpx.Client(
        base_url=target.base_url,
        auth=httpx.BasicAuth(target.email, target.api_token.reveal()),
        timeout=30.0,
        transport=RecordingTransport(),
        event_hooks={"response": [record_httpx_response]},
    )


def minimal_body(target: Target) -> dict[str, Any]:
    return {"object": {"url": target.object_url_prefix + "error", "title": "error case"}}


@pytest.mark.rule("no-object-400")
@SETTINGS
@given(body=st.fixed_dictionaries({}, optional={"relationship": field_text(), "application": st.just({})}))
def test_post_and_put_without_object_answer_400(target: Target, body: dict[str, Any]) -> None:
    with raw_http(target) as http:
        path = f"/rest/api/2/issue/{target.primary_issue}/remotelink"
        response = http.post(path, json=body)
        assert_jira_error(
            response.status_code, 400, response.headers.get("content-type", ""), response.content, "POST"
        )
        response = http.put(f"{path}/{UNKNOWN_LINK_ID}", json=body)
        # Jira may check the link before the body: 400 for the body, or 404 for the link, both documented.
        assert_jira_error(
            response.status_code,
            {400, 404},
            response.headers.get("content-type", ""),
            response.content,
            "PUT",
        )


@SETTINGS
@given(
    raw=st.one_of(
        st.sampled_from([b"{", b"not json", b'{"object": }', b"[1,", b"\xff\xfe", b'{"object": {"url": "x"']),
        st.binary(min_size=1, max_size=40).filter(lambda data: not data.strip().startswith((b"{", b"["))),
    )
)
def test_malformed_json_answers_400_not_500(target: Target, links: Links, raw: bytes) -> None:
    try:
        link_id = links.create(minimal_body(target))
        with raw_http(target) as http:
            headers = {"Content-Type": "application/json"}
            base = f"/rest/api/2/issue/{target.primary_issue}/remotelink"
            response = http.post(base, content=raw, headers=headers)
            content_type = response.headers.get("content-type", "")
            assert_jira_error(response.status_code, 400, content_type, response.content, f"POST {raw!r}")
            response = http.put(f"{base}/{link_id}", content=raw, headers=headers)
            content_type = response.headers.get("content-type", "")
            assert_jira_error(response.status_code, 400, content_type, response.content, f"PUT {raw!r}")
    finally:
        links.discard_created()


@pytest.mark.rule("unknown-issue-404")
def test_unknown_issue_answers_404_on_every_operation(client: Client, target: Target) -> None:
    unknown = Links(client, UNKNOWN_ISSUE)
    body = minimal_body(target)
    check(unknown.get_by_global_id(target.global_id_prefix + "x"), 404, "GET ?globalId= on an unknown issue")
    check(unknown.post(body), 404, "POST on an unknown issue")
    check(
        unknown.delete_by_global_id(target.global_id_prefix + "x"),
        404,
        "DELETE ?globalId= on an unknown issue",
    )
    check(unknown.get_by_id(UNKNOWN_LINK_ID), 404, "GET by id on an unknown issue")
    check(unknown.put(UNKNOWN_LINK_ID, body), 404, "PUT on an unknown issue")
    check(unknown.delete_by_id(UNKNOWN_LINK_ID), 404, "DELETE by id on an unknown issue")
    check(get_remote_issue_links.sync_detailed(UNKNOWN_ISSUE, client=client), 404, "list of an unknown issue")


@pytest.mark.rule("link-id-unknown-404", "get-global-id-miss-404", "delete-global-id-miss-404")
def test_unknown_link_answers_404(links: Links, target: Target) -> None:
    check(links.get_by_id(UNKNOWN_LINK_ID), 404, "GET unknown link id")
    check(links.put(UNKNOWN_LINK_ID, minimal_body(target)), 404, "PUT unknown link id")
    check(links.delete_by_id(UNKNOWN_LINK_ID), 404, "DELETE unknown link id")
    check(links.get_by_global_id(target.global_id_prefix + "never-written"), 404, "GET unknown globalId")
    check(
        links.delete_by_global_id(target.global_id_prefix + "never-written"), 404, "DELETE unknown globalId"
    )


@SETTINGS
@given(
    link_id=st.sampled_from(["abc", "1.5", "-", "1e3", "0x10"])
    | field_text().filter(lambda t: not t.isdigit())
)
def test_non_numeric_link_id_answers_400_or_404(links: Links, link_id: str) -> None:
    check(links.get_by_id(link_id), {400, 404}, f"GET link id {link_id!r}")
    check(links.delete_by_id(link_id), {400, 404}, f"DELETE link id {link_id!r}")


def test_delete_by_global_id_without_global_id_answers_400(target: Target) -> None:
    with raw_http(target) as http:
        response = http.delete(
            f"/rest/api/2/issue/{target.primary_issue}/remotelink",
            headers={"Content-Type": "application/json"},
        )
    assert_jira_error(
        response.status_code, 400, response.headers.get("content-type", ""), response.content, "DELETE"
    )


@pytest.mark.rule("length-cap-255")
@SETTINGS
@given(data=st.data())
def test_global_id_over_255_characters_answers_400_and_creates_nothing(
    links: Links, target: Target, data: st.DataObject
) -> None:
    global_id = data.draw(too_long_global_ids(target.global_id_prefix), label="globalId")
    body = data.draw(link_requests(target.object_url_prefix, st.just(global_id)), label="body")
    try:
        check(links.post(body), 400, f"POST with a {len(global_id)}-character globalId")
        assert all(link.get("globalId") != global_id for link in links.list()), (
            "the refused link exists anyway"
        )
    finally:
        links.discard_created()


@pytest.mark.rule("wrong-token-401")
def test_bad_credentials_answer_401(target: Target) -> None:
    # Jira Cloud answers a wrong token with a plain-text sentence, not an error collection (see the evidence),
    # so plain httpx reads the answer: the generated client expects JSON there.
    with httpx.Client(
        base_url=target.base_url,
        auth=httpx.BasicAuth(target.email, target.api_token.reveal() + "-wrong"),
        timeout=30.0,
        transport=RecordingTransport(),
        event_hooks={"response": [record_httpx_response]},
    ) as wrong:
        path = f"/rest/api/2/issue/{target.primary_issue}/remotelink"
        for response, what in (
            (wrong.get(path, params={"globalId": target.global_id_prefix + "x"}), "bad token"),
            (wrong.post(path, json=minimal_body(target)), "bad token POST"),
        ):
            assert response.status_code == 401, f"{what}: HTTP {response.status_code} {response.text[:300]}"
            assert target.api_token.reveal() not in response.text, what


@pytest.mark.fake_only
def test_link_limit_answers_413_and_still_allows_updates(
    admin: FakeAdmin, links: Links, target: Target
) -> None:
    # The real limit is 2,000; the fake is configured with a small one so the boundary is cheap to reach.
    admin.configure(max_links_per_issue=3)
    bodies = [
        {
            "globalId": f"{target.global_id_prefix}limit-{n}",
            "object": {"url": target.object_url_prefix, "title": str(n)},
        }
        for n in range(4)
    ]
    for body in bodies[:3]:
        links.create(body)
    check(links.post(bodies[3]), 413, "POST beyond the per-issue link limit")
    check(links.post(minimal_body(target)), 413, "POST without globalId beyond the limit")
    update = links.post({**bodies[0], "relationship": "still updatable"})
    assert update.status_code == 200, (
        "an upsert of an existing link is not a create and must pass at the limit"
    )
    assert len(links.list()) == 3


@pytest.mark.fake_only
@pytest.mark.rule("linking-off-403")
def test_linking_disabled_answers_403(admin: FakeAdmin, links: Links, target: Target) -> None:
    admin.configure(linking_enabled=False)
    check(links.get_by_global_id(target.global_id_prefix + "x"), 403, "GET with linking off")
    check(links.post(minimal_body(target)), 403, "POST with linking off")


@pytest.mark.fake_only
@pytest.mark.rule("bodyless-delete-415")
def test_delete_without_json_content_type_is_refused_with_415_but_the_client_passes(
    admin: FakeAdmin, links: Links, target: Target
) -> None:
    admin.configure(require_json_content_type=True)
    body = {"globalId": target.global_id_prefix + "415", **minimal_body(target)}
    link_id = links.create(body)
    with raw_http(target) as http:
        response = http.delete(f"/rest/api/2/issue/{target.primary_issue}/remotelink/{link_id}")
    assert_jira_error(
        response.status_code, 415, response.headers.get("content-type", ""), response.content, "DELETE"
    )
    links.remove_by_global_id(body["globalId"])


@pytest.mark.rule("link-of-other-issue-refused")
def test_link_of_another_issue_is_refused_and_left_untouched(
    client: Client, links: Links, target: Target
) -> None:
    if len(target.issue_keys) < 2:
        pytest.skip("needs a second issue; a live run is given exactly one")
    body = {"globalId": target.global_id_prefix + "other-issue", **minimal_body(target)}
    link_id = links.create(body)
    other = Links(client, target.issue_keys[1])
    check(other.get_by_id(link_id), {400, 404}, "GET a link through another issue")
    check(other.put(link_id, minimal_body(target)), {400, 404}, "PUT a link through another issue")
    check(other.delete_by_id(link_id), {400, 404}, "DELETE a link through another issue")
    check(other.get_by_global_id(body["globalId"]), 404, "GET ?globalId= of another issue's link")
    check(other.delete_by_global_id(body["globalId"]), 404, "DELETE ?globalId= of another issue's link")
    assert links.read(link_id)["globalId"] == body["globalId"], "the link changed through another issue"
