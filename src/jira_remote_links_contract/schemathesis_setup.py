"""Schemathesis configured for Jira: target, auth, data that reaches real links, and checks tuned narrowly.

Every check is on. Where a check's default expectation is wrong for Jira, it is adjusted for the operations
concerned only, with the reason next to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import quote

import schemathesis
from schemathesis import Case, HookContext, Response

from fake_jira.validation import MAX_FIELD_LENGTH, is_http_url
from jira_remote_links_contract.coverage import COVERAGE, RECORDING, SPEC_PATH
from jira_remote_links_contract.exchanges import record_plain
from jira_remote_links_contract.profiles import Budget
from jira_remote_links_contract.run import BUDGET, SEED
from jira_remote_links_contract.strategies import ESCAPE_TRAPS
from jira_remote_links_contract.target import Target


def both_versions(*operation_ids: str) -> list[str]:
    """A remote-link operation under REST v2 and its v3 twin (same contract, operationId suffixed `V3`)."""
    return [*operation_ids, *(f"{operation_id}V3" for operation_id in operation_ids)]


LINK_BY_ID_OPERATIONS = both_versions(
    "getRemoteIssueLinkById", "updateRemoteIssueLink", "deleteRemoteIssueLinkById"
)
JOBS_OPERATIONS = ["scheduleLinkUpdateJob", "getLinkUpdateJobStatus"]
# Statuses schemathesis accepts by default for schema-valid data (see schemathesis/config/_checks.py).
DEFAULT_POSITIVE_STATUSES = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]


def global_id_samples(target: Target) -> list[str]:
    """Reserved-character globalIds for schemathesis to put in `globalId` (query and body) now and then."""
    prefix = target.global_id_prefix
    return [prefix + trap for trap in ESCAPE_TRAPS] + [prefix + "x" * (255 - len(prefix))]


def config_for(target: Target, budget: Budget, seed: int) -> dict[str, Any]:
    operations: list[dict[str, Any]] = [
        {
            # The spec types linkId as a string (as Jira's own spec does), but Jira refuses a non-numeric
            # one, or a link of another issue, with 400 (documented). Schema-valid is not Jira-valid here.
            "include-operation-id": LINK_BY_ID_OPERATIONS,
            "checks": {
                "positive_data_acceptance": {"expected-statuses": [*DEFAULT_POSITIVE_STATUSES, "400"]}
            },
        },
        {
            # An issue's link count is state, not data: a schema-valid create is refused with 413 at the limit.
            # 400 covers what the schema cannot say: a blank title or url that Jira also refuses.
            "include-operation-id": both_versions("createOrUpdateRemoteIssueLink"),
            "checks": {
                "positive_data_acceptance": {"expected-statuses": [*DEFAULT_POSITIVE_STATUSES, "400", "413"]}
            },
        },
        {
            # DELETE ?globalId= with a schema-valid but empty globalId is "no global id given": 400.
            "include-operation-id": both_versions("deleteRemoteIssueLinkByGlobalId"),
            "checks": {
                "positive_data_acceptance": {"expected-statuses": [*DEFAULT_POSITIVE_STATUSES, "400"]}
            },
        },
    ]
    operations.append(
        {
            # Jira's JSON reader ignores unknown keys and reads numbers and booleans as text where text is due
            # (see the evidence file), so a schema-violating body is often accepted, as it should be.
            "include-operation-id": both_versions("createOrUpdateRemoteIssueLink", "updateRemoteIssueLink"),
            "checks": {"negative_data_rejection": {"enabled": False}},
        }
    )
    operations.append(
        {
            # A globalId is an attribute of a link, not its address: a PUT in the same chain may replace or
            # drop it (PUT is a full replace, documented), after which a lookup by the POST's globalId answers
            # 404 although the link still exists under its id. The by-id operations keep this check.
            "include-operation-id": both_versions("getRemoteIssueLinks", "deleteRemoteIssueLinkByGlobalId"),
            "checks": {"ensure_resource_availability": {"enabled": False}},
        }
    )
    operations.append(
        {
            # `DELETE /issue/{key}/remotelink?globalId=X` deletes one link, not the collection at that path;
            # use_after_free ignores the query and treats every path below it as deleted: the next
            # `GET /issue/{key}/remotelink` (the list, or `?globalId=` of another link) and even
            # `GET /issue/{key}/remotelink/{id}` of a link without that globalId are reported as reads of a
            # deleted resource. Both seen in runs. That a deleted link stays gone by id, by globalId and in
            # the list is asserted by the suite's own delete property and state machine instead.
            "include-operation-id": both_versions("getRemoteIssueLinks", "getRemoteIssueLinkById"),
            "checks": {"use_after_free": {"enabled": False}},
        }
    )
    if not target.is_fake:
        # The jobs API lives on another host, and scheduling changes a real site: tested by test_jobs only.
        operations.append({"include-operation-id": JOBS_OPERATIONS, "enabled": False})
    config: dict[str, Any] = {
        "seed": seed,
        "base-url": target.base_url,
        "auth": {"basic": {"username": target.email, "password": target.api_token.reveal()}},
        "request-timeout": 30,
        "generation": {"mode": "all", "max-examples": budget.schemathesis_examples},
        "dictionaries": {
            "issue_keys": {"values": list(target.issue_keys)},
            "global_ids": {"values": global_id_samples(target)},
            "site_ids": {"values": [target.site_id or "site"]},
        },
        # Mostly real issue keys, so creates succeed and the stateful phase has links to follow.
        "parameters": {
            # Live: always the throw-away issue, so that no generated key can name a real issue of the site.
            "path.issueIdOrKey": {"dictionary": "issue_keys", "probability": 0.85 if target.is_fake else 1.0},
            "query.globalId": {"dictionary": "global_ids", "probability": 0.3},
            "body.globalId": {"dictionary": "global_ids", "probability": 0.3},
            "path.siteId": {"dictionary": "site_ids", "probability": 0.9},
        },
        # The stateful phase is there to follow links from real links; negative data would mostly break the
        # chain at its first step. Negative data gets the per-operation phases (mode "all" above).
        "phases": {"stateful": {"generation": {"mode": "positive"}}},
        "operations": operations,
    }
    if target.requests_per_second is not None:
        config["rate-limit"] = f"{max(1, int(target.requests_per_second))}/s"
    return config


def load_schema(target: Target) -> schemathesis.BaseSchema:
    """The checked-in spec, configured for the target with this run's budget and seed."""
    config = schemathesis.Config.from_dict(config_for(target, BUDGET, SEED))
    schema = schemathesis.openapi.from_path(SPEC_PATH, config=config)
    # schemathesis dispatches before_call only globally; one registration serves every schema of the run
    # (the run tag, the only thing the hook takes from the target, is the same for all of them).
    if not _REGISTERED:
        schemathesis.hook("before_call")(jira_acceptable_urls_and_headers(target))
        _REGISTERED.append(True)
    return schema


