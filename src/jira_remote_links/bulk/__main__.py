"""`python -m jira_remote_links.bulk`: the same as the `jira-remote-links-bulk` command."""

from jira_remote_links.bulk.cli import main

raise SystemExit(main())
