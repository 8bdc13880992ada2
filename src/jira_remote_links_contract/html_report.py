"""The run as one self-contained HTML page: inline styles, no scripts, no external assets.

It is made to be uploaded as a CI artifact and opened anywhere, so it carries everything: the run header and how
to replay it, the conformance figure and the rules, the coverage table, each test's outcome and, for each
failure, the rules it checks, pytest's report, the last HTTP exchanges and a curl command replaying the last one.
Every piece of text from the run goes through `html.escape`.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from jira_remote_links_contract.exchanges import describe_exchange
from jira_remote_links_contract.rule_outcomes import Verdict, figure
from jira_remote_links_contract.rules import NOT_CHECKED
from jira_remote_links_contract.run_report import Failure, RunReport

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 90em; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
td { overflow-wrap: anywhere; }
td:first-child code { white-space: nowrap; }
th { background: #f0f0f0; }
pre { background: #f7f7f7; padding: 0.75em; overflow-x: auto; white-space: pre-wrap; }
.passed { color: #176f2c; } .failed, .error { color: #b00020; font-weight: bold; }
.skipped, .not-reached { color: #8a6d00; }
.figure { font-size: 1.3em; font-weight: bold; }
section.failure { border-left: 4px solid #b00020; padding-left: 1em; margin: 2em 0; }
"""


def _row(cells: Iterable[str], *, header: bool = False) -> str:
    tag = "th" if header else "td"
    return "<tr>" + "".join(f"<{tag}>{cell}</{tag}>" for cell in cells) + "</tr>"


def _verdict(text: str) -> str:
    return f'<span class="{escape(text.replace(" ", "-"))}">{escape(text)}</span>'


def _header(report: RunReport) -> str:
    return (
        "<h1>Contract run</h1>"
        "<table>"
        + _row(["Target", escape(report.target)])
        + _row(["Profile", escape(report.profile)])
        + _row(["Seed", escape(str(report.seed))])
        + _row(["Replay", f"<code>{escape(report.replay)}</code>"])
        + "</table>"
    )


def _rules(report: RunReport) -> str:
    rows = [_row(["Rule", "Outcome", "What it says", "Evidence row", "Tests or reason"], header=True)]
    for outcome in report.rules:
        rule = outcome.rule
        detail = ", ".join(outcome.tests) if outcome.verdict is Verdict.PASSED else outcome.reason
        rows.append(
            _row(
                [
                    f"<code>{escape(rule.id)}</code>",
                    _verdict(str(outcome.verdict)),
                    escape(rule.statement),
                    f"{escape(rule.section)}: <q>{escape(rule.case)}</q>",
                    escape(detail),
                ]
            )
        )
    unchecked = [_row(["Evidence row", "Why not"], header=True)]
    unchecked += [
        _row([f"{escape(row.section)}: <q>{escape(row.case)}</q>", escape(row.reason)]) for row in NOT_CHECKED
    ]
    return (
        f'<h2>Rules</h2><p class="figure">{escape(figure(list(report.rules)))}</p>'
        f"<table>{''.join(rows)}</table>"
        f"<h3>Evidence rows not checked by this suite</h3><table>{''.join(unchecked)}</table>"
    )


def _coverage(report: RunReport) -> str:
    rows = [
        _row(
            ["Operation", "Request", "Documented statuses answered (calls)", "Not reached", "Undocumented"],
            header=True,
        )
    ]
    for operation, documented, missing, extra in report.coverage.rows():
        rows.append(
            _row(
                [
                    f"<code>{escape(operation.operation_id)}</code>",
                    f"<code>{escape(operation.label)}</code>",
                    escape(
                        ", ".join(f"{status} ({calls})" for status, calls in documented if calls) or "none"
                    ),
                    escape(", ".join(map(str, missing)) or "-"),
                    escape(", ".join(f"{status} ({calls})" for status, calls in extra) or "-"),
                ]
            )
        )
    return f"<h2>Coverage</h2><p>{escape(report.coverage.figure())}</p><table>{''.join(rows)}</table>"


def _tests(report: RunReport) -> str:
    rows = [_row(["Test", "Outcome", "Examples", "Seconds"], header=True)]
    for outcome in report.outcomes:
        examples = "" if outcome.examples is None else str(outcome.examples)
        rows.append(
            _row(
                [
                    escape(outcome.nodeid),
                    _verdict(outcome.outcome),
                    escape(examples),
                    f"{outcome.seconds:.1f}",
                ]
            )
        )
    return f"<h2>Tests</h2><table>{''.join(rows)}</table>"


def _failure(failure: Failure) -> str:
    rules = ", ".join(f"<code>{escape(rule)}</code>" for rule in failure.rules) or "no rule of the evidence"
    parts = [
        '<section class="failure">',
        f"<h3>{escape(failure.name)}</h3>",
        f"<p>Rules checked: {rules}</p>",
        f"<h4>What failed</h4><pre>{escape(failure.text)}</pre>",
    ]
    if failure.exchanges:
        parts.append("<h4>Last HTTP exchanges</h4>")
        parts += [
            f"<pre>{escape(describe_exchange(exchange))}</pre>" for exchange in failure.shown_exchanges()
        ]
        parts.append(
            "<h4>Replay the last request</h4><p>with <code>JIRA_EMAIL</code> and <code>JIRA_API_TOKEN</code> "
            f"set in the environment:</p><pre>{escape(failure.curl() or '')}</pre>"
        )
    else:
        parts.append("<p>No HTTP exchange was recorded for this test.</p>")
    parts.append("</section>")
    return "".join(parts)


def _figures(report: RunReport) -> str:
    failed = len(report.failures)
    return (
        f'<p class="figure">{escape(figure(list(report.rules)))}</p>'
        f"<p>{escape(report.coverage.figure())}; {failed} failing test{'' if failed == 1 else 's'}</p>"
    )


def render_html(report: RunReport) -> str:
    # What a reader came for first: the figures, then each failure with its replay; the tables follow.
    failures = "".join(_failure(failure) for failure in report.failures) or "<p>None.</p>"
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Contract run: {escape(report.target)}</title><style>{_STYLE}</style></head><body>"
        + _header(report)
        + _figures(report)
        + f"<h2>Failures</h2>{failures}"
        + _rules(report)
        + _coverage(report)
        + _tests(report)
        + "</body></html>\n"
    )
