"""`python -m fake_jira`: the same as the `fake-jira` command."""

from fake_jira.cli import main

raise SystemExit(main())
