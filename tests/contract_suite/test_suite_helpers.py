"""The suite's own machinery: the read-back comparison, the live pacing, and the run summary."""

from __future__ import annotations

import httpx
import pytest

from jira_remote_links_contract.jira_errors import error_collection_problems
from jira_remote_links_contract.links import LINK_FIELDS, differences
from jira_remote_links_contract.pacing import PacedTransport
from jira_remote_links_contract.summary import Outcome, examples_from_statistics, render

SENT = {"globalId": "g", "object": {"url": "u", "title": "t", "status": {"resolved": True}}}


def test_read_back_accepts_equal_fields_and_empty_left_out_fields() -> None:
    got = {
        "id": 1,
        "globalId": "g",
        "application": {},
        "relationship": None,
        "object": {"url": "u", "title": "t", "icon": {"title": None}, "status": {"resolved": True}},
    }
    assert differences(SENT, got, LINK_FIELDS) == []


@pytest.mark.parametrize(
    ("got", "problem"),
    [
        (
            {"globalId": "g", "object": {"url": "u", "title": "t", "status": {"resolved": False}}},
            "object.status.resolved",
        ),
        (
            {
                "globalId": "g",
                "relationship": "kept",
                "object": {"url": "u", "title": "t", "status": {"resolved": True}},
            },
            "relationship",
        ),
        ({"globalId": "G", "object": {"url": "u", "title": "t", "status": {"resolved": True}}}, "globalId"),
        ({"globalId": "g", "object": None}, "object"),
    ],
)
def test_read_back_names_each_difference(got: dict[str, object], problem: str) -> None:
    found = differences(SENT, got, LINK_FIELDS)
    assert len(found) == 1
    assert found[0].startswith(problem)


def test_error_collection_check() -> None:
    assert error_collection_problems(404, "application/json", b'{"errorMessages":["gone"],"errors":{}}') == []
    assert error_collection_problems(404, "text/plain", b"Not Found")
    assert error_collection_problems(400, "application/json", b'{"errorMessages":[],"errors":{}}')
    assert error_collection_problems(400, "application/json", b'{"message":"x","errorMessages":["y"]}')


def test_paced_transport_waits_out_429_and_returns_the_answer() -> None:
    answers = iter([httpx.Response(429, headers={"Retry-After": "0"}), httpx.Response(200, json=[])])
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return next(answers)

    with httpx.Client(transport=PacedTransport(httpx.MockTransport(handler), 1000.0)) as client:
        response = client.get("http://jira.test/rest/api/2/issue/A-1/remotelink")
    assert response.status_code == 200
    assert len(calls) == 2


def _paced_calls(*answers: httpx.Response, method: str = "GET", body: bytes = b"") -> list[httpx.Request]:
    pending = iter(answers)
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return next(pending)

    with httpx.Client(transport=PacedTransport(httpx.MockTransport(handler), 1000.0)) as client:
        client.request(method, "http://jira.test/rest/api/2/issue/A-1/remotelink", content=body)
    return calls


def test_paced_transport_honours_beta_retry_after_when_retry_after_is_absent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The client's rule: Beta-Retry-After stands in for a missing Retry-After. The waits are recorded, not slept.
    waits: list[float] = []
    monkeypatch.setattr("jira_remote_links_contract.pacing.time.sleep", waits.append)
    calls = _paced_calls(httpx.Response(429, headers={"Beta-Retry-After": "7"}), httpx.Response(200, json=[]))
    assert len(calls) == 2
    slept = [wait for wait in waits if wait >= 1]
    assert len(slept) == 1
    assert 7 <= slept[0] <= 7 * 1.3


def test_paced_transport_never_retries_a_quota_429() -> None:
    # A quota lasts until it resets: a retry within the minute would only fail again.
    calls = _paced_calls(
        httpx.Response(429, headers={"Retry-After": "0", "RateLimit-Reason": "jira-quota-tenant-based"}),
        httpx.Response(200, json=[]),
    )
    assert len(calls) == 1


def test_paced_transport_never_repeats_a_post_without_global_id() -> None:
    # Not safe to repeat: it may have created a link. With a globalId it is an upsert, and is retried.
    answers = (httpx.Response(503, headers={"Retry-After": "0"}), httpx.Response(201, json={}))
    assert len(_paced_calls(*answers, method="POST", body=b'{"object": {}}')) == 1
    assert len(_paced_calls(*answers, method="POST", body=b'{"globalId": "g", "object": {}}')) == 2


def test_summary_counts_examples_and_shows_the_reproduction() -> None:
    stats = "- during generate phase (0.1 seconds):\n    - 12 passing, 1 failing, and 3 invalid test cases"
    assert examples_from_statistics(stats) == 13
    failure = "E   AssertionError: boom\nsome frame\nFalsifying example: test_y(data=...)\n"
    text = render(
        "built-in fake at http://127.0.0.1:1",
        "quick",
        42,
        [
            Outcome("test_x.py::test_y", "failed", 1.5, 13, failure),
            Outcome("test_x.py::test_z", "skipped", 0.0, None, ""),
        ],
    )
    assert "seed: 42" in text
    assert "CONTRACT_SEED=42" in text
    assert "1 failed" in text
    assert "1 skipped" in text
    assert "13 generated examples" in text
    assert "Falsifying example" in text
    assert "some frame" not in text
