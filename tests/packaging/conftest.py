"""Packaging checks: dependencies, the pytest plugin with and without the `fake` extra, the built wheel."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
USER_PROJECT = Path(__file__).resolve().parent / "user_project"
PINS_FILE = ROOT / "constraints.txt"
LOWEST_FILE = ROOT / "constraints-lowest.txt"


def read_pins(path: Path) -> dict[str, str]:
    """`name==version` lines of a constraints file, keyed by canonical name (comments and blanks skipped)."""
    pins: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, separator, version = line.partition("==")
        assert separator, f"{path.name}: not an exact pin: {line!r}"
        pins[canonicalize_name(name)] = version
    return pins


# The user project is someone else's code, run only inside the fresh environments of test_installed_wheel.
collect_ignore = ["user_project"]


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built from this checkout with the pinned setuptools."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = out.glob("jira_remote_links-*.whl")
    return wheel
