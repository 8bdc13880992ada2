"""The fake's state: issues and their remote links, with Jira's semantics and no HTTP in it.

Every operation takes the lock for its whole read-modify-write, so concurrent upserts of one globalId
leave exactly one link and no write is lost or torn.
"""

from __future__ import annotations

import copy
import itertools
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from fake_jira.config import FakeConfig
from fake_jira.errors import JiraError, issue_not_found, link_not_found, linking_disabled


@dataclass
class Issue:
    key: str
    id: int
    # Link id -> stored fields (globalId, application, relationship, object), in creation order.
    links: dict[int, dict[str, Any]] = field(default_factory=dict)
    # Ids deleted while the `stale-list` defect was on; a stale list still shows them.
    ghosts: dict[int, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class StoredLink:
    """One link as a response shows it, apart from `self`, which depends on the request's host."""

    issue_key: str
    id: int
    fields: dict[str, Any]


@dataclass(frozen=True)
class UpsertResult:
    link: StoredLink
    created: bool


class Site:
    """One Jira site's issues and remote links."""

    def __init__(self, config: FakeConfig) -> None:
        self._lock = threading.RLock()
        # Link ids never repeat, not even across a reset, as Jira's never do.
        self._ids = itertools.count(10000)
        self.config = config
        self._issues_by_key: dict[str, Issue] = {}
        self._issues_by_id: dict[int, Issue] = {}
        self.reset(config)

    def reset(self, config: FakeConfig) -> None:
        """The configured issues, with no links."""
        self._index_issues(config, kept={})

    def reconfigure(self, config: FakeConfig) -> None:
        """New settings for the running site; links stay, issues follow the new issue settings."""
        with self._lock:
            self._index_issues(config, kept={issue.key: issue for issue in self._issues_by_key.values()})

    def _index_issues(self, config: FakeConfig, *, kept: dict[str, Issue]) -> None:
        """Index the configured issues by key and id, reusing `kept` issues (and their links) by key."""
        with self._lock:
            self.config = config
            self._issues_by_key = {}
            self._issues_by_id = {}
            for offset, key in enumerate(config.issue_keys()):
                issue = kept.get(key) or Issue(key=key, id=config.first_issue_id + offset)
                issue.id = config.first_issue_id + offset
                self._issues_by_key[key.upper()] = issue
                self._issues_by_id[issue.id] = issue

    # Reads ---------------------------------------------------------------------------------------

    def list_links(self, issue_ref: str) -> list[StoredLink]:
        with self._lock:
            issue = self._issue(issue_ref)
            shown = dict(issue.links)
            if "stale-list" in self.config.defects:
                shown.update(issue.ghosts)
            return [_snapshot(issue, link_id, fields) for link_id, fields in sorted(shown.items())]

    def link_by_global_id(self, issue_ref: str, global_id: str) -> StoredLink:
        with self._lock:
            issue = self._issue(issue_ref)
            link_id = _find_global_id(issue, global_id)
            if link_id is None:
                raise link_not_found()
            return _snapshot(issue, link_id, issue.links[link_id])

    def link_by_id(self, issue_ref: str, link_ref: str) -> StoredLink:
        with self._lock:
            issue, link_id = self._link(issue_ref, link_ref)
            return _snapshot(issue, link_id, issue.links[link_id])

    # Writes --------------------------------------------------------------------------------------

    def upsert(self, issue_ref: str, fields: dict[str, Any]) -> UpsertResult:
        """POST: update the link with this globalId (nulling what the request leaves out), or create one."""
        with self._lock:
            issue = self._issue(issue_ref)
            global_id = fields.get("globalId")
            existing = None
            if global_id is not None and "duplicate-on-upsert" not in self.config.defects:
                existing = _find_global_id(issue, global_id)
            if existing is not None:
                issue.links[existing] = self._replacement(issue.links[existing], fields)
                return UpsertResult(_snapshot(issue, existing, issue.links[existing]), created=False)
            if len(issue.links) >= self.config.max_links_per_issue:
                raise JiraError(
                    413,
                    [
                        f"The issue has reached the limit of {self.config.max_links_per_issue} remote links;"
                        " delete some before adding more."
                    ],
                )
            link_id = next(self._ids)
            issue.links[link_id] = copy.deepcopy(fields)
            return UpsertResult(_snapshot(issue, link_id, issue.links[link_id]), created=True)

    def replace(self, issue_ref: str, link_ref: str, fields: dict[str, Any]) -> None:
        """PUT: the link becomes exactly the request; what it leaves out becomes null."""
        with self._lock:
            issue, link_id = self._link(issue_ref, link_ref)
            issue.links[link_id] = self._replacement(issue.links[link_id], fields)

    def delete_by_id(self, issue_ref: str, link_ref: str) -> None:
        with self._lock:
            issue, link_id = self._link(issue_ref, link_ref)
            self._forget(issue, link_id)

    def delete_by_global_id(self, issue_ref: str, global_id: str) -> None:
        with self._lock:
            issue = self._issue(issue_ref)
            link_id = _find_global_id(issue, global_id)
            if link_id is None:
                raise link_not_found()
            self._forget(issue, link_id)

    def seed(self, issue_ref: str, fields: dict[str, Any]) -> StoredLink:
        """Admin seeding: the same as a POST, without the HTTP around it."""
        return self.upsert(issue_ref, fields).link

    # Helpers -------------------------------------------------------------------------------------

    def _replacement(self, old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
        if "no-null-wipe" in self.config.defects:
            merged = copy.deepcopy(old)
            merged.update(copy.deepcopy(new))
            return merged
        return copy.deepcopy(new)

    def _forget(self, issue: Issue, link_id: int) -> None:
        fields = issue.links.pop(link_id)
        if "stale-list" in self.config.defects:
            issue.ghosts[link_id] = fields

    def _issue(self, issue_ref: str) -> Issue:
        if not self.config.linking_enabled:
            raise linking_disabled()
        issue = None
        if issue_ref.isascii() and issue_ref.isdigit():
            issue = self._issues_by_id.get(int(issue_ref))
        else:
            issue = self._issues_by_key.get(issue_ref.upper())
        if issue is None:
            raise issue_not_found()
        return issue

    def _link(self, issue_ref: str, link_ref: str) -> tuple[Issue, int]:
        issue = self._issue(issue_ref)
        if not (link_ref.isascii() and link_ref.isdigit()) or len(link_ref) > 18:
            raise JiraError(400, [f"The remote issue link id '{link_ref}' is not valid."])
        link_id = int(link_ref)
        if link_id in issue.links:
            return issue, link_id
        if any(link_id in other.links for other in self._all_issues()):
            raise JiraError(400, ["The remote issue link does not belong to the issue."])
        raise link_not_found()

    def _all_issues(self) -> Iterator[Issue]:
        return iter(self._issues_by_key.values())


def _find_global_id(issue: Issue, global_id: str) -> int | None:
    for link_id, fields in issue.links.items():
        if fields.get("globalId") == global_id:
            return link_id
    return None


def _snapshot(issue: Issue, link_id: int, fields: dict[str, Any]) -> StoredLink:
    return StoredLink(issue_key=issue.key, id=link_id, fields=copy.deepcopy(fields))
