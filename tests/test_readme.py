"""The README's client example runs as written against the built-in fake, and passes `mypy --strict`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from fake_jira import RunningFake

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
MARKER = "<!-- README example: tests/test_readme.py runs this block against the built-in fake. -->"

# Code a user writes every day: list an issue's links, get one by globalId, upsert and learn whether it was
# created, update (whole and partial), delete, a Confluence page, sync and async. It must type-check under
# --strict with no cast, no isinstance and no Unset handling.
TYPICAL_USER_MODULE = """
from __future__ import annotations

from jira_remote_links import JiraClient, NotFoundError, RateLimitedError, connect_jira
from jira_remote_links.links import (
    Upserted,
    aget_link_by_global_id,
    alist_links,
    confluence_page_link,
    delete_link,
    delete_links_by_global_id,
    get_link,
    get_link_by_global_id,
    link_to_request,
    list_links,
    replace_link,
    update_link_fields,
    upsert_link,
)
from jira_remote_links_client.models import RemoteIssueLink, RemoteIssueLinkRequest, RemoteObject


def titles(client: JiraClient, issue: str) -> list[str]:
    return [link.object_.title for link in list_links(client, issue)]


def icon_titles(links: list[RemoteIssueLink]) -> list[str | None]:
    return [link.object_.icon.title for link in links] + [link.object_.status.icon.title for link in links]


def ensure(client: JiraClient, issue: str, global_id: str, url: str, title: str) -> bool:
    outcome: Upserted = upsert_link(
        client, issue, RemoteIssueLinkRequest(global_id=global_id, object_=RemoteObject(url=url, title=title))
    )
    return outcome.created


def rename(client: JiraClient, issue: str, global_id: str, title: str) -> int:
    found = get_link_by_global_id(client, issue, global_id)
    update_link_fields(client, issue, found.id, title=title)
    return found.id


def copy_to(client: JiraClient, source: str, target: str, global_id: str) -> None:
    link = get_link_by_global_id(client, source, global_id)
    upsert_link(client, target, link_to_request(link))


def reread(client: JiraClient, issue: str, link_id: int) -> str | None:
    link = get_link(client, issue, link_id)
    replace_link(client, issue, link_id, link_to_request(link))
    return link.global_id


def clean_up(client: JiraClient, issue: str, global_id: str) -> None:
    try:
        delete_links_by_global_id(client, issue, global_id)
    except NotFoundError:
        pass
    except RateLimitedError as error:
        wait: float | None = error.retry_after
        print(error.reason, error.is_quota, wait)
    for link in list_links(client, issue):
        delete_link(client, issue, link.id)


def add_page(client: JiraClient, issue: str) -> int:
    page = confluence_page_link(app_id="app", page_id=1, page_url="https://x.atlassian.net/wiki/p/1", title="Doc")
    return upsert_link(client, issue, page).id


async def count(client: JiraClient, issue: str, global_id: str) -> tuple[int, str | None]:
    links = await alist_links(client, issue)
    one = await aget_link_by_global_id(client, issue, global_id)
    return len(links), one.relationship


def main() -> None:
    with connect_jira("https://x.atlassian.net", email="a@b.c", api_token="t", api_version=3) as client:
        print(titles(client, "MKY-1"))
"""


def readme_example() -> str:
    text = README.read_text(encoding="utf-8")
    after_marker = text.split(MARKER, 1)[1]
    found = re.search(r"```python\n(.*?)```", after_marker, re.DOTALL)
    assert found is not None, "the README example block is missing"
    return found.group(1)


def test_readme_example_runs_against_the_fake(fake_jira: RunningFake) -> None:
    environment = {
        **os.environ,
        "JIRA_BASE_URL": fake_jira.base_url,
        "JIRA_EMAIL": "demo@example.com",
        "JIRA_API_TOKEN": "fake-api-token",
    }
    first = run_example(environment)
    assert first.returncode == 0, first.stderr
    assert first.stdout.split() == ["created", "TSTSUP-111", "causes", "404"]
    second = run_example(environment)
    assert second.stdout.split() == ["updated", "TSTSUP-111", "causes", "404"]


def run_example(environment: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", readme_example()],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# The pre-typed style, which the check must refuse to show that it can fail: a read optional used unnarrowed.
UNNARROWED = """
from jira_remote_links_client.models import RemoteIssueLinkRequest


def global_id_length(link: RemoteIssueLinkRequest) -> int:
    return len(link.global_id)
"""


def test_readme_example_and_a_typical_user_module_pass_mypy_strict(tmp_path: Path) -> None:
    (tmp_path / "readme_example.py").write_text(readme_example())
    (tmp_path / "typical_user.py").write_text(TYPICAL_USER_MODULE)
    (tmp_path / "unnarrowed.py").write_text(UNNARROWED)
    # As a user's project sees the library: strict on their code; the package is checked like an installed
    # one, where mypy reports nothing inside it (the hand-written layer is checked by `make lint`).
    (tmp_path / "mypy.ini").write_text(
        "[mypy]\n"
        "strict = True\n"
        f"mypy_path = {REPO / 'src'}:{REPO / 'generated'}\n"
        "[mypy-jira_remote_links.*,jira_remote_links_client.*,fake_jira.*]\n"
        "ignore_errors = True\n"
    )
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", "mypy.ini", "--cache-dir", ".mypy_cache", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    errors = [line for line in checked.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1, checked.stdout + checked.stderr
    assert errors[0].startswith('unnarrowed.py:6: error: Argument 1 to "len" has incompatible type')
    assert "Found 1 error in 1 file (checked 3 source files)" in checked.stdout
