"""Jira's error shape, as the state model raises it and the HTTP layer writes it."""

from __future__ import annotations

from collections.abc import Mapping


class JiraError(Exception):
    """A refusal with an HTTP status and Jira's body: general messages plus per-field messages."""

    def __init__(
        self,
        status: int,
        messages: list[str] | None = None,
        field_errors: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self.messages = list(messages or [])
        self.field_errors = dict(field_errors or {})
        self.headers = dict(headers or {})
        super().__init__(f"{status}: {self.messages} {self.field_errors}")

    def body(self) -> dict[str, object]:
        return {"errorMessages": self.messages, "errors": self.field_errors}


def issue_not_found() -> JiraError:
    return JiraError(404, ["Issue does not exist or you do not have permission to see it."])


def link_not_found() -> JiraError:
    return JiraError(404, ["Remote issue link does not exist or you do not have permission to see it."])


def linking_disabled() -> JiraError:
    return JiraError(403, ["Issue linking is currently disabled."])
