"""Command-line settings shared by the tools: values from a flag, else from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping


class MissingSettingError(Exception):
    """A required setting was given neither as a flag nor in the environment."""


def flag_or_env(
    value: str | None,
    flag: str,
    variable: str,
    env: Mapping[str, str] | None = None,
    *,
    default: str | None = None,
) -> str:
    """The flag's value, else the environment variable's, else the default; empty counts as unset."""
    if value:
        return value
    found = (os.environ if env is None else env).get(variable, "")
    if found:
        return found
    if default is not None:
        return default
    raise MissingSettingError(f"missing {flag}: pass it or set the environment variable {variable}")
