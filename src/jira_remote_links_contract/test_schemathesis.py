"""Schemathesis over the whole spec: positive and negative data per operation, then the stateful phase
following the spec's links (POST -> GET/PUT/DELETE by id and by globalId).

The schema is loaded from the checked-in spec when the module is imported, since parametrization happens
at collection time, before the `target` fixture has started the fake; it is pointed at the target's address
once the target is up. `test_fake_serves_the_checked_in_spec` ties the fake's `/openapi.json` to the same file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import Phase, settings
from schemathesis import Case, HookContext, Response

from jira_remote_links_client import Client
from jira_remote_links_contract.coverage import SPEC_PATH
from jira_remote_links_contract.fake_admin import FakeAdmin
from jira_remote_links_contract.links import Links, sweep_run_links
from jira_remote_links_contract.profiles import Budget
from jira_remote_links_contract.run import SETTINGS, planned_target
from jira_remote_links_contract.schemathesis_setup import (
    CallTally,
    load_schema,
    stateful_links_of,
    tag_live_writes,
)
from jira_remote_links_contract.target import Target

# Operations the spec's links lead to from a POST; reaching them with 2xx means a link was followed.
FOLLOW_UPS = frozenset(
    {
        "getRemoteIssueLinkById",
        "updateRemoteIssueLink",
        "deleteRemoteIssueLinkById",
        "deleteRemoteIssueLinkByGlobalId",
    }
)
PLANNED = planned_target()
schema = load_schema(PLANNED)
if not PLANNED.is_fake:
    tag_live_writes(PLANNED)


def known_link(target: Target) -> dict[str, Any]:
    """The one link every scenario starts with, so the list and lookups have something to answer with."""
    return {
        "globalId": f"{target.global_id_prefix}known-link",
        "object": {"url": f"{target.object_url_prefix}known-link", "title": "Known link"},
    }


def start_from_known_state(target: Target, client: Client, admin: FakeAdmin | None) -> None:
    """No links but the known one on the primary issue: the fake is reset, a live site loses the run's links
    (there every write carries the run's tag, see `tag_live_writes`).

    Link ids keep counting across resets, as Jira's do. That is harmless here: an id reaches a later step only
    as a value a spec link copies from an answer, never as drawn data, so it cannot change what is drawn."""
    if admin is not None:
        admin.reset()
    else:
        for issue in target.issue_keys:
            sweep_run_links(client, issue, target)
    Links(client, target.primary_issue).create(known_link(target))


@pytest.fixture(scope="module", autouse=True)
def _schema_points_at_target(target: Target, client: Client) -> Iterator[None]:
    schema.config.update(base_url=target.base_url)
    yield
    # Schemathesis leaves what it wrote; links carrying this run's tag would collide with the globalIds
    # that later tests draw, so they go now rather than at the end of the session.
    for issue in target.issue_keys:
        sweep_run_links(client, issue, target)


@schema.parametrize()
def test_every_operation_conforms_to_the_spec(
    case: Case[Any], target: Target, client: Client, admin_session: FakeAdmin | None
) -> None:
    if admin_session is not None:
        # Each case, and Hypothesis' replay of a failing one, meets the same server state. (Not on a live site,
        # where a sweep per case would cost more requests than the cases themselves.)
        start_from_known_state(target, client, admin_session)
    case.call_and_validate(base_url=target.base_url)


@pytest.mark.fake_only
def test_fake_serves_the_checked_in_spec(target: Target) -> None:
    served = httpx.get(f"{target.base_url}/openapi.json", timeout=30.0)
    assert served.status_code == 200
    assert served.json() == yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def stateful_machine(target: Target, client: Client, admin: FakeAdmin | None) -> type[Any]:
    class Machine(stateful_links_of(schema).as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            # Every scenario, and every replay of one, starts from the same server state. Schemathesis decides
            # from each answer's status which links it may follow next, so an answer that differs between two
            # runs of the same choices (a 200 where a 201 was, because a globalId from an earlier scenario or
            # test still exists) makes Hypothesis draw a different kind of value at the same point: a
            # FlakyStrategyDefinition. The fake is reset to no links at all; a live site cannot be, but there
            # every write carries the run's tag (`tag_live_writes`), so removing the run's links is the same.
            start_from_known_state(target, client, admin)

    return Machine


def test_stateful_phase_follows_the_spec_links(
    target: Target, budget: Budget, client: Client, admin_session: FakeAdmin | None
) -> None:
    machine = stateful_machine(target, client, admin_session)
    with CallTally().recording(schema) as tally:
        machine.run(
            settings=settings(
                SETTINGS,
                max_examples=budget.schemathesis_stateful_runs,
                stateful_step_count=budget.schemathesis_stateful_steps,
            )
        )
    # A stateful phase that never got a link created would prove nothing: it must have followed the links.
    assert tally.count("createOrUpdateRemoteIssueLink", 201) > 0, tally.summary()
    followed = sum(
        n for (operation, status), n in tally.calls.items() if operation in FOLLOW_UPS and 200 <= status < 300
    )
    assert followed > 0, f"no link from a created link was followed to a 2xx: {tally.summary()}"
    print(f"stateful phase calls: {tally.summary()}")


@pytest.mark.fake_only
def test_stateful_phase_sees_the_same_answers_whatever_ran_before(
    target: Target, client: Client, admin: FakeAdmin
) -> None:
    """The same choices give the same calls and answers, although every link the first run created is still
    there when the second starts. Without a known starting state the second run's POSTs meet the first run's
    globalIds and answer 200 where they answered 201, and the links followed from there differ."""
    fixed_choices = settings(
        SETTINGS, derandomize=True, max_examples=8, stateful_step_count=8, phases=[Phase.generate]
    )
    created: list[tuple[str, Any]] = []

    def remember_creates(context: HookContext, case: Case[Any], response: Response) -> None:
        if case.method.upper() == "POST" and response.status_code == 201:
            created.append((case.path.format(**(case.path_parameters or {})), case.body))

    def run_once() -> list[tuple[str, int]]:
        schema.hooks.register_hook_with_name(remember_creates, "after_call")
        try:
            with CallTally().recording(schema) as tally:
                stateful_machine(target, client, admin).run(settings=fixed_choices)
        finally:
            schema.hooks.unregister(remember_creates)
        return tally.sequence

    first = run_once()
    leftovers = [(path, body) for path, body in created if "/remotelink" in path and isinstance(body, dict)]
    assert leftovers, "the first run created no links, so this proves nothing"
    http = client.get_httpx_client()
    for path, body in leftovers:
        assert http.post(path, json=body).status_code in {200, 201}
    second = run_once()
    differ = next((i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b), None)
    assert first == second, (
        f"same choices, different answers: call {differ} was {first[differ] if differ is not None else '-'}, "
        f"then {second[differ] if differ is not None else '-'} ({len(first)} and {len(second)} calls)"
    )
