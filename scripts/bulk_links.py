"""Command-line entry point; see `--help`. The code lives in `jira_remote_links.bulk`."""

from jira_remote_links.bulk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
