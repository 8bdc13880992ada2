"""pycontribs/jira and atlassian-python-api, used as their users use them, work against the fake unchanged."""

# Both libraries ship without complete type hints; these tests call them as their users do.
# mypy: disable-error-code="no-untyped-call"

from __future__ import annotations

from atlassian import Jira, JiraCloud
from jira import JIRA

from fake_jira import RunningFake


def test_pycontribs_jira_default_constructor_and_remote_links(fake_jira: RunningFake) -> None:
    jira = JIRA(fake_jira.base_url, basic_auth=fake_jira.auth)
    assert jira.server_info()["deploymentType"] == "Cloud"
    assert jira.myself()["emailAddress"] == fake_jira.email
    issue = jira.issue("MKY-1", fields="summary")
    assert issue.key == "MKY-1"
    assert issue.fields.summary

    link = jira.add_remote_link(
        "MKY-1", {"url": "https://tracker.example/1", "title": "one"}, globalId="g-1", relationship="causes"
    )
    jira.add_simple_link("MKY-1", {"url": "https://tracker.example/2", "title": "two"})
    listed = jira.remote_links("MKY-1")
    assert sorted(found.object.title for found in listed) == ["one", "two"]
    single = jira.remote_link("MKY-1", link.id)
    assert single.globalId == "g-1"
    assert single.raw["object"]["icon"] == {}
    single.delete()
    assert [found.object.title for found in jira.remote_links("MKY-1")] == ["two"]
    jira.close()


def test_pycontribs_jira_validate_reads_the_session(fake_jira: RunningFake) -> None:
    jira = JIRA(fake_jira.base_url, basic_auth=fake_jira.auth, validate=True)
    assert jira.current_user()
    paths = [request.raw_path for request in fake_jira.requests()]
    assert "/rest/auth/1/session" in paths
    jira.close()


def test_atlassian_python_api_jira(fake_jira: RunningFake) -> None:
    jira = Jira(url=fake_jira.base_url, username=fake_jira.email, password=fake_jira.api_token)
    assert jira.issue("MKY-2")["key"] == "MKY-2"
    assert jira.myself()["emailAddress"] == fake_jira.email
    created = jira.create_or_update_issue_remote_links(
        "MKY-2",
        "https://tracker.example/a",
        "A",
        global_id="appId=1&pageId=2",
        relationship="mentioned in",
        icon_url="https://tracker.example/icon.png",
        application={"type": "com.atlassian.confluence", "name": "Wiki"},
    )
    link_id = created["id"]
    again = jira.create_or_update_issue_remote_links(
        "MKY-2", "https://tracker.example/a2", "A2", global_id="appId=1&pageId=2"
    )
    assert again["id"] == link_id
    assert jira.get_issue_remote_links("MKY-2", global_id="appId=1&pageId=2")["object"]["title"] == "A2"
    jira.update_issue_remote_link_by_id("MKY-2", link_id, "https://tracker.example/b", "B")
    assert jira.get_issue_remote_link_by_id("MKY-2", link_id)["object"]["title"] == "B"
    jira.delete_issue_remote_link_by_id("MKY-2", link_id)
    assert jira.get_issue_remote_links("MKY-2") == []


def test_atlassian_python_api_jira_cloud_speaks_v3(fake_jira: RunningFake) -> None:
    cloud = JiraCloud(url=fake_jira.base_url, username=fake_jira.email, password=fake_jira.api_token)
    assert cloud.get_issue("MKY-3", fields="*all")["key"] == "MKY-3"
    body = {"globalId": "v3-link", "object": {"url": "https://tracker.example/v3", "title": "v3"}}
    created = cloud.create_or_update_remote_issue_link("MKY-3", data=body)
    assert "/rest/api/3/issue/MKY-3/remotelink/" in created["self"]
    assert cloud.get_remote_issue_links("MKY-3", global_id="v3-link")["id"] == created["id"]
    cloud.update_remote_issue_link(
        "MKY-3", created["id"], data={"object": {"url": "https://tracker.example/v3b", "title": "v3b"}}
    )
    assert cloud.get_remote_issue_link_by_id("MKY-3", created["id"])["object"]["title"] == "v3b"
    cloud.delete_remote_issue_link_by_id("MKY-3", created["id"])
    assert cloud.get_remote_issue_links("MKY-3") == []
    paths = {request.raw_path for request in fake_jira.requests()}
    assert all(path.startswith("/rest/api/3/") for path in paths), paths
