"""Per-call cost of one remote-link operation, for each client, as a ratio to raw httpx.

Every client does the same work against the same fake: list the 50 links of one issue, read one link
(by globalId where the library can), and upsert one link by globalId (an update: the link exists).
Each operation is checked once before timing, so no client is timed doing less than the others.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from typing import Any

import httpx

from benchmarks import peers
from benchmarks.fakeproc import DEMO_API_TOKEN, DEMO_EMAIL
from benchmarks.results import FAILED, NOT_INSTALLED, Row, ratio_of, unavailable
from benchmarks.runner import Batch, Case, Timing, async_batch, interleave, sync_batch
from benchmarks.workload import global_id, link_json
from fake_jira.running import RunningFake
from jira_remote_links import connect_jira
from jira_remote_links_client.api.issue_remote_links import (
    create_or_update_remote_issue_link,
    get_remote_issue_links,
)
from jira_remote_links_client.models.remote_issue_link import RemoteIssueLink
from jira_remote_links_client.models.remote_issue_link_request import RemoteIssueLinkRequest

LIST_ISSUE = "MKY-1"
UPSERT_ISSUE = "MKY-2"
SEEDED_LINKS = 50
TARGET_INDEX = 25

OP_LIST = "list 50 links"
OP_GET = "get 1 by globalId"
OP_UPSERT = "upsert 1 (update)"
OPERATIONS = (OP_LIST, OP_GET, OP_UPSERT)

OURS_SYNC = "ours, sync"
OURS_ASYNC = "ours, async (awaited one by one)"
RAW_HTTPX = "raw httpx (floor)"
RAW_HTTPX_ASYNC = "raw httpx, async (awaited one by one)"
SYNC_TARGET = 1.2


@dataclass(frozen=True)
class PerCallSettings:
    rounds: int = 15
    calls_per_round: int = 20
    warmup_calls: int = 10


@dataclass
class Subject:
    """One client: for each operation a batch to time and a probe that checks one call's answer."""

    name: str
    batches: dict[str, Batch]
    probes: dict[str, Callable[[], object]]
    notes: dict[str, str] = field(default_factory=dict)


def _upsert_global_id(subject: str) -> str:
    return f"system=http://bench.example/upsert&client={subject}"


def _upsert_body(subject: str) -> dict[str, Any]:
    body = link_json(UPSERT_ISSUE, 0)
    body["globalId"] = _upsert_global_id(subject)
    return body


TARGET_GLOBAL_ID = global_id(LIST_ISSUE, TARGET_INDEX)


def seed(admin: RunningFake) -> None:
    admin.reset()
    admin.seed({LIST_ISSUE: [link_json(LIST_ISSUE, index) for index in range(SEEDED_LINKS)]})


def _check(subject: str, operation: str, answer: object) -> None:
    """Fail loudly when a client did not do the work it is timed on."""
    ok = {
        OP_LIST: answer == SEEDED_LINKS,
        OP_GET: answer == TARGET_GLOBAL_ID,
        OP_UPSERT: isinstance(answer, int | str) and str(answer).isdigit(),
    }[operation]
    if not ok:
        raise AssertionError(f"{subject}: {operation} answered {answer!r}")


def raw_httpx_subject(base_url: str, stack: ExitStack) -> Subject:
    http = stack.enter_context(
        httpx.Client(
            base_url=base_url,
            auth=(DEMO_EMAIL, DEMO_API_TOKEN),
            headers={"Accept": "application/json", "Content-Type": "application/json"},
        )
    )
    body = _upsert_body("httpx")

    def list_links() -> Any:  # noqa: ANN401 -- each client answers in its own shape
        response = http.get(f"/rest/api/2/issue/{LIST_ISSUE}/remotelink")
        response.raise_for_status()
        return response.json()

    def get_one() -> Any:  # noqa: ANN401 -- each client answers in its own shape
        response = http.get(
            f"/rest/api/2/issue/{LIST_ISSUE}/remotelink", params={"globalId": TARGET_GLOBAL_ID}
        )
        response.raise_for_status()
        return response.json()

    def upsert() -> Any:  # noqa: ANN401 -- each client answers in its own shape
        response = http.post(f"/rest/api/2/issue/{UPSERT_ISSUE}/remotelink", json=body)
        response.raise_for_status()
        return response.json()

    return Subject(
        RAW_HTTPX,
        batches={OP_LIST: sync_batch(list_links), OP_GET: sync_batch(get_one), OP_UPSERT: sync_batch(upsert)},
        probes={
            OP_LIST: lambda: len(list_links()),
            OP_GET: lambda: get_one()["globalId"],
            OP_UPSERT: lambda: upsert()["id"],
        },
    )


