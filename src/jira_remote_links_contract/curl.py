"""A curl command that replays a recorded request, with the credentials left to the shell's environment.

The command names `$JIRA_EMAIL` and `$JIRA_API_TOKEN`, the variables a live run reads, so it can be pasted into
a ticket as is and run by anyone who has their own token; the token itself is never part of it.
"""

from __future__ import annotations

import shlex

from jira_remote_links_contract.exchanges import Exchange

CREDENTIALS = '-u "$JIRA_EMAIL:$JIRA_API_TOKEN"'
# Headers curl sets by itself, or that describe this one connection, or that carry credentials.
_LEFT_TO_CURL = frozenset(
    {
        "host",
        "content-length",
        "connection",
        "accept-encoding",
        "user-agent",
        "authorization",
        "proxy-authorization",
        "cookie",
        "transfer-encoding",
    }
)


def _is_plain_text(body: bytes) -> bool:
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return "\x00" not in text


def curl_command(exchange: Exchange) -> str:
    """`curl -sS -i -X METHOD -u ... -H ... --data-raw BODY URL`, every value shell-quoted.

    A body that is not UTF-8 text (the malformed-JSON tests send raw bytes) cannot sit in a shell word; it is
    written out byte by byte as octal escapes for `printf` and piped to curl's `--data-binary @-` instead.
    """
    method = exchange.method.upper()
    # `-X HEAD` makes curl wait for a body that never comes; `--head` asks for the headers only.
    parts = ["curl", "-sS", "-i", "--head" if method == "HEAD" else f"-X {shlex.quote(method)}", CREDENTIALS]
    for name, value in exchange.request_headers:
        if name.lower() not in _LEFT_TO_CURL:
            parts.append(f"-H {shlex.quote(f'{name}: {value}')}")
    prefix = ""
    body = exchange.request_body
    if body and _is_plain_text(body):
        parts.append(f"--data-raw {shlex.quote(body.decode('utf-8'))}")
    elif body:
        escaped = "".join(f"\\{byte:03o}" for byte in body)
        prefix = f"printf {shlex.quote(escaped)} | "
        parts.append("--data-binary @-")
    parts.append(shlex.quote(exchange.url))
    return prefix + " ".join(parts)
