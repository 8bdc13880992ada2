"""The first pass over a bulk file: check every row before anything is written."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jira_remote_links.bulk.readers import FileFormat, Unreadable, read_records
from jira_remote_links.bulk.rows import LinkRow, RowError, validate_row


@dataclass(slots=True)
class ValidationReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad_lines(self) -> list[int]:
        return sorted({error.line for error in self.errors})


class InputChangedError(RuntimeError):
    """The file changed between the check and the run; nothing after this row is trusted."""


def validate_file(path: Path, file_format: FileFormat) -> ValidationReport:
    """Stream the whole file once and collect every problem; memory grows with bad rows, not with the file."""
    report = ValidationReport()
    # Two rows for the same link would race each other's upserts, and the winner would be arbitrary.
    # Keys are kept as 16-byte digests so a file of millions of rows stays small in memory.
    first_line: dict[bytes, int] = {}
    for item in read_records(path, file_format):
        if isinstance(item, Unreadable):
            report.errors.extend(item.errors)
            continue
        checked = validate_row(item.line, item.values)
        if isinstance(checked, list):
            report.errors.extend(checked)
            continue
        report.rows += 1
        earlier = first_line.setdefault(_digest(checked), checked.line)
        if earlier != checked.line:
            report.errors.append(
                RowError(
                    checked.line,
                    "globalId",
                    checked.global_id,
                    f"repeats the link of line {earlier} (same issue {checked.issue!r} and globalId)",
                )
            )
    if report.ok and report.rows == 0:
        report.errors.append(
            RowError(
                1, None, None, "the file holds no link rows (only a header or blank lines); nothing to do"
            )
        )
    return report


def _digest(row: LinkRow) -> bytes:
    # A separator that cannot occur in an issue key keeps ("A-1", "2x") apart from ("A-12", "x").
    return hashlib.blake2b(f"{row.issue}\n{row.global_id}".encode(), digest_size=16).digest()


def valid_rows(path: Path, file_format: FileFormat) -> Iterator[LinkRow]:
    """Stream the rows of a file that already passed `validate_file`."""
    for item in read_records(path, file_format):
        if isinstance(item, Unreadable):
            raise InputChangedError(f"{item.errors[0].describe()} (the file changed after it was checked)")
        checked = validate_row(item.line, item.values)
        if isinstance(checked, list):
            raise InputChangedError(f"{checked[0].describe()} (the file changed after it was checked)")
        yield checked
