"""Bulk creation and update of remote links from CSV or JSON Lines files, keyed on globalId."""

from jira_remote_links.bulk.report import BulkSummary, FailedRow, PlannedChange, RowOutcome
from jira_remote_links.bulk.rows import LinkRow, RowError, validate_row
from jira_remote_links.bulk.runner import run_bulk, run_bulk_async
from jira_remote_links.bulk.validation import ValidationReport, validate_file

__all__ = [
    "BulkSummary",
    "FailedRow",
    "LinkRow",
    "PlannedChange",
    "RowError",
    "RowOutcome",
    "ValidationReport",
    "run_bulk",
    "run_bulk_async",
    "validate_file",
    "validate_row",
]
