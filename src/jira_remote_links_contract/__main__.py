"""`python -m jira_remote_links_contract`, the same as the `jira-remote-links-contract` command."""

from jira_remote_links_contract.launcher import main

raise SystemExit(main())
