"""The generated client is reproducible from the spec, and the check notices when it is not."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent
GENERATED = REPO / "generated" / "jira_remote_links_client"


def load_generate_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_script", REPO / "scripts" / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generate() -> ModuleType:
    return load_generate_script()


@pytest.fixture(scope="module")
def fresh_generation(generate: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    fresh: Path = generate.generate_into(tmp_path_factory.mktemp("fresh"))
    return fresh


def test_checked_in_client_matches_a_fresh_generation(generate: ModuleType, fresh_generation: Path) -> None:
    assert generate.differences(fresh_generation, GENERATED) == []


def test_generation_is_deterministic(
    generate: ModuleType, fresh_generation: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    second = generate.generate_into(tmp_path_factory.mktemp("second"))
    assert generate.differences(fresh_generation, second) == []


def test_differences_name_edited_missing_and_extra_files(
    generate: ModuleType, fresh_generation: Path, tmp_path: Path
) -> None:
    tampered = tmp_path / "tampered"
    shutil.copytree(fresh_generation, tampered)
    with (tampered / "client.py").open("a") as handle:
        handle.write("# edited by hand\n")
    (tampered / "models" / "remote_object.py").unlink()
    (tampered / "models" / "extra.py").write_text("X = 1\n")

    assert generate.differences(fresh_generation, tampered) == [
        "missing: models/remote_object.py",
        "not generated: models/extra.py",
        "differs: client.py",
    ]


def test_check_mode_fails_and_names_the_file_when_generated_code_was_edited(tmp_path: Path) -> None:
    """Runs the real script on a copy of the repository's inputs with one generated file edited."""
    copy = tmp_path / "repo"
    for part in ("spec", "scripts"):
        shutil.copytree(REPO / part, copy / part)
    shutil.copytree(GENERATED, copy / "generated" / "jira_remote_links_client")
    edited = (
        copy
        / "generated"
        / "jira_remote_links_client"
        / "api"
        / "issue_remote_links"
        / "get_remote_issue_links.py"
    )
    edited.write_text(edited.read_text().replace("globalId", "globalid"))

    check = [sys.executable, str(copy / "scripts" / "generate.py"), "--check"]
    failed = subprocess.run(check, capture_output=True, text=True, check=False)
    assert failed.returncode == 1
    assert "differs: api/issue_remote_links/get_remote_issue_links.py" in failed.stderr

    regenerate = subprocess.run(check[:-1], capture_output=True, text=True, check=False)
    assert regenerate.returncode == 0, regenerate.stderr
    passed = subprocess.run(check, capture_output=True, text=True, check=False)
    assert passed.returncode == 0, passed.stderr
