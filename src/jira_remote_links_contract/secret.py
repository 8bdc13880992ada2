"""Credentials that cannot be printed by accident.

A contract report is what people paste into tickets and upload as CI artifacts, and it is made of reprs:
pytest prints test arguments and (with `-l`) local variables, Hypothesis prints a falsifying example's
arguments, JUnit keeps both. A `Secret` shows only a placeholder in all of them; the value leaves it through
`reveal()`, called only where a request is authenticated.

What third-party code derives from a credential (schemathesis' curl reproductions and the locals of its frames
hold the Basic header) is outside this type's reach; `forms()` lists those derived spellings so the suite's
reporting can blank them out of everything it prints or writes (see `jira_remote_links_contract.redaction`).
"""

from __future__ import annotations

import base64
import hmac
from typing import NoReturn
from urllib.parse import quote

REDACTED = "********"


class Secret:
    """A credential whose repr, str and format are a fixed placeholder."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The credential itself, for the one place that sends it."""
        return self._value

    def __repr__(self) -> str:
        return f"Secret({REDACTED!r})"

    def __str__(self) -> str:
        return REDACTED

    def __format__(self, spec: str) -> str:
        return REDACTED

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and hmac.compare_digest(self._value, other._value)

    def __hash__(self) -> int:
        return hash((Secret, self._value))

    def __bool__(self) -> bool:
        return bool(self._value)

    def __reduce__(self) -> NoReturn:
        # Pickles end up in caches and worker messages, where nobody looks for a credential.
        raise TypeError("a Secret cannot be pickled")


def basic_credentials(username: str, secret: Secret) -> str:
    """The base64 part of an HTTP Basic `Authorization` header for these credentials."""
    return base64.b64encode(f"{username}:{secret.reveal()}".encode()).decode("ascii")


def forms(username: str, secret: Secret) -> tuple[str, ...]:
    """Every spelling of the credential a report could show: as is, percent-encoded, and inside Basic auth."""
    value = secret.reveal()
    if not value:
        return ()
    return tuple(dict.fromkeys([value, quote(value, safe=""), basic_credentials(username, secret)]))
