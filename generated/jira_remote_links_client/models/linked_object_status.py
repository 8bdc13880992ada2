from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.icon import Icon
from ..types import UNSET, Unset

T = TypeVar("T", bound="LinkedObjectStatus")
# The keys this schema names; any other key of an answer is kept in `additional_properties`.
_KNOWN_KEYS = frozenset(
    {
        "icon",
        "resolved",
    }
)


@_attrs_define
class LinkedObjectStatus:
    """The status of a returned link's item; `icon` is always an object."""

    icon: Icon
    """ A 16x16 icon with a tooltip. """
    resolved: bool | None = None
    """ Whether the item is resolved; Jira strikes resolved links through. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        icon = self.icon.to_dict()

        resolved: bool | None | Unset
        if isinstance(self.resolved, Unset):
            resolved = UNSET
        else:
            resolved = self.resolved

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "icon": icon,
            }
        )
        if resolved is not None and resolved is not UNSET:
            field_dict["resolved"] = resolved

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        icon = Icon.from_dict(d.get("icon") or {})

        resolved = d.get("resolved")

        linked_object_status = cls(
            icon=icon,
            resolved=resolved,
        )

        if not d.keys() <= _KNOWN_KEYS:
            linked_object_status.additional_properties = {
                key: value for key, value in d.items() if key not in _KNOWN_KEYS
            }
        return linked_object_status

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
