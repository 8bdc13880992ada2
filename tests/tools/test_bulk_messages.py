"""Every bad input gets a message naming its line, its column (or character position) and its value;
`--json` always prints JSON; listings of bad lines are capped with a count of the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fake_jira.server import RunningFake
from jira_remote_links.bulk.cli import main
from jira_remote_links.bulk.report import SHOWN_INVALID_LINES

from .conftest import link_rows, request_log, write_csv, write_jsonl

HEADER = "issue,url,title,globalId\n"


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*args, "--quiet"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_byte_that_is_not_utf8_is_reported_on_its_own_line_and_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "links.csv"
    path.write_bytes(HEADER.encode() + b"MKY-1,https://a.example.com,Caf\xe9,g1\n")
    code, _, err = _cli(capsys, str(path), "--validate-only")
    assert code == 2
    assert "line 2, character 32: byte 0xE9 is not UTF-8" in err
    assert "codec" not in err


def test_a_bad_jsonl_line_points_at_the_character_where_it_breaks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = '{"issue": "MKY-1", "url": "https://a.example.com", "title": "A", "globalId": "g"}'
    bad = '{"issue": "MKY-1", "title": "A" "globalId": "h"}'
    path = tmp_path / "links.jsonl"
    path.write_text(f"\ufeff{good}\n{bad}\n", encoding="utf-8")
    code, out, _ = _cli(capsys, str(path), "--json")
    assert code == 2
    problem = json.loads(out)["invalid"][0]
    assert problem["line"] == 2
    # The position names the character where a comma was expected: the quote opening "globalId".
    assert bad[problem["position"] - 1 :].startswith('"globalId"')


def test_a_short_csv_row_names_the_missing_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "links.csv"
    path.write_text(HEADER + "MKY-1,https://a.example.com\n", encoding="utf-8")
    code, _, err = _cli(capsys, str(path), "--validate-only")
    assert code == 2
    assert "line 2: column 'title': is missing from this row" in err
    assert "line 2: column 'globalId': is missing from this row" in err
    assert "None" not in err


def test_a_directory_is_called_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    code, _, err = _cli(capsys, str(folder), "--format", "csv")
    assert code == 2
    assert "is a directory" in err


def test_validate_only_with_json_prints_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_csv(tmp_path / "links.csv", link_rows(3, 1))
    code, out, _ = _cli(capsys, str(path), "--validate-only", "--json")
    assert code == 0
    assert json.loads(out)["valid_rows"] == 3


def test_json_is_printed_for_usage_errors_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JIRA_BASE_URL", raising=False)
    code, out, _ = _cli(capsys, str(tmp_path / "missing.csv"), "--json")
    assert code == 2
    assert "no such file" in json.loads(out)["error"]


@pytest.mark.parametrize("content", [HEADER, HEADER + "\n\n"])
def test_a_file_without_rows_is_an_error_that_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    path = tmp_path / "links.csv"
    path.write_text(content, encoding="utf-8")
    code, _, err = _cli(capsys, str(path), "--validate-only")
    assert code == 2
    assert "no link rows" in err


def test_listings_of_bad_lines_are_capped_with_a_count_of_the_rest(
    jira_env: RunningFake, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A JSON Lines file read as CSV: every line is wrong the same way.
    path = write_jsonl(tmp_path / "links.txt", link_rows(2000, 10))
    code, _, err = _cli(capsys, str(path), "--format", "csv")
    assert code == 2
    listed = [line for line in err.splitlines() if line.startswith("  line ")]
    assert len(listed) <= SHOWN_INVALID_LINES * 3
    assert request_log(jira_env) == []


def test_many_bad_rows_are_listed_up_to_the_cap_and_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = link_rows(500, 10)
    for row in rows:
        row["url"] = "not a url"
    code, _, err = _cli(capsys, str(write_csv(tmp_path / "links.csv", rows)), "--validate-only")
    assert code == 2
    listed = [line for line in err.splitlines() if line.startswith("  line ")]
    assert len(listed) == SHOWN_INVALID_LINES
    assert f"and {500 - SHOWN_INVALID_LINES} more line(s)" in err
