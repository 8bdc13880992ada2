"""The built wheel as a user gets it: fresh environments outside the checkout, with and without the extra.

- without the `fake` extra, beside the lowest versions of its dependencies that pyproject.toml allows: the
  user project's plain tests pass (the plugin loads), a test asking for `fake_jira` is told what to install,
  and `fake-jira` prints the same command without a traceback;
- with the `contract` extra (which brings the `fake` one), at the pinned versions: the user project's tests
  pass with the fixture and the spec at /openapi.json, `mypy --strict` accepts the user's module, their tests
  and the README's example, and `jira-remote-links-contract` runs the installed suite from the user's project,
  against its built-in fake and, in live mode, against a second fake playing a site;
- in both, every console script in the wheel answers `--version` with the package version.

The environments are made without pip of their own and filled by this pip (`pip --python`), from pip's cache.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from fake_jira.config import FakeConfig
from fake_jira.extra import INSTALL_COMMAND
from fake_jira.server import running_fake
from jira_remote_links_contract.launcher import INSTALL_COMMAND as CONTRACT_INSTALL_COMMAND
from jira_remote_links_contract.target import FAKE_API_TOKEN, FAKE_EMAIL
from tests.packaging.conftest import LOWEST_FILE, PINS_FILE, ROOT, USER_PROJECT, read_pins
from tests.test_readme import readme_example

INSTALL_TIMEOUT_SECONDS = 600
RUN_TIMEOUT_SECONDS = 300
# pytest and what it needs, at their pins, for the environment whose runtime dependencies are not pinned.
PYTEST_TOOLS = ("pytest", "pluggy", "iniconfig", "packaging", "pygments")
# The `fake` extra's distributions, as named in constraints-lowest.txt.
FAKE_EXTRA = ("starlette", "uvicorn", "pyyaml")
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


@dataclass(frozen=True)
class UserEnvironment:
    """A fresh virtual environment with the wheel installed, and a copy of the user project beside it."""

    root: Path
    project: Path

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    def run(
        self,
        *command: str | Path,
        timeout: float = RUN_TIMEOUT_SECONDS,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        # Nothing of the checkout leaks in: no PYTHONPATH, no live or contract variables, and the user
        # project as the working directory.
        inherited = {
            key: value
            for key, value in os.environ.items()
            if key not in {"PYTHONPATH", "VIRTUAL_ENV"}
            and not key.startswith(("JIRA_", "CONTRACT_", "LINKS_API_", "ATLASSIAN_"))
        }
        env = {**inherited, **(env or {})}
        env["PATH"] = f"{self.bin}{os.pathsep}{env.get('PATH', '')}"
        return subprocess.run(
            [str(part) for part in command],
            cwd=self.project,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def python(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return self.run(self.bin / "python", *args)

    def installed_versions(self) -> dict[str, str]:
        listing = self.python(
            "-c",
            "import json, importlib.metadata as m; "
            "print(json.dumps({d.metadata['Name'].lower(): d.version for d in m.distributions()}))",
        )
        assert listing.returncode == 0, listing.stderr
        versions: dict[str, str] = json.loads(listing.stdout)
        return versions

    def console_scripts(self) -> dict[str, str]:
        listing = self.python(
            "-c",
            "import json, importlib.metadata as m; "
            "d = m.distribution('jira-remote-links'); "
            "print(json.dumps({e.name: e.value for e in d.entry_points if e.group == 'console_scripts'}))",
        )
        assert listing.returncode == 0, listing.stderr
        scripts: dict[str, str] = json.loads(listing.stdout)
        return scripts


def _make_environment(base: Path, requirements: Sequence[str], constraints: Path | None) -> UserEnvironment:
    root = base / "venv"
    project = base / "user_project"
    shutil.copytree(USER_PROJECT, project, ignore=shutil.ignore_patterns("__pycache__", ".mypy_cache"))
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True, timeout=120)
    command = [
        sys.executable,
        "-m",
        "pip",
        "--disable-pip-version-check",
        "--python",
        str(root / "bin" / "python"),
        "install",
        "--quiet",
    ]
    if constraints is not None:
        command += ["-c", str(constraints)]
    done = subprocess.run(
        [*command, *requirements],
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT_SECONDS,
        check=False,
    )
    assert done.returncode == 0, f"pip could not install {requirements}:\n{done.stderr[-3000:]}"
    return UserEnvironment(root, project)


@pytest.fixture(scope="module")
def environments(built_wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, UserEnvironment]:
    """Both environments, filled side by side (pip mostly waits on the index and the disk)."""
    pins = read_pins(PINS_FILE)
    lowest = [f"{name}=={version}" for name, version in read_pins(LOWEST_FILE).items()]
    runtime_lowest = [pin for pin in lowest if not pin.startswith(FAKE_EXTRA)]
    tools = [f"{name}=={pins[name]}" for name in PYTEST_TOOLS]
    plans = {
        # The wheel alone, beside the lowest allowed versions of its dependencies (as a user would pin them).
        "without-extra": ([str(built_wheel), *runtime_lowest, *tools], None),
        # The wheel with the `contract` extra (and so the `fake` one), and mypy for the user's project, all at
        # their pins.
        "with-extra": ([f"{built_wheel}[contract]", "mypy", "types-PyYAML"], PINS_FILE),
    }
    with ThreadPoolExecutor(max_workers=len(plans)) as pool:
        futures = {
            name: pool.submit(_make_environment, tmp_path_factory.mktemp(name), requirements, constraints)
            for name, (requirements, constraints) in plans.items()
        }
        return {name: future.result() for name, future in futures.items()}


@pytest.fixture(scope="module")
def without_extra(environments: dict[str, UserEnvironment]) -> UserEnvironment:
    return environments["without-extra"]


@pytest.fixture(scope="module")
def with_extra(environments: dict[str, UserEnvironment]) -> UserEnvironment:
    return environments["with-extra"]


def test_without_the_extra_the_wheel_resolves_beside_the_lowest_versions(
    without_extra: UserEnvironment,
) -> None:
    installed = without_extra.installed_versions()
    assert installed["jira-remote-links"] == VERSION
    for name, version in read_pins(LOWEST_FILE).items():
        if name.startswith(FAKE_EXTRA):
            assert name not in installed, f"{name} came in without the `fake` extra"
        else:
            assert installed[name] == version, name


def test_without_the_extra_plain_tests_pass(without_extra: UserEnvironment) -> None:
    done = without_extra.python("-m", "pytest", "tests_plain")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "3 passed" in done.stdout


def test_without_the_extra_the_fixture_names_the_install_command(without_extra: UserEnvironment) -> None:
    done = without_extra.python("-m", "pytest", "tests_fake")
    assert done.returncode == 1, done.stdout[-3000:]
    assert "3 errors" in done.stdout
    assert INSTALL_COMMAND in done.stdout
    assert "Traceback" not in done.stdout + done.stderr


def test_without_the_extra_fake_jira_names_the_install_command(without_extra: UserEnvironment) -> None:
    done = without_extra.run(without_extra.bin / "fake-jira", "--port", "0")
    assert done.returncode == 2
    assert INSTALL_COMMAND in done.stderr
    assert "Traceback" not in done.stderr


def _assert_every_script_answers_version(environment: UserEnvironment) -> None:
    scripts = environment.console_scripts()
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == declared
    for name in scripts:
        done = environment.run(environment.bin / name, "--version")
        assert done.returncode == 0, f"{name} --version: {done.stderr[-2000:]}"
        assert VERSION in done.stdout.split(), f"{name} --version printed {done.stdout!r}"


def test_without_the_extra_every_console_script_answers_version(without_extra: UserEnvironment) -> None:
    _assert_every_script_answers_version(without_extra)


def test_with_the_extra_every_console_script_answers_version(with_extra: UserEnvironment) -> None:
    _assert_every_script_answers_version(with_extra)


def test_with_the_extra_the_user_tests_pass_with_the_fixture_and_the_spec(
    with_extra: UserEnvironment,
) -> None:
    done = with_extra.python("-m", "pytest")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "6 passed" in done.stdout


def test_mypy_strict_accepts_the_user_module_and_tests(with_extra: UserEnvironment) -> None:
    done = with_extra.python("-m", "mypy", "--strict", "ticket_links.py", "tests_plain", "tests_fake")
    assert done.returncode == 0, done.stdout[-3000:]


def test_mypy_strict_accepts_the_readme_example(with_extra: UserEnvironment) -> None:
    example = with_extra.project / "readme_example.py"
    example.write_text(readme_example(), encoding="utf-8")
    done = with_extra.python("-m", "mypy", "--strict", example.name)
    # A package mypy cannot find or read as typed is named as such, not as an error of the example.
    if "import-not-found" in done.stdout or "import-untyped" in done.stdout:
        pytest.fail(f"mypy cannot use the installed packages' types:\n{done.stdout[-3000:]}")
    assert done.returncode == 0, done.stdout[-3000:]


def test_without_the_extra_the_contract_command_names_the_install_command(
    without_extra: UserEnvironment,
) -> None:
    done = without_extra.run(without_extra.bin / "jira-remote-links-contract")
    assert done.returncode == 4
    assert CONTRACT_INSTALL_COMMAND in done.stderr
    assert "Traceback" not in done.stderr


# Two of the suite's modules: the evidence checks and the error statuses, a few seconds in all.
SUITE_SELECTION = ("test_jira_evidence.py", "test_errors.py")


def test_with_the_extra_the_contract_command_runs_the_suite_against_the_built_in_fake(
    with_extra: UserEnvironment,
) -> None:
    reports = with_extra.project / "fake-reports"
    done = with_extra.run(
        with_extra.bin / "jira-remote-links-contract",
        "--profile",
        "quick",
        "--reports",
        reports,
        "--",
        *SUITE_SELECTION,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    # The suite's own settings, not the user project's pyproject.toml, and nothing of the checkout.
    assert "configfile: suite.ini" in done.stdout, done.stdout[:2000]
    assert str(ROOT) not in done.stdout
    assert "target : built-in fake at" in done.stdout, done.stdout[-3000:]
    assert "documented responses exercised:" in done.stdout
    assert (reports / "contract.xml").is_file()
    assert (reports / "contract.md").is_file()


def test_with_the_extra_the_contract_command_runs_live_against_a_second_fake(
    with_extra: UserEnvironment,
) -> None:
    with running_fake(FakeConfig()) as site:
        done = with_extra.run(
            with_extra.bin / "jira-remote-links-contract",
            "--base-url",
            site.base_url,
            "--email",
            FAKE_EMAIL,
            "--issue",
            "MKY-7",
            "--rate-limit",
            "500",
            "--",
            *SUITE_SELECTION,
            env={"JIRA_API_TOKEN": FAKE_API_TOKEN},
        )
        left = site.requests()
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert f"live site {site.base_url}" in done.stdout, done.stdout[-3000:]
    assert "profile live" in done.stdout
    assert left, "the live-mode run sent nothing to the site"
    assert FAKE_API_TOKEN not in done.stdout + done.stderr
