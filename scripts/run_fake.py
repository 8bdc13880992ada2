"""Run the built-in fake Jira in the foreground: `python scripts/run_fake.py --help`."""

from __future__ import annotations

from fake_jira.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
