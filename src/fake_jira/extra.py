"""The `fake` extra: which modules it brings and the one hint that names it when they are missing."""

from __future__ import annotations

# Top-level modules of the `fake` extra's distributions (Starlette, uvicorn, PyYAML).
EXTRA_MODULES = frozenset({"starlette", "uvicorn", "yaml"})
INSTALL_COMMAND = "pip install 'jira-remote-links[fake]'"


def is_missing_extra(error: ModuleNotFoundError) -> bool:
    """Whether `error` comes from a module of the `fake` extra not being installed."""
    return (error.name or "").partition(".")[0] in EXTRA_MODULES


def missing_extra_message(error: ModuleNotFoundError) -> str:
    return (
        f"the built-in fake Jira needs the `fake` extra ({error.name} is not installed); "
        f"install it with: {INSTALL_COMMAND}"
    )
