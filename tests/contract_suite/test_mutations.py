"""The suite catches what it claims: each property fails against the fake with the defect it is meant to catch.

The defects are switched on in the running fake through its admin API, so this costs no extra servers. Every
generated example starts from a freshly reset fake with the defect on, so a failure replays the same way when
Hypothesis confirms it. Each hunt stops at the first falsifying example and skips shrinking; the regular tests
show that the same properties pass on the correct fake.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import run_state_machine_as_test

from jira_remote_links_client import Client
from jira_remote_links_contract import properties
from jira_remote_links_contract import test_errors as error_tests
from jira_remote_links_contract.fake_admin import FakeAdmin
from jira_remote_links_contract.jobs import make_jobs_client, poll_until_terminal, schedule
from jira_remote_links_contract.link_machine import build_link_machine
from jira_remote_links_contract.links import Links
from jira_remote_links_contract.run import SETTINGS
from jira_remote_links_contract.schemathesis_setup import load_schema, stateful_links_of
from jira_remote_links_contract.target import Target

pytestmark = pytest.mark.fake_only

# A cap, not a cost: every defect here is found within a handful of examples, and the hunt stops there.
# Hunts are derandomized: whether the suite catches a defect must not depend on the run's seed (the
# properties themselves still explore new data on every run).
HUNT = settings(
    SETTINGS,
    derandomize=True,
    max_examples=100,
    database=None,
    phases=(Phase.generate,),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)

Property = Callable[[Links, Target, st.DataObject, FakeAdmin], None]

PROPERTIES: dict[str, Property] = {
    "round trip": lambda links, target, data, admin: properties.round_trip(links, target, data),
    "upsert": lambda links, target, data, admin: properties.upsert_is_idempotent(links, target, data),
    "post-update null wipe": lambda links, target, data, admin: properties.post_update_wipes_left_out_fields(
        links, target, data
    ),
    "put replace": lambda links, target, data, admin: properties.put_replaces_whole_link(links, target, data),
    "delete": lambda links, target, data, admin: properties.delete_removes_link(links, target, data),
    "globalId escaping": properties.global_id_escaping,
    "path escaping": properties.path_escaping,
}

# Which properties must catch which defect of the fake.
CATCHES: list[tuple[str, str]] = [
    ("no-null-wipe", "post-update null wipe"),
    ("no-null-wipe", "put replace"),
    ("global-id-double-decode", "globalId escaping"),
    ("global-id-not-decoded", "globalId escaping"),
    ("duplicate-on-upsert", "upsert"),
    ("array-for-single", "round trip"),
    ("array-for-single", "globalId escaping"),
    ("body-on-204", "put replace"),
    ("body-on-204", "delete"),
    ("wrong-status-on-update", "upsert"),
    ("stale-list", "delete"),
]

# The model-based test must catch every defect of the link operations it exercises.
MACHINE_CATCHES = [
    "no-null-wipe",
    "duplicate-on-upsert",
    "stale-list",
    "body-on-204",
    "wrong-status-on-update",
    "array-for-single",
]


def _leaves(error: BaseException) -> list[BaseException]:
    if isinstance(error, BaseExceptionGroup):
        return [leaf for inner in error.exceptions for leaf in _leaves(inner)]
    return [error]


def assert_property_fails(run: Callable[[], None], defect: str) -> str:
    """`run` must fail with the contract's own assertions (schemathesis' failures are AssertionErrors too),
    not pass, and not crash on something else. Returns the failure text."""
    try:
        run()
    except (AssertionError, BaseExceptionGroup) as error:
        leaves = _leaves(error)
        crashes = [leaf for leaf in leaves if not isinstance(leaf, AssertionError)]
        assert not crashes, f"{defect}: the property crashed instead of failing: {crashes!r}"
        return "\n".join(str(leaf) for leaf in leaves)
    pytest.fail(f"the property passed although the fake has the defect {defect!r}")


def fresh_fake_with(admin: FakeAdmin, defect: str) -> Callable[[], None]:
    def reset() -> None:
        admin.reset()
        admin.set_defects(defect)

    return reset


@pytest.mark.parametrize(("defect", "property_name"), CATCHES, ids=[f"{d}-{p}" for d, p in CATCHES])
def test_property_catches_defect(
    admin: FakeAdmin, links: Links, target: Target, defect: str, property_name: str
) -> None:
    check = PROPERTIES[property_name]
    reset = fresh_fake_with(admin, defect)

    @HUNT
    @given(data=st.data())
    def hunt(data: st.DataObject) -> None:
        reset()
        check(links, target, data, admin)

    assert_property_fails(hunt, defect)


@pytest.mark.parametrize("defect", MACHINE_CATCHES)
def test_state_machine_catches_defect(admin: FakeAdmin, client: Client, target: Target, defect: str) -> None:
    machine = build_link_machine(client, target, before_each=fresh_fake_with(admin, defect))
    hunt_settings = settings(HUNT, max_examples=50, stateful_step_count=12)
    assert_property_fails(lambda: run_state_machine_as_test(machine, settings=hunt_settings), defect)


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def careless_client(target: Target) -> Client:
    """A client that pastes path and query values into the URL as plain text, as hand-written clients do.

    httpx then parses that text: `&` splits the query, `#` starts a fragment, `.` and `..` segments collapse.
    Only ASCII control characters are escaped, since httpx refuses to send them at all.
    """

    def paste(request: httpx.Request) -> None:
        url = request.url
        path = "/".join(unquote(segment) for segment in url.raw_path.decode().split("?")[0].split("/"))
        query = "&".join(f"{name}={value}" for name, value in url.params.multi_items())
        text = f"{url.scheme}://{url.netloc.decode()}{path}" + (f"?{query}" if query else "")
        request.url = httpx.URL(_CONTROL.sub(lambda found: f"%{ord(found.group()):02X}", text))

    return Client(
        base_url=target.base_url,
        headers={"Content-Type": "application/json"},
        httpx_args={"auth": (target.email, target.api_token.reveal()), "event_hooks": {"request": [paste]}},
    )


@pytest.mark.parametrize("property_name", ["globalId escaping", "path escaping"])
def test_escaping_properties_catch_a_client_that_does_not_escape(
    admin: FakeAdmin, target: Target, property_name: str
) -> None:
    check = PROPERTIES[property_name]
    with careless_client(target) as client:
        links = Links(client, target.primary_issue)

        @HUNT
        @given(data=st.data())
        def hunt(data: st.DataObject) -> None:
            admin.reset()
            check(links, target, data, admin)

        assert_property_fails(hunt, f"unescaped {property_name}")


def test_malformed_json_property_catches_500_on_bad_json(
    admin: FakeAdmin, links: Links, target: Target
) -> None:
    admin.set_defects("500-on-bad-json")
    # The very same test body as in test_errors, run against the broken fake.
    inner = error_tests.test_malformed_json_answers_400_not_500.hypothesis.inner_test  # type: ignore[attr-defined]
    hunt = HUNT(given(raw=st.sampled_from([b"{", b"not json", b"[1,"]))(inner))
    assert_property_fails(lambda: hunt(target=target, links=links), "500-on-bad-json")


def test_job_polling_catches_job_never_finishes(admin: FakeAdmin, target: Target) -> None:
    admin.configure(defects=["job-never-finishes"], job_step_seconds=0.01)
    assert target.site_id is not None
    with make_jobs_client(target) as client:
        job_id = schedule(
            client,
            target.site_id,
            {
                "product": "jira",
                "productURL": target.base_url,
                "destinationURL": target.base_url,
                "migratedFrom": "https://jira.example.com",
            },
        )
        with pytest.raises(AssertionError, match="not terminal"):
            poll_until_terminal(client, target.site_id, job_id, deadline_seconds=1.0, interval=0.05)


def test_schemathesis_catches_array_for_single(admin: FakeAdmin, target: Target) -> None:
    # Only the suite's own check (`global_id_lookup_is_exact`) sees this: the spec's oneOf allows an array.
    schema = load_schema(target)
    reset = fresh_fake_with(admin, "array-for-single")

    class Hunt(stateful_links_of(schema).as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            reset()

    # A cap, not a cost: the hunt stops at the first failure. It needs a POST with a non-empty globalId
    # followed by the lookup its link leads to; with every test module loaded (Hypothesis draws constants
    # from them) that took more than 80 scenarios, so the cap leaves a wide margin.
    hunt_settings = settings(HUNT, max_examples=400, stateful_step_count=10)
    failure = assert_property_fails(lambda: Hunt.run(settings=hunt_settings), "array-for-single")
    assert "global_id_lookup_is_exact" in failure, failure
