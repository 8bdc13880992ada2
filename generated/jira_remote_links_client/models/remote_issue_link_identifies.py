from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RemoteIssueLinkIdentifies")


@_attrs_define
class RemoteIssueLinkIdentifies:
    """The id and URL of a link that was just created or updated."""

    id: int | Unset = UNSET
    """ The link's Jira id. """
    self_: str | Unset = UNSET
    """ The absolute URL of the link. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        self_ = self.self_

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if self_ is not UNSET:
            field_dict["self"] = self_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        self_ = d.pop("self", UNSET)

        remote_issue_link_identifies = cls(
            id=id,
            self_=self_,
        )

        return remote_issue_link_identifies
