from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.application import Application
from ..models.linked_object import LinkedObject
from ..types import UNSET, Unset

T = TypeVar("T", bound="RemoteIssueLink")


@_attrs_define
class RemoteIssueLink:
    """A remote link as Jira returns it. `application`, `object.icon`, `object.status` and
    `object.status.icon` are always objects (`{}` when empty). Jira leaves null fields out; read them as
    null.

    """

    id: int
    """ The link's Jira id. """
    self_: str
    """ The absolute URL of the link, always naming the issue by its key. """
    application: Application
    """ The application a linked item belongs to. """
    object_: LinkedObject
    """ The item a returned link points to; `icon` and `status` are always objects. """
    global_id: None | str = None
    """ The global id its creator chose, if any. """
    relationship: None | str = None
    """ How the issue relates to the item; Jira shows "links to" when none is set. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        self_ = self.self_

        application = self.application.to_dict()

        object_ = self.object_.to_dict()

        global_id: None | str | Unset
        if isinstance(self.global_id, Unset):
            global_id = UNSET
        else:
            global_id = self.global_id

        relationship: None | str | Unset
        if isinstance(self.relationship, Unset):
            relationship = UNSET
        else:
            relationship = self.relationship

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "id": id,
                "self": self_,
                "application": application,
                "object": object_,
            }
        )
        if global_id is not None and global_id is not UNSET:
            field_dict["globalId"] = global_id
        if relationship is not None and relationship is not UNSET:
            field_dict["relationship"] = relationship

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        id = d["id"]

        self_ = d["self"]

        application = Application.from_dict(d.get("application") or {})

        object_ = LinkedObject.from_dict(d["object"])

        global_id = d.get("globalId")

        relationship = d.get("relationship")

        remote_issue_link = cls(
            id=id,
            self_=self_,
            application=application,
            object_=object_,
            global_id=global_id,
            relationship=relationship,
        )

        return remote_issue_link
