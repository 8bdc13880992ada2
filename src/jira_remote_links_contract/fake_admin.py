"""The built-in fake's admin API (`/_fake/...`), as the suite uses it: reset, configure, read the wire log.

Tests that need it run only against the fake; a live site has no such API. The client is the fake's own
`RunningFake`, the one admin client that the fake's tests and this suite share.
"""

from __future__ import annotations

from fake_jira.running import RunningFake as FakeAdmin
from fake_jira.running import WireRequest

__all__ = ["FakeAdmin", "WireRequest"]
