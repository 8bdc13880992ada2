"""Deliberate breaks of the contract, one enum: each exists so a contract check can be shown to catch it."""

from __future__ import annotations

from enum import StrEnum


class Defect(StrEnum):
    """A way the fake can break Jira's contract on purpose; the value is the name users pass to `--defect`."""

    description: str

    def __new__(cls, value: str, description: str) -> Defect:
        member = str.__new__(cls, value)
        member._value_ = value
        member.description = description
        return member

    NO_NULL_WIPE = (
        "no-null-wipe",
        "a POST-update or PUT keeps fields the request left out, instead of nulling them",
    )
    GLOBAL_ID_DOUBLE_DECODE = "global-id-double-decode", "the globalId query value is percent-decoded twice"
    GLOBAL_ID_NOT_DECODED = (
        "global-id-not-decoded",
        "the globalId query value is used without percent-decoding",
    )
    DUPLICATE_ON_UPSERT = "duplicate-on-upsert", "a POST with an existing globalId creates a second link"
    ARRAY_FOR_SINGLE = (
        "array-for-single",
        "GET with a globalId answers a one-element array instead of an object",
    )
    BODY_ON_204 = "body-on-204", "PUT and DELETE answer 200 with a JSON body where 204 without a body is due"
    SERVER_ERROR_ON_BAD_JSON = "500-on-bad-json", "a malformed JSON body gets a 500 with a plain-text body"
    WRONG_STATUS_ON_UPDATE = "wrong-status-on-update", "a POST that updates answers 201 instead of 200"
    STALE_LIST = "stale-list", "deleted links keep appearing in the issue's list"
    JOB_NEVER_FINISHES = "job-never-finishes", "link-update jobs never reach a terminal status"
    # Jira's validation and answers, as the evidence file lists them.
    BLANK_ACCEPTED = "blank-accepted", "a title or url of only whitespace is accepted"
    URL_NOT_CHECKED = "url-not-checked", "URLs without an http(s) scheme and a host are accepted"
    NO_LENGTH_CAPS = "no-length-caps", "the 255-character caps (globalId, title, ...) are not enforced"
    LINK_ID_NOT_JAVA_LONG = (
        "link-id-not-java-long",
        "link ids are checked as short digit strings: -1 and 19-digit numbers answer 400 instead of 404",
    )
    LINK_ID_UNCHECKED = "link-id-unchecked", "link ids that are not numbers answer 404 instead of 400"
    PUT_DUPLICATES_GLOBAL_ID = (
        "put-duplicates-global-id",
        "a PUT may give a link the globalId another link on the issue already has",
    )
    GLOBAL_ID_SITE_WIDE = (
        "global-id-site-wide",
        "globalIds are looked up across all issues instead of per issue",
    )
    GLOBAL_ID_NORMALISED = (
        "global-id-normalised",
        "globalId lookups ignore letter case and surrounding spaces",
    )
    SELF_AS_REQUESTED = (
        "self-as-requested",
        "self names the issue as the request did (its id) instead of by key; ids with a leading zero resolve",
    )
    NO_LOCATION = "no-location", "a 201 from POST carries no Location header"
    EMPTY_OBJECTS_LEFT_OUT = (
        "empty-objects-left-out",
        "application, object.icon and object.status are left out of answers when empty",
    )
    ICON_LINK_ECHOED = "icon-link-echoed", "object.icon.link is stored and returned"
    NO_MEDIA_TYPE_CHECKS = "no-media-type-checks", "no 415 for a missing JSON Content-Type, no 406 for Accept"
    NO_CACHE_CONTROL = "no-cache-control", "GET and DELETE answers carry no Cache-Control header"
    DELETE_BY_GLOBAL_ID_REMOVES_ONE = (
        "delete-by-global-id-removes-one",
        "DELETE ?globalId= removes only the first of several links with that globalId",
    )


def parse_defects(names: object) -> frozenset[Defect]:
    """Defects from their names; raises ValueError naming an unknown one."""
    if not isinstance(names, list | tuple | set | frozenset) or not all(isinstance(n, str) for n in names):
        raise ValueError(f"defects must be a list of defect names, got {names!r}")
    known = {defect.value: defect for defect in Defect}
    for name in names:
        if name not in known:
            raise ValueError(f"unknown defect {name!r}; known defects: {', '.join(sorted(known))}")
    return frozenset(known[name] for name in names)
