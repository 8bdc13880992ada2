from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.lenient_flag_text import LenientFlagText
from ..types import UNSET, Unset

T = TypeVar("T", bound="LinkUpdateJobRequest")


@_attrs_define
class LinkUpdateJobRequest:
    """What a link-update job should do (Atlassian's reference). The flags are booleans in the reference
    and the strings "true"/"false" in Atlassian's guide, so both are accepted.

    """

    product: str
    """ The cloud product whose links are updated. Atlassian writes it `Jira` in prose and `jira` in its
    example, so either casing is accepted (likewise `Confluence`/`confluence`).
     """
    product_url: str
    """ The URL of the cloud product whose links are updated. """
    destination_url: str
    """ The URL links should point at afterwards; the same product or another one. """
    migrated_from: str
    """ The base URL of the Server or Data Center site the data was migrated from. """
    migrated_from_override: str | Unset = UNSET
    """ When the migration ran from a staging or backup copy, the base URL of the production site. """
    recreate_as_remote: bool | LenientFlagText | Unset = UNSET
    """ A yes/no flag. `recreateAsRemote` recreates formerly local links as remote links (federated sites);
    `createBackup` backs the Jira Cloud site up before updating links (off by default).
     """
    create_backup: bool | LenientFlagText | Unset = UNSET
    """ A yes/no flag. `recreateAsRemote` recreates formerly local links as remote links (federated sites);
    `createBackup` backs the Jira Cloud site up before updating links (off by default).
     """

    def to_dict(self) -> dict[str, Any]:
        product = self.product

        product_url = self.product_url

        destination_url = self.destination_url

        migrated_from = self.migrated_from

        migrated_from_override = self.migrated_from_override

        recreate_as_remote: bool | str | Unset
        if isinstance(self.recreate_as_remote, Unset):
            recreate_as_remote = UNSET
        elif isinstance(self.recreate_as_remote, LenientFlagText):
            recreate_as_remote = self.recreate_as_remote.value
        else:
            recreate_as_remote = self.recreate_as_remote

        create_backup: bool | str | Unset
        if isinstance(self.create_backup, Unset):
            create_backup = UNSET
        elif isinstance(self.create_backup, LenientFlagText):
            create_backup = self.create_backup.value
        else:
            create_backup = self.create_backup

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "product": product,
                "productURL": product_url,
                "destinationURL": destination_url,
                "migratedFrom": migrated_from,
            }
        )
        if migrated_from_override is not UNSET:
            field_dict["migratedFromOverride"] = migrated_from_override
        if recreate_as_remote is not UNSET:
            field_dict["recreateAsRemote"] = recreate_as_remote
        if create_backup is not UNSET:
            field_dict["createBackup"] = create_backup

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        product = d.pop("product")

        product_url = d.pop("productURL")

        destination_url = d.pop("destinationURL")

        migrated_from = d.pop("migratedFrom")

        migrated_from_override = d.pop("migratedFromOverride", UNSET)

        def _parse_recreate_as_remote(data: object) -> bool | LenientFlagText | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_lenient_flag_type_1 = LenientFlagText(data)

                return componentsschemas_lenient_flag_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | LenientFlagText | Unset, data)

        recreate_as_remote = _parse_recreate_as_remote(d.pop("recreateAsRemote", UNSET))

        def _parse_create_backup(data: object) -> bool | LenientFlagText | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_lenient_flag_type_1 = LenientFlagText(data)

                return componentsschemas_lenient_flag_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | LenientFlagText | Unset, data)

        create_backup = _parse_create_backup(d.pop("createBackup", UNSET))

        link_update_job_request = cls(
            product=product,
            product_url=product_url,
            destination_url=destination_url,
            migrated_from=migrated_from,
            migrated_from_override=migrated_from_override,
            recreate_as_remote=recreate_as_remote,
            create_backup=create_backup,
        )

        return link_update_job_request