_REGISTERED: list[bool] = []


GENERATED_URL = "https://generated.invalid/"
_URL_FIELDS = (("url",), ("icon", "url16x16"), ("status", "icon", "url16x16"), ("status", "icon", "link"))


def jira_acceptable_urls_and_headers(
    target: Target,
) -> Callable[[HookContext, Case[Any], dict[str, Any]], None]:
    """What the spec cannot say but Jira requires: URL fields hold http(s) URLs with a host (Jira refuses
    others with 400, so generated text is percent-encoded into the path of one, after the run's URL tag when
    it carries it), and bodyless DELETEs say `Content-Type: application/json` (Jira Cloud answers 415
    otherwise; POST and PUT without one get 415 on every Jira)."""

    def as_url(value: str) -> str:
        prefix = target.object_url_prefix if value.startswith(target.object_url_prefix) else GENERATED_URL
        return prefix + quote(value.removeprefix(prefix), safe="")

    def before_call(context: HookContext, case: Case[Any], kwargs: dict[str, Any]) -> None:
        remote_object: Any = case.body.get("object") if isinstance(case.body, dict) else None
        for path in _URL_FIELDS if isinstance(remote_object, dict) else ():
            holder: Any = remote_object
            for name in path[:-1]:
                holder = holder.get(name) if isinstance(holder, dict) else None
            value = holder.get(path[-1]) if isinstance(holder, dict) else None
            required = path == ("url",)
            if isinstance(value, str) and (not is_http_url(value) or (required and not value.strip())):
                holder[path[-1]] = as_url(value)
        title = remote_object.get("title") if isinstance(remote_object, dict) else None
        if isinstance(title, str):
            # Jira refuses a blank title and one over 255 characters; the spec says neither.
            title = title[:MAX_FIELD_LENGTH]
            remote_object["title"] = title if title.strip() else f"generated {title}"
        headers: dict[str, Any] = dict(case.headers or {})
        if not any(name.lower() == "content-type" for name in headers):
            headers["Content-Type"] = "application/json"
            case.headers = headers  # type: ignore[assignment]

    return before_call


