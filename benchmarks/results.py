"""The one shape every benchmark reports in, so the table, the JSON output and the tests agree."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

# Status words a row can carry instead of a measurement.
MEASURED = "measured"
NOT_INSTALLED = "not installed"
NOT_AVAILABLE = "not available"
FAILED = "failed"
SKIPPED = "skipped"


@dataclass(frozen=True)
class Row:
    """One line of the results table.

    `value` is the absolute measurement (context only: it depends on the machine); `ratio` compares it
    with the section's baseline measured in the same run, which is what the benchmark is about.
    """

    section: str
    subject: str
    value: float | None = None
    unit: str = ""
    ratio: float | None = None
    ratio_meaning: str = ""
    target: str = ""
    verdict: str = ""
    note: str = ""
    status: str = MEASURED
    extra: dict[str, float | str | None] = field(default_factory=dict)

    @property
    def measured(self) -> bool:
        return self.status == MEASURED

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def unavailable(section: str, subject: str, status: str, note: str = "") -> Row:
    """A row that says why nothing was measured, never a crash."""
    return Row(section=section, subject=subject, status=status, note=note)


def ratio_of(value: float, baseline: float) -> float | None:
    """value / baseline, or None when either side is not a usable positive number."""
    if not (math.isfinite(value) and math.isfinite(baseline)) or value <= 0 or baseline <= 0:
        return None
    return value / baseline
