"""The spec states the facts of Atlassian's contract and fixes the upstream mistakes it is meant to fix."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_spec_validator import validate

SPEC_PATH = Path(__file__).resolve().parent.parent / "spec" / "jira-remote-links.openapi.yaml"
LINKS = "/rest/api/2/issue/{issueIdOrKey}/remotelink"
LINK = "/rest/api/2/issue/{issueIdOrKey}/remotelink/{linkId}"
LINKS_V3 = "/rest/api/3/issue/{issueIdOrKey}/remotelink"
LINK_V3 = "/rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId}"
LINK_OPERATIONS = {
    "getRemoteIssueLinks",
    "createOrUpdateRemoteIssueLink",
    "deleteRemoteIssueLinkByGlobalId",
    "getRemoteIssueLinkById",
    "updateRemoteIssueLink",
    "deleteRemoteIssueLinkById",
}
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
        LINKS_V3,
        LINK_V3,
        "/links/v1/{siteId}/jobs/cma",
        "/links/v1/{siteId}/jobs/status/{jobId}",
    }


def test_rest_v3_serves_the_same_six_operations_with_the_same_contract(spec: JsonObject) -> None:
    for v2_path, v3_path in ((LINKS, LINKS_V3), (LINK, LINK_V3)):
        v2, v3 = spec["paths"][v2_path], spec["paths"][v3_path]
        assert v2["parameters"] == v3["parameters"]
        assert {method for method in v2 if method != "parameters"} == {m for m in v3 if m != "parameters"}
        for method in ("get", "post", "put", "delete"):
            if method not in v2:
                continue
            assert v3[method]["operationId"] == v2[method]["operationId"] + "V3"
            assert v3[method]["tags"] == ["Issue remote links V3"]
            for part in ("responses", "parameters", "requestBody", "description"):
                assert v3[method].get(part) == v2[method].get(part), (v3_path, method, part)


def test_jobs_api_names_its_own_server(spec: JsonObject) -> None:
    for path in ("/links/v1/{siteId}/jobs/cma", "/links/v1/{siteId}/jobs/status/{jobId}"):
        assert [server["url"] for server in spec["paths"][path]["servers"]] == ["https://api.atlassian.com"]


def test_get_returns_an_array_or_one_object(spec: JsonObject) -> None:
    schema = spec["paths"][LINKS]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    variants = schema["oneOf"]
    assert {"type": "array", "items": {"$ref": "#/components/schemas/RemoteIssueLink"}} in variants
    assert {"$ref": "#/components/schemas/RemoteIssueLink"} in variants


def test_no_response_204_carries_a_body(spec: JsonObject) -> None:
    no_content = [
        resolve(spec, op["responses"]["204"]) for op in operations(spec).values() if "204" in op["responses"]
    ]
    assert len(no_content) == 6  # PUT and the two DELETEs, under v2 and v3
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


def link_operations(spec: JsonObject) -> dict[str, JsonObject]:
    return {name: op for name, op in operations(spec).items() if name.removesuffix("V3") in LINK_OPERATIONS}


def test_jira_errors_carry_the_jira_error_body_except_401_406_and_415(spec: JsonObject) -> None:
    checked = 0
    for operation_id, operation in link_operations(spec).items():
        for status, response in operation["responses"].items():
            if int(status) < 400:
                continue
            resolved = resolve(spec, response)
            if status == "401":
                # Jira Cloud answers a wrong token with a line of plain text.
                assert resolved["content"] == {"text/plain": {"schema": {"type": "string"}}}, operation_id
            elif status in ("406", "415"):
                # The web framework's answers: no published body, so none is promised.
                assert "content" not in resolved, (operation_id, status)
                assert resolved["x-inferred"] is True, (operation_id, status)
            else:
                schema = resolved["content"]["application/json"]["schema"]
                assert schema == {"$ref": ERROR_BODY}, (operation_id, status)
            checked += 1
    assert checked == 2 * 48  # seven to nine error statuses on each of the six operations, v2 and v3


def test_406_everywhere_and_415_wherever_a_content_type_is_needed(spec: JsonObject) -> None:
    for path in (LINKS, LINK, LINKS_V3, LINK_V3):
        for method, operation in spec["paths"][path].items():
            if method == "parameters":
                continue
            assert "406" in operation["responses"], (path, method)
            assert ("415" in operation["responses"]) is (method != "get"), (path, method)


def test_201_carries_location_and_reads_and_deletes_carry_cache_control(spec: JsonObject) -> None:
    created = spec["paths"][LINKS]["post"]["responses"]["201"]
    location = resolve(spec, created["headers"]["Location"])
    assert location["required"] is True
    assert location["schema"] == {"type": "string", "format": "uri"}
    assert "Location" not in spec["paths"][LINKS]["post"]["responses"]["200"].get("headers", {})
    answers = [
        spec["paths"][LINKS]["get"]["responses"]["200"],
        spec["paths"][LINK]["get"]["responses"]["200"],
        resolve(spec, spec["paths"][LINKS]["delete"]["responses"]["204"]),
        resolve(spec, spec["paths"][LINK]["delete"]["responses"]["204"]),
    ]
    for answer in answers:
        assert "Cache-Control" in answer["headers"]


def test_link_ids_split_400_and_404_as_jira_does(spec: JsonObject) -> None:
    for method in ("get", "put", "delete"):
        responses = spec["paths"][LINK][method]["responses"]
        bad_id = resolve(spec, responses["400"])["description"]
        no_such_link = resolve(spec, responses["404"])["description"]
        assert "not a number" in bad_id
        assert "64-bit" in bad_id
        assert "another issue" in bad_id
        assert "names no" in no_such_link
        assert "`-1`" in no_such_link
    # The id stays a string so that a contract run can send `99a` and see Jira's 400.
    assert resolve(spec, spec["paths"][LINK]["parameters"][1])["schema"] == {"type": "string"}


@pytest.mark.parametrize(
    ("schema_name", "field"),
    [
        ("RemoteIssueLinkRequest", "globalId"),
        ("RemoteIssueLinkRequest", "relationship"),
        ("RemoteObject", "title"),
        ("Application", "type"),
        ("Application", "name"),
    ],
)
def test_the_five_capped_fields_say_255(spec: JsonObject, schema_name: str, field: str) -> None:
    assert spec["components"]["schemas"][schema_name]["properties"][field]["maxLength"] == 255


def test_the_urls_jira_accepts_match_the_patterns(spec: JsonObject) -> None:
    schemas = spec["components"]["schemas"]
    url = re.compile(schemas["RemoteObject"]["properties"]["url"]["pattern"])
    icon_url = re.compile(schemas["Icon"]["properties"]["url16x16"]["pattern"])
    good = ["http://www.mycompany.com/support?id=1", "https://x.example/a%20b#c", "HTTPS://host"]
    bad = ["this is not a valid URI", "ftp://x/y", "http://", "https:///path", "www.example.com", ""]
    for value in good:
        assert url.search(value), value
        assert icon_url.search(value), value
    for value in bad:
        assert not url.search(value), value
    assert icon_url.search("")  # an empty icon URL is accepted
    assert not icon_url.search("ftp://x/y")
    # The exact pattern is ours (Jira's rule is in its code, not a regular expression): marked inferred.
    assert schemas["RemoteObject"]["properties"]["url"]["x-inferred"] is True
    assert schemas["Icon"]["properties"]["url16x16"]["x-inferred"] is True
    # The Icon schema serves the item's icon, whose link Jira neither checks nor stores, and the status icon,
    # whose link it checks: no pattern can say both.
    assert "pattern" not in schemas["Icon"]["properties"]["link"]
    title = re.compile(schemas["RemoteObject"]["properties"]["title"]["pattern"])
    assert not title.search("   ")
    assert title.search(" a ")


def test_returned_links_always_carry_their_objects(spec: JsonObject) -> None:
    schemas = spec["components"]["schemas"]
    link = schemas["RemoteIssueLink"]
    assert set(link["required"]) == {"id", "self", "application", "object"}
    assert link["properties"]["object"] == {"$ref": "#/components/schemas/LinkedObject"}
    assert set(schemas["LinkedObject"]["required"]) == {"url", "title", "icon", "status"}
    assert schemas["LinkedObjectStatus"]["required"] == ["icon"]
    for name in ("RemoteIssueLink", "LinkedObject", "LinkedObjectStatus", "Application", "Icon"):
        assert schemas[name]["x-null-when-absent"] is True, name


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
        ("RemoteIssueLink", {"id", "self", "application", "object"}),
        ("LinkedObject", {"title", "url", "icon", "status"}),
        ("LinkedObjectStatus", {"icon"}),
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
