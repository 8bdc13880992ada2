"""The fake's remote-link semantics, each shown over real HTTP."""

from __future__ import annotations

import threading

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fake_jira import RunningFake
from tests.fake.fake_http import jira, link_body, links_path

FULL_LINK = link_body(
    "system=http://www.mycompany.com/support&id=1",
    relationship="causes",
    application={"name": "My Acme Tracker", "type": "com.acme.tracker"},
    object={
        "url": "http://www.mycompany.com/support?id=1",
        "title": "TSTSUP-111",
        "summary": "Customer support issue",
        "icon": {"url16x16": "http://www.mycompany.com/support/ticket.png", "title": "Support Ticket"},
        "status": {"resolved": True, "icon": {"title": "Case Closed", "link": "http://x.invalid/closed"}},
    },
)


def test_post_creates_then_updates_by_global_id(fake_jira: RunningFake) -> None:
    with jira(fake_jira) as client:
        created = client.post(links_path(), json=FULL_LINK)
        assert created.status_code == 201
        link_id = created.json()["id"]
        assert created.json()["self"] == f"{fake_jira.base_url}/rest/api/2/issue/MKY-1/remotelink/{link_id}"
        assert created.headers["location"] == created.json()["self"]

        updated = client.post(links_path(), json=link_body(FULL_LINK["globalId"]))
        assert updated.status_code == 200
        assert updated.json()["id"] == link_id

        listed = client.get(links_path()).json()
        assert [link["id"] for link in listed] == [link_id]
        # Everything the update left out is gone (application, relationship, summary, icon, status); the
        # objects stay, empty, as Jira always sends them.
        assert listed[0] == {
            "id": link_id,
            "self": created.json()["self"],
            "globalId": FULL_LINK["globalId"],
            "application": {},
            "object": {
                "url": "https://support.invalid/case/1",
                "title": "CASE-1",
                "icon": {},
                "status": {"icon": {}},
            },
        }
        assert "location" not in updated.headers


def test_post_without_global_id_always_creates_and_ids_never_repeat(fake_jira: RunningFake) -> None:
    with jira(fake_jira) as client:
        first = client.post(links_path(), json=link_body()).json()["id"]
        assert client.delete(f"{links_path()}/{first}").status_code == 204
        second = client.post(links_path(), json=link_body()).json()["id"]
        third = client.post(links_path(), json=link_body()).json()["id"]
        assert len({first, second, third}) == 3
        assert [link["id"] for link in client.get(links_path()).json()] == [second, third]


def test_put_replaces_the_whole_link_and_answers_204_without_body(fake_jira: RunningFake) -> None:
    with jira(fake_jira) as client:
        link_id = client.post(links_path(), json=FULL_LINK).json()["id"]
        replaced = client.put(f"{links_path()}/{link_id}", json=link_body(relationship="blocks"))
        assert replaced.status_code == 204
        assert replaced.content == b""
        after = client.get(f"{links_path()}/{link_id}").json()
        assert after["relationship"] == "blocks"
        assert "globalId" not in after
        assert after["application"] == {}
        assert after["object"] == {
            "url": "https://support.invalid/case/1",
            "title": "CASE-1",
            "icon": {},
            "status": {"icon": {}},
        }


def test_get_lists_an_array_and_one_object_by_global_id(fake_jira: RunningFake) -> None:
    with jira(fake_jira) as client:
        assert client.get(links_path("MKY-2")).json() == []
        client.post(links_path("MKY-2"), json=link_body("a"))
        client.post(links_path("MKY-2"), json=link_body("b"))
        assert len(client.get(links_path("MKY-2")).json()) == 2
        single = client.get(links_path("MKY-2"), params={"globalId": "b"})
        assert single.status_code == 200
        assert single.json()["globalId"] == "b"
        missing = client.get(links_path("MKY-2"), params={"globalId": "c"})
        assert missing.status_code == 404
        assert missing.json()["errorMessages"]


def test_deletes_answer_204_and_need_a_global_id(fake_jira: RunningFake) -> None:
    with jira(fake_jira) as client:
        client.post(links_path(), json=link_body("gone"))
        link_id = client.post(links_path(), json=link_body("by-id")).json()["id"]
        no_global_id = client.delete(links_path())
        assert no_global_id.status_code == 400
        assert no_global_id.json()["errorMessages"]
        by_global_id = client.delete(links_path(), params={"globalId": "gone"})
        assert by_global_id.status_code == 204
        assert by_global_id.content == b""
        assert client.delete(f"{links_path()}/{link_id}").status_code == 204
        assert client.get(links_path()).json() == []
        assert client.get(f"{links_path()}/{link_id}").status_code == 404
        assert client.delete(links_path(), params={"globalId": "gone"}).status_code == 404


