from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Application")
# The keys this schema names; any other key of an answer is kept in `additional_properties`.
_KNOWN_KEYS = frozenset(
    {
        "name",
        "type",
    }
)


@_attrs_define
class Application:
    """The application a linked item belongs to."""

    name: None | str = None
    """ A name shown with the item's icon title in the icon's tooltip. """
    type_: None | str = None
    """ A namespaced application type, such as `com.acme.tracker`; `com.atlassian.confluence` makes
    Jira show the link as a Confluence page.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not None and name is not UNSET:
            field_dict["name"] = name
        if type_ is not None and type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        name = d.get("name")

        type_ = d.get("type")

        application = cls(
            name=name,
            type_=type_,
        )

        if not d.keys() <= _KNOWN_KEYS:
            application.additional_properties = {
                key: value for key, value in d.items() if key not in _KNOWN_KEYS
            }
        return application

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
