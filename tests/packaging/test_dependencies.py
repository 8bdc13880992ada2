"""Ranges for users, exact pins for the toolchain in one file, and a lowest-versions file that matches.

pyproject.toml states what the package supports; constraints.txt pins what `make` installs; and
constraints-lowest.txt pins every runtime and `fake` dependency at its lower bound for `make test-lowest`.
"""

from __future__ import annotations

import re
import tomllib
from importlib.resources import files

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.packaging.conftest import LOWEST_FILE, PINS_FILE, ROOT, read_pins

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
RUNTIME = [Requirement(text) for text in PROJECT["dependencies"]]
EXTRAS = {
    name: [Requirement(text) for text in texts] for name, texts in PROJECT["optional-dependencies"].items()
}
SELF = canonicalize_name(PROJECT["name"])
# An extra may bring another extra of this package (`contract` brings `fake`); that is not a third-party range.
EVERY_RANGE = RUNTIME + [
    requirement
    for group in EXTRAS.values()
    for requirement in group
    if canonicalize_name(requirement.name) != SELF
]


def test_extras_of_this_package_name_existing_extras() -> None:
    for group in EXTRAS.values():
        for requirement in group:
            if canonicalize_name(requirement.name) == SELF:
                assert requirement.extras, str(requirement)
                assert requirement.extras <= set(EXTRAS), str(requirement)
                assert not requirement.specifier, f"{requirement}: an extra of this package needs no version"


PINNED = {name: Version(version) for name, version in read_pins(PINS_FILE).items()}
LOWEST = {name: Version(version) for name, version in read_pins(LOWEST_FILE).items()}


def _lower_bound(requirement: Requirement) -> Version:
    bounds = [Version(spec.version) for spec in requirement.specifier if spec.operator == ">="]
    assert len(bounds) == 1, f"{requirement}: needs exactly one `>=` lower bound"
    return bounds[0]


@pytest.mark.parametrize("requirement", EVERY_RANGE, ids=str)
def test_every_dependency_is_a_range_with_a_lower_bound(requirement: Requirement) -> None:
    assert not [spec for spec in requirement.specifier if spec.operator in {"==", "===", "~="}]
    _lower_bound(requirement)


@pytest.mark.parametrize("requirement", EVERY_RANGE, ids=str)
def test_constraints_pin_every_dependency_inside_its_range(requirement: Requirement) -> None:
    pinned = PINNED.get(canonicalize_name(requirement.name))
    assert pinned is not None, f"constraints.txt does not pin {requirement.name}"
    assert requirement.specifier.contains(pinned, prereleases=True), f"{requirement.name}=={pinned}"


def test_constraints_pin_the_build_backend_inside_its_range() -> None:
    (backend,) = [Requirement(text) for text in PYPROJECT["build-system"]["requires"]]
    assert backend.specifier.contains(PINNED[canonicalize_name(backend.name)])


def test_lowest_file_pins_each_runtime_and_fake_dependency_at_its_lower_bound() -> None:
    expected = {canonicalize_name(req.name): _lower_bound(req) for req in RUNTIME + EXTRAS["fake"]}
    assert expected == LOWEST


def test_httpx_and_attrs_ranges_are_the_generated_clients() -> None:
    # The generated code is what calls httpx and attrs; openapi-python-client states what that code
    # supports in the project file it can write (this project writes its own, so it copies the ranges).
    template = files("openapi_python_client").joinpath("templates", "pyproject_uv.toml.jinja").read_text()
    generator = {
        canonicalize_name(Requirement(text).name): Requirement(text).specifier
        for text in re.findall(r'"((?:httpx|attrs)[^"]*)"', template)
    }
    ours = {canonicalize_name(req.name): req.specifier for req in RUNTIME}
    assert set(generator) == {"httpx", "attrs"}
    for name, specifier in generator.items():
        assert ours[name] == specifier, f"{name}: ours {ours[name]}, the generated code's {specifier}"
