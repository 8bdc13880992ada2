"""The `jira-remote-links-contract` console script: names the `contract` extra when it is missing, else runs
`jira_remote_links_contract.cli`.

The suite needs pytest, Hypothesis and schemathesis, and the built-in fake needs Starlette, uvicorn and PyYAML;
the library alone needs none of them, so they come with the `contract` extra.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence

PROG = "jira-remote-links-contract"
INSTALL_COMMAND = "pip install 'jira-remote-links[contract]'"
# Top-level modules of the `contract` extra's distributions.
EXTRA_MODULES = frozenset({"pytest", "hypothesis", "schemathesis", "starlette", "uvicorn", "yaml"})


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        from jira_remote_links import __version__  # noqa: PLC0415

        print(f"{PROG} {__version__}")
        return 0
    # Found, not imported: pytest must import Hypothesis and schemathesis itself to rewrite their asserts.
    missing = sorted(name for name in EXTRA_MODULES if importlib.util.find_spec(name) is None)
    if missing:
        print(
            f"{PROG}: the contract suite needs the `contract` extra ({', '.join(missing)} not installed); "
            f"install it with: {INSTALL_COMMAND}",
            file=sys.stderr,
        )
        # Bad usage, as the command's other usage errors (its 2 means an interrupted run, as in pytest).
        return 4
    from jira_remote_links_contract import cli  # noqa: PLC0415

    return cli.main(args)


if __name__ == "__main__":
    raise SystemExit(main())
