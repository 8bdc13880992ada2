"""The peer libraries, loaded only if installed, behind small typed wrappers.

They are optional (only the `bench` extra installs them) and ship no usable types for what we call, so
they are imported by name and each call we make is wrapped in a typed method here.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import warnings
from typing import Any

JIRA_DIST = "jira"
ATLASSIAN_DIST = "atlassian-python-api"


def installed_version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def jira_label() -> str:
    return f"jira {installed_version(JIRA_DIST) or ''}".strip()


def atlassian_label() -> str:
    return f"atlassian-python-api {installed_version(ATLASSIAN_DIST) or ''}".strip()


class JiraPeer:
    """`jira.JIRA` (pycontribs) with basic auth. It has no lookup by globalId, so a single link is read
    by its internal id; `add_remote_link` asks for the site's application links on every call until
    that succeeds once (a non-admin, and the fake, answer with an error, which it turns into a
    warning)."""

    def __init__(self, base_url: str, email: str, api_token: str) -> None:
        module: Any = importlib.import_module("jira")
        # get_server_info=False: no serverInfo round trip at construction, which would not be per-call cost.
        self._jira: Any = module.JIRA(
            server=base_url, basic_auth=(email, api_token), get_server_info=False, max_retries=3
        )

    def remote_links(self, issue: str) -> list[dict[str, Any]]:
        return [link.raw for link in self._jira.remote_links(issue)]

    def remote_link(self, issue: str, link_id: str) -> dict[str, Any]:
        raw: dict[str, Any] = self._jira.remote_link(issue, link_id).raw
        return raw

    def add_remote_link(
        self, issue: str, destination: dict[str, Any], global_id: str, relationship: str | None
    ) -> dict[str, Any]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            link = self._jira.add_remote_link(
                issue, destination, globalId=global_id, relationship=relationship
            )
        raw: dict[str, Any] = link.raw
        return raw

    def close(self) -> None:
        self._jira.close()


class AtlassianPeer:
    """`atlassian.Jira` (the legacy, server-style class that `from atlassian import Jira` gives)."""

    def __init__(self, base_url: str, email: str, api_token: str) -> None:
        module: Any = importlib.import_module("atlassian")
        self._jira: Any = module.Jira(url=base_url, username=email, password=api_token, cloud=True)

    def get_issue_remote_links(self, issue: str, global_id: str | None = None) -> Any:  # noqa: ANN401 -- a list or one object, as JSON
        return self._jira.get_issue_remote_links(issue, global_id=global_id)

    def create_or_update_issue_remote_links(
        self, issue: str, url: str, title: str, global_id: str, relationship: str | None
    ) -> dict[str, Any]:
        answer: dict[str, Any] = self._jira.create_or_update_issue_remote_links(
            issue, url, title, global_id=global_id, relationship=relationship
        )
        return answer

    def close(self) -> None:
        self._jira.close()
