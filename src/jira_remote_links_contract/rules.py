"""The rules the contract suite checks, each tied to the row of the evidence file it comes from.

A test names the rules it checks with `@pytest.mark.rule("rule-id", ...)`; the run's reports then say, rule by
rule, what the target did (see `jira_remote_links_contract.rule_outcomes`). Each rule quotes the *case* column
of its evidence row (or the opening words of a bullet), so the checkout's tests can prove the row still exists.
Rows the suite does not check are listed too, each with the reason, so that a reader sees the whole evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MARKER = "rule"
# The evidence file, as the checkout keeps it beside the repositories (not shipped in the package).
EVIDENCE_FILE_NAME = "jira-behaviour-evidence.md"

STATUSES = "Remote links: statuses and validation"
RESPONSES = "Remote links: what a response looks like"
REST_V3 = "REST v3"
JOBS = "Link-update jobs (`links/v1`)"
RATE_LIMITS = "Rate limiting on Jira Cloud (2026)"


class Needs(StrEnum):
    """What a target must offer before any test of a rule can run there."""

    ANY = "any target"
    FAKE = "the built-in fake's admin API"
    JOBS = "the jobs API, with jobs allowed"


@dataclass(frozen=True)
class Rule:
    id: str
    section: str
    # Words of the evidence row's case column, exactly as the file spells them.
    case: str
    statement: str
    needs: Needs = Needs.ANY


@dataclass(frozen=True)
class UncheckedRow:
    """An evidence row no test of the suite checks, and why."""

    section: str
    case: str
    reason: str


RULES: tuple[Rule, ...] = (
    Rule(
        "post-upsert-same-id",
        STATUSES,
        "POST, `globalId` already on this issue",
        "POST with a globalId the issue already holds answers 200 with that link's id; no second link appears.",
    ),
    Rule(
        "post-upsert-replaces",
        STATUSES,
        "POST, `globalId` already on this issue",
        "That POST replaces the link: every field it leaves out reads back empty.",
    ),
    Rule(
        "post-create-201",
        STATUSES,
        "POST, no `globalId` or a new one",
        "POST without a globalId, or with one new to the issue, answers 201 with the new link's id and self.",
    ),
    Rule(
        "post-create-location",
        STATUSES,
        "POST, no `globalId` or a new one",
        "The 201 of a create has a Location header equal to its self URL.",
    ),
    Rule(
        "blank-title-or-url-400",
        STATUSES,
        "`object.title` or `object.url` missing, null, empty",
        "A blank (even whitespace-only) title or url is refused with 400, keyed by the field, on POST and PUT.",
    ),
    Rule(
        "no-object-400",
        STATUSES,
        "body without `object` at all",
        "A body with no `object` is refused with 400 in Jira's error format.",
    ),
    Rule(
        "url-needs-http-host",
        STATUSES,
        "not an http or https URI with a host",
        "Each URL field must be http(s) with a host, else 400 keyed url, iconUrl, statusIconUrl or "
        "statusIconLink; an empty optional URL is fine.",
    ),
    Rule(
        "length-cap-255",
        STATUSES,
        "over 255 characters",
        "globalId, title, relationship, application type and name longer than 255 characters are refused "
        "with 400 and nothing is created.",
    ),
    Rule(
        "global-id-kept-as-sent",
        STATUSES,
        "non-required fields null or blank",
        "A globalId is stored exactly as sent: spaces, case and escapes make different links.",
    ),
    Rule(
        "icon-link-dropped",
        STATUSES,
        "`object.icon.link`",
        "`object.icon.link` is accepted but never returned.",
    ),
    Rule(
        "link-id-not-a-number-400",
        STATUSES,
        "`linkId` not a number (`99a`) or beyond a 64-bit integer",
        "GET, PUT and DELETE with a link id that is no 64-bit number answer 400.",
    ),
    Rule(
        "link-id-unknown-404",
        STATUSES,
        "`linkId` a number but no such link",
        "GET, PUT and DELETE with a numeric id of no link (-1, 19 digits, unused) answer 404.",
    ),
    Rule(
        "link-of-other-issue-refused",
        STATUSES,
        "`linkId` of a link on another issue",
        "A link reached through another issue is refused (400; 404 is tolerated) and left untouched.",
    ),
    Rule(
        "unknown-issue-404",
        STATUSES,
        "issue does not exist",
        "Every operation on an issue that does not exist answers 404.",
    ),
    Rule(
        "linking-off-403",
        STATUSES,
        "issue linking switched off",
        "With issue linking switched off, reads and writes answer 403.",
        Needs.FAKE,
    ),
    Rule(
        "get-global-id-miss-404",
        STATUSES,
        "GET `?globalId=` that matches nothing",
        "GET ?globalId= of no link answers 404 with errorMessages.",
    ),
    Rule(
        "delete-global-id-miss-404",
        STATUSES,
        "DELETE `?globalId=` that matches nothing",
        "DELETE ?globalId= of no link answers 404 keyed globalId.",
    ),
    Rule(
        "put-taken-global-id-400",
        STATUSES,
        "PUT that gives a link the `globalId` another link on the same issue already has",
        "PUT cannot give a link another link's globalId (400 keyed globalId); keeping its own is fine.",
    ),
    Rule(
        "delete-global-id-removes-all",
        STATUSES,
        "several links with one `globalId` on an issue (old data)",
        "DELETE ?globalId= removes every link of the issue holding that globalId.",
        Needs.FAKE,
    ),
    Rule(
        "global-id-unique-per-issue",
        STATUSES,
        "the same `globalId` on two different issues",
        "Two issues may hold the same globalId; each lookup finds its own issue's link.",
    ),
    Rule(
        "put-delete-204-empty",
        STATUSES,
        "PUT success / DELETE success",
        "A PUT or DELETE that succeeds answers 204 with an empty body.",
    ),
    Rule(
        "non-json-body-415",
        STATUSES,
        "POST or PUT with a Content-Type other than JSON",
        "POST and PUT bodies sent as anything but JSON answer 415.",
    ),
    Rule(
        "bodyless-delete-415",
        STATUSES,
        "bodyless DELETE without `Content-Type: application/json`",
        "A DELETE without a JSON Content-Type answers 415.",
    ),
    Rule(
        "accept-without-json-406",
        STATUSES,
        "`Accept` that excludes JSON",
        "A GET that accepts only XML answers 406.",
    ),
    Rule(
        "wrong-token-401",
        STATUSES,
        "wrong API token",
        "A wrong API token answers 401 and the answer never echoes the token.",
    ),
    Rule(
        "issue-id-leading-zero-404",
        STATUSES,
        "issue given by id with a leading zero",
        "An issue id written with a leading zero names no issue: 404.",
    ),
    Rule(
        "empty-objects-present",
        RESPONSES,
        "`application`, `object.icon`, `object.status` and `object.status.icon` are always objects",
        "application, object.icon, object.status and its icon come back as {} when empty, never missing.",
    ),
    Rule(
        "self-names-issue-key",
        RESPONSES,
        "`self` is the request's REST base + `/issue/{KEY}/remotelink/{id}`",
        "self names the issue by key even when the request named it by id; both read the same link.",
    ),
    Rule(
        "never-cache",
        RESPONSES,
        "GET answers (list, by id, by globalId) and DELETE answers carry `Cache-Control",
        "GET and DELETE answers say no-cache, no-store, no-transform.",
    ),
    Rule(
        "rest-v3-same-contract",
        REST_V3,
        "serves the same six operations with the same contract",
        "The link operations work under /rest/api/3 as under /rest/api/2, self included.",
    ),
    Rule(
        "job-scheduled-200-uuid",
        JOBS,
        'answers **200** with `{"uuid": "<job id>"}`',
        "Scheduling a link-update job answers 200 with the job id in `uuid`.",
        Needs.JOBS,
    ),
    Rule(
        "job-request-fields",
        JOBS,
        "Required body fields: `product`, `productURL`, `destinationURL`, `migratedFrom`",
        "Any request with the four required fields, optional ones included, flags as booleans or strings, "
        "product Jira or jira, is scheduled.",
        Needs.FAKE,
    ),
    Rule(
        "job-status-json",
        JOBS,
        "`GET …/jobs/status/{jobId}` answers JSON",
        "A job's status answers JSON with a known status, and reaches Complete or Error.",
        Needs.JOBS,
    ),
)

_PACED = (
    "the suite paces its own requests and never provokes a 429 from a site; the client's handling of 429s "
    "is tested in the checkout against the fake's injected faults"
)
NOT_CHECKED: tuple[UncheckedRow, ...] = (
    UncheckedRow(
        STATUSES,
        "unknown keys, at any level",
        "no test sends unknown keys and then reads the link back; schemathesis' negative data only has its "
        "status judged",
    ),
    UncheckedRow(
        STATUSES,
        "HEAD and OPTIONS on a resource with GET",
        "the spec documents neither method and no test asserts their answer",
    ),
    UncheckedRow(
        STATUSES,
        "scalar of another type where a string is due",
        "unverified on Jira Cloud, so the suite tolerates either answer and asserts none",
    ),
    UncheckedRow(
        RESPONSES,
        "Every create, update and delete writes an entry in the issue's history",
        "the issue's history is not visible through the remote-links API",
    ),
    UncheckedRow(
        JOBS,
        "Only API-token basic auth",
        "showing the refusal needs an OAuth or Forge app, which a contract run does not have",
    ),
    UncheckedRow(RATE_LIMITS, "429 may come **without** `Retry-After`", _PACED),
    UncheckedRow(RATE_LIMITS, "`RateLimit-Reason` names the limit", _PACED),
    UncheckedRow(RATE_LIMITS, "Per-issue write limit", _PACED),
    UncheckedRow(RATE_LIMITS, "Headers: `Retry-After`, `X-RateLimit-Reset` and `RateLimit-Reason`", _PACED),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}


def unknown_rule_ids(ids: tuple[str, ...] | list[str]) -> list[str]:
    return [rule_id for rule_id in ids if rule_id not in RULES_BY_ID]
