"""Link-update jobs, injected faults and the admin API of the fake, over real HTTP."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
import yaml

from fake_jira import FakeConfig, RunningFake
from fake_jira.jobs import JobBoard
from tests.fake.fake_http import jira, jira_without_content_type, link_body, links_path

JOBS = "/links/v1/b436336f-99ce-2fbc-4520-7301132h1674/jobs"
JOB_REQUEST = {
    "product": "Jira",
    "productURL": "https://old.atlassian.net",
    "destinationURL": "https://new.atlassian.net",
    "migratedFrom": "https://jira.example.com",
}
SPEC = Path(__file__).resolve().parents[2] / "spec" / "jira-remote-links.openapi.yaml"


def _follow(client: httpx.Client, job_id: str, *, polls: int = 400) -> list[str]:
    """Every distinct status a job showed until it ended, polling a bounded number of times."""
    seen: list[str] = []
    for _ in range(polls):
        status = client.get(f"{JOBS}/status/{job_id}").json()["status"]
        if not seen or seen[-1] != status:
            seen.append(status)
        if status in ("Complete", "Error"):
            return seen
        time.sleep(0.005)
    return seen


def _in_order(seen: list[str], script: list[str]) -> bool:
    """Polling may miss short steps, but what it sees follows the script and ends with its last status."""
    remaining = iter(script)
    return bool(seen) and seen[-1] == script[-1] and all(status in remaining for status in seen)


def test_job_board_walks_every_status_with_the_clock() -> None:
    now = [0.0]
    board = JobBoard(clock=lambda: now[0])
    config = FakeConfig(
        job_step_seconds=1.0, job_statuses=("Pending", "Backup", "In_progress", "Retry", "Error")
    )
    job = board.schedule(dict(JOB_REQUEST), config)
    walked = []
    for tick in range(7):
        now[0] = tick + 0.5
        walked.append(board.status(job.id)[1])
    assert walked == ["Pending", "Backup", "In_progress", "Retry", "Error", "Error", "Error"]
    stuck = board.schedule(dict(JOB_REQUEST), config.updated({"defects": ["job-never-finishes"]}))
    now[0] += 1000
    assert board.status(stuck.id)[1] == "Retry"


def test_job_moves_through_its_statuses_to_complete(fake_jira: RunningFake) -> None:
    fake_jira.configure(job_step_seconds=0.05)
    with jira(fake_jira) as client:
        scheduled = client.post(
            f"{JOBS}/cma", json={**JOB_REQUEST, "product": "jira", "createBackup": "true"}
        )
        assert scheduled.status_code == 200
        job_id = scheduled.json()["uuid"]
        assert _in_order(_follow(client, job_id), ["Pending", "In_progress", "Complete"])
        final = client.get(f"{JOBS}/status/{job_id}").json()
        assert final == {"jobId": job_id, "status": "Complete", "message": None}


def test_job_can_end_in_error_with_a_message(fake_jira: RunningFake) -> None:
    fake_jira.configure(
        job_step_seconds=0.02, job_statuses=["Pending", "Backup", "In_progress", "Retry", "Error"]
    )
    with jira(fake_jira) as client:
        job_id = client.post(f"{JOBS}/cma", json={**JOB_REQUEST, "recreateAsRemote": True}).json()["uuid"]
        assert _in_order(_follow(client, job_id), ["Pending", "Backup", "In_progress", "Retry", "Error"])
        assert client.get(f"{JOBS}/status/{job_id}").json()["message"]


def test_recreating_confluence_links_as_remote_fails(fake_jira: RunningFake) -> None:
    fake_jira.configure(job_step_seconds=0.01)
    with jira(fake_jira) as client:
        body = {**JOB_REQUEST, "product": "confluence", "recreateAsRemote": "true"}
        job_id = client.post(f"{JOBS}/cma", json=body).json()["uuid"]
        assert _follow(client, job_id)[-1] == "Error"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"productURL": "a"}, "destinationURL"),
        ({**JOB_REQUEST, "product": "bamboo"}, "product"),
        ({**JOB_REQUEST, "createBackup": "yes"}, "createBackup"),
        ({**JOB_REQUEST, "surprise": 1}, "surprise"),
        ({**JOB_REQUEST, "productURL": 7}, "productURL"),
    ],
)
def test_job_requests_are_validated(fake_jira: RunningFake, body: dict[str, object], field: str) -> None:
    with jira(fake_jira) as client:
        response = client.post(f"{JOBS}/cma", json=body)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_unknown_job_is_404(fake_jira: RunningFake) -> None:
    with jira(fake_jira) as client:
        assert client.get(f"{JOBS}/status/b0476a8b-4cc4-4818-a7b4-2fa08cd7703a").status_code == 404


def test_throttling_answers_429_with_rate_limit_headers(fake_jira: RunningFake) -> None:
    fake_jira.configure(throttle_every_nth=2, retry_after_seconds=3)
    with jira(fake_jira) as client:
        assert client.get(links_path()).status_code == 200
        throttled = client.get(links_path())
    assert throttled.status_code == 429
    assert throttled.headers["Retry-After"] == "3"
    assert throttled.headers["RateLimit-Reason"]
    assert throttled.headers["X-RateLimit-Reset"].endswith("Z")
    assert throttled.json()["errorMessages"]


def test_fixed_window_rate_limit(fake_jira: RunningFake) -> None:
    fake_jira.configure(rate_limit_requests=3, rate_limit_window_seconds=60.0)
    with jira(fake_jira) as client:
        statuses = [client.get(links_path()).status_code for _ in range(5)]
        limited = client.get(links_path())
    assert statuses == [200, 200, 200, 429, 429]
    assert limited.headers["X-RateLimit-Limit"] == "3"
    assert limited.headers["X-RateLimit-Remaining"] == "0"
    assert int(limited.headers["Retry-After"]) >= 1


def test_server_error_bursts(fake_jira: RunningFake) -> None:
    fake_jira.configure(fail_every_nth=3)
    with jira(fake_jira) as client:
        statuses = [client.get(links_path()).status_code for _ in range(6)]
        assert statuses == [200, 200, 503, 200, 200, 503]
    fake_jira.configure(fail_every_nth=1, fail_status=500)
    with jira(fake_jira) as client:
        assert client.get(links_path()).status_code == 500


def test_delete_without_json_content_type_is_refused_with_415_unless_switched_off(
    fake_jira: RunningFake,
) -> None:
    with jira(fake_jira) as client, jira_without_content_type(fake_jira) as bare:
        link_id = client.post(links_path(), json=link_body("g")).json()["id"]
        assert bare.delete(f"{links_path()}/{link_id}").status_code == 415
        assert bare.delete(links_path(), params={"globalId": "g"}).status_code == 415
        typed = client.delete(f"{links_path()}/{link_id}")
        assert typed.status_code == 204
        fake_jira.configure(require_json_content_type=False)
        client.post(links_path(), json=link_body("g"))
        assert bare.delete(links_path(), params={"globalId": "g"}).status_code == 204


def test_admin_reset_seed_config_and_request_log(fake_jira: RunningFake) -> None:
    admin = httpx.Client(base_url=fake_jira.base_url)
    seeded = admin.post("/_fake/seed", json={"links": {"MKY-7": [link_body("s1"), link_body("s2")]}})
    assert seeded.json() == {"created": 2}
    with jira(fake_jira) as client:
        assert len(client.get(links_path("MKY-7")).json()) == 2
    log = admin.get("/_fake/requests").json()["requests"]
    assert log[-1]["raw_path"] == "/rest/api/2/issue/MKY-7/remotelink"
    assert log[-1]["headers"]["authorization"] == "Basic <redacted>"

    bad_key = admin.put("/_fake/config", json={"rate_limt_requests": 3})
    assert bad_key.status_code == 400
    assert "rate_limt_requests" in bad_key.json()["errorMessages"][0]
    bad_value = admin.put("/_fake/config", json={"issue_count": "many"})
    assert bad_value.status_code == 400
    assert "issue_count" in bad_value.json()["errorMessages"][0]
    assert admin.put("/_fake/config", json={"defects": ["stale-list"]}).json()["defects"] == ["stale-list"]
    bad_seed = admin.post("/_fake/seed", json={"links": {"MKY-7": [{"globalId": "no object"}]}})
    assert bad_seed.status_code == 400
    assert {"title", "url"} <= set(bad_seed.json()["errors"])

    assert admin.post("/_fake/reset").status_code == 204
    assert admin.get("/_fake/config").json()["defects"] == []
    assert admin.get("/_fake/requests").json() == {"requests": []}
    with jira(fake_jira) as client:
        assert client.get(links_path("MKY-7")).json() == []


def test_serves_the_spec(fake_jira: RunningFake) -> None:
    served = httpx.get(f"{fake_jira.base_url}/openapi.json").json()
    assert served == yaml.safe_load(SPEC.read_text(encoding="utf-8"))


def test_defects_change_behaviour_visibly(fake_jira: RunningFake) -> None:
    """A quick sign that each switch is wired; the contract suite shows that it catches each one."""
    fake_jira.configure(defects=["array-for-single", "wrong-status-on-update", "body-on-204"])
    with jira(fake_jira) as client:
        link_id = client.post(links_path(), json=link_body("d")).json()["id"]
        assert client.post(links_path(), json=link_body("d")).status_code == 201
        assert isinstance(client.get(links_path(), params={"globalId": "d"}).json(), list)
        assert client.put(f"{links_path()}/{link_id}", json=link_body()).status_code == 200
