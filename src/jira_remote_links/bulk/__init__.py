"""Bulk creation and update of remote links from CSV or JSON Lines files, keyed on globalId."""

from jira_remote_links.bulk.options import BulkOptions
from jira_remote_links.bulk.report import BulkSummary, RowOutcome
from jira_remote_links.bulk.rows import LinkRow, RowError, validate_row
from jira_remote_links.bulk.runner import RunControl, run_bulk, run_bulk_async, run_rows
from jira_remote_links.bulk.validation import ValidationReport, validate_file

__all__ = [
    "BulkOptions",
    "BulkSummary",
    "LinkRow",
    "RowError",
    "RowOutcome",
    "RunControl",
    "ValidationReport",
    "run_bulk",
    "run_bulk_async",
    "run_rows",
    "validate_file",
    "validate_row",
]
