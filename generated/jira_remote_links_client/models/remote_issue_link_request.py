from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.application import Application
from ..models.remote_object import RemoteObject
from ..types import UNSET, Unset

T = TypeVar("T", bound="RemoteIssueLinkRequest")


@_attrs_define
class RemoteIssueLinkRequest:
    """A remote link to create or to replace. On an update every field left out becomes null, so send the
    whole link. A field set to null counts as left out.

    """

    object_: RemoteObject
    """ The item a remote link to create or replace points to. """
    global_id: None | str | Unset = UNSET
    """ The item's identity in the remote system, such as `appId=456&pageId=123`; at most 255 characters.
    Setting it makes POST an upsert and lets the link be read or deleted by it. Stored as sent: no
    trimming, and letter case counts.
     """
    application: Application | None | Unset = UNSET
    """ The remote application the linked item belongs to. """
    relationship: None | str | Unset = UNSET
    """ How the issue relates to the item; Jira shows "links to" when none is set. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        object_ = self.object_.to_dict()

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

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "object": object_,
            }
        )
        if global_id is not UNSET:
            field_dict["globalId"] = global_id
        if application is not UNSET:
            field_dict["application"] = application
        if relationship is not UNSET:
            field_dict["relationship"] = relationship

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        object_ = RemoteObject.from_dict(d.pop("object"))

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

        remote_issue_link_request = cls(
            object_=object_,
            global_id=global_id,
            application=application,
            relationship=relationship,
        )

        remote_issue_link_request.additional_properties = d
        return remote_issue_link_request

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