def raw_httpx_async_subject(base_url: str, stack: ExitStack, loop: asyncio.AbstractEventLoop) -> Subject:
    """The floor for the async client: the same requests on httpx.AsyncClient."""
    http = httpx.AsyncClient(
        base_url=base_url,
        auth=(DEMO_EMAIL, DEMO_API_TOKEN),
        headers={"Accept": "application/json", "Content-Type": "application/json"},
    )
    stack.callback(lambda: loop.run_until_complete(http.aclose()))
    body = _upsert_body("httpx-async")

    async def list_links() -> Any:  # noqa: ANN401 -- JSON
        response = await http.get(f"/rest/api/2/issue/{LIST_ISSUE}/remotelink")
        response.raise_for_status()
        return response.json()

    async def get_one() -> Any:  # noqa: ANN401 -- JSON
        response = await http.get(
            f"/rest/api/2/issue/{LIST_ISSUE}/remotelink", params={"globalId": TARGET_GLOBAL_ID}
        )
        response.raise_for_status()
        return response.json()

    async def upsert() -> Any:  # noqa: ANN401 -- JSON
        response = await http.post(f"/rest/api/2/issue/{UPSERT_ISSUE}/remotelink", json=body)
        response.raise_for_status()
        return response.json()

    return Subject(
        RAW_HTTPX_ASYNC,
        batches={
            OP_LIST: async_batch(loop, list_links),
            OP_GET: async_batch(loop, get_one),
            OP_UPSERT: async_batch(loop, upsert),
        },
        probes={
            OP_LIST: async_probe(loop, list_links, len),
            OP_GET: async_probe(loop, get_one, lambda link: link["globalId"]),
            OP_UPSERT: async_probe(loop, upsert, lambda answer: answer["id"]),
        },
    )


def async_probe(
    loop: asyncio.AbstractEventLoop, call: Callable[[], Any], pick: Callable[[Any], object]
) -> Callable[[], object]:
    """One awaited call on `loop`, reduced by `pick` to the value the harness checks."""
    return lambda: pick(loop.run_until_complete(call()))


def _our_request(subject: str) -> RemoteIssueLinkRequest:
    return RemoteIssueLinkRequest.from_dict(_upsert_body(subject))


def ours_sync_subject(base_url: str, stack: ExitStack) -> Subject:
    client = stack.enter_context(connect_jira(base_url, email=DEMO_EMAIL, api_token=DEMO_API_TOKEN))
    body = _our_request("ours-sync")

    def list_links() -> Any:  # noqa: ANN401 -- each client answers in its own shape
        return get_remote_issue_links.sync(LIST_ISSUE, client=client)

    def get_one() -> Any:  # noqa: ANN401 -- each client answers in its own shape
        return get_remote_issue_links.sync(LIST_ISSUE, client=client, global_id=TARGET_GLOBAL_ID)

    def upsert() -> Any:  # noqa: ANN401 -- each client answers in its own shape
        return create_or_update_remote_issue_link.sync(UPSERT_ISSUE, client=client, body=body)

    return Subject(
        OURS_SYNC,
        batches={OP_LIST: sync_batch(list_links), OP_GET: sync_batch(get_one), OP_UPSERT: sync_batch(upsert)},
        probes={
            OP_LIST: lambda: len(list_links()),
            OP_GET: lambda: get_one().global_id,
            OP_UPSERT: lambda: upsert().id,
        },
    )


def ours_async_subject(base_url: str, stack: ExitStack, loop: asyncio.AbstractEventLoop) -> Subject:
    client = connect_jira(base_url, email=DEMO_EMAIL, api_token=DEMO_API_TOKEN)
    # The async httpx client is bound to the loop it first ran on; close it on that loop.
    stack.callback(lambda: loop.run_until_complete(client.get_async_httpx_client().aclose()))
    stack.callback(client.get_httpx_client().close)
    body = _our_request("ours-async")

    async def list_links() -> Any:  # noqa: ANN401 -- each client answers in its own shape
        return await get_remote_issue_links.asyncio(LIST_ISSUE, client=client)

    async def get_one() -> Any:  # noqa: ANN401 -- each client answers in its own shape
        return await get_remote_issue_links.asyncio(LIST_ISSUE, client=client, global_id=TARGET_GLOBAL_ID)

    async def upsert() -> Any:  # noqa: ANN401 -- each client answers in its own shape
        return await create_or_update_remote_issue_link.asyncio(UPSERT_ISSUE, client=client, body=body)

    return Subject(
        OURS_ASYNC,
        batches={
            OP_LIST: async_batch(loop, list_links),
            OP_GET: async_batch(loop, get_one),
            OP_UPSERT: async_batch(loop, upsert),
        },
        probes={
            OP_LIST: async_probe(loop, list_links, len),
            OP_GET: async_probe(loop, get_one, lambda link: link.global_id),
            OP_UPSERT: async_probe(loop, upsert, lambda answer: answer.id),
        },
    )


