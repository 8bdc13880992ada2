"""`python -m jira_remote_links.job_runner`: the same as the `jira-link-job` command."""

from jira_remote_links.job_runner.cli import main

raise SystemExit(main())
