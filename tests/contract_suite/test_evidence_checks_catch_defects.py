"""Each evidence check fails against the fake with the defect it is meant to catch."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jira_remote_links_contract.evidence_checks import CHECKS, Evidence, delete_every_match, open_evidence
from jira_remote_links_contract.fake_admin import FakeAdmin
from jira_remote_links_contract.target import Target

# Which check must catch which defect of the fake.
CATCHES: list[tuple[str, str]] = [
    ("blank-accepted", "whitespace_only_title"),
    ("url-not-checked", "url_without_host"),
    ("no-length-caps", "title_of_256_characters"),
    ("link-id-not-java-long", "link_id_minus_one"),
    ("link-id-not-java-long", "link_id_of_19_digits"),
    ("link-id-unchecked", "link_id_not_a_number"),
    ("put-duplicates-global-id", "duplicate_global_id_on_put"),
    ("global-id-site-wide", "same_global_id_on_two_issues"),
    ("global-id-not-decoded", "plus_percent_and_space_in_global_id"),
    ("global-id-double-decode", "plus_percent_and_space_in_global_id"),
    ("global-id-normalised", "letter_case_and_spaces_in_global_id"),
    ("self-as-requested", "issue_by_id_and_by_key"),
    ("no-location", "location_on_201"),
    ("empty-objects-left-out", "response_objects_present"),
    ("icon-link-echoed", "response_objects_present"),
    ("no-media-type-checks", "media_types"),
    ("no-cache-control", "cache_control"),
]


@pytest.fixture
def evidence(target: Target) -> Iterator[Evidence]:
    with open_evidence(target) as opened:
        yield opened


@pytest.mark.fake_only
@pytest.mark.parametrize(("defect", "name"), CATCHES, ids=[f"{d}-{n}" for d, n in CATCHES])
def test_check_catches_defect(admin: FakeAdmin, evidence: Evidence, defect: str, name: str) -> None:
    admin.set_defects(defect)
    with pytest.raises(AssertionError):
        CHECKS[name](evidence)


@pytest.mark.fake_only
def test_delete_every_match_catches_delete_removing_one(admin: FakeAdmin, evidence: Evidence) -> None:
    admin.set_defects("delete-by-global-id-removes-one")
    with pytest.raises(AssertionError, match="left 2 of 3"):
        delete_every_match(admin, evidence, evidence.body("many", global_id=True))
