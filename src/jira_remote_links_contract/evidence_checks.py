"""Jira's behaviour as the evidence file lists it, as plain checks of an `Evidence` (the target and an HTTP
client): blank and over-long fields, URLs without a host, link ids that are negative, not numbers or 19 digits
long, globalIds that differ only by escaping, letter case or spaces, issues named by id and by key,
`Location`, the objects every answer holds, media types and `Cache-Control`.

`test_jira_evidence` runs each check against the target; the checkout's own tests run each against the fake
with the defect it must catch, which is why the checks live in a module of their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from jira_remote_links_contract.coverage import record_httpx_response
from jira_remote_links_contract.exchanges import RecordingTransport
from jira_remote_links_contract.fake_admin import FakeAdmin
from jira_remote_links_contract.pacing import PacedTransport
from jira_remote_links_contract.target import Target

NEVER_CACHE = ("no-cache", "no-store", "no-transform")
# Within 64 bits (Java's Long.MAX_VALUE is 9223372036854775807), so a number Jira looks up: 404.
NINETEEN_DIGITS = "1234567890123456789"
# Beyond 64 bits: not a number Jira can read, 400.
BEYOND_64_BITS = "99999999999999999999"


@dataclass
class Evidence:
    """The target, a raw JSON client for it, and the links a check created (deleted afterwards)."""

    target: Target
    http: httpx.Client
    created: list[tuple[str, int]] = field(default_factory=list)

    def path(self, issue: str | None = None, link: str | int | None = None, *, api: str = "2") -> str:
        issue_segment = quote(issue or self.target.primary_issue, safe="")
        path = f"/rest/api/{api}/issue/{issue_segment}/remotelink"
        return path if link is None else f"{path}/{quote(str(link), safe='')}"

    def body(self, tag: str, *, global_id: bool = False, **object_fields: Any) -> dict[str, Any]:
        remote = {"url": f"{self.target.object_url_prefix}{tag}", "title": f"evidence {tag}", **object_fields}
        body: dict[str, Any] = {"object": remote}
        if global_id:
            body["globalId"] = self.global_id(tag)
        return body

    def global_id(self, tag: str) -> str:
        return f"{self.target.global_id_prefix}{tag}"

    def post(self, body: dict[str, Any], issue: str | None = None, *, api: str = "2") -> httpx.Response:
        response = self.http.post(self.path(issue, api=api), json=body)
        if response.status_code in (200, 201) and isinstance(response.json().get("id"), int):
            self.created.append((issue or self.target.primary_issue, response.json()["id"]))
        return response

    def create(self, body: dict[str, Any], issue: str | None = None) -> dict[str, Any]:
        response = self.post(body, issue)
        assert response.status_code == 201, f"POST {body!r}: {_describe(response)}"
        created: dict[str, Any] = response.json()
        return created

    def cleanup(self) -> None:
        for issue, link_id in self.created:
            self.http.delete(self.path(issue, link_id))
        self.created.clear()


def _describe(response: httpx.Response) -> str:
    return f"HTTP {response.status_code} {response.text[:300]}"


def _assert_field_error(response: httpx.Response, key: str, what: str) -> None:
    assert response.status_code == 400, f"{what}: expected 400, got {_describe(response)}"
    errors = response.json().get("errors", {})
    assert key in errors, f"{what}: expected errors.{key}, got {_describe(response)}"


# Validation ------------------------------------------------------------------------------------------


def whitespace_only_title(evidence: Evidence) -> None:
    blank = evidence.body("blank", title="   ")
    _assert_field_error(evidence.post(blank), "title", "POST with a whitespace-only title")
    both = {"object": {"title": " \t", "url": "  "}}
    response = evidence.post(both)
    _assert_field_error(response, "title", "POST with whitespace-only title and url")
    _assert_field_error(response, "url", "POST with whitespace-only title and url")
    link = evidence.create(evidence.body("blank-put"))
    _assert_field_error(
        evidence.http.put(evidence.path(link=link["id"]), json=blank), "title", "PUT with a blank title"
    )


def url_without_host(evidence: Evidence) -> None:
    for url, key, body in (
        ("https:///no-host", "url", evidence.body("nohost", url="https:///no-host")),
        ("ftp://x/y", "url", evidence.body("ftp", url="ftp://x/y")),
        ("not a URI", "iconUrl", evidence.body("icon", icon={"url16x16": "not a URI"})),
        ("https://", "statusIconUrl", evidence.body("sicon", status={"icon": {"url16x16": "https://"}})),
        ("x:y", "statusIconLink", evidence.body("slink", status={"icon": {"link": "x:y"}})),
    ):
        _assert_field_error(evidence.post(body), key, f"POST with {key} {url!r}")
    # Empty URLs in the optional fields are allowed.
    evidence.create(evidence.body("empty-icon", icon={"url16x16": ""}))


def title_of_256_characters(evidence: Evidence) -> None:
    _assert_field_error(
        evidence.post(evidence.body("long", title="t" * 256)), "title", "a 256-character title"
    )
    evidence.create(evidence.body("255", title="t" * 255))
    too_long = {**evidence.body("rel"), "relationship": "r" * 256}
    _assert_field_error(evidence.post(too_long), "relationship", "a 256-character relationship")
    app = {**evidence.body("app"), "application": {"type": "t" * 256, "name": "n" * 256}}
    response = evidence.post(app)
    _assert_field_error(response, "applicationType", "a 256-character application.type")
    _assert_field_error(response, "applicationName", "a 256-character application.name")


def _link_id_answers(evidence: Evidence, link_id: str, expected: int) -> None:
    body = evidence.body("id")
    for method, response in (
        ("GET", evidence.http.get(evidence.path(link=link_id))),
        ("PUT", evidence.http.put(evidence.path(link=link_id), json=body)),
        ("DELETE", evidence.http.delete(evidence.path(link=link_id))),
    ):
        assert response.status_code == expected, f"{method} link id {link_id!r}: {_describe(response)}"


def link_id_minus_one(evidence: Evidence) -> None:
    _link_id_answers(evidence, "-1", 404)


def link_id_not_a_number(evidence: Evidence) -> None:
    _link_id_answers(evidence, "99a", 400)
    _link_id_answers(evidence, BEYOND_64_BITS, 400)


def link_id_of_19_digits(evidence: Evidence) -> None:
    _link_id_answers(evidence, NINETEEN_DIGITS, 404)


# globalId ------------------------------------------------------------------------------------------


def duplicate_global_id_on_put(evidence: Evidence) -> None:
    first = evidence.create(evidence.body("dup-a", global_id=True))
    second = evidence.create(evidence.body("dup-b", global_id=True))
    taken = evidence.body("dup-b", global_id=False) | {"globalId": evidence.global_id("dup-a")}
    response = evidence.http.put(evidence.path(link=second["id"]), json=taken)
    _assert_field_error(response, "globalId", "PUT giving a link another link's globalId")
    unchanged = evidence.http.put(
        evidence.path(link=first["id"]), json=evidence.body("dup-a", global_id=True)
    )
    assert unchanged.status_code == 204, f"PUT with the link's own globalId: {_describe(unchanged)}"


def same_global_id_on_two_issues(evidence: Evidence) -> None:
    if len(evidence.target.issue_keys) < 2:
        pytest.skip("needs a second issue; a live run is given exactly one")
    first_issue, second_issue = evidence.target.issue_keys[:2]
    body = evidence.body("two-issues", global_id=True)
    first = evidence.create(body, first_issue)
    second = evidence.create(body, second_issue)
    assert first["id"] != second["id"], "the second issue's POST updated the first issue's link"
    found = evidence.http.get(evidence.path(first_issue), params={"globalId": body["globalId"]})
    assert found.status_code == 200, _describe(found)
    assert found.json()["id"] == first["id"], f"GET by globalId on the first issue: {_describe(found)}"


def _distinct_global_ids(evidence: Evidence, tails: tuple[str, ...]) -> None:
    """Each globalId is its own link: created apart, found exactly, deleted alone."""
    ids = {}
    for tail in tails:
        ids[tail] = evidence.create(
            evidence.body("g", global_id=False) | {"globalId": evidence.global_id(tail)}
        )["id"]
    for tail in tails:
        found = evidence.http.get(evidence.path(), params={"globalId": evidence.global_id(tail)})
        assert found.status_code == 200, f"GET globalId {tail!r}: {_describe(found)}"
        assert found.json().get("id") == ids[tail], f"GET globalId {tail!r} found another link: {found.text}"
    first = tails[0]
    deleted = evidence.http.delete(evidence.path(), params={"globalId": evidence.global_id(first)})
    assert deleted.status_code == 204, f"DELETE globalId {first!r}: {_describe(deleted)}"
    for tail in tails[1:]:
        still = evidence.http.get(evidence.path(link=ids[tail]))
        assert still.status_code == 200, f"DELETE of {first!r} also removed {tail!r}"


def plus_percent_and_space_in_global_id(evidence: Evidence) -> None:
    _distinct_global_ids(evidence, ("a+b", "a%2Bb", "a b"))


def letter_case_and_spaces_in_global_id(evidence: Evidence) -> None:
    # Every globalId carries the run prefix first, so the trailing space is what a trimming server would lose.
    _distinct_global_ids(evidence, ("Case-x", "case-x", " case-x ", "case-x "))


def delete_by_global_id_misses(evidence: Evidence) -> None:
    missing = evidence.global_id("never-written")
    deleted = evidence.http.delete(evidence.path(), params={"globalId": missing})
    assert deleted.status_code == 404, _describe(deleted)
    assert "globalId" in deleted.json().get("errors", {}), (
        f"DELETE miss not keyed globalId: {_describe(deleted)}"
    )
    found = evidence.http.get(evidence.path(), params={"globalId": missing})
    assert found.status_code == 404, _describe(found)
    assert found.json().get("errorMessages"), f"GET miss without errorMessages: {_describe(found)}"


# Issues, answers and headers -------------------------------------------------------------------------


def issue_by_id_and_by_key(evidence: Evidence) -> None:
    key = evidence.target.primary_issue
    issue = evidence.http.get(f"/rest/api/2/issue/{quote(key, safe='')}", params={"fields": "summary"})
    assert issue.status_code == 200, f"GET issue {key}: {_describe(issue)}"
    issue_id, issue_key = issue.json()["id"], issue.json()["key"]
    created = evidence.create(evidence.body("by-id"), issue_id)
    assert created["self"].endswith(f"/issue/{issue_key}/remotelink/{created['id']}"), (
        f"self names the issue by id, not by key: {created['self']}"
    )
    by_id = evidence.http.get(evidence.path(issue_id, created["id"]))
    by_key = evidence.http.get(evidence.path(issue_key, created["id"]))
    assert by_id.status_code == by_key.status_code == 200, (_describe(by_id), _describe(by_key))
    assert by_id.json() == by_key.json(), "the link reads differently by issue id and by key"
    leading_zero = evidence.http.get(evidence.path("0" + str(issue_id)))
    assert leading_zero.status_code == 404, f"issue id with a leading zero: {_describe(leading_zero)}"


def location_on_201(evidence: Evidence) -> None:
    response = evidence.post(evidence.body("location", global_id=True))
    assert response.status_code == 201, _describe(response)
    assert response.headers.get("location") == response.json()["self"], (
        f"Location {response.headers.get('location')!r} is not self {response.json()['self']!r}"
    )


def response_objects_present(evidence: Evidence) -> None:
    created = evidence.create(evidence.body("objects", icon={"link": "https://icon.example/link"}))
    read = evidence.http.get(evidence.path(link=created["id"]))
    assert read.status_code == 200, _describe(read)
    link = read.json()
    assert link.get("application") == {}, f"application: {link.get('application')!r}"
    remote = link["object"]
    assert remote.get("icon") == {}, f"object.icon (icon.link is dropped): {remote.get('icon')!r}"
    assert remote.get("status") == {"icon": {}}, f"object.status: {remote.get('status')!r}"


def media_types(evidence: Evidence) -> None:
    created = evidence.create(evidence.body("media"))
    text = {"Content-Type": "text/plain"}
    posted = evidence.http.post(evidence.path(), content=b'{"object":{}}', headers=text)
    assert posted.status_code == 415, f"POST as text/plain: {_describe(posted)}"
    put = evidence.http.put(evidence.path(link=created["id"]), content=b"{}", headers=text)
    assert put.status_code == 415, f"PUT as text/plain: {_describe(put)}"
    bare = evidence.http.build_request("DELETE", evidence.path(link=created["id"]))
    del bare.headers["Content-Type"]
    deleted = evidence.http.send(bare)
    assert deleted.status_code == 415, f"bodyless DELETE without a JSON Content-Type: {_describe(deleted)}"
    xml = evidence.http.get(evidence.path(), headers={"Accept": "application/xml"})
    assert xml.status_code == 406, f"GET accepting only XML: {_describe(xml)}"


def cache_control(evidence: Evidence) -> None:
    body = evidence.body("cache", global_id=True)
    created = evidence.create(body)
    for what, response in (
        ("list", evidence.http.get(evidence.path())),
        ("by id", evidence.http.get(evidence.path(link=created["id"]))),
        ("by globalId", evidence.http.get(evidence.path(), params={"globalId": body["globalId"]})),
        ("DELETE", evidence.http.delete(evidence.path(link=created["id"]))),
    ):
        header = response.headers.get("cache-control", "")
        assert response.status_code in (200, 204), f"{what}: {_describe(response)}"
        assert all(part in header for part in NEVER_CACHE), f"{what}: Cache-Control {header!r}"


def rest_v3(evidence: Evidence) -> None:
    posted = evidence.post(evidence.body("v3", global_id=True), api="3")
    assert posted.status_code == 201, f"POST under /rest/api/3: {_describe(posted)}"
    assert "/rest/api/3/issue/" in posted.json()["self"], posted.json()["self"]
    link_id = posted.json()["id"]
    read = evidence.http.get(evidence.path(link=link_id, api="3"))
    assert read.status_code == 200, _describe(read)
    replaced = evidence.http.put(evidence.path(link=link_id, api="3"), json=evidence.body("v3b"))
    assert replaced.status_code == 204, _describe(replaced)
    removed = evidence.http.delete(evidence.path(link=link_id, api="3"))
    assert removed.status_code == 204, _describe(removed)


Check = Callable[[Evidence], None]

CHECKS: dict[str, Check] = {
    check.__name__: check
    for check in (
        whitespace_only_title,
        url_without_host,
        title_of_256_characters,
        link_id_minus_one,
        link_id_not_a_number,
        link_id_of_19_digits,
        duplicate_global_id_on_put,
        same_global_id_on_two_issues,
        plus_percent_and_space_in_global_id,
        letter_case_and_spaces_in_global_id,
        delete_by_global_id_misses,
        issue_by_id_and_by_key,
        location_on_201,
        response_objects_present,
        media_types,
        cache_control,
        rest_v3,
    )
}


@contextmanager
def open_evidence(target: Target) -> Iterator[Evidence]:
    """An `Evidence` for the target; the links its checks created are deleted on the way out."""
    transport: httpx.BaseTransport = httpx.HTTPTransport()
    if target.requests_per_second is not None:
        transport = PacedTransport(transport, target.requests_per_second)
    with httpx.Client(
        base_url=target.base_url,
        auth=httpx.BasicAuth(target.email, target.api_token.reveal()),
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        transport=RecordingTransport(transport),
        # The evidence checks reach statuses nothing else does (406, 415, v3): they count as coverage too.
        event_hooks={"response": [record_httpx_response]},
        timeout=30.0,
    ) as http:
        found = Evidence(target, http)
        try:
            yield found
        finally:
            found.cleanup()


def delete_every_match(admin: FakeAdmin, evidence: Evidence, body: dict[str, Any]) -> None:
    # Old data can hold several links with one globalId on an issue; only seeding can make that now.
    admin.seed({evidence.target.primary_issue: [body, body, body]}, allow_duplicates=True)
    deleted = evidence.http.delete(evidence.path(), params={"globalId": body["globalId"]})
    assert deleted.status_code == 204, _describe(deleted)
    left = [
        link for link in evidence.http.get(evidence.path()).json() if link.get("globalId") == body["globalId"]
    ]
    assert left == [], f"DELETE ?globalId= left {len(left)} of 3 links with that globalId"
