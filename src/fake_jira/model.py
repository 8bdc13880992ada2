"""The fake's state: issues and their remote links, with Jira's rules and no HTTP in it.

Every operation takes the lock for its whole read-modify-write, so concurrent upserts of one globalId
leave exactly one link and no write is lost or torn. Requests arrive already read (`fake_jira.validation`);
the checks that need the stored links (globalId uniqueness, link ids, issues) live here.
"""

from __future__ import annotations

import copy
import itertools
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from fake_jira.config import FakeConfig
from fake_jira.defects import Defect
from fake_jira.errors import JiraError, issue_not_found, link_not_found, linking_disabled
from fake_jira.validation import link_problems

# Jira takes an issue reference as an id only in this form; anything else (a leading zero too) is a key.
ISSUE_ID = re.compile(r"[1-9][0-9]{0,17}")
# Link ids are read as Java longs: an optional sign and decimal digits, within 64 bits.
LINK_ID = re.compile(r"[+-]?\d+")
LONG_MIN, LONG_MAX = -(2**63), 2**63 - 1


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

    @property
    def defects(self) -> frozenset[Defect]:
        return self.config.defects

    # Issues --------------------------------------------------------------------------------------

    def issue(self, issue_ref: str) -> Issue:
        """The issue named by id or key (404 when there is none); no linking check, for the issue resource."""
        with self._lock:
            issue = None
            if ISSUE_ID.fullmatch(issue_ref) or (
                Defect.SELF_AS_REQUESTED in self.defects and issue_ref.isascii() and issue_ref.isdigit()
            ):
                issue = self._issues_by_id.get(int(issue_ref))
            else:
                issue = self._issues_by_key.get(issue_ref.upper())
            if issue is None:
                raise issue_not_found()
            return issue

    def issues(self) -> list[Issue]:
        with self._lock:
            return list(self._issues_by_key.values())

    # Reads ---------------------------------------------------------------------------------------

    def list_links(self, issue_ref: str) -> list[StoredLink]:
        with self._lock:
            issue = self._issue(issue_ref)
            shown = dict(issue.links)
            if Defect.STALE_LIST in self.defects:
                shown.update(issue.ghosts)
            return [_snapshot(issue, link_id, fields) for link_id, fields in sorted(shown.items())]

    def link_by_global_id(self, issue_ref: str, global_id: str) -> StoredLink:
        """The first link with this globalId on the issue; 404 in `errorMessages` when there is none."""
        with self._lock:
            found = self._with_global_id(self._issue(issue_ref), global_id)
            if not found:
                raise link_not_found()
            holder, link_id = found[0]
            return _snapshot(holder, link_id, holder.links[link_id])

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
            found = []
            if global_id is not None and Defect.DUPLICATE_ON_UPSERT not in self.defects:
                found = self._with_global_id(issue, global_id)
            self._check(fields)
            if found:
                holder, existing = found[0]
                holder.links[existing] = self._replacement(holder.links[existing], fields)
                return UpsertResult(_snapshot(holder, existing, holder.links[existing]), created=False)
            return UpsertResult(self._create(issue, fields), created=True)

    def replace(self, issue_ref: str, link_ref: str, fields: dict[str, Any]) -> None:
        """PUT: the link becomes exactly the request; what it leaves out becomes null. A new globalId must not
        be held by another link of the issue; an unchanged one is not checked again."""
        with self._lock:
            issue, link_id = self._link(issue_ref, link_ref)
            extra: dict[str, str] = {}
            global_id = fields.get("globalId")
            changed = global_id != issue.links[link_id].get("globalId")
            checked = (
                global_id is not None and changed and Defect.PUT_DUPLICATES_GLOBAL_ID not in self.defects
            )
            if checked and global_id is not None and self._with_global_id(issue, global_id):
                extra["globalId"] = "Another remote link of this issue already has this globalId."
            self._check(fields, extra)
            issue.links[link_id] = self._replacement(issue.links[link_id], fields)

    def delete_by_id(self, issue_ref: str, link_ref: str) -> None:
        with self._lock:
            issue, link_id = self._link(issue_ref, link_ref)
            self._forget(issue, link_id)

    def delete_by_global_id(self, issue_ref: str, global_id: str) -> None:
        """Every link of the issue with this globalId goes; 404 keyed `globalId` when there is none."""
        with self._lock:
            issue = self._issue(issue_ref)
            found = self._with_global_id(issue, global_id)
            if not found:
                raise JiraError(
                    404, [], {"globalId": f"No remote link with this globalId on issue {issue.id}."}
                )
            if Defect.DELETE_BY_GLOBAL_ID_REMOVES_ONE in self.defects:
                found = found[:1]
            for holder, link_id in found:
                self._forget(holder, link_id)

    def seed(self, issue_ref: str, fields: dict[str, Any], *, allow_duplicates: bool = False) -> StoredLink:
        """Admin seeding: the same as a POST without the HTTP around it, or, with `allow_duplicates`, a new
        link whatever its globalId (old Jira data can hold several links with one globalId on an issue)."""
        if not allow_duplicates:
            return self.upsert(issue_ref, fields).link
        with self._lock:
            self._check(fields)
            return self._create(self._issue(issue_ref), fields)

    # Helpers -------------------------------------------------------------------------------------

    def _check(self, fields: dict[str, Any], extra: dict[str, str] | None = None) -> None:
        problems = {**link_problems(fields, self.defects), **(extra or {})}
        if problems:
            raise JiraError(400, [], problems)

    def _create(self, issue: Issue, fields: dict[str, Any]) -> StoredLink:
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
        return _snapshot(issue, link_id, issue.links[link_id])

    def _with_global_id(self, issue: Issue, global_id: str) -> list[tuple[Issue, int]]:
        """The links holding `global_id`, first one first: on this issue only, as in Jira."""
        holders = self._all_issues() if Defect.GLOBAL_ID_SITE_WIDE in self.defects else iter([issue])
        same = _same_normalised if Defect.GLOBAL_ID_NORMALISED in self.defects else _same
        return [
            (holder, link_id)
            for holder in holders
            for link_id, fields in holder.links.items()
            if fields.get("globalId") is not None and same(fields["globalId"], global_id)
        ]

    def _replacement(self, old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
        if Defect.NO_NULL_WIPE in self.defects:
            return _merged(old, new)
        return copy.deepcopy(new)

    def _forget(self, issue: Issue, link_id: int) -> None:
        fields = issue.links.pop(link_id)
        if Defect.STALE_LIST in self.defects:
            issue.ghosts[link_id] = fields

    def _issue(self, issue_ref: str) -> Issue:
        if not self.config.linking_enabled:
            raise linking_disabled()
        return self.issue(issue_ref)

    def _link(self, issue_ref: str, link_ref: str) -> tuple[Issue, int]:
        issue = self._issue(issue_ref)
        link_id = self._link_id(link_ref)
        if link_id in issue.links:
            return issue, link_id
        if any(link_id in other.links for other in self._all_issues()):
            raise JiraError(400, [f"The remote link {link_ref} does not belong to issue {issue.key}."])
        raise link_not_found()

    def _link_id(self, link_ref: str) -> int:
        """A link id as Jira reads it: not a number, or beyond 64 bits, is a 400; any other number may be a
        404 later, -1 and 19-digit ids included."""
        invalid = JiraError(400, [f"The remote issue link id '{link_ref}' is not valid."])
        if Defect.LINK_ID_NOT_JAVA_LONG in self.defects:
            if not (link_ref.isascii() and link_ref.isdigit()) or len(link_ref) > 18:
                raise invalid
            return int(link_ref)
        if not LINK_ID.fullmatch(link_ref):
            if Defect.LINK_ID_UNCHECKED in self.defects:
                raise link_not_found()
            raise invalid
        value = int(link_ref)
        if not LONG_MIN <= value <= LONG_MAX:
            raise invalid
        return value

    def _all_issues(self) -> Iterator[Issue]:
        return iter(self._issues_by_key.values())


def _same(stored: str, wanted: str) -> bool:
    return stored == wanted


def _same_normalised(stored: str, wanted: str) -> bool:
    return stored.strip().casefold() == wanted.strip().casefold()


def _merged(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """`new` laid over `old`, object by object: what `new` leaves out keeps its old value."""
    merged = copy.deepcopy(old)
    for name, value in new.items():
        if isinstance(value, dict) and isinstance(merged.get(name), dict):
            merged[name] = _merged(merged[name], value)
        else:
            merged[name] = copy.deepcopy(value)
    return merged


def _snapshot(issue: Issue, link_id: int, fields: dict[str, Any]) -> StoredLink:
    return StoredLink(issue_key=issue.key, id=link_id, fields=copy.deepcopy(fields))
