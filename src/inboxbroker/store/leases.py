"""Leases that hold across machines: PostgreSQL advisory locks, one per piece of work.

Several ``watch`` workers may share one PostgreSQL store; a file lock only keeps apart the processes of one
machine. A session-level advisory lock is held on a connection of its own for as long as the work lasts, and
PostgreSQL drops it the moment that session ends — a worker killed mid-batch frees its mailbox for the
others at once, with no expiry to wait out (a machine that vanishes without closing its socket is noticed by
TCP keepalives, which ``create_engine`` turns on). SQLite lives on one machine: there the file lock is the
whole story, and this module lends nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from inboxbroker.errors import StoreUnavailableError
from inboxbroker.store.session import first_line


def lease_key(name: str) -> int:
    """A stable signed 64-bit key for ``name`` (advisory locks are keyed by bigint)."""
    digest = hashlib.sha256(f"inboxbroker:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def advisory_lease(engine: Engine, name: str) -> Iterator[bool]:
    """Yield True while this process holds the lease ``name``; False when another session holds it."""
    if engine.dialect.name != "postgresql":
        yield True
        return
    key = lease_key(name)
    try:
        conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    except sa.exc.OperationalError as exc:
        raise StoreUnavailableError(f"the store cannot be reached: {first_line(exc)}") from exc
    try:
        held = bool(conn.execute(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
        if not held:
            yield False
            return
        try:
            yield True
        finally:
            with suppress(sa.exc.DBAPIError):  # the session is gone, and the lock with it
                conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
    finally:
        conn.close()
