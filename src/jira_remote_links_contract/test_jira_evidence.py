"""Jira's behaviour as the evidence file lists it, as explicit examples that run on every profile, live too.

The `live` profile runs few generated examples, so the cases that matter most are written out and run every
time; the checks themselves are in `jira_remote_links_contract.evidence_checks`.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from jira_remote_links_contract.evidence_checks import CHECKS, Evidence, delete_every_match, open_evidence
from jira_remote_links_contract.exchanges import RecordingTransport
from jira_remote_links_contract.fake_admin import FakeAdmin
from jira_remote_links_contract.target import Target


@pytest.fixture
def evidence(target: Target) -> Iterator[Evidence]:
    with open_evidence(target) as opened:
        yield opened


# The rules of `jira_remote_links_contract.rules` each evidence check shows.
CHECK_RULES: dict[str, tuple[str, ...]] = {
    "whitespace_only_title": ("blank-title-or-url-400",),
    "url_without_host": ("url-needs-http-host",),
    "title_of_256_characters": ("length-cap-255",),
    "link_id_minus_one": ("link-id-unknown-404",),
    "link_id_not_a_number": ("link-id-not-a-number-400",),
    "link_id_of_19_digits": ("link-id-unknown-404",),
    "duplicate_global_id_on_put": ("put-taken-global-id-400",),
    "same_global_id_on_two_issues": ("global-id-unique-per-issue",),
    "plus_percent_and_space_in_global_id": ("global-id-kept-as-sent",),
    "letter_case_and_spaces_in_global_id": ("global-id-kept-as-sent",),
    "delete_by_global_id_misses": ("get-global-id-miss-404", "delete-global-id-miss-404"),
    "issue_by_id_and_by_key": ("self-names-issue-key", "issue-id-leading-zero-404"),
    "location_on_201": ("post-create-location",),
    "response_objects_present": ("empty-objects-present", "icon-link-dropped"),
    "media_types": ("non-json-body-415", "bodyless-delete-415", "accept-without-json-406"),
    "cache_control": ("never-cache",),
    "rest_v3": ("rest-v3-same-contract",),
}


@pytest.mark.parametrize(
    "name",
    [pytest.param(name, marks=pytest.mark.rule(*CHECK_RULES.get(name, ()))) for name in sorted(CHECKS)],
)
def test_jira_behaves_as_the_evidence_says(evidence: Evidence, name: str) -> None:
    CHECKS[name](evidence)


@pytest.mark.fake_only
@pytest.mark.rule("wrong-token-401")
def test_wrong_token_answers_plain_text_401(target: Target) -> None:
    with httpx.Client(
        base_url=target.base_url,
        auth=(target.email, "wrong-token"),
        timeout=30.0,
        transport=RecordingTransport(),
    ) as http:
        response = http.get(f"/rest/api/2/issue/{target.primary_issue}/remotelink")
    assert response.status_code == 401
    assert response.headers.get("content-type", "").startswith("text/plain"), response.headers
    assert response.text == "Client must be authenticated to access this resource."


@pytest.mark.fake_only
@pytest.mark.rule("delete-global-id-removes-all")
def test_delete_by_global_id_removes_every_match(admin: FakeAdmin, evidence: Evidence) -> None:
    body = evidence.body("many", global_id=True)
    delete_every_match(admin, evidence, body)
