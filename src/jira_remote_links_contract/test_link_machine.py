"""The model-based test of the issue's links (see `jira_remote_links_contract.link_machine`)."""

from __future__ import annotations

import pytest
from hypothesis import settings
from hypothesis.stateful import run_state_machine_as_test

from jira_remote_links_client import Client
from jira_remote_links_contract.link_machine import build_link_machine
from jira_remote_links_contract.links import sweep_run_links
from jira_remote_links_contract.profiles import Budget
from jira_remote_links_contract.run import SETTINGS
from jira_remote_links_contract.target import Target


@pytest.mark.rule("post-create-201", "post-upsert-same-id")
def test_link_operations_agree_with_the_model_after_every_step(
    client: Client, target: Target, budget: Budget
) -> None:
    # Every sequence starts with none of the run's links on the issue, whatever an earlier test or sequence
    # left there, so a replayed sequence sees the same answers (a live site cannot be reset).
    def remove_run_links() -> None:
        sweep_run_links(client, target.primary_issue, target)

    machine = build_link_machine(client, target, before_each=remove_run_links)
    run_state_machine_as_test(
        machine,
        settings=settings(
            SETTINGS, max_examples=budget.machine_runs, stateful_step_count=budget.machine_steps
        ),
    )
