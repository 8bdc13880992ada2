"""`python -m fake_jira`: the same as the `fake-jira` command, including its hint when the `fake` extra is missing."""

from fake_jira.launcher import main

raise SystemExit(main())
