"""Property-based contract tests: the generated client, the spec and a Jira server must agree."""
