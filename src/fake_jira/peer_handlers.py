"""What the most used Jira clients call around remote links, in minimal documented shapes.

pycontribs/jira asks for `serverInfo` in its constructor, `auth/1/session` to validate, the application-links
list before each `add_remote_link`, `issue` and `myself`; atlassian-python-api asks for `issue` with
`?fields=*all`. Only these, so existing scripts run against the fake unchanged; it is not a Jira clone.
"""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from fake_jira.backend import FakeBackend
from fake_jira.http import json_response
from fake_jira.jira_handlers import Call

FAKE_VERSION = [1001, 0, 0]
ACCOUNT_ID = "000000:00000000-0000-0000-0000-000000000001"
# Fixed, so answers are reproducible; a real site reports its build time here.
BUILD_DATE = "2026-01-01T00:00:00.000+0000"

_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("summary", "Summary", "string"),
    ("issuetype", "Issue Type", "issuetype"),
    ("project", "Project", "project"),
    ("status", "Status", "status"),
    ("created", "Created", "datetime"),
    ("updated", "Updated", "datetime"),
)


async def server_info(backend: FakeBackend, call: Call) -> Response:
    return json_response(
        {
            "baseUrl": call.base_url,
            "version": ".".join(str(part) for part in FAKE_VERSION),
            "versionNumbers": FAKE_VERSION,
            "deploymentType": "Cloud",
            "buildNumber": 100000,
            "buildDate": BUILD_DATE,
            "serverTime": BUILD_DATE,
            "scmInfo": "fake",
            "serverTitle": "Fake Jira",
        }
    )


def _user(backend: FakeBackend, call: Call) -> dict[str, Any]:
    return {
        "self": f"{call.rest_base}/user?accountId={ACCOUNT_ID}",
        "accountId": ACCOUNT_ID,
        "accountType": "atlassian",
        "emailAddress": backend.config.email,
        "displayName": backend.config.email.partition("@")[0],
        "active": True,
        "timeZone": "UTC",
        "locale": "en_US",
    }


async def myself(backend: FakeBackend, call: Call) -> Response:
    return json_response(_user(backend, call))


async def issue(backend: FakeBackend, call: Call) -> Response:
    """An issue with a few fields; `?fields=` and `?expand=` are accepted and the same fields come back."""
    found = backend.site.issue(call.params["issue"])
    config = backend.config
    project_id = str(10000)
    return json_response(
        {
            "expand": "",
            "id": str(found.id),
            "self": f"{call.rest_base}/issue/{found.id}",
            "key": found.key,
            "fields": {
                "summary": f"Issue {found.key}",
                "issuetype": {"id": "10001", "name": "Task", "subtask": False},
                "project": {"id": project_id, "key": config.project_key, "name": config.project_key},
                "status": {"id": "1", "name": "To Do"},
                "created": BUILD_DATE,
                "updated": BUILD_DATE,
            },
        }
    )


async def fields(backend: FakeBackend, call: Call) -> Response:
    return json_response(
        [
            {
                "id": field_id,
                "key": field_id,
                "name": name,
                "custom": False,
                "orderable": True,
                "navigable": True,
                "searchable": True,
                "clauseNames": [field_id],
                "schema": {"type": kind, "system": field_id},
            }
            for field_id, name, kind in _FIELDS
        ]
    )


async def session(backend: FakeBackend, call: Call) -> Response:
    return json_response(
        {"self": f"{call.base_url}/rest/api/latest/user?accountId={ACCOUNT_ID}", "name": backend.config.email}
    )


async def application_links(backend: FakeBackend, call: Call) -> Response:
    """No application links: clients then write plain web links, as on a site without any."""
    return json_response([])
