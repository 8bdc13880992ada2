"""What the command-line tools share: settings from flags and environment, exit codes, consoles, the
HTTP layer that retries within one visible budget, and signal handling."""
