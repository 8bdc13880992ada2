"""The contract suite's fixtures for the checkout's tests of the suite itself (mutation hunts, reports).

They are the suite's own fixtures, imported from its conftest: these tests live beside the suite, not in
the installed package, but talk to the same target (the built-in fake) the same way.
"""

from jira_remote_links_contract.conftest import admin, admin_session, budget, client, links, target

__all__ = ["admin", "admin_session", "budget", "client", "links", "target"]
