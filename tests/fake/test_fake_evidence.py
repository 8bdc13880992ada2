"""The evidence file's cases the fake answers as Jira does, over real HTTP, one small test per rule."""

from __future__ import annotations

import pytest

from fake_jira import RunningFake
from tests.fake.fake_http import jira, jira_without_content_type, link_body, links_path

NEVER_CACHE = "no-cache, no-store, no-transform"


def test_201_carries_location_and_self_names_the_issue_by_key(fake_jira: RunningFake) -> None:
    with jira(fake_jira) as client:
        created = client.post(links_path("10002"), json=link_body("by-id"))
        assert created.status_code == 201
        assert created.json()["self"].endswith(f"/rest/api/2/issue/MKY-2/remotelink/{created.json()['id']}")
        assert created.headers["location"] == created.json()["self"]
        assert client.get(links_path("010002")).status_code == 404  # a leading zero makes it a key


def test_v3_serves_the_same_operations_with_v3_self_links(fake_jira: RunningFake) -> None:
    with jira(fake_jira) as client:
        base = "/rest/api/3/issue/MKY-1/remotelink"
        created = client.post(base, json=link_body("v3"))
        assert created.status_code == 201
        assert "/rest/api/3/issue/MKY-1/remotelink/" in created.json()["self"]
        link_id = created.json()["id"]
        assert client.get(base, params={"globalId": "v3"}).json()["id"] == link_id
        assert client.put(f"{base}/{link_id}", json=link_body()).status_code == 204
        assert client.delete(f"{base}/{link_id}").status_code == 204
        assert client.get("/rest/api/4/issue/MKY-1/remotelink").status_code == 404


@pytest.mark.parametrize(
    ("link_id", "status"),
    [("-1", 404), ("999999", 404), ("1234567890123456789", 404), ("99a", 400), ("99999999999999999999", 400)],
)
def test_link_ids_read_as_java_longs(fake_jira: RunningFake, link_id: str, status: int) -> None:
    with jira(fake_jira) as client:
        assert client.get(f"{links_path()}/{link_id}").status_code == status
        assert client.put(f"{links_path()}/{link_id}", json=link_body()).status_code == status
        assert client.delete(f"{links_path()}/{link_id}").status_code == status


def test_put_refuses_another_links_global_id_but_not_its_own(fake_jira: RunningFake) -> None:
    with jira(fake_jira) as client:
        first = client.post(links_path(), json=link_body("a")).json()["id"]
        second = client.post(links_path(), json=link_body("b")).json()["id"]
        refused = client.put(f"{links_path()}/{second}", json=link_body("a"))
        assert refused.status_code == 400
        assert set(refused.json()["errors"]) == {"globalId"}
        assert client.put(f"{links_path()}/{first}", json=link_body("a")).status_code == 204
        # Per issue: the same globalId on another issue is another link.
        assert client.post(links_path("MKY-2"), json=link_body("a")).status_code == 201


def test_delete_by_global_id_removes_every_match_and_misses_are_keyed(fake_jira: RunningFake) -> None:
    fake_jira.seed({"MKY-1": [link_body("old"), link_body("old")]}, allow_duplicates=True)
    with jira(fake_jira) as client:
        assert client.get(links_path(), params={"globalId": "old"}).status_code == 200
        assert client.delete(links_path(), params={"globalId": "old"}).status_code == 204
        assert client.get(links_path()).json() == []
        missing = client.delete(links_path(), params={"globalId": "old"})
        assert missing.status_code == 404
        assert set(missing.json()["errors"]) == {"globalId"}
        not_found = client.get(links_path(), params={"globalId": "old"})
        assert not_found.json()["errorMessages"]


def test_answers_always_hold_the_objects_and_drop_icon_link_and_unknown_keys(fake_jira: RunningFake) -> None:
    body = link_body(
        "shape",
        extra="dropped",
        object={"url": "https://x.example", "title": 123, "icon": {"link": "https://x.example/l", "x": 1}},
    )
    with jira(fake_jira) as client:
        link_id = client.post(links_path(), json=body).json()["id"]
        link = client.get(f"{links_path()}/{link_id}").json()
    assert link["application"] == {}
    assert link["object"] == {"url": "https://x.example", "title": "123", "icon": {}, "status": {"icon": {}}}
    assert "extra" not in link


def test_scalars_are_refused_when_coercion_is_off(fake_jira: RunningFake) -> None:
    fake_jira.configure(coerce_scalars=False)
    with jira(fake_jira) as client:
        refused = client.post(links_path(), json=link_body(object={"url": "https://x.example", "title": 1}))
        assert refused.status_code == 400
        assert refused.json()["errorMessages"]


def test_media_types_cache_control_head_and_options(fake_jira: RunningFake) -> None:
    with jira(fake_jira) as client, jira_without_content_type(fake_jira) as bare:
        link_id = client.post(links_path(), json=link_body("m")).json()["id"]
        assert (
            bare.post(links_path(), content=b"{}", headers={"Content-Type": "text/plain"}).status_code == 415
        )
        assert bare.put(f"{links_path()}/{link_id}", content=b"{}").status_code == 415
        assert bare.delete(f"{links_path()}/{link_id}").status_code == 415
        assert client.get(links_path(), headers={"Accept": "application/xml"}).status_code == 406
        assert client.get(links_path(), headers={"Accept": "application/xml, */*;q=0.1"}).status_code == 200
        for response in (
            client.get(links_path()),
            client.get(f"{links_path()}/{link_id}"),
            client.get(links_path(), params={"globalId": "m"}),
        ):
            assert response.headers["cache-control"] == NEVER_CACHE
        head = client.head(links_path())
        assert head.status_code == 200
        assert head.content == b""
        assert head.headers["cache-control"] == NEVER_CACHE
        options = client.options(f"{links_path()}/{link_id}")
        assert options.status_code == 200
        assert set(options.headers["allow"].split(", ")) == {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"}
        deleted = client.delete(f"{links_path()}/{link_id}")
        assert deleted.status_code == 204
        assert deleted.headers["cache-control"] == NEVER_CACHE


def test_wrong_token_gets_jira_clouds_plain_text_401(fake_jira: RunningFake) -> None:
    with jira(fake_jira, auth=(fake_jira.email, "wrong")) as client:
        refused = client.get(links_path())
    assert refused.status_code == 401
    assert refused.headers["content-type"].startswith("text/plain")
    assert refused.text == "Client must be authenticated to access this resource."
