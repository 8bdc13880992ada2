"""The contract's properties as plain functions of generated data.

Each takes the issue's `Links`, the `Target` and a Hypothesis `data` object and draws what it needs, so the
same property runs as a test (`test_*.py`) and against deliberately broken fakes (`test_mutations.py`).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs, unquote

from hypothesis import strategies as st

from jira_remote_links_contract.fake_admin import FakeAdmin, WireRequest
from jira_remote_links_contract.links import Links, assert_reads_back, describe
from jira_remote_links_contract.strategies import field_text, global_ids, link_requests, path_values, urls
from jira_remote_links_contract.target import Target


def _body(target: Target, data: st.DataObject, *, with_global_id: bool | None, label: str) -> dict[str, Any]:
    """A link body; `with_global_id=None` lets Hypothesis choose whether it carries a globalId."""
    if with_global_id is None:
        with_global_id = data.draw(st.booleans(), label=f"{label} has globalId")
    strategy = link_requests(
        target.object_url_prefix, global_ids(target.global_id_prefix) if with_global_id else None
    )
    body: dict[str, Any] = data.draw(strategy, label=label)
    return body


def _full_body(target: Target, data: st.DataObject, label: str) -> dict[str, Any]:
    """A link with every optional field set, so that anything an update leaves out has something to wipe."""
    text = field_text()
    body: dict[str, Any] = data.draw(
        st.fixed_dictionaries(
            {
                "globalId": global_ids(target.global_id_prefix),
                "application": st.fixed_dictionaries({"name": text, "type": text}),
                "relationship": text,
                "object": st.fixed_dictionaries(
                    {
                        # Jira refuses URLs that Java's URI parser refuses (spaces, `|`, `^`...).
                        "url": st.text(st.characters(categories=("L", "N")), max_size=20).map(
                            lambda tail: target.object_url_prefix + tail
                        ),
                        "title": text,
                        "summary": text,
                        "icon": st.fixed_dictionaries({"url16x16": urls(), "title": text, "link": urls()}),
                        "status": st.fixed_dictionaries(
                            {
                                "resolved": st.booleans(),
                                "icon": st.fixed_dictionaries(
                                    {"url16x16": urls(), "title": text, "link": urls()}
                                ),
                            }
                        ),
                    }
                ),
            }
        ),
        label=label,
    )
    return body


def round_trip(links: Links, target: Target, data: st.DataObject) -> None:
    """What POST creates reads back field for field by id, by globalId and in the list."""
    try:
        body = _body(target, data, with_global_id=None, label="body")
        link_id = links.create(body)
        assert_reads_back(body, links.read(link_id), "GET by id")
        if "globalId" in body:
            by_global_id = links.read_by_global_id(body["globalId"])
            assert by_global_id.get("id") == link_id, f"GET by globalId found link {by_global_id.get('id')}"
            assert_reads_back(body, by_global_id, "GET by globalId")
        listed = [link for link in links.list() if link.get("id") == link_id]
        assert len(listed) == 1, f"the list holds link {link_id} {len(listed)} times"
        assert_reads_back(body, listed[0], "list")
    finally:
        links.discard_created()


def upsert_is_idempotent(links: Links, target: Target, data: st.DataObject) -> None:
    """A second POST with the same globalId answers 200, keeps the id, leaves one link holding the new body."""
    try:
        first = _body(target, data, with_global_id=True, label="first")
        link_id = links.create(first)
        again = data.draw(st.booleans(), label="repeat the same body")
        second = first if again else {**_body(target, data, with_global_id=True, label="second")}
        second["globalId"] = first["globalId"]
        response = links.post(second)
        assert response.status_code == 200, (
            f"POST with an existing globalId must answer 200: {describe(response)}"
        )
        assert links.identity(response) == link_id, "the upsert gave the link a new id"
        holders = [link for link in links.list() if link.get("globalId") == first["globalId"]]
        assert len(holders) == 1, f"{len(holders)} links carry globalId {first['globalId']!r} after an upsert"
        assert_reads_back(second, links.read(link_id), "GET after upsert")
    finally:
        links.discard_created()


def post_update_wipes_left_out_fields(links: Links, target: Target, data: st.DataObject) -> None:
    """An upsert that leaves out any subset of optional fields reads those back empty and the rest unchanged."""
    try:
        full = _full_body(target, data, "full link")
        link_id = links.create(full)
        update = _body(target, data, with_global_id=True, label="update")
        update["globalId"] = full["globalId"]
        response = links.post(update)
        assert response.status_code == 200, f"POST-update: {describe(response)}"
        assert_reads_back(update, links.read(link_id), "GET after POST-update")
    finally:
        links.discard_created()


def put_replaces_whole_link(links: Links, target: Target, data: st.DataObject) -> None:
    """PUT answers an empty 204, and GET then returns what was PUT; left-out fields, globalId too, are empty."""
    try:
        full = _full_body(target, data, "full link")
        link_id = links.create(full)
        replacement = _body(target, data, with_global_id=None, label="replacement")
        links.replace(link_id, replacement)
        assert_reads_back(replacement, links.read(link_id), "GET after PUT")
        if replacement.get("globalId") != full["globalId"]:
            response = links.get_by_global_id(full["globalId"])
            assert response.status_code == 404, (
                f"the replaced globalId still finds a link: {describe(response)}"
            )
        if "globalId" in replacement:
            assert links.read_by_global_id(replacement["globalId"]).get("id") == link_id
    finally:
        links.discard_created()


def delete_removes_link(links: Links, target: Target, data: st.DataObject) -> None:
    """After either DELETE the link is gone: 404 by id and by globalId, absent from the list."""
    try:
        body = _body(target, data, with_global_id=True, label="body")
        link_id = links.create(body)
        if data.draw(st.booleans(), label="delete by globalId"):
            links.remove_by_global_id(body["globalId"])
        else:
            links.remove(link_id)
        links.assert_gone(link_id, body["globalId"])
    finally:
        links.discard_created()


def _query_values(request: WireRequest) -> dict[str, list[str]]:
    return parse_qs(request.raw_query, keep_blank_values=True, strict_parsing=bool(request.raw_query))


def global_id_escaping(links: Links, target: Target, data: st.DataObject, admin: FakeAdmin | None) -> None:
    """Any globalId round-trips exactly through POST, GET ?globalId= and DELETE ?globalId=.

    On the fake, the raw query string it received must also decode to exactly that one value: a character
    sent unescaped (`&`, `#`, `+`, `%`...) splits or changes it.
    """
    try:
        global_id = data.draw(global_ids(target.global_id_prefix), label="globalId")
        body = {"globalId": global_id, "object": {"url": target.object_url_prefix, "title": "escaping"}}
        link_id = links.create(body)
        if admin is not None:
            admin.clear_requests()
        found = links.read_by_global_id(global_id)
        assert found.get("id") == link_id, f"GET ?globalId= found link {found.get('id')}, created {link_id}"
        if admin is not None:
            sent = admin.last("GET")
            assert _query_values(sent) == {"globalId": [global_id]}, (
                f"GET query on the wire: {sent.raw_query!r}"
            )
        links.remove_by_global_id(global_id)
        if admin is not None:
            sent = admin.last("DELETE")
            assert _query_values(sent) == {"globalId": [global_id]}, (
                f"DELETE query on the wire: {sent.raw_query!r}"
            )
        links.assert_gone(link_id, global_id)
    finally:
        links.discard_created()


def path_escaping(links: Links, target: Target, data: st.DataObject, admin: FakeAdmin | None) -> None:
    """Issue keys and link ids of any text reach the server as one literal path segment each.

    A `.` or `..` a URL library collapses would silently hit another resource; such values must answer an
    error about the value itself (400 or 404 with Jira's error body), never another resource's 200.
    """
    issue_key = data.draw(st.one_of(st.just(target.primary_issue), path_values()), label="issueIdOrKey")
    link_id = data.draw(path_values(), label="linkId")
    probe = Links(links.client, issue_key)
    if admin is not None:
        admin.clear_requests()
    response = probe.get_by_id(link_id)
    assert response.status_code in {400, 404}, f"GET {issue_key!r}/{link_id!r}: {describe(response)}"
    if admin is not None:
        # Only the fake is held to Jira's JSON body here: a live site's front proxy may refuse odd paths itself.
        assert response.headers.get("content-type", "").startswith("application/json"), describe(response)
        sent = admin.last("GET")
        segments = sent.raw_path.split("/")
        assert len(segments) == 8, f"path has {len(segments)} segments on the wire: {sent.raw_path!r}"
        assert segments[:5] == ["", "rest", "api", "2", "issue"], sent.raw_path
        assert segments[6] == "remotelink", sent.raw_path
        assert unquote(segments[5]) == issue_key, f"issue key on the wire: {segments[5]!r}"
        assert unquote(segments[7]) == link_id, f"link id on the wire: {segments[7]!r}"
        assert {segments[5], segments[7]}.isdisjoint({".", ".."}), (
            f"dot segment on the wire: {sent.raw_path!r}"
        )


def no_null_for_unset_fields(links: Links, target: Target, data: st.DataObject, admin: FakeAdmin) -> None:
    """The client puts exactly the set fields on the wire: nothing left unset goes out as `null`."""
    try:
        body = _body(target, data, with_global_id=None, label="body")
        admin.clear_requests()
        link_id = links.create(body)
        posted = admin.last("POST")
        assert json.loads(posted.body) == body, f"POST body on the wire: {posted.body}"
        replacement = _body(target, data, with_global_id=None, label="replacement")
        links.replace(link_id, replacement)
        put = admin.last("PUT")
        assert json.loads(put.body) == replacement, f"PUT body on the wire: {put.body}"
    finally:
        links.discard_created()
