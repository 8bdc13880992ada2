"""Row validation: every bad value is reported with its line, column and the value itself."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from jira_remote_links.bulk.rows import MAX_GLOBAL_ID_LENGTH, LinkRow, RowError, to_request, validate_row

GOOD: dict[str, object] = {
    "issue": "MKY-1",
    "url": "https://docs.example.com/a?b=c&d=e",
    "title": "Design doc",
    "globalId": "system=https://docs.example.com&id=1",
}


def _errors(raw: dict[str, object], line: int = 7) -> list[RowError]:
    result = validate_row(line, raw)
    assert isinstance(result, list), f"expected errors, got {result!r}"
    return result


def _columns(errors: list[RowError]) -> set[str | None]:
    return {error.column for error in errors}


def test_a_complete_row_is_accepted_with_every_optional_column() -> None:
    row = validate_row(
        3,
        {
            **GOOD,
            "relationship": "documented by",
            "summary": "",
            "application_name": "Docs",
            "application_type": "com.example.docs",
            "icon_url": "https://docs.example.com/icon.png",
            "icon_title": "Docs",
            "resolved": "Yes",
        },
    )
    assert isinstance(row, LinkRow)
    assert (row.line, row.issue, row.summary, row.resolved) == (3, "MKY-1", None, True)


def test_the_request_carries_the_whole_link_and_nothing_unset() -> None:
    row = validate_row(2, {**GOOD, "relationship": "blocks", "icon_title": "Docs", "resolved": False})
    assert isinstance(row, LinkRow)
    assert to_request(row).to_dict() == {
        "globalId": GOOD["globalId"],
        "relationship": "blocks",
        "object": {
            "url": GOOD["url"],
            "title": "Design doc",
            "icon": {"title": "Docs"},
            "status": {"resolved": False},
        },
    }


def test_every_problem_of_a_row_is_reported_at_once() -> None:
    errors = _errors({"issue": "not an issue", "url": "", "title": "  ", "resolved": "maybe", "sumary": "x"})
    assert _columns(errors) == {"issue", "url", "title", "globalId", "resolved", None}
    assert all(error.line == 7 for error in errors)
    described = "\n".join(error.describe() for error in errors)
    assert "'not an issue'" in described
    assert "'maybe'" in described
    assert "did you mean 'summary'" in described


@given(
    st.text(min_size=MAX_GLOBAL_ID_LENGTH + 1, max_size=MAX_GLOBAL_ID_LENGTH + 300).filter(
        lambda t: t.strip() == t
    )
)
def test_a_global_id_longer_than_255_characters_is_refused(global_id: str) -> None:
    errors = _errors({**GOOD, "globalId": global_id})
    assert [(e.column, e.value) for e in errors] == [("globalId", global_id)]
    assert f"{len(global_id)} characters" in errors[0].message


@given(st.text(max_size=MAX_GLOBAL_ID_LENGTH).filter(lambda t: t.strip() != "" and t.strip() == t))
def test_any_global_id_up_to_255_characters_is_accepted(global_id: str) -> None:
    assert isinstance(validate_row(1, {**GOOD, "globalId": global_id}), LinkRow)


@given(st.sampled_from(["", " ", "\t"]) | st.none())
def test_a_missing_or_blank_global_id_is_refused(global_id: str | None) -> None:
    raw = dict(GOOD)
    raw["globalId"] = global_id
    assert _columns(_errors(raw)) == {"globalId"}


_ISSUE_KEY = r"[A-Za-z][A-Za-z0-9_]*-[0-9]+|[0-9]+"


@given(st.text(min_size=1).filter(lambda t: not __import__("re").fullmatch(_ISSUE_KEY, t) or not t.isascii()))
def test_anything_but_an_issue_key_or_id_is_refused_as_issue(issue: str) -> None:
    errors = _errors({**GOOD, "issue": issue})
    assert _columns(errors) == {"issue"}
    assert errors[0].value == issue


@given(st.from_regex(_ISSUE_KEY, fullmatch=True).filter(str.isascii))
def test_issue_keys_and_numeric_ids_are_accepted(issue: str) -> None:
    assert isinstance(validate_row(1, {**GOOD, "issue": issue}), LinkRow)


@given(
    st.text(alphabet=string.ascii_letters + string.digits + " /:.", min_size=1).filter(
        lambda t: "://" not in t or " " in t
    )
)
def test_urls_must_be_absolute(url: str) -> None:
    assert "url" in _columns(_errors({**GOOD, "url": url}))
    assert "icon_url" in _columns(_errors({**GOOD, "icon_url": url}))


@given(
    st.text().filter(
        lambda t: t.strip().lower() not in {"", "true", "false", "yes", "no", "y", "n", "1", "0"}
    )
)
def test_resolved_accepts_only_yes_no_words(word: str) -> None:
    errors = _errors({**GOOD, "resolved": word})
    assert [(e.column, e.value) for e in errors] == [("resolved", word)]


@given(
    st.sampled_from(["issue", "url", "title", "globalId", "summary", "relationship"]),
    st.integers() | st.floats(allow_nan=False) | st.lists(st.integers(), max_size=2) | st.booleans(),
)
def test_non_text_json_values_are_refused_by_name(column: str, value: object) -> None:
    errors = _errors({**GOOD, column: value})
    assert [(e.column, e.value) for e in errors] == [(column, value)]
    assert "must be text" in errors[0].message


def test_global_id_with_surrounding_whitespace_is_refused() -> None:
    assert _columns(_errors({**GOOD, "globalId": " id-1"})) == {"globalId"}
