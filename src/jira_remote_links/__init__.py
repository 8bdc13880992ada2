"""A typed client for Jira Cloud issue remote links and link-update jobs, built on the generated client."""
