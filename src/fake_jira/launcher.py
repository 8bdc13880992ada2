"""The `fake-jira` console script: names the `fake` extra when it is missing, else runs `fake_jira.cli`.

`fake_jira.cli` imports the server (uvicorn, Starlette) at the top, so it is imported only here, inside
the guard; `--version` is answered before that, so it works with or without the extra.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from fake_jira.extra import is_missing_extra, missing_extra_message

PROG = "fake-jira"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:
        from jira_remote_links import __version__  # noqa: PLC0415

        print(f"{PROG} {__version__}")
        return 0
    try:
        from fake_jira import cli  # noqa: PLC0415
    except ModuleNotFoundError as error:
        if not is_missing_extra(error):
            raise
        print(f"{PROG}: {missing_extra_message(error)}", file=sys.stderr)
        return 2
    return cli.main(args)


if __name__ == "__main__":
    raise SystemExit(main())
