"""Shared fixtures. Service fixtures live in tests/support/ and are loaded as plugins."""

pytest_plugins: list[str] = ["support.dovecot", "support.postgres", "support.radicale"]
