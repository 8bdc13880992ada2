"""What the wheel ships: the client, the hand-written layer, the fake and the contract suite, with the spec and
typing markers."""

from __future__ import annotations

import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

from tests.packaging.conftest import ROOT

SHIPPED_PACKAGES = {
    "jira_remote_links",
    "jira_remote_links_client",
    "jira_remote_links_contract",
    "fake_jira",
}


def _names(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


def test_only_the_four_packages_ship(built_wheel: Path) -> None:
    top_levels = {name.split("/", 1)[0] for name in _names(built_wheel)}
    dist_info = {name for name in top_levels if name.endswith(".dist-info")}
    assert top_levels - dist_info == SHIPPED_PACKAGES


def test_each_package_is_marked_typed(built_wheel: Path) -> None:
    names = set(_names(built_wheel))
    for package in SHIPPED_PACKAGES:
        assert f"{package}/py.typed" in names, package


def test_the_shipped_spec_is_the_spec(built_wheel: Path) -> None:
    with zipfile.ZipFile(built_wheel) as archive:
        shipped = archive.read("jira_remote_links_client/openapi.yaml")
    assert shipped == (ROOT / "spec" / "jira-remote-links.openapi.yaml").read_bytes()


def test_metadata_names_the_license_and_the_ranges(built_wheel: Path) -> None:
    with zipfile.ZipFile(built_wheel) as archive:
        (metadata_name,) = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(archive.read(metadata_name).decode("utf-8"))
        license_files = [name for name in archive.namelist() if "/licenses/" in name]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert metadata["Version"] == project["version"]
    assert metadata["License-Expression"] == "Apache-2.0"
    assert [name.rsplit("/", 1)[1] for name in license_files] == ["LICENSE"]
    requires = metadata.get_all("Requires-Dist") or []
    assert requires, "the wheel declares no dependencies"
    assert not [requirement for requirement in requires if "==" in requirement.split(";")[0]]


def test_the_contract_suite_ships_its_tests_but_not_the_checkout_tests_of_it(built_wheel: Path) -> None:
    names = set(_names(built_wheel))
    suite = ROOT / "src" / "jira_remote_links_contract"
    for path in [*suite.glob("*.py"), suite / "suite.ini"]:
        assert f"jira_remote_links_contract/{path.name}" in names, path.name
    # The suite's own tests (mutation hunts, report checks) stay beside it, in the checkout.
    assert not [name for name in names if name.startswith("tests/")]
