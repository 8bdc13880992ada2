"""A stateful stand-in for Jira Cloud issue remote links and the link-update jobs API."""
