"""The data every benchmark sends: realistic links (every field Jira's own example carries) with
globalIds full of reserved URL characters, so escaping and parsing cost what they cost in real use."""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PROJECT_KEY = "MKY"
CSV_COLUMNS = ("issue", "globalId", "url", "title", "relationship", "summary")


def global_id(issue: str, index: int) -> str:
    return f"system=http://www.mycompany.com/support&issue={issue}&id={index}"


def link_json(issue: str, index: int) -> dict[str, Any]:
    """A RemoteIssueLinkRequest body, shaped like the example in Jira's documentation."""
    return {
        "globalId": global_id(issue, index),
        "application": {"type": "com.acme.tracker", "name": "My Acme Tracker"},
        "relationship": "causes",
        "object": {
            "url": f"http://www.mycompany.com/support?id={index}",
            "title": f"TSTSUP-{index}",
            "summary": "Customer support issue",
            "icon": {"url16x16": "http://www.mycompany.com/support/ticket.png", "title": "Support Ticket"},
            "status": {
                "resolved": True,
                "icon": {
                    "url16x16": "http://www.mycompany.com/support/resolved.png",
                    "title": "Case Closed",
                    "link": f"http://www.mycompany.com/support?id={index}&details=closed",
                },
            },
        },
    }


def issue_keys(count: int) -> list[str]:
    return [f"{PROJECT_KEY}-{number}" for number in range(1, count + 1)]


def bulk_rows(links: int, issues: int) -> Iterator[dict[str, str]]:
    """`links` rows spread evenly over the first `issues` issues, generated lazily."""
    keys = issue_keys(issues)
    for index in range(links):
        issue = keys[index % issues]
        yield {
            "issue": issue,
            "globalId": global_id(issue, index),
            "url": f"http://www.mycompany.com/support?id={index}",
            "title": f"TSTSUP-{index}",
            "relationship": "causes",
            "summary": "Customer support issue",
        }


# Row orders of a bulk file: spread round-robin over the issues; grouped by issue, as files exported
# after a migration usually are (the worst order for Jira's per-issue write limit); shuffled.
SPREAD, GROUPED, SHUFFLED = "spread", "grouped", "shuffled"
ORDERS = (SPREAD, GROUPED, SHUFFLED)


def ordered_rows(links: int, issues: int, order: str = SPREAD, *, seed: int = 12) -> Iterator[dict[str, str]]:
    """`bulk_rows` in the given order (grouped and shuffled hold the rows in memory; spread streams)."""
    if order == SPREAD:
        yield from bulk_rows(links, issues)
        return
    if order not in ORDERS:
        raise ValueError(f"order must be one of {', '.join(ORDERS)}, not {order!r}")
    rows = list(bulk_rows(links, issues))
    if order == GROUPED:
        rank = {key: position for position, key in enumerate(issue_keys(issues))}
        rows.sort(key=lambda row: rank[row["issue"]])  # stable: file order within an issue
    else:
        random.Random(seed).shuffle(rows)
    yield from rows


def write_bulk_csv(path: Path, links: int, issues: int, order: str = SPREAD) -> Path:
    """Write the bulk input to disk row by row; the tool under test streams it back."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for row in ordered_rows(links, issues, order):
            writer.writerow(row)
    return path


def read_bulk_csv(path: Path) -> Iterator[dict[str, str]]:
    """Stream the CSV back for the peers' sequential loops."""
    with path.open(newline="", encoding="utf-8") as handle:
        yield from csv.DictReader(handle)
