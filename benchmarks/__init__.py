"""Benchmarks for jira-remote-links: our clients and tools side by side with raw httpx and the peer
libraries, against the built-in fake Jira running in its own process on loopback.

Absolute times depend on the machine; the ratios, measured in the same run, are the result.
"""
