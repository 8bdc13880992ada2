"""Bad input gets Jira's error body and a 4xx, never a 5xx, however malformed or large."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fake_jira import RunningFake
from tests.fake.fake_http import jira, link_body, links_path

FIXTURE_OK = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _is_jira_error(body: object) -> bool:
    return (
        isinstance(body, dict)
        and set(body) == {"errorMessages", "errors"}
        and isinstance(body["errorMessages"], list)
        and isinstance(body["errors"], dict)
    )


def test_named_validation_errors(fake_jira: RunningFake) -> None:
    cases = {
        b"{not json": None,
        b"": None,
        # Without `object`, Jira reads an empty one: both required fields are missing.
        json.dumps({"globalId": "x"}).encode(): "title",
        json.dumps({"object": {"url": "https://u.example"}}).encode(): "title",
        json.dumps({"object": {"title": "t"}}).encode(): "url",
        json.dumps({"object": {"title": "   ", "url": "https://u.example"}}).encode(): "title",
        json.dumps({"object": {"title": "t", "url": " \t"}}).encode(): "url",
        # A number where text is due is read as text ("1"), which is no URL.
        json.dumps({"object": {"url": 1, "title": "t"}}).encode(): "url",
        json.dumps(link_body(relationship="r" * 256)).encode(): "relationship",
        json.dumps(link_body("g" * 256)).encode(): "globalId",
        json.dumps(link_body(application={"type": "t" * 256})).encode(): "applicationType",
        json.dumps(link_body(application={"name": "n" * 256})).encode(): "applicationName",
        json.dumps({"object": {"title": "t" * 256, "url": "https://u.example"}}).encode(): "title",
        json.dumps({"object": {"title": "t", "url": "ftp://x/y"}}).encode(): "url",
        json.dumps({"object": {"title": "t", "url": "this is not a valid URI"}}).encode(): "url",
        json.dumps(
            link_body(object={"title": "t", "url": "https://u.example", "icon": {"url16x16": "x"}})
        ).encode(): "iconUrl",
        json.dumps(
            link_body(
                object={"title": "t", "url": "https://u.example", "status": {"icon": {"url16x16": "x"}}}
            )
        ).encode(): "statusIconUrl",
        json.dumps(
            link_body(
                object={"title": "t", "url": "https://u.example", "status": {"icon": {"link": "http:///x"}}}
            )
        ).encode(): "statusIconLink",
        # What Jira's JSON reader cannot map at all is refused as a whole, in errorMessages.
        json.dumps(link_body(application="app")).encode(): None,
        json.dumps(
            link_body(object={"url": "https://u.example", "title": "t", "status": {"resolved": "yes"}})
        ).encode(): None,
        json.dumps([1, 2]).encode(): None,
    }
    with jira(fake_jira) as client:
        # Jira finds the link before it reads the body, so PUT needs one that exists.
        link_id = client.post(links_path(), json=link_body()).json()["id"]
        for body, field in cases.items():
            for method, path in (("POST", links_path()), ("PUT", f"{links_path()}/{link_id}")):
                response = client.request(
                    method, path, content=body, headers={"Content-Type": "application/json"}
                )
                assert response.status_code == 400, (method, body, response.text)
                payload = response.json()
                assert _is_jira_error(payload)
                if field is None:
                    assert payload["errorMessages"]
                else:
                    assert field in payload["errors"], (body, payload)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
LINK_SHAPED = st.fixed_dictionaries(
    {},
    optional={
        "globalId": JSON,
        "relationship": JSON,
        "application": JSON,
        "object": st.fixed_dictionaries(
            {}, optional={"url": JSON, "title": JSON, "status": JSON, "icon": JSON}
        ),
    },
)


@FIXTURE_OK
@given(body=st.one_of(JSON, LINK_SHAPED))
def test_any_json_body_gets_a_documented_answer(fake_jira_server: RunningFake, body: object) -> None:
    with jira(fake_jira_server) as client:
        response = client.post(links_path("MKY-9"), json=body)
    assert response.status_code in (200, 201, 400), response.text
    if response.status_code == 400:
        assert _is_jira_error(response.json())


@FIXTURE_OK
@given(raw=st.binary(max_size=200))
def test_any_bytes_never_get_a_server_error(fake_jira_server: RunningFake, raw: bytes) -> None:
    with jira(fake_jira_server) as client:
        response = client.post(links_path("MKY-9"), content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code < 500, response.text


def test_oversized_body_is_refused_with_a_clear_error(fake_jira: RunningFake) -> None:
    fake_jira.configure(max_body_bytes=1000)
    with jira(fake_jira) as client:
        response = client.post(links_path(), json=link_body(object={"url": "u", "title": "t" * 2000}))
    assert response.status_code == 413
    assert "1000 bytes" in response.json()["errorMessages"][0]


def test_unknown_paths_and_methods(fake_jira: RunningFake) -> None:
    with jira(fake_jira) as client:
        assert client.get("/rest/api/2/nothing").status_code == 404
        assert _is_jira_error(client.get("/rest/api/2/nothing").json())
        assert client.patch(links_path(), json={}).status_code == 405
