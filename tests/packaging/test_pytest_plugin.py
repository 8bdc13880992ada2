"""The `fake_jira` plugin in someone else's pytest run, with the `fake` extra and without it.

Without the extra is simulated by a folder on PYTHONPATH whose `uvicorn`, `starlette` and `yaml` modules
fail to import exactly as missing ones do; test_installed_wheel repeats it for real in a fresh environment.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fake_jira.extra import EXTRA_MODULES, INSTALL_COMMAND
from jira_remote_links import __version__

pytest_plugins = ["pytester"]

USES_THE_FIXTURE = """
    import httpx
    from jira_remote_links import connect_jira
    from jira_remote_links_client.api.issue_remote_links import get_remote_issue_links

    def test_the_fake_serves_links_and_its_spec(fake_jira):
        spec = httpx.get(fake_jira.base_url + "/openapi.json")
        assert spec.status_code == 200
        assert spec.json()["openapi"].startswith("3.")
        client = connect_jira(fake_jira.base_url, email="demo@example.com", api_token="fake-api-token")
        links = get_remote_issue_links.sync_detailed("MKY-1", client=client)
        assert links.status_code == 200
        assert links.parsed == []
"""
PLAIN = """
    def test_plain():
        assert 1 + 1 == 2
"""


@pytest.fixture
def without_fake_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PYTHONPATH folder that makes the `fake` extra's modules look uninstalled."""
    blocked = tmp_path / "without-fake-extra"
    blocked.mkdir()
    for module in EXTRA_MODULES:
        (blocked / f"{module}.py").write_text(
            f"raise ModuleNotFoundError(\"No module named '{module}'\", name='{module}')\n"
        )
    monkeypatch.setenv("PYTHONPATH", str(blocked))
    return blocked


def test_with_the_extra_the_fixture_serves_a_fake(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_user=USES_THE_FIXTURE)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_without_the_extra_plain_tests_pass_and_the_fixture_names_the_install_command(
    pytester: pytest.Pytester, without_fake_extra: Path
) -> None:
    # A subprocess, so the blocked modules are really missing there (this process has them loaded).
    pytester.makepyfile(test_plain=PLAIN, test_user=USES_THE_FIXTURE)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)
    output = result.stdout.str()
    assert "the `fake_jira` fixture: the built-in fake Jira needs the `fake` extra" in output
    assert INSTALL_COMMAND in output
    # The hint alone: no traceback, no import error chained to it.
    assert "Traceback" not in output
    assert "During handling" not in output
    assert "site-packages" not in output


def _launch(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from fake_jira.launcher import main; sys.exit(main())", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_fake_jira_without_the_extra_prints_the_install_command(without_fake_extra: Path) -> None:
    done = _launch("--port", "0")
    assert done.returncode == 2
    assert INSTALL_COMMAND in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def test_fake_jira_version_answers_without_the_extra(without_fake_extra: Path) -> None:
    done = _launch("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["fake-jira", __version__]


def test_an_unrelated_missing_module_is_not_blamed_on_the_extra(without_fake_extra: Path) -> None:
    # A broken installation must surface as itself, not as advice to install the extra.
    (without_fake_extra / "fake_jira_missing_dependency_probe.py").write_text("")
    (without_fake_extra / "sitecustomize.py").write_text("import sys\nsys.modules['fake_jira.cli'] = None\n")
    done = _launch("--port", "0")
    assert done.returncode != 0
    assert INSTALL_COMMAND not in done.stderr
