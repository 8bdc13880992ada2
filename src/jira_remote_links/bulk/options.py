"""One options object for a bulk run, passed whole from the command line down to each row."""

from __future__ import annotations

from dataclasses import dataclass, field

from jira_remote_links.bulk.links_api import DEFAULT_CACHED_ISSUES
from jira_remote_links.bulk.pacing import DEFAULT_LOOKAHEAD
from jira_remote_links.tooling.http import RetryBudget

# A ceiling, not a setting to tune: requests in flight adapt to the site (see `AdaptiveLimit`), and 32
# keeps about 200 requests a second possible at 150 ms, twice what a Jira Cloud site allows per method.
DEFAULT_CONCURRENCY = 32
# Consecutive rows failing the same way (same status or error) that stop a run; 0 never stops.
DEFAULT_STOP_AFTER = 10


@dataclass(frozen=True, slots=True)
class BulkOptions:
    dry_run: bool = False
    concurrency: int = DEFAULT_CONCURRENCY
    # A ceiling on request starts per second; None for none.
    max_rate: float | None = None
    stop_after_failures: int = DEFAULT_STOP_AFTER
    # Attempts per request and the waits between them (used when the tool builds its own client).
    budget: RetryBudget = field(default_factory=RetryBudget)
    timeout: float = 30.0
    # Issues whose listed links are kept at once (each issue is listed once, not read once per row).
    cached_issues: int = DEFAULT_CACHED_ISSUES
    # Rows handed out round-robin across issues (see `pacing.interleave`); False keeps the file's order.
    interleave: bool = True
    # Rows read ahead of the workers to interleave them (bounds the memory interleaving takes).
    lookahead: int = DEFAULT_LOOKAHEAD
    # Writes to one issue kept under Jira's per-issue limits; False sends them as fast as allowed.
    per_issue_limit: bool = True

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise ValueError(f"concurrency must be at least 1, not {self.concurrency}")
        if self.max_rate is not None and not self.max_rate > 0:
            raise ValueError(f"max_rate must be a positive number, not {self.max_rate!r}")
        if self.lookahead < 1:
            raise ValueError(f"lookahead must be at least 1, not {self.lookahead}")
        if self.cached_issues < 1:
            raise ValueError(f"cached_issues must be at least 1, not {self.cached_issues}")
        if self.stop_after_failures < 0:
            raise ValueError(f"stop_after_failures must be >= 0, not {self.stop_after_failures}")
