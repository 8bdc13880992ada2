from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Icon")
# The keys this schema names; any other key of an answer is kept in `additional_properties`.
_KNOWN_KEYS = frozenset(
    {
        "url16x16",
        "title",
        "link",
    }
)


@_attrs_define
class Icon:
    """A 16x16 icon with a tooltip."""

    url16x16: None | str = None
    """ The URL of the 16x16 image; empty, or an http or https URL with a host. That rule is Jira's; the
    pattern's treatment of letter case in the scheme and of whitespace is inferred.
     """
    title: None | str = None
    """ The tooltip text. """
    link: None | str = None
    """ Where a status icon links to; a status icon without one is not clickable. On a status icon it must
    be empty or an http or https URL with a host (400 keyed `statusIconLink`); on the item's own icon
    it is accepted unchecked and never stored. This schema serves both icons, so it states neither.
     """
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        url16x16: None | str | Unset
        if isinstance(self.url16x16, Unset):
            url16x16 = UNSET
        else:
            url16x16 = self.url16x16

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        link: None | str | Unset
        if isinstance(self.link, Unset):
            link = UNSET
        else:
            link = self.link

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if url16x16 is not None and url16x16 is not UNSET:
            field_dict["url16x16"] = url16x16
        if title is not None and title is not UNSET:
            field_dict["title"] = title
        if link is not None and link is not UNSET:
            field_dict["link"] = link

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = src_dict
        url16x16 = d.get("url16x16")

        title = d.get("title")

        link = d.get("link")

        icon = cls(
            url16x16=url16x16,
            title=title,
            link=link,
        )

        if not d.keys() <= _KNOWN_KEYS:
            icon.additional_properties = {
                key: value for key, value in d.items() if key not in _KNOWN_KEYS
            }
        return icon

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
