"""Checkout shortcut for the console command (`jira-remote-links-bulk`); see `--help`."""

from jira_remote_links.bulk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
