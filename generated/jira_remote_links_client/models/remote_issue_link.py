from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.application import Application
from ..models.remote_object import RemoteObject
from ..types import UNSET, Unset

T = TypeVar("T", bound="RemoteIssueLink")


@_attrs_define
class RemoteIssueLink:
    """A remote link as Jira returns it. Fields a replace left out come back as null."""

    id: int | Unset = UNSET
    """ The link's Jira id. """
    self_: str | Unset = UNSET
    """ The absolute URL of the link. """
    global_id: None | str | Unset = UNSET
    """ The global id its creator chose, if any. """
    application: Application | None | Unset = UNSET
    """ The remote application the linked item belongs to. """
    relationship: None | str | Unset = UNSET
    """ How the issue relates to the item; Jira shows "links to" when none is set. """
    object_: None | RemoteObject | Unset = UNSET
    """ The linked item. """

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        self_ = self.self_

        global_id: None | str | Unset
        if isinstance(self.global_id, Unset):
            global_id = UNSET
        else:
            global_id = self.global_id

        application: dict[str, Any] | None | Unset
        if isinstance(self.application, Unset):
            application = UNSET
        elif isinstance(self.application, Application):
            application = self.application.to_dict()
        else:
            application = self.application

        relationship: None | str | Unset
        if isinstance(self.relationship, Unset):
            relationship = UNSET
        else:
            relationship = self.relationship

        object_: dict[str, Any] | None | Unset
        if isinstance(self.object_, Unset):
            object_ = UNSET
        elif isinstance(self.object_, RemoteObject):
            object_ = self.object_.to_dict()
        else:
            object_ = self.object_

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if self_ is not UNSET:
            field_dict["self"] = self_
        if global_id is not UNSET:
            field_dict["globalId"] = global_id
        if application is not UNSET:
            field_dict["application"] = application
        if relationship is not UNSET:
            field_dict["relationship"] = relationship
        if object_ is not UNSET:
            field_dict["object"] = object_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id", UNSET)

        self_ = d.pop("self", UNSET)

        def _parse_global_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        global_id = _parse_global_id(d.pop("globalId", UNSET))

        def _parse_application(data: object) -> Application | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                application_type_0 = Application.from_dict(data)

                return application_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Application | None | Unset, data)

        application = _parse_application(d.pop("application", UNSET))

        def _parse_relationship(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        relationship = _parse_relationship(d.pop("relationship", UNSET))

        def _parse_object_(data: object) -> None | RemoteObject | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                object_type_0 = RemoteObject.from_dict(data)

                return object_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RemoteObject | Unset, data)

        object_ = _parse_object_(d.pop("object", UNSET))

        remote_issue_link = cls(
            id=id,
            self_=self_,
            global_id=global_id,
            application=application,
            relationship=relationship,
            object_=object_,
        )

        return remote_issue_link