def jira_subject(base_url: str, stack: ExitStack) -> Subject:
    client = peers.JiraPeer(base_url, DEMO_EMAIL, DEMO_API_TOKEN)
    stack.callback(client.close)
    body = _upsert_body("jira")
    destination = body["object"]
    # No lookup by globalId in this library: read the link by its internal id instead (the cheapest
    # single-link read it has; finding it by globalId would mean listing every link).
    target_id = str(
        next(
            link["id"] for link in client.remote_links(LIST_ISSUE) if link.get("globalId") == TARGET_GLOBAL_ID
        )
    )

    def list_links() -> Any:  # noqa: ANN401 -- each client answers in its own shape
        return client.remote_links(LIST_ISSUE)

    def get_one() -> Any:  # noqa: ANN401 -- each client answers in its own shape
        return client.remote_link(LIST_ISSUE, target_id)

    def upsert() -> Any:  # noqa: ANN401 -- each client answers in its own shape
        return client.add_remote_link(UPSERT_ISSUE, destination, body["globalId"], body["relationship"])

    return Subject(
        peers.jira_label(),
        batches={OP_LIST: sync_batch(list_links), OP_GET: sync_batch(get_one), OP_UPSERT: sync_batch(upsert)},
        probes={
            OP_LIST: lambda: len(list_links()),
            OP_GET: lambda: get_one()["globalId"],
            OP_UPSERT: lambda: upsert()["id"],
        },
        notes={
            OP_GET: "by internal id: no globalId lookup",
            OP_UPSERT: "+1 GET of application links per call",
        },
    )


def atlassian_subject(base_url: str, stack: ExitStack) -> Subject:
    client = peers.AtlassianPeer(base_url, DEMO_EMAIL, DEMO_API_TOKEN)
    stack.callback(client.close)
    body = _upsert_body("atlassian")

    def list_links() -> Any:  # noqa: ANN401 -- each client answers in its own shape
        return client.get_issue_remote_links(LIST_ISSUE)

    def get_one() -> Any:  # noqa: ANN401 -- each client answers in its own shape
        return client.get_issue_remote_links(LIST_ISSUE, global_id=TARGET_GLOBAL_ID)

    def upsert() -> Any:  # noqa: ANN401 -- each client answers in its own shape
        return client.create_or_update_issue_remote_links(
            UPSERT_ISSUE,
            body["object"]["url"],
            body["object"]["title"],
            body["globalId"],
            body["relationship"],
        )

    return Subject(
        peers.atlassian_label(),
        batches={OP_LIST: sync_batch(list_links), OP_GET: sync_batch(get_one), OP_UPSERT: sync_batch(upsert)},
        probes={
            OP_LIST: lambda: len(list_links()),
            OP_GET: lambda: get_one()["globalId"],
            OP_UPSERT: lambda: upsert()["id"],
        },
        notes={OP_UPSERT: "sends fewer fields (its helper has no summary/icon/application)"},
    )


def _subjects(base_url: str, stack: ExitStack, loop: asyncio.AbstractEventLoop) -> Iterator[Subject | Row]:
    """Every client in table order; a client that cannot run yields rows saying why."""
    builders: list[tuple[str, str | None, Callable[[], Subject]]] = [
        (RAW_HTTPX, None, lambda: raw_httpx_subject(base_url, stack)),
        (OURS_SYNC, None, lambda: ours_sync_subject(base_url, stack)),
        (RAW_HTTPX_ASYNC, None, lambda: raw_httpx_async_subject(base_url, stack, loop)),
        (OURS_ASYNC, None, lambda: ours_async_subject(base_url, stack, loop)),
        (peers.jira_label(), peers.JIRA_DIST, lambda: jira_subject(base_url, stack)),
        (peers.atlassian_label(), peers.ATLASSIAN_DIST, lambda: atlassian_subject(base_url, stack)),
    ]
    for name, distribution, build in builders:
        if distribution is not None and peers.installed_version(distribution) is None:
            yield from (unavailable(operation, name, NOT_INSTALLED) for operation in OPERATIONS)
            continue
        try:
            subject = build()
            for operation in OPERATIONS:
                _check(subject.name, operation, subject.probes[operation]())
        except Exception as exc:  # a broken client is a result to report, not a reason to stop
            yield from (
                unavailable(operation, name, FAILED, f"{type(exc).__name__}: {exc}"[:160])
                for operation in OPERATIONS
            )
            continue
        yield subject