GLOBAL_IDS = st.text(
    alphabet=st.one_of(
        st.sampled_from("=&:/?#%+; .~"), st.characters(codec="utf-8", exclude_categories=["Cs"])
    ),
    min_size=1,
    max_size=255,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(global_id=GLOBAL_IDS)
def test_global_ids_round_trip_exactly(fake_jira_server: RunningFake, global_id: str) -> None:
    with jira(fake_jira_server) as client:
        created = client.post(links_path("MKY-3"), json=link_body(global_id))
        assert created.status_code == 201, created.text
        found = client.get(links_path("MKY-3"), params={"globalId": global_id})
        assert found.status_code == 200
        assert found.json()["globalId"] == global_id
        assert client.delete(links_path("MKY-3"), params={"globalId": global_id}).status_code == 204
        assert client.get(links_path("MKY-3")).json() == []


def test_global_id_limit_is_255_characters(fake_jira: RunningFake) -> None:
    with jira(fake_jira) as client:
        assert client.post(links_path(), json=link_body("x" * 255)).status_code == 201
        refused = client.post(links_path(), json=link_body("x" * 256))
        assert refused.status_code == 400
        assert "globalId" in refused.json()["errors"]


def test_per_issue_link_limit_answers_413(fake_jira: RunningFake) -> None:
    fake_jira.configure(max_links_per_issue=2)
    with jira(fake_jira) as client:
        assert client.post(links_path(), json=link_body("1")).status_code == 201
        assert client.post(links_path(), json=link_body("2")).status_code == 201
        over = client.post(links_path(), json=link_body("3"))
        assert over.status_code == 413
        assert over.json()["errorMessages"]
        # Updating an existing link is still allowed at the limit.
        assert client.post(links_path(), json=link_body("2")).status_code == 200


def test_issues_by_key_or_id_and_unknown_things(fake_jira: RunningFake) -> None:
    with jira(fake_jira) as client:
        link_id = client.post(links_path("10004"), json=link_body("k")).json()["id"]
        assert client.get(links_path("MKY-4")).json()[0]["id"] == link_id
        assert client.get(links_path("mky-4")).status_code == 200
        assert client.get(links_path("MKY-21")).status_code == 404
        assert client.get(links_path("99999")).status_code == 404
        assert client.get(f"{links_path('MKY-5')}/{link_id}").status_code == 400  # another issue's link
        assert client.get(f"{links_path('MKY-4')}/abc").status_code == 400
        assert client.get(f"{links_path('MKY-4')}/123456").status_code == 404
        # Escaped dots are an issue key like any other, not a path step back.
        assert client.get("/rest/api/2/issue/%2E%2E/remotelink").status_code == 404
        assert client.get(f"{links_path('MKY-4')}/%2E").status_code == 400


def test_linking_disabled_answers_403(fake_jira: RunningFake) -> None:
    fake_jira.configure(linking_enabled=False)
    with jira(fake_jira) as client:
        refused = client.get(links_path())
        assert refused.status_code == 403
        assert refused.json()["errorMessages"]


def test_credentials(fake_jira: RunningFake) -> None:
    with jira(fake_jira, auth=("demo@example.com", "wrong")) as client:
        assert client.get(links_path()).status_code == 401
    with jira(fake_jira, auth=None) as client:
        assert client.get(links_path()).status_code == 401
        fake_jira.configure(allow_anonymous=True)
        assert client.get(links_path()).status_code == 200
    with httpx.Client(base_url=fake_jira.base_url, headers={"Authorization": "Basic !!!"}) as client:
        assert client.get(links_path()).status_code == 401


def test_concurrent_upserts_of_one_global_id_leave_one_link(fake_jira: RunningFake) -> None:
    statuses: list[int] = []
    lock = threading.Lock()

    def upsert(title: str) -> None:
        with jira(fake_jira) as client:
            body = link_body("same", object={"url": "https://x.invalid", "title": title})
            status = client.post(links_path(), json=body).status_code
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=upsert, args=(f"t{n}",)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(statuses) == [200] * 15 + [201]
    with jira(fake_jira) as client:
        listed = client.get(links_path()).json()
    assert len(listed) == 1
    assert listed[0]["object"]["title"].startswith("t")
