"""Hypothesis strategies for the data the contract is about: global ids, issue keys, link ids and links.

Link bodies are plain JSON dicts, exactly what should go on the wire; tests turn them into the generated
models, so a model that adds or drops anything shows up as a difference against the dict.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from hypothesis import strategies as st

GLOBAL_ID_MAX_LENGTH = 255

# Characters with a meaning in URLs and query strings; escaping bugs live here.
RESERVED_CHARACTERS = "=&:/?#%+; "
# Text that a second (or a missing) percent-decoding would change.
ESCAPE_TRAPS = (
    "%2F",
    "%2f",
    "%252F",
    "%41",
    "%25",
    "%20",
    "%",
    "%%",
    "%zz",
    "+",
    "a+b",
    "&globalId=other",
    "?x=1",
    "#fragment",
    "..",
    ".",
    "/",
    "system=http://www.mycompany.com/support&id=1",
    "appId=456&pageId=123",
    "\u00e9",
    "e\u0301",
    "\u4e2d\u6587",
    "\U0001f600",
    "\ufeff",
    "\t",
    "\n",
)

# All of Unicode except surrogates, which cannot be encoded as UTF-8 and so cannot travel at all.
any_character = st.characters(codec="utf-8")
# Text for ordinary fields: no control characters, so that live sites cannot reject or rewrite it for reasons
# this suite is not about.
printable_character = st.characters(codec="utf-8", min_codepoint=0x20).filter(
    lambda char: unicodedata.category(char) != "Cc"
)


def global_id_bodies(max_size: int) -> st.SearchStrategy[str]:
    """Text heavy in reserved characters and escape traps, of any length up to `max_size`, sometimes exactly it."""
    chunk = st.one_of(
        st.sampled_from(RESERVED_CHARACTERS),
        st.sampled_from(ESCAPE_TRAPS),
        st.text(any_character, min_size=1, max_size=6),
    )
    assembled = st.lists(chunk, max_size=24).map("".join).map(lambda text: text[:max_size])
    full_length = st.tuples(
        st.lists(chunk, min_size=1, max_size=6).map("".join),
        st.text(any_character, min_size=max_size, max_size=max_size),
    ).map(lambda parts: (parts[0] + parts[1])[:max_size])
    return st.one_of(assembled, assembled, assembled, full_length)


def global_ids(prefix: str) -> st.SearchStrategy[str]:
    """GlobalIds of at most 255 characters that start with the run's prefix, so cleanup can find them."""
    return global_id_bodies(GLOBAL_ID_MAX_LENGTH - len(prefix)).map(lambda body: prefix + body)


def too_long_global_ids(prefix: str) -> st.SearchStrategy[str]:
    """GlobalIds over the 255-character limit (256 and beyond)."""
    return st.integers(min_value=GLOBAL_ID_MAX_LENGTH + 1, max_value=GLOBAL_ID_MAX_LENGTH + 40).flatmap(
        lambda length: st.text(any_character, min_size=length, max_size=length).map(
            lambda body: (prefix + body)[:length]
        )
    )


def path_values() -> st.SearchStrategy[str]:
    """Issue keys or link ids as a caller might pass them: dot segments, reserved characters, any text.

    Control characters are left out: a live site's front proxy may refuse them with its own HTML page,
    which says nothing about Jira's contract.
    """
    return st.one_of(
        st.sampled_from(
            [".", "..", "...", "%2E", "%2e%2e", "a/b", "a%2Fb", "?", "#", " ", "+", ";x", "MKY-1/.."]
        ),
        st.text(printable_character, min_size=1, max_size=20),
    )


def field_text() -> st.SearchStrategy[str]:
    return st.text(printable_character, min_size=1, max_size=40).filter(lambda text: text.strip() != "")


@st.composite
def _optional_fields(draw: st.DrawFn, fields: dict[str, st.SearchStrategy[Any]]) -> dict[str, Any]:
    """Any subset of `fields`, each drawn from its strategy."""
    chosen = draw(st.lists(st.sampled_from(sorted(fields)), unique=True)) if fields else []
    return {name: draw(fields[name]) for name in sorted(chosen)}


def icons() -> st.SearchStrategy[dict[str, Any]]:
    return _optional_fields({"url16x16": urls(), "title": field_text(), "link": urls()})


def statuses() -> st.SearchStrategy[dict[str, Any]]:
    return _optional_fields({"resolved": st.booleans(), "icon": icons()})


def applications() -> st.SearchStrategy[dict[str, Any]]:
    return _optional_fields({"name": field_text(), "type": field_text()})


def urls() -> st.SearchStrategy[str]:
    return st.from_regex(r"\Ahttps://[a-z]{1,12}\.example/[a-zA-Z0-9/_\-]{0,20}(\?[a-z]=[a-z0-9]{1,5})?\Z")


def remote_objects(object_url_prefix: str) -> st.SearchStrategy[dict[str, Any]]:
    required = st.fixed_dictionaries(
        {
            "url": st.text(st.characters(categories=("L", "N")), max_size=20).map(
                lambda tail: object_url_prefix + tail
            ),
            "title": field_text(),
        }
    )
    optional = _optional_fields({"summary": field_text(), "icon": icons(), "status": statuses()})
    return st.tuples(required, optional).map(lambda parts: {**parts[0], **parts[1]})


def link_requests(
    object_url_prefix: str, global_id: st.SearchStrategy[str] | None
) -> st.SearchStrategy[dict[str, Any]]:
    """Link bodies with `object` and a random subset of the optional fields.

    `global_id=None` leaves globalId out; otherwise it is always set from that strategy.
    """
    optional = _optional_fields({"application": applications(), "relationship": field_text()})
    parts: dict[str, st.SearchStrategy[Any]] = {"object": remote_objects(object_url_prefix)}
    if global_id is not None:
        parts["globalId"] = global_id
    return st.tuples(st.fixed_dictionaries(parts), optional).map(lambda both: {**both[0], **both[1]})
