"""Streamed readers: line numbers, byte-order marks, blank lines, and reading one record at a time."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from jira_remote_links.bulk.readers import Record, Unreadable, detect_format, read_csv, read_jsonl
from jira_remote_links.bulk.validation import validate_file

HEADER = "issue,url,title,globalId\n"


def _records(items: list[Record | Unreadable]) -> list[tuple[int, dict[str, object]]]:
    return [(item.line, item.values) for item in items if isinstance(item, Record)]


def test_csv_lines_count_blank_lines_bom_and_multiline_cells(tmp_path: Path) -> None:
    path = tmp_path / "links.csv"
    path.write_bytes(
        (
            "\ufeff" + HEADER + "\n"
            "MKY-1,https://a.example.com,A,g1\n"
            "\n"
            ",,,\n"
            'MKY-2,https://b.example.com,"two\nline title",g2\n'
            "MKY-3,https://c.example.com,C\n"
        ).encode()
    )
    assert _records(list(read_csv(path))) == [
        (3, {"issue": "MKY-1", "url": "https://a.example.com", "title": "A", "globalId": "g1"}),
        (6, {"issue": "MKY-2", "url": "https://b.example.com", "title": "two\nline title", "globalId": "g2"}),
        (8, {"issue": "MKY-3", "url": "https://c.example.com", "title": "C"}),
    ]


def test_csv_header_problems_are_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "links.csv"
    path.write_text("issue,url,titel,url\nMKY-1,x,y,z\n", encoding="utf-8")
    (only,) = list(read_csv(path))
    assert isinstance(only, Unreadable)
    messages = " | ".join(e.message for e in only.errors)
    assert "'titel'" in messages
    assert "did you mean 'title'" in messages
    assert "'url' appears twice" in messages
    assert "'globalId' is missing" in messages


def test_csv_row_with_too_many_cells_is_located(tmp_path: Path) -> None:
    path = tmp_path / "links.csv"
    path.write_text(HEADER + "MKY-1,https://a.example.com,A,g1,extra\n", encoding="utf-8")
    (only,) = list(read_csv(path))
    assert isinstance(only, Unreadable)
    assert only.errors[0].line == 2


def test_jsonl_lines_bom_blank_lines_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "links.jsonl"
    path.write_bytes(
        (
            '\ufeff{"issue": "MKY-1", "title": "A"}\n\n   \n{"issue": "MKY-2"\n[1, 2]\n{"issue": "MKY-3"}'
        ).encode()
    )
    items = list(read_jsonl(path))
    assert _records(items) == [(1, {"issue": "MKY-1", "title": "A"}), (6, {"issue": "MKY-3"})]
    bad = [
        (e.line, e.message.split(":")[0])
        for item in items
        if isinstance(item, Unreadable)
        for e in item.errors
    ]
    assert bad == [(4, "not valid JSON"), (5, "must be a JSON object, not list")]


def test_validation_lists_every_bad_line_including_repeated_links(tmp_path: Path) -> None:
    path = tmp_path / "links.csv"
    path.write_text(
        HEADER
        + "MKY-1,https://a.example.com,A,g1\n"
        + "MKY-1,ftp:/broken,A,g2\n"
        + "MKY-2,https://a.example.com,A,g1\n"
        + "MKY-1,https://a.example.com,A again,g1\n",
        encoding="utf-8",
    )
    report = validate_file(path, "csv")
    assert report.bad_lines == [3, 5]
    assert report.rows == 3
    assert "repeats the link of line 2" in report.errors[-1].message


def test_format_comes_from_the_suffix_or_is_asked_for() -> None:
    assert detect_format(Path("a.CSV")) == "csv"
    assert detect_format(Path("a.ndjson")) == "jsonl"
    assert detect_format(Path("a.txt"), "jsonl") == "jsonl"
    with pytest.raises(ValueError, match="--format"):
        detect_format(Path("a.txt"))


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_records_arrive_before_the_rest_of_the_file_is_written(tmp_path: Path, fmt: str) -> None:
    """Through a pipe: the first record must be readable while the writer still holds the rest back."""
    fifo = tmp_path / f"links.{fmt}"
    os.mkfifo(fifo)
    first, rest = (
        (HEADER + "MKY-1,https://a.example.com,A,g1\n", "MKY-2,https://b.example.com,B,g2\n")
        if fmt == "csv"
        else ('{"issue": "MKY-1"}\n', '{"issue": "MKY-2"}\n')
    )
    got_first = threading.Event()
    wrote_rest = threading.Event()

    def writer() -> None:
        with fifo.open("w", encoding="utf-8") as pipe:
            pipe.write(first)
            pipe.flush()
            # Bounded: a reader that waits for the end of the file fails the test instead of hanging it.
            got_first.wait(timeout=10)
            wrote_rest.set()
            pipe.write(rest)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    records = read_csv(fifo) if fmt == "csv" else read_jsonl(fifo)
    head = next(records)
    assert not wrote_rest.is_set()
    got_first.set()
    tail = list(records)
    thread.join(timeout=10)
    assert isinstance(head, Record)
    assert head.values["issue"] == "MKY-1"
    assert [item.values["issue"] for item in tail if isinstance(item, Record)] == ["MKY-2"]
