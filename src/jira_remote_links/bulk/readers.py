"""Streamed readers for bulk files: one record at a time, each with the line it starts on.

Neither reader holds more than one record in memory, so a file of any length can be checked and run.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from jira_remote_links.bulk.rows import ALL_COLUMNS, REQUIRED_COLUMNS, RowError, unknown_column_message

FileFormat = Literal["csv", "jsonl"]

_SUFFIXES: dict[str, FileFormat] = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@dataclass(frozen=True, slots=True)
class Record:
    """One raw record: the values as read, not yet validated."""

    line: int
    values: dict[str, object]


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A line (or header) that could not be read as a record at all."""

    errors: list[RowError] = field(default_factory=list)


def detect_format(path: Path, explicit: FileFormat | None = None) -> FileFormat:
    if explicit is not None:
        return explicit
    found = _SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise ValueError(f"cannot tell the format of {str(path)!r} from its name; pass --format csv or jsonl")
    return found


def read_records(path: Path, file_format: FileFormat) -> Iterator[Record | Unreadable]:
    if file_format == "csv":
        return read_csv(path)
    return read_jsonl(path)


def read_csv(path: Path) -> Iterator[Record | Unreadable]:
    # utf-8-sig drops the byte-order mark spreadsheet programs put in front of the header.
    with path.open("r", encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, strict=True)
        header: list[str] | None = None
        next_line = 1
        while True:
            start = next_line
            try:
                cells = next(reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError) as exc:
                yield Unreadable([RowError(start, None, None, f"not readable as CSV: {exc}")])
                return
            # line_num counts physical lines, so a quoted cell spanning lines is located by its first line.
            next_line = reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip() for cell in cells]
                problems = _header_problems(start, header)
                if problems:
                    yield Unreadable(problems)
                    return
                continue
            if len(cells) > len(header):
                extra = cells[len(header) :]
                yield Unreadable(
                    [
                        RowError(
                            start,
                            None,
                            extra,
                            f"has {len(cells)} cells but the header names {len(header)} columns",
                        )
                    ]
                )
                continue
            # A short row (trailing empty cells trimmed by an editor) leaves the rest absent.
            yield Record(start, dict(zip(header, cells, strict=False)))
        if header is None:
            yield Unreadable([RowError(1, None, None, "the file is empty; expected a header line")])


def _header_problems(line: int, header: list[str]) -> list[RowError]:
    problems: list[RowError] = []
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(RowError(line, None, None, f"column {name!r} appears twice in the header"))
        seen.add(name)
        if not name:
            problems.append(RowError(line, None, None, "the header has an empty column name"))
        elif name not in ALL_COLUMNS:
            # A misspelt optional column would otherwise be dropped without a word.
            problems.append(RowError(line, None, None, unknown_column_message(name)))
    problems.extend(
        RowError(line, None, None, f"required column {name!r} is missing from the header")
        for name in REQUIRED_COLUMNS
        if name not in seen
    )
    return problems


def read_jsonl(path: Path) -> Iterator[Record | Unreadable]:
    with path.open("r", encoding="utf-8-sig") as handle:
        line = 0
        while True:
            try:
                text = handle.readline()
            except UnicodeDecodeError as exc:
                yield Unreadable([RowError(line + 1, None, None, f"not valid UTF-8: {exc}")])
                return
            if text == "":
                return
            line += 1
            if text.strip() == "":
                continue
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                yield Unreadable(
                    [RowError(line, None, None, f"not valid JSON: {exc.msg} at column {exc.colno}")]
                )
                continue
            if not isinstance(value, dict):
                yield Unreadable(
                    [RowError(line, None, value, f"must be a JSON object, not {type(value).__name__}")]
                )
                continue
            yield Record(line, value)
