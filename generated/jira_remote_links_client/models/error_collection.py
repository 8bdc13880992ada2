from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.error_collection_errors import ErrorCollectionErrors
from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorCollection")


@_attrs_define
class ErrorCollection:
    """Jira's error body: messages about the request as a whole, and messages about single fields keyed by
    field name. Do not match on the message texts; they differ between sites and versions.

    """

    error_messages: list[str] | Unset = UNSET
    errors: ErrorCollectionErrors | Unset = UNSET
    status: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        error_messages: list[str] | Unset = UNSET
        if not isinstance(self.error_messages, Unset):
            error_messages = self.error_messages

        errors: dict[str, Any] | Unset = UNSET
        if not isinstance(self.errors, Unset):
            errors = self.errors.to_dict()

        status = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if error_messages is not UNSET:
            field_dict["errorMessages"] = error_messages
        if errors is not UNSET:
            field_dict["errors"] = errors
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        error_messages = cast(list[str], d.pop("errorMessages", UNSET))

        _errors = d.pop("errors", UNSET)
        errors: ErrorCollectionErrors | Unset
        if isinstance(_errors, Unset):
            errors = UNSET
        else:
            errors = ErrorCollectionErrors.from_dict(_errors)

        status = d.pop("status", UNSET)

        error_collection = cls(
            error_messages=error_messages,
            errors=errors,
            status=status,
        )

        return error_collection
