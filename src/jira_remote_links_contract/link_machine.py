"""A model-based test: random sequences of link operations against an in-memory model of the issue's links.

After every step the issue's list must equal the model, link for link; a failure shrinks to the shortest
sequence of calls that shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from jira_remote_links_client import Client
from jira_remote_links_contract.links import Links, assert_reads_back, describe
from jira_remote_links_contract.strategies import global_ids, link_requests
from jira_remote_links_contract.target import Target


def build_link_machine(
    client: Client, target: Target, *, before_each: Callable[[], None] | None = None
) -> type[RuleBasedStateMachine]:
    """A state machine class bound to one target and issue.

    `before_each` runs before every generated sequence; the mutation tests reset the fake there so that each
    sequence, and its replay when Hypothesis confirms a failure, starts from the same server state.
    """
    fresh_global_ids = global_ids(target.global_id_prefix)

    def body_without_global_id() -> st.SearchStrategy[dict[str, Any]]:
        return link_requests(target.object_url_prefix, None)

    class LinkMachine(RuleBasedStateMachine):
        link_ids = Bundle("link_ids")
        used_global_ids = Bundle("used_global_ids")

        def __init__(self) -> None:
            super().__init__()
            if before_each is not None:
                before_each()
            self.links = Links(client, target.primary_issue)
            # What the issue's run links must be: id -> the body that last wrote it.
            self.model: dict[int, dict[str, Any]] = {}

        def holder_of(self, global_id: str) -> int | None:
            return next((lid for lid, body in self.model.items() if body.get("globalId") == global_id), None)

        @rule(target=link_ids, body=body_without_global_id())
        def create_without_global_id(self, body: dict[str, Any]) -> int:
            link_id = self.links.create(body)
            assert link_id not in self.model, f"POST reused the id {link_id} of a live link"
            self.model[link_id] = body
            return link_id

        @rule(target=used_global_ids, global_id=fresh_global_ids, body=body_without_global_id())
        def upsert_new(self, global_id: str, body: dict[str, Any]) -> str:
            self._upsert({**body, "globalId": global_id})
            return global_id

        @rule(global_id=used_global_ids, body=body_without_global_id())
        def upsert_existing(self, global_id: str, body: dict[str, Any]) -> None:
            self._upsert({**body, "globalId": global_id})

        def _upsert(self, body: dict[str, Any]) -> None:
            holder = self.holder_of(body["globalId"])
            response = self.links.post(body)
            if holder is None:
                assert response.status_code == 201, f"upsert of a new globalId: {describe(response)}"
                link_id = self.links.identity(response)
                assert link_id not in self.model, f"POST reused the id {link_id} of a live link"
            else:
                assert response.status_code == 200, (
                    f"upsert of link {holder}'s globalId: {describe(response)}"
                )
                link_id = self.links.identity(response)
                assert link_id == holder, f"upsert answered link {link_id}, the globalId belongs to {holder}"
            self.model[link_id] = body

        @rule(link_id=link_ids, body=body_without_global_id(), global_id=st.none() | fresh_global_ids)
        def put(self, link_id: int, body: dict[str, Any], global_id: str | None) -> None:
            # Two links with one globalId is a state Jira's upsert never makes; leave that collision out.
            holder = None if global_id is None else self.holder_of(global_id)
            collides = holder is not None and holder != link_id
            replacement = body if global_id is None or collides else {**body, "globalId": global_id}
            response = self.links.put(link_id, replacement)
            if link_id not in self.model:
                assert response.status_code == 404, f"PUT of deleted link {link_id}: {describe(response)}"
                return
            assert response.status_code == 204, f"PUT link {link_id}: {describe(response)}"
            assert response.content == b"", f"PUT 204 with a body: {response.content[:200]!r}"
            self.model[link_id] = replacement

        @rule(link_id=link_ids)
        def get_by_id(self, link_id: int) -> None:
            if link_id in self.model:
                assert_reads_back(self.model[link_id], self.links.read(link_id), f"GET link {link_id}")
            else:
                response = self.links.get_by_id(link_id)
                assert response.status_code == 404, f"GET deleted link {link_id}: {describe(response)}"

        @rule(global_id=used_global_ids)
        def get_by_global_id(self, global_id: str) -> None:
            holder = self.holder_of(global_id)
            if holder is None:
                response = self.links.get_by_global_id(global_id)
                assert response.status_code == 404, f"GET unheld globalId {global_id!r}: {describe(response)}"
            else:
                found = self.links.read_by_global_id(global_id)
                assert found.get("id") == holder, (
                    f"GET ?globalId= found {found.get('id')}, model says {holder}"
                )
                assert_reads_back(self.model[holder], found, "GET ?globalId=")

        @rule(link_id=link_ids)
        def delete_by_id(self, link_id: int) -> None:
            response = self.links.delete_by_id(link_id)
            if link_id in self.model:
                assert response.status_code == 204, f"DELETE link {link_id}: {describe(response)}"
                assert response.content == b"", f"DELETE 204 with a body: {response.content[:200]!r}"
                del self.model[link_id]
            else:
                assert response.status_code == 404, f"DELETE deleted link {link_id}: {describe(response)}"

        @rule(global_id=used_global_ids)
        def delete_by_global_id(self, global_id: str) -> None:
            holder = self.holder_of(global_id)
            response = self.links.delete_by_global_id(global_id)
            if holder is None:
                assert response.status_code == 404, (
                    f"DELETE unheld globalId {global_id!r}: {describe(response)}"
                )
            else:
                assert response.status_code == 204, f"DELETE globalId {global_id!r}: {describe(response)}"
                assert response.content == b"", f"DELETE 204 with a body: {response.content[:200]!r}"
                del self.model[holder]

        @invariant()
        def list_matches_model(self) -> None:
            ours = [
                link
                for link in self.links.list()
                if (link.get("object") or {}).get("url", "").startswith(target.object_url_prefix)
                or (link.get("globalId") or "").startswith(target.global_id_prefix)
            ]
            listed_ids = sorted(int(link["id"]) for link in ours)
            assert listed_ids == sorted(self.model), (
                f"the list holds {listed_ids}, the model {sorted(self.model)}"
            )
            for link in ours:
                assert_reads_back(self.model[link["id"]], link, f"list entry {link['id']}")

        def teardown(self) -> None:
            for link_id in list(self.model):
                self.links.delete_by_id(link_id)
            self.links.discard_created()

    return LinkMachine
