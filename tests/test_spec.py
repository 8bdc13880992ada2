"""The spec states the facts of Atlassian's contract and fixes the upstream mistakes it is meant to fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

SPEC_PATH = Path(__file__).resolve().parent.parent / "spec" / "jira-remote-links.openapi.yaml"
LINKS = "/rest/api/2/issue/{issueIdOrKey}/remotelink"
LINK = "/rest/api/2/issue/{issueIdOrKey}/remotelink/{linkId}"
ERROR_BODY = "#/components/schemas/ErrorCollection"

JsonObject = dict[str, Any]


@pytest.fixture(scope="module")
def spec() -> JsonObject:
    document: JsonObject = yaml.safe_load(SPEC_PATH.read_text())
    return document


def resolve(spec: JsonObject, node: JsonObject) -> JsonObject:
    """Follow local `$ref`s until a concrete node is reached."""
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def operations(spec: JsonObject) -> dict[str, JsonObject]:
    found: dict[str, JsonObject] = {}
    for item in spec["paths"].values():
        for method in ("get", "post", "put", "delete"):
            if method in item:
                found[item[method]["operationId"]] = item[method]
    return found


def test_spec_is_valid_openapi(spec: JsonObject) -> None:
    validate(spec)


def test_operations_and_paths_are_atlassians(spec: JsonObject) -> None:
    paths = spec["paths"]
    assert {
        op["operationId"] for op in paths[LINKS].values() if isinstance(op, dict) and "operationId" in op
    } == {
        "getRemoteIssueLinks",
        "createOrUpdateRemoteIssueLink",
        "deleteRemoteIssueLinkByGlobalId",
    }
    assert {
        op["operationId"] for op in paths[LINK].values() if isinstance(op, dict) and "operationId" in op
    } == {
        "getRemoteIssueLinkById",
        "updateRemoteIssueLink",
        "deleteRemoteIssueLinkById",
    }
    assert set(paths) == {
        LINKS,
        LINK,
        "/links/v1/{siteId}/jobs/cma",
        "/links/v1/{siteId}/jobs/status/{jobId}",
    }


def test_jobs_api_names_its_own_server(spec: JsonObject) -> None:
    for path in ("/links/v1/{siteId}/jobs/cma", "/links/v1/{siteId}/jobs/status/{jobId}"):
        assert [server["url"] for server in spec["paths"][path]["servers"]] == ["https://api.atlassian.com"]


def test_get_returns_an_array_or_one_object(spec: JsonObject) -> None:
    schema = spec["paths"][LINKS]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    variants = schema["oneOf"]
    assert {"type": "array", "items": {"$ref": "#/components/schemas/RemoteIssueLink"}} in variants
    assert {"$ref": "#/components/schemas/RemoteIssueLink"} in variants


def test_no_response_204_carries_a_body(spec: JsonObject) -> None:
    no_content = [op["responses"]["204"] for op in operations(spec).values() if "204" in op["responses"]]
    assert len(no_content) == 3
    assert all("content" not in response for response in no_content)


def test_post_answers_201_on_create_and_200_on_update_with_links_to_follow(spec: JsonObject) -> None:
    post = spec["paths"][LINKS]["post"]
    for status in ("200", "201"):
        response = post["responses"][status]
        assert response["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/RemoteIssueLinkIdentifies"
        }
        targets = {resolve(spec, link)["operationId"] for link in response["links"].values()}
        assert targets == {
            "getRemoteIssueLinkById",
            "getRemoteIssueLinks",
            "updateRemoteIssueLink",
            "deleteRemoteIssueLinkById",
            "deleteRemoteIssueLinkByGlobalId",
        }


def test_every_jira_error_status_carries_the_jira_error_body(spec: JsonObject) -> None:
    checked = 0
    for operation_id, operation in operations(spec).items():
        if "Issue remote links" not in operation["tags"]:
            continue
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            schema = resolve(spec, response)["content"]["application/json"]["schema"]
            assert schema == {"$ref": ERROR_BODY}, (operation_id, status)
            checked += 1
    assert checked == 40  # seven to eight error statuses on each of the six operations


def test_rate_limits_are_documented_with_their_headers(spec: JsonObject) -> None:
    for operation_id, operation in operations(spec).items():
        assert "429" in operation["responses"], operation_id
        headers = resolve(spec, operation["responses"]["429"])["headers"]
        assert {"Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"} <= set(
            headers
        )


def test_link_limit_is_documented_on_create(spec: JsonObject) -> None:
    assert "413" in spec["paths"][LINKS]["post"]["responses"]
    assert "413" in spec["paths"][LINKS]["get"]["responses"]


def test_global_id_is_limited_to_255_characters(spec: JsonObject) -> None:
    request = spec["components"]["schemas"]["RemoteIssueLinkRequest"]
    assert request["properties"]["globalId"]["maxLength"] == 255
    assert request["required"] == ["object"]


def test_delete_by_global_id_requires_it_and_get_does_not(spec: JsonObject) -> None:
    def global_id_parameter(operation: JsonObject) -> JsonObject:
        matches: list[JsonObject] = [p for p in operation["parameters"] if p["name"] == "globalId"]
        assert len(matches) == 1
        return matches[0]

    assert global_id_parameter(spec["paths"][LINKS]["delete"])["required"] is True
    assert global_id_parameter(spec["paths"][LINKS]["get"])["required"] is False


def nullable(spec: JsonObject, schema: JsonObject) -> bool:
    if "oneOf" in schema:
        return {"type": "null"} in schema["oneOf"]
    kinds = schema.get("type")
    return isinstance(kinds, list) and "null" in kinds


@pytest.mark.parametrize(
    ("schema_name", "always_present"),
    [
        ("RemoteIssueLink", {"id", "self"}),
        ("RemoteObject", {"title", "url"}),
        ("Application", set()),
        ("Icon", set()),
        ("Status", set()),
    ],
)
def test_every_field_jira_may_null_is_nullable(
    spec: JsonObject, schema_name: str, always_present: set[str]
) -> None:
    properties = spec["components"]["schemas"][schema_name]["properties"]
    for name, schema in properties.items():
        assert nullable(spec, schema) is (name not in always_present), (schema_name, name)


def test_inferred_parts_are_marked(spec: JsonObject) -> None:
    schemas = spec["components"]["schemas"]
    for name in ("LinkUpdateJobStatus", "JobsApiError"):
        assert schemas[name]["x-inferred"] is True, name
    # Scheduling is documented by Atlassian's link-fixing reference: request and answer are not inferred.
    for name in ("LinkUpdateJobRequest", "LinkUpdateJobScheduled"):
        assert "x-inferred" not in schemas[name], name
    assert schemas["LinkUpdateJobRequest"]["required"] == [
        "product",
        "productURL",
        "destinationURL",
        "migratedFrom",
    ]
    assert schemas["LinkUpdateJobScheduled"]["required"] == ["uuid"]
    assert operations(spec)["getLinkUpdateJobStatus"]["x-inferred"] is True
    assert "x-inferred" not in operations(spec)["scheduleLinkUpdateJob"]


def test_basic_auth_and_anonymous_access(spec: JsonObject) -> None:
    assert spec["security"] == [{"basicAuth": []}, {}]
    assert spec["components"]["securitySchemes"]["basicAuth"] == {
        "type": "http",
        "scheme": "basic",
        "description": spec["components"]["securitySchemes"]["basicAuth"]["description"],
    }