class CallTally:
    """Counts the calls schemathesis made, by operation and status, to prove what a phase reached."""

    def __init__(self) -> None:
        self.calls: Counter[tuple[str, int]] = Counter()
        # The same calls in the order they were made.
        self.sequence: list[tuple[str, int]] = []

    def after_call(self, context: HookContext, case: Case[Any], response: Response) -> None:
        operation_id = case.operation.definition.raw.get("operationId", case.operation.label)
        self.calls[(str(operation_id), response.status_code)] += 1
        self.sequence.append((str(operation_id), response.status_code))

    @contextmanager
    def recording(self, schema: schemathesis.BaseSchema) -> Iterator[CallTally]:
        """Counts the schema's calls inside the block. The hook is registered and removed as one object:
        schemathesis unregisters by identity, and every `self.after_call` is a new bound method."""
        hook = self.after_call
        schema.hooks.register_hook_with_name(hook, "after_call")
        try:
            yield self
        finally:
            schema.hooks.unregister(hook)

    def count(self, operation_id: str, status: int) -> int:
        return self.calls[(operation_id, status)]

    def summary(self) -> str:
        return ", ".join(f"{op} {status}: {n}" for (op, status), n in sorted(self.calls.items()))


def tag_live_writes(target: Target) -> None:
    """On a live site, every globalId and object URL schemathesis sends carries the run's tag, so the run's
    cleanup finds what it wrote. Lengths stay on the same side of the 255 limit as generated.

    A `before_call` hook (global: schemathesis dispatches it only globally) edits each case just before it
    is sent, in every phase, including values the stateful phase copied from earlier requests.
    """

    def tagged(value: Any, prefix: str) -> Any:
        if not isinstance(value, str) or value.startswith(prefix):
            return value
        return (prefix + value)[: max(255, len(value))]

    def before_call(context: HookContext, case: Case[Any], kwargs: dict[str, Any]) -> None:
        body = case.body
        if isinstance(body, dict):
            if "globalId" in body:
                body["globalId"] = tagged(body["globalId"], target.global_id_prefix)
            remote_object = body.get("object")
            if isinstance(remote_object, dict):
                remote_object["url"] = tagged(remote_object.get("url"), target.object_url_prefix)
        if case.query and "globalId" in case.query:
            case.query["globalId"] = tagged(case.query["globalId"], target.global_id_prefix)

    schemathesis.hook("before_call")(before_call)


@schemathesis.check
def global_id_lookup_is_exact(
    ctx: schemathesis.CheckContext, response: Response, case: Case[Any]
) -> bool | None:
    """GET ?globalId=X that answers 200 must answer one object whose globalId is exactly X.

    Schemathesis cannot know this from the schema (the 200 is an array or an object); it is where a client or
    server that mangles the query value shows.
    """
    # The method actually sent: schemathesis' unsupported-method check sends OPTIONS, TRACE and others for a GET
    # operation's case and runs the checks on those answers too; an OPTIONS answers 200 with no body.
    sent_method = (response.request.method or "").upper()
    if sent_method != "GET" or not case.operation.path.endswith("/remotelink"):
        return None
    global_id = (case.query or {}).get("globalId")
    # An empty globalId names no link; the fake answers the list then, and Jira's answer is not documented.
    if not isinstance(global_id, str) or not global_id or response.status_code != 200:
        return None
    body = response.json()
    assert isinstance(body, dict), f"GET ?globalId= answered {type(body).__name__}, not one link object"
    assert body.get("globalId") == global_id, (
        f"asked for globalId {global_id!r}, got {body.get('globalId')!r}"
    )
    return None


def record_coverage() -> None:
    """Every response schemathesis receives counts towards the run's coverage (`jira_remote_links_contract.coverage`)
    and joins the running test's exchanges (`jira_remote_links_contract.exchanges`)."""

    def after_call(context: HookContext, case: Case[Any], response: Response) -> None:
        request = response.request
        if RECORDING.is_set():
            COVERAGE.record(str(request.method), str(request.url), response.status_code)
        # Schemathesis sends through `requests`, not the suite's httpx clients, so its exchanges come in here.
        record_plain(
            str(request.method),
            str(request.url),
            request_headers=request.headers,
            request_body=request.body,
            status=response.status_code,
            response_headers=response.headers,
            response_body=response.content,
        )

    schemathesis.hook("after_call")(after_call)


def stateful_links_of(schema: schemathesis.BaseSchema) -> schemathesis.BaseSchema:
    """The schema the stateful phase walks: the v2 operations and the jobs API, without the v3 twins.

    REST v3 serves the same six operations with the same contract, and the spec's links lead from a v3 create
    to the v2 follow-ups, so a walk over both versions spends its budget on two copies of one graph and gets
    chains that mix them. The per-operation phases and `test_jira_evidence.py` exercise every v3 operation.
    """
    return schema.exclude(operation_id_regex="V3$")
