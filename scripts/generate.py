"""Regenerate the client in generated/ from the spec, or check that the checked-in copy is current.

    python scripts/generate.py            # rewrite generated/ from spec/
    python scripts/generate.py --check    # fail, naming the files, when generated/ differs from a fresh run

Generation always runs in an empty temporary folder outside the repository, with the pinned generator and
the pinned ruff (configured in spec/generator-config.yml to ignore every ruff configuration file), so the
output depends only on the spec, the generator config, the templates and the pinned versions.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "spec" / "jira-remote-links.openapi.yaml"
CONFIG = REPO / "spec" / "generator-config.yml"
TEMPLATES = REPO / "spec" / "templates"
PACKAGE = "jira_remote_links_client"
# The spec ships inside the client package (the fake serves this copy at /openapi.json), so it is part of
# the generation: `--check` fails when the shipped copy differs from spec/.
SHIPPED_SPEC = "openapi.yaml"
TARGET = REPO / "generated" / PACKAGE


class GenerationError(Exception):
    """The generator failed or warned; the message carries its output."""


def generate_into(destination: Path) -> Path:
    """Generate the package under `destination` and return the package folder."""
    package_dir = destination / PACKAGE
    tool_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{tool_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [
        str(tool_dir / "openapi-python-client"),
        "generate",
        "--path",
        str(SPEC),
        "--config",
        str(CONFIG),
        "--custom-template-path",
        str(TEMPLATES),
        "--meta",
        "none",
        "--output-path",
        str(package_dir),
        "--fail-on-warning",
    ]
    result = subprocess.run(command, cwd=destination, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not package_dir.is_dir():
        raise GenerationError(f"openapi-python-client failed:\n{result.stdout}{result.stderr}")
    # The generator writes py.typed only when it also writes packaging metadata; this project packages the
    # client from its own pyproject.toml, so the marker is added here.
    (package_dir / "py.typed").write_text("")
    shutil.copyfile(SPEC, package_dir / SHIPPED_SPEC)
    return package_dir


def relative_files(root: Path) -> set[Path]:
    return {
        path.relative_to(root)
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def differences(fresh: Path, current: Path) -> list[str]:
    """Describe every file that is missing, extra or different in `current` compared with `fresh`."""
    fresh_files = relative_files(fresh)
    current_files = relative_files(current) if current.is_dir() else set()
    report = [f"missing: {path}" for path in sorted(fresh_files - current_files)]
    report += [f"not generated: {path}" for path in sorted(current_files - fresh_files)]
    report += [
        f"differs: {path}"
        for path in sorted(fresh_files & current_files)
        if not filecmp.cmp(fresh / path, current / path, shallow=False)
    ]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="compare instead of rewriting generated/")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="jira-remote-links-generate-") as scratch:
        try:
            fresh = generate_into(Path(scratch))
        except GenerationError as error:
            print(error, file=sys.stderr)
            return 2
        report = differences(fresh, TARGET)
        if args.check:
            if report:
                print(
                    "generated/ is out of date with the spec; run `make generate` and commit the result:",
                    file=sys.stderr,
                )
                for line in report:
                    print(f"  {line}", file=sys.stderr)
                return 1
            print("generated/ matches a fresh generation")
            return 0
        if TARGET.exists():
            shutil.rmtree(TARGET)
        shutil.copytree(fresh, TARGET)
        print(f"generated {TARGET.relative_to(REPO)} ({len(report)} file(s) changed)")
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