def _rows_for(operation: str, subjects: list[Subject], timings: dict[str, Timing]) -> list[Row]:
    floor = timings.get(f"{RAW_HTTPX}|{operation}")
    rows: list[Row] = []
    for subject in subjects:
        timing = timings[f"{subject.name}|{operation}"]
        ratio = ratio_of(timing.wall_s, floor.wall_s) if floor else None
        cpu_ratio = ratio_of(timing.cpu_s, floor.cpu_s) if floor else None
        rows.append(
            Row(
                section=operation,
                subject=subject.name,
                value=timing.wall_s * 1e6,
                unit="µs/call",
                ratio=ratio,
                ratio_meaning="x raw httpx time",
                note=subject.notes.get(operation, ""),
                extra={
                    "client_cpu_us": round(timing.cpu_s * 1e6, 1),
                    "client_cpu_ratio": None if cpu_ratio is None else round(cpu_ratio, 3),
                },
            )
        )
    return _with_targets(rows)


def _with_targets(rows: list[Row]) -> list[Row]:
    """Judge our sync client against the issue's targets: within 1.2x raw httpx and below both peers."""
    by_subject = {row.subject: row for row in rows}
    ours = by_subject.get(OURS_SYNC)
    if ours is None or ours.ratio is None or ours.value is None:
        return rows
    peer_values = [
        row.value
        for row in rows
        if row.subject not in (OURS_SYNC, OURS_ASYNC, RAW_HTTPX, RAW_HTTPX_ASYNC) and row.value is not None
    ]
    verdicts = ["≤1.2x: " + ("met" if ours.ratio <= SYNC_TARGET else "missed")]
    if peer_values:
        verdicts.append(
            "< peers: " + ("met" if all(ours.value < value for value in peer_values) else "missed")
        )
    judged = replace(ours, verdict="; ".join(verdicts))
    return [judged if row is ours else row for row in rows]


def model_parse_seconds(base_url: str, repeats: int) -> float:
    """Time to turn the listed links' JSON into the generated models, alone: what our client does on
    top of raw httpx for a list (the best of a few runs, as nothing but noise can make it slower)."""
    with httpx.Client(base_url=base_url, auth=(DEMO_EMAIL, DEMO_API_TOKEN)) as http:
        data = http.get(f"/rest/api/2/issue/{LIST_ISSUE}/remotelink").json()
    best = math.inf
    for _ in range(max(repeats, 1)):
        started = time.perf_counter()
        for _ in range(10):
            [RemoteIssueLink.from_dict(item) for item in data]
        best = min(best, (time.perf_counter() - started) / 10)
    return best


def _explain_list(rows: list[Row], parse_seconds: float) -> list[Row]:
    note = f"of which {parse_seconds * 1e6:,.0f} µs build the {SEEDED_LINKS} typed models"
    return [
        replace(row, note=note, extra={**row.extra, "model_parse_us": round(parse_seconds * 1e6, 1)})
        if row.section == OP_LIST and row.subject in (OURS_SYNC, OURS_ASYNC) and row.measured
        else row
        for row in rows
    ]


def run_percall(admin: RunningFake, settings: PerCallSettings) -> list[Row]:
    seed(admin)
    loop = asyncio.new_event_loop()
    try:
        with ExitStack() as stack:
            built = list(_subjects(admin.base_url, stack, loop))
            subjects = [item for item in built if isinstance(item, Subject)]
            cases = [
                Case(f"{subject.name}|{operation}", subject.batches[operation])
                for operation in OPERATIONS
                for subject in subjects
            ]
            timings = interleave(
                cases,
                rounds=settings.rounds,
                calls_per_round=settings.calls_per_round,
                warmup_calls=settings.warmup_calls,
            )
    finally:
        loop.close()
    rows: list[Row] = []
    for operation in OPERATIONS:
        measured = {row.subject: row for row in _rows_for(operation, subjects, timings)}
        for item in built:
            if isinstance(item, Subject):
                rows.append(measured[item.name])
            elif item.section == operation:
                rows.append(item)
    return _explain_list(rows, model_parse_seconds(admin.base_url, repeats=max(settings.rounds // 3, 1)))
