"""The curl replay of a recorded request, and the recording itself: what bash hands curl is what was sent.

Each command runs in bash with `curl` replaced by a shell function that writes out the arguments it got (and its
standard input), so the quoting is checked by the shell that will run it, not by reading the string.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import httpx

from jira_remote_links_contract.curl import curl_command
from jira_remote_links_contract.exchanges import (
    BODY_LIMIT,
    REDACTED_CREDENTIALS,
    Exchange,
    ExchangeLog,
    RecordingTransport,
    describe_exchange,
    shown,
)
from jira_remote_links_contract.exchanges import EXCHANGES as RUN_EXCHANGES

URL = "https://site.example/rest/api/2/issue/MKY-1/remotelink?globalId=a%2Bb%26c"
# Prints each argument on a line of its own, NUL-terminated so arguments holding newlines stay whole.
FAKE_CURL = 'curl() { printf "%s\\0" "$@" > "$ARGS"; cat > "$STDIN"; }\n'


def exchange(method: str = "POST", body: bytes = b"", headers: tuple[tuple[str, str], ...] = ()) -> Exchange:
    return Exchange(method, URL, headers, body, 201, (("content-type", "application/json"),), b'{"id":1}')


def curl_sees(command: str, tmp_path: Path) -> tuple[list[str], bytes]:
    args, stdin = tmp_path / "args", tmp_path / "stdin"
    env = {"ARGS": str(args), "STDIN": str(stdin), "JIRA_EMAIL": "me@example.com", "JIRA_API_TOKEN": "t0ken"}
    subprocess.run(
        ["bash", "-c", FAKE_CURL + command], env=env, check=True, timeout=30, stdin=subprocess.DEVNULL
    )
    return args.read_bytes().decode("utf-8").split("\0")[:-1], stdin.read_bytes()


def test_body_with_quotes_and_newlines_reaches_curl_unchanged(tmp_path: Path) -> None:
    body = b'{"title": "it\'s \\"quoted\\"",\n "summary": "$HOME `id` $(id) \\\\n"}'
    args, _ = curl_sees(curl_command(exchange(body=body)), tmp_path)
    assert args[args.index("--data-raw") + 1].encode() == body
    assert args[args.index("-X") + 1] == "POST"
    assert args[-1] == URL


def test_credentials_come_from_the_environment_and_never_from_the_record(tmp_path: Path) -> None:
    headers = (("Authorization", "Basic c2VjcmV0"), ("Content-Type", "application/json"), ("Host", "site"))
    command = curl_command(exchange(headers=headers))
    assert "c2VjcmV0" not in command
    assert '-u "$JIRA_EMAIL:$JIRA_API_TOKEN"' in command
    args, _ = curl_sees(command, tmp_path)
    assert args[args.index("-u") + 1] == "me@example.com:t0ken"
    sent_headers = [args[i + 1] for i, arg in enumerate(args) if arg == "-H"]
    # Content-Type decides 415s, so it is replayed; Host and credentials are curl's own business.
    assert sent_headers == ["Content-Type: application/json"]


def test_header_values_with_quotes_stay_one_argument(tmp_path: Path) -> None:
    headers = (("X-Note", 'it\'s "odd"; $(id)'),)
    args, _ = curl_sees(curl_command(exchange(method="GET", headers=headers)), tmp_path)
    assert args[args.index("-H") + 1] == 'X-Note: it\'s "odd"; $(id)'
    assert "--data-raw" not in args


def test_binary_body_is_piped_byte_for_byte(tmp_path: Path) -> None:
    body = b"\xff\xfe{\x00'\"%s\n"
    command = curl_command(exchange(body=body))
    args, stdin = curl_sees(command, tmp_path)
    assert args[args.index("--data-binary") + 1] == "@-"
    assert stdin == body


def test_head_asks_for_headers_only() -> None:
    command = curl_command(exchange(method="HEAD"))
    assert " --head " in command
    assert "-X" not in command


def test_recording_transport_keeps_the_last_exchanges_without_credentials() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"echo": request.content.decode()}, headers={"X-Seen": "1"})

    RUN_EXCHANGES.clear()
    with httpx.Client(
        transport=RecordingTransport(httpx.MockTransport(answer)), auth=("me", "t0ken")
    ) as http:
        for number in range(6):
            response = http.post(f"https://site.example/n/{number}", json={"n": number})
            assert response.json() == {"echo": f'{{"n":{number}}}'}
    recorded = RUN_EXCHANGES.snapshot()
    assert [item.url for item in recorded] == [f"https://site.example/n/{n}" for n in range(2, 6)]
    last = recorded[-1]
    assert (last.method, last.status, last.request_body) == ("POST", 200, b'{"n":5}')
    assert ("authorization", REDACTED_CREDENTIALS) in last.request_headers
    assert ("x-seen", "1") in last.response_headers
    assert last.response_body == b'{"echo":"{\\"n\\":5}"}'
    assert "t0ken" not in describe_exchange(last)


def test_log_is_bounded_and_cleared() -> None:
    log = ExchangeLog(size=2)
    for number in range(3):
        log.add(exchange(body=str(number).encode()))
    assert [item.request_body for item in log.snapshot()] == [b"1", b"2"]
    log.clear()
    assert log.snapshot() == ()


def test_long_bodies_are_cut_for_reading() -> None:
    text = shown(b"x" * (BODY_LIMIT + 10))
    assert text.startswith("x" * BODY_LIMIT)
    assert text.endswith("(10 more characters)")
    assert shown(b"short") == "short"
