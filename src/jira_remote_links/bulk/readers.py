"""Streamed readers for bulk files: one record at a time, each with the line it starts on.

Neither reader holds more than one record in memory, so a file of any length can be checked and run.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Literal

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


def check_readable(path: Path) -> None:
    """ValueError naming what is wrong with the path itself (missing, a directory, not readable)."""
    if path.is_dir():
        raise ValueError(f"{str(path)!r} is a directory; give the path of a .csv or .jsonl file")
    if not path.exists():
        raise ValueError(f"no such file: {str(path)!r}")
    if not path.is_file():
        raise ValueError(f"{str(path)!r} is not a regular file")


class _NotUtf8Error(Exception):
    def __init__(self, error: RowError) -> None:
        super().__init__(error.message)
        self.error = error


def _text_lines(handle: BinaryIO) -> Iterator[str]:
    """The file's lines decoded one by one, so a bad byte is reported on its own line and position."""
    for number, line in enumerate(handle, start=1):
        # Spreadsheet programs put a byte-order mark in front of the header.
        raw = line[len(codecs.BOM_UTF8) :] if number == 1 and line.startswith(codecs.BOM_UTF8) else line
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            position = len(raw[: exc.start].decode("utf-8", "replace")) + 1
            byte = raw[exc.start]
            raise _NotUtf8Error(
                RowError(
                    number,
                    None,
                    None,
                    f"byte 0x{byte:02X} is not UTF-8; save the file as UTF-8 (in a spreadsheet: "
                    "'CSV UTF-8') and try again",
                    position=position,
                )
            ) from None


def read_records(path: Path, file_format: FileFormat) -> Iterator[Record | Unreadable]:
    if file_format == "csv":
        return read_csv(path)
    return read_jsonl(path)


def read_csv(path: Path) -> Iterator[Record | Unreadable]:
    with path.open("rb") as handle:
        lines = _text_lines(handle)
        reader = csv.reader(lines, strict=True)
        header: list[str] | None = None
        next_line = 1
        while True:
            start = next_line
            try:
                cells = next(reader)
            except StopIteration:
                break
            except _NotUtf8Error as exc:
                yield Unreadable([exc.error])
                return
            except csv.Error as exc:
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
                            f"has {len(cells)} cells but the header names {len(header)} columns "
                            f"(extra cells: {extra!r:.80})",
                        )
                    ]
                )
                continue
            # A short row (trailing cells dropped by an editor) leaves the rest absent; validation names them.
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
    with path.open("rb") as handle:
        lines = _text_lines(handle)
        line = 0
        while True:
            try:
                text = next(lines)
            except StopIteration:
                return
            except _NotUtf8Error as exc:
                yield Unreadable([exc.error])
                return
            line += 1
            if text.strip() == "":
                continue
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                # The position within this line's text, counted in characters as an editor counts them.
                yield Unreadable(
                    [RowError(line, None, None, f"not valid JSON: {exc.msg}", position=exc.pos + 1)]
                )
                continue
            if not isinstance(value, dict):
                yield Unreadable(
                    [RowError(line, None, value, f"must be a JSON object, not {type(value).__name__}")]
                )
                continue
            yield Record(line, value)
