"""The built-in fake's admin API (`/_fake/...`), as the suite uses it: reset, configure, read the wire log.

Tests that need it run only against the fake; a live site has no such API.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx


@dataclass(frozen=True)
class WireRequest:
    """One request exactly as the fake received it (path and query still percent-encoded)."""

    method: str
    raw_path: str
    raw_query: str
    headers: dict[str, str]
    body: str


class FakeAdmin:
    """A thin client for the admin endpoints of one running fake."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.Client(base_url=base_url, timeout=30.0)

    def close(self) -> None:
        self._http.close()

    def reset(self) -> None:
        self._http.post("/_fake/reset").raise_for_status()

    def configure(self, **changes: Any) -> None:
        response = self._http.put("/_fake/config", json=changes)
        assert response.status_code == 200, f"fake refused config {changes!r}: {response.text}"

    def set_defects(self, *names: str) -> None:
        self.configure(defects=sorted(names))

    def clear_requests(self) -> None:
        self._http.delete("/_fake/requests").raise_for_status()

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

    def last(self, method: str) -> WireRequest:
        """The most recent request with this method; the one a test just sent."""
        sent = [request for request in self.requests() if request.method == method]
        assert sent, f"the fake logged no {method}"
        return sent[-1]
