"""Jira's behaviour as the evidence file lists it, as explicit examples that run on every profile, live too.

The `live` profile runs few generated examples, so the cases that matter most are written out and run every
time; the checks themselves are in `jira_remote_links_contract.evidence_checks`.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from jira_remote_links_contract.evidence_checks import CHECKS, Evidence, delete_every_match, open_evidence
from jira_remote_links_contract.fake_admin import FakeAdmin
from jira_remote_links_contract.target import Target


@pytest.fixture
def evidence(target: Target) -> Iterator[Evidence]:
    with open_evidence(target) as opened:
        yield opened


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_jira_behaves_as_the_evidence_says(evidence: Evidence, name: str) -> None:
    CHECKS[name](evidence)


@pytest.mark.fake_only
def test_wrong_token_answers_plain_text_401(target: Target) -> None:
    with httpx.Client(base_url=target.base_url, auth=(target.email, "wrong-token"), timeout=30.0) as http:
        response = http.get(f"/rest/api/2/issue/{target.primary_issue}/remotelink")
    assert response.status_code == 401
    assert response.headers.get("content-type", "").startswith("text/plain"), response.headers
    assert response.text == "Client must be authenticated to access this resource."


@pytest.mark.fake_only
def test_delete_by_global_id_removes_every_match(admin: FakeAdmin, evidence: Evidence) -> None:
    body = evidence.body("many", global_id=True)
    delete_every_match(admin, evidence, body)
