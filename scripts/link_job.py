"""Checkout shortcut for the console command (`jira-link-job`); see `--help`."""

from jira_remote_links.job_runner.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
