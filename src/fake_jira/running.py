"""`RunningFake`: one client for a fake that is serving somewhere, through its admin API under `/_fake/`.

It carries what a caller needs to talk to the fake (base URL and the credentials it accepts) and the admin
calls (reset, configuration, seeding, the request log). It speaks HTTP only, so it works the same for a fake in
this process, in another process or on another machine.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import httpx

from fake_jira.config import ConfigError, FakeConfig

_DEFAULTS = FakeConfig()
ADMIN_TIMEOUT_SECONDS = 30.0


@dataclass(frozen=True)
class WireRequest:
    """One request exactly as the fake received it (path and query still percent-encoded)."""

    method: str
    raw_path: str
    raw_query: str
    headers: dict[str, str]
    body: str


class RunningFake:
    """A fake serving on `base_url`; its settings and state can be changed while it runs."""

    def __init__(
        self, base_url: str, *, email: str = _DEFAULTS.email, api_token: str = _DEFAULTS.api_token
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.email = email
        self.api_token = api_token
        self._http = httpx.Client(base_url=self.base_url, timeout=ADMIN_TIMEOUT_SECONDS)

    @property
    def auth(self) -> tuple[str, str]:
        """Basic-auth credentials the fake accepts, as httpx and the peer clients take them."""
        return (self.email, self.api_token)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> RunningFake:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # Admin API -----------------------------------------------------------------------------------

    def reset(self) -> None:
        """Back to the start configuration, with no links, no jobs and an empty request log."""
        self._http.post("/_fake/reset").raise_for_status()

    def config(self) -> dict[str, Any]:
        response = self._http.get("/_fake/config")
        response.raise_for_status()
        shown: dict[str, Any] = response.json()
        return shown

    def configure(self, **changes: object) -> dict[str, Any]:
        """Change settings while the fake runs; raises ConfigError with the fake's message for a bad one."""
        response = self._http.put("/_fake/config", json=_jsonable(changes))
        if response.status_code == 400:
            raise ConfigError("; ".join(response.json().get("errorMessages", [])) or response.text)
        response.raise_for_status()
        shown: dict[str, Any] = response.json()
        return shown

    def set_defects(self, *names: str) -> None:
        self.configure(defects=sorted(names))

    def seed(
        self, links: Mapping[str, Sequence[Mapping[str, Any]]], *, allow_duplicates: bool = False
    ) -> int:
        """Create links without going through Jira's API; `allow_duplicates` stores several links with one
        globalId on an issue, as old Jira data can hold. Returns how many were created."""
        payload = {"links": {issue: list(items) for issue, items in links.items()}}
        if allow_duplicates:
            payload["allow_duplicates"] = True  # type: ignore[assignment]
        response = self._http.post("/_fake/seed", json=payload)
        response.raise_for_status()
        return int(response.json()["created"])

    def requests(self) -> list[WireRequest]:
        response = self._http.get("/_fake/requests")
        response.raise_for_status()
        return [
            WireRequest(
                method=entry["method"].upper(),
                raw_path=entry["raw_path"],
                raw_query=entry["raw_query"],
                headers=entry["headers"],
                body=entry["body"],
            )
            for entry in response.json()["requests"]
        ]

    def clear_requests(self) -> None:
        self._http.delete("/_fake/requests").raise_for_status()

    def last(self, method: str) -> WireRequest:
        """The most recent request with this method; the one a test just sent."""
        sent = [request for request in self.requests() if request.method == method.upper()]
        assert sent, f"the fake logged no {method}"
        return sent[-1]

    def __repr__(self) -> str:
        # Credentials stay out of reprs, so a failing test's output never shows a token.
        return f"RunningFake({self.base_url!r})"


def _jsonable(changes: Mapping[str, object]) -> dict[str, object]:
    """Sets and tuples (defects, job statuses) as JSON lists."""
    return {
        key: sorted(str(item) for item in value)
        if isinstance(value, set | frozenset)
        else list(value)
        if isinstance(value, tuple)
        else value
        for key, value in changes.items()
    }
