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
from hypothesis import settings
from schemathesis import Case

from contract_tests.links import sweep_run_links
from contract_tests.profiles import Budget
from contract_tests.run import SETTINGS, planned_target
from contract_tests.schemathesis_setup import SPEC_PATH, CallTally, load_schema, tag_live_writes
from contract_tests.target import Target
from jira_remote_links_client import Client

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


@pytest.fixture(scope="module", autouse=True)
def _schema_points_at_target(target: Target, client: Client) -> Iterator[None]:
    schema.config.update(base_url=target.base_url)
    yield
    # Schemathesis leaves what it wrote; links carrying this run's tag would collide with the globalIds
    # that later tests draw, so they go now rather than at the end of the session.
    for issue in target.issue_keys:
        sweep_run_links(client, issue, target)


@schema.parametrize()
def test_every_operation_conforms_to_the_spec(case: Case[Any], target: Target) -> None:
    case.call_and_validate(base_url=target.base_url)


@pytest.mark.fake_only
def test_fake_serves_the_checked_in_spec(target: Target) -> None:
    served = httpx.get(f"{target.base_url}/openapi.json", timeout=30.0)
    assert served.status_code == 200
    assert served.json() == yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def test_stateful_phase_follows_the_spec_links(target: Target, budget: Budget, client: Client) -> None:
    tally = CallTally()
    schema.hooks.register_hook_with_name(tally.after_call, "after_call")

    class Machine(schema.as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            # Every run starts from the same links: otherwise what one run leaves behind changes what the next
            # one sees, and Hypothesis' replay of its choices breaks (seen on live targets, which cannot reset).
            for issue in target.issue_keys:
                sweep_run_links(client, issue, target)

    try:
        Machine.run(
            settings=settings(
                SETTINGS,
                max_examples=budget.schemathesis_stateful_runs,
                stateful_step_count=budget.schemathesis_stateful_steps,
            )
        )
    finally:
        schema.hooks.unregister(tally.after_call)
    # A stateful phase that never got a link created would prove nothing: it must have followed the links.
    assert tally.count("createOrUpdateRemoteIssueLink", 201) > 0, tally.summary()
    followed = sum(
        n for (operation, status), n in tally.calls.items() if operation in FOLLOW_UPS and 200 <= status < 300
    )
    assert followed > 0, f"no link from a created link was followed to a 2xx: {tally.summary()}"
    print(f"stateful phase calls: {tally.summary()}")
