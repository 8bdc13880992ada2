"""The route table: each of Jira's (and the jobs API's) paths, straight to its handler.

`{api:2|3}` serves the same operation under REST v2 and v3. The admin API has its own table in
`fake_jira.admin`.
"""

from __future__ import annotations

from fake_jira import jira_handlers as links
from fake_jira import peer_handlers as peers
from fake_jira.jira_handlers import Handler
from fake_jira.routing import Route

REMOTE_LINKS = "/rest/api/{api:2|3}/issue/{issue}/remotelink"
REMOTE_LINK = REMOTE_LINKS + "/{link}"

ROUTES: tuple[Route[Handler], ...] = (
    Route("GET", REMOTE_LINKS, links.list_or_get_by_global_id),
    Route("POST", REMOTE_LINKS, links.upsert),
    Route("DELETE", REMOTE_LINKS, links.delete_by_global_id),
    Route("GET", REMOTE_LINK, links.get_by_id),
    Route("PUT", REMOTE_LINK, links.replace),
    Route("DELETE", REMOTE_LINK, links.delete_by_id),
    Route("POST", "/links/v1/{site}/jobs/cma", links.schedule_job),
    Route("GET", "/links/v1/{site}/jobs/status/{job}", links.job_status),
    # What peer clients call around remote links.
    Route("GET", "/rest/api/{api:2|3}/serverInfo", peers.server_info),
    Route("GET", "/rest/api/{api:2|3}/myself", peers.myself),
    Route("GET", "/rest/api/{api:2|3}/issue/{issue}", peers.issue),
    Route("GET", "/rest/api/{api:2|3}/field", peers.fields),
    Route("GET", "/rest/auth/1/session", peers.session),
    Route("GET", "/rest/applinks/latest/listApplicationlinks", peers.application_links),
)
# Writes to these count against the per-issue write limit.
ISSUE_WRITES = frozenset({REMOTE_LINKS, REMOTE_LINK})
