from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.lenient_flag_text import LenientFlagText
from ..models.link_update_job_request_product import LinkUpdateJobRequestProduct
from ..types import UNSET, Unset

T = TypeVar("T", bound="LinkUpdateJobRequest")


@_attrs_define
class LinkUpdateJobRequest:
    """What a link-update job should do. Atlassian's documentation names these fields but not which are
    required nor their exact types; its own example sends the flags as the strings "true" and "false",
    so both booleans and those strings are accepted.

    """

    product_url: str
    """ The URL of the cloud product whose links are updated. """
    destination_url: str
    """ The URL links should point at afterwards; the same product or another one. """
    product: LinkUpdateJobRequestProduct | Unset = LinkUpdateJobRequestProduct.JIRA
    """ The cloud product whose links are updated. The wire casing is not published. """
    migrated_from: str | Unset = UNSET
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
        product_url = self.product_url

        destination_url = self.destination_url

        product: str | Unset = UNSET
        if not isinstance(self.product, Unset):
            product = self.product.value

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
                "productURL": product_url,
                "destinationURL": destination_url,
            }
        )
        if product is not UNSET:
            field_dict["product"] = product
        if migrated_from is not UNSET:
            field_dict["migratedFrom"] = migrated_from
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
        product_url = d.pop("productURL")

        destination_url = d.pop("destinationURL")

        _product = d.pop("product", UNSET)
        product: LinkUpdateJobRequestProduct | Unset
        if isinstance(_product, Unset):
            product = UNSET
        else:
            product = LinkUpdateJobRequestProduct(_product)

        migrated_from = d.pop("migratedFrom", UNSET)

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
            product_url=product_url,
            destination_url=destination_url,
            product=product,
            migrated_from=migrated_from,
            migrated_from_override=migrated_from_override,
            recreate_as_remote=recreate_as_remote,
            create_backup=create_backup,
        )

        return link_update_job_request
