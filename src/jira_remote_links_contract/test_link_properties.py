"""Round trips, upserts, replaces, deletes and escaping, each a property over generated links."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jira_remote_links_contract import properties
from jira_remote_links_contract.fake_admin import FakeAdmin
from jira_remote_links_contract.links import Links
from jira_remote_links_contract.run import SETTINGS
from jira_remote_links_contract.target import Target


@pytest.mark.rule("post-create-201")
@SETTINGS
@given(data=st.data())
def test_created_link_reads_back_by_id_by_global_id_and_in_the_list(
    links: Links, target: Target, data: st.DataObject
) -> None:
    properties.round_trip(links, target, data)


@pytest.mark.rule("post-upsert-same-id")
@SETTINGS
@given(data=st.data())
def test_upsert_by_global_id_is_idempotent(links: Links, target: Target, data: st.DataObject) -> None:
    properties.upsert_is_idempotent(links, target, data)


@pytest.mark.rule("post-upsert-replaces")
@SETTINGS
@given(data=st.data())
def test_post_update_sets_left_out_fields_to_null(links: Links, target: Target, data: st.DataObject) -> None:
    properties.post_update_wipes_left_out_fields(links, target, data)


@pytest.mark.rule("put-delete-204-empty")
@SETTINGS
@given(data=st.data())
def test_put_replaces_the_whole_link(links: Links, target: Target, data: st.DataObject) -> None:
    properties.put_replaces_whole_link(links, target, data)


@pytest.mark.rule("put-delete-204-empty")
@SETTINGS
@given(data=st.data())
def test_deleted_link_is_gone(links: Links, target: Target, data: st.DataObject) -> None:
    properties.delete_removes_link(links, target, data)


@pytest.mark.rule("global-id-kept-as-sent")
@SETTINGS
@given(data=st.data())
def test_global_id_round_trips_through_query_and_body(
    links: Links, target: Target, admin_session: FakeAdmin | None, data: st.DataObject
) -> None:
    properties.global_id_escaping(links, target, data, admin_session)


@SETTINGS
@given(data=st.data())
def test_issue_keys_and_link_ids_stay_one_literal_path_segment(
    links: Links, target: Target, admin_session: FakeAdmin | None, data: st.DataObject
) -> None:
    properties.path_escaping(links, target, data, admin_session)


@pytest.mark.fake_only
@SETTINGS
@given(data=st.data())
def test_client_never_sends_null_for_unset_fields(
    links: Links, target: Target, admin: FakeAdmin, data: st.DataObject
) -> None:
    properties.no_null_for_unset_fields(links, target, data, admin)
