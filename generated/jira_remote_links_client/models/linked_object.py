from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.icon import Icon
from ..models.linked_object_status import LinkedObjectStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="LinkedObject")
# The keys this schema names; any other key of an answer is kept in `additional_properties`.
_KNOWN_KEYS = frozenset(
    {
        "url",
        "title",
        "icon",
        "status",
        "summary",
    }
)


@_attrs_define
class LinkedObject:
    """The item a returned link points to; `icon` and `status` are always objects."""

    url: str
    """ The item's URL. """
    title: str
    """ The item's title, shown as the link text. """
    icon: Icon
    """ A 16x16 icon with a tooltip. """
    status: LinkedObjectStatus
    """ The status of a returned link's item; `icon` is always an object. """
    summary: None | str = None
    """ A line of detail shown beside the title. """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        title = self.title

        icon = self.icon.to_dict()

        status = self.status.to_dict()

        summary: None | str | Unset
        if isinstance(self.summary, Unset):
            summary = UNSET
        else:
            summary = self.summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
                "title": title,
                "icon": icon,
                "status": status,
            }
        )
        if summary is not None and summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        url = d["url"]

        title = d["title"]

        icon = Icon.from_dict(d.get("icon") or {})

        status = LinkedObjectStatus.from_dict(d.get("status") or {})

        summary = d.get("summary")

        linked_object = cls(
            url=url,
            title=title,
            icon=icon,
            status=status,
            summary=summary,
        )

        if not d.keys() <= _KNOWN_KEYS:
            linked_object.additional_properties = {
                key: value for key, value in d.items() if key not in _KNOWN_KEYS
            }
        return linked_object

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
