"""The results as a rich table: ratios are the result, absolute figures are context."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from benchmarks.results import Row


def _value(row: Row) -> str:
    if not row.measured or row.value is None:
        return row.status
    if row.value >= 100:
        return f"{row.value:,.0f} {row.unit}"
    return f"{row.value:,.2f} {row.unit}" if row.value < 10 else f"{row.value:,.1f} {row.unit}"


LEGEND = (
    "ratio: per-call rows, time / raw httpx sync (lower is better); bulk rows, our tool's links/s / that "
    "row's (the speed-up; our row is 1.00); rate-limit rows, requests/s sent / the limit; memory, peak / "
    "the 150 MB target. Absolute figures are this machine's, for context."
)


def _ratio(row: Row) -> str:
    return "" if row.ratio is None else f"{row.ratio:.2f}x"


def _target(row: Row) -> str:
    if row.target and row.verdict:
        return f"{row.target}: {row.verdict}"
    return row.target or row.verdict


def build_table(rows: Sequence[Row], title: str) -> Table:
    table = Table(title=title, show_lines=False, header_style="bold")
    table.add_column("benchmark", no_wrap=True)
    table.add_column("client / tool")
    table.add_column("ratio", justify="right")
    table.add_column("measured", justify="right")
    table.add_column("target")
    table.add_column("notes")
    previous = None
    for row in rows:
        # A section's name is printed once, on its first row, with a separator above it.
        if previous is not None and row.section != previous:
            table.add_section()
        table.add_row(
            row.section if row.section != previous else "",
            row.subject,
            _ratio(row),
            _value(row),
            _target(row),
            row.note,
        )
        previous = row.section
    return table


def render(rows: Sequence[Row], title: str, console: Console | None = None) -> str:
    """Print the table and return it as plain text (for the README and for tests)."""
    out = console or Console(width=200)
    table = build_table(rows, title)
    with out.capture() as captured:
        out.print(table)
    text = captured.get() + LEGEND + "\n"
    out.print(table)
    out.print(LEGEND)
    return text
