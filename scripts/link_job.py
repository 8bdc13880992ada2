"""Command-line entry point; see `--help`. The code lives in `jira_remote_links.job_runner`."""

from jira_remote_links.job_runner.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
