"""Everything a finished run reports, in one value, and its Markdown rendering (a CI job summary).

The terminal summary, the Markdown file and the HTML page (`jira_remote_links_contract.html_report`) all
render one `RunReport`, so they never disagree. Before anything is written, every spelling of the target's
credential is blanked out of the text: failure reports quote third-party output the suite does not control.
"""

from __future__ import annotations

from dataclasses import dataclass

from jira_remote_links_contract.coverage import Coverage
from jira_remote_links_contract.curl import curl_command
from jira_remote_links_contract.exchanges import Exchange, describe_exchange
from jira_remote_links_contract.rule_outcomes import RuleOutcome
from jira_remote_links_contract.rule_outcomes import render_markdown as rules_markdown
from jira_remote_links_contract.secret import REDACTED
from jira_remote_links_contract.summary import Outcome

# Exchanges shown per failure, newest last: the failing request and what led to it.
SHOWN_EXCHANGES = 2


@dataclass(frozen=True)
class Failure:
    """A failed test: what it checks, what pytest reported, and the last exchanges it made."""

    name: str
    rules: tuple[str, ...]
    text: str
    exchanges: tuple[Exchange, ...]

    def shown_exchanges(self) -> tuple[Exchange, ...]:
        return self.exchanges[-SHOWN_EXCHANGES:]

    def curl(self) -> str | None:
        """Replays the last request the test sent, the one its failure is most likely about."""
        return curl_command(self.exchanges[-1]) if self.exchanges else None


def failure_section(failure: Failure) -> str:
    """The text pytest shows under a failure (a report section): its exchanges and the curl replay."""
    if not failure.exchanges:
        return "no HTTP exchange was recorded for this test"
    parts = [describe_exchange(exchange) for exchange in failure.shown_exchanges()]
    parts.append(f"replay the last request (credentials from the environment):\n{failure.curl()}")
    return "\n\n".join(parts)


@dataclass(frozen=True)
class RunReport:
    target: str
    profile: str
    seed: int
    summary_text: str
    outcomes: tuple[Outcome, ...]
    rules: tuple[RuleOutcome, ...]
    failures: tuple[Failure, ...]
    coverage: Coverage

    @property
    def replay(self) -> str:
        return (
            f"CONTRACT_SEED={self.seed} CONTRACT_PROFILE={self.profile} (or: jira-remote-links-contract "
            f"--seed {self.seed} --profile {self.profile})"
        )


def scrubbed(text: str, secret_forms: tuple[str, ...]) -> str:
    for form in sorted(secret_forms, key=len, reverse=True):
        text = text.replace(form, REDACTED)
    return text


def render_markdown(report: RunReport) -> str:
    lines = [
        "# Contract run",
        "",
        "```",
        report.summary_text,
        "```",
        "",
        "## Rules",
        "",
        rules_markdown(list(report.rules)),
        "",
        "## Coverage",
        "",
        report.coverage.render_markdown(),
    ]
    if report.failures:
        lines += ["", "## Failures", ""]
        for failure in report.failures:
            rules = ", ".join(f"`{rule}`" for rule in failure.rules) or "no rule of the evidence"
            lines += [f"### `{failure.name}`", "", f"Rules: {rules}", ""]
            command = failure.curl()
            if command is None:
                lines += ["No HTTP exchange was recorded for this test.", ""]
            else:
                lines += ["Replay the last request:", "", "```sh", command, "```", ""]
    return "\n".join(lines) + "\n"
