"""Engine creation and transaction boundaries for SQLite and PostgreSQL.

SQLite gets WAL (readers never block the writer), foreign keys, a 5 s busy timeout and ``BEGIN IMMEDIATE``
for writers, so two processes serialise on the write lock up front instead of failing half-way through a
transaction when a deferred read lock cannot be upgraded. PostgreSQL goes through psycopg 3.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.pool import StaticPool

from inboxbroker.errors import ConfigError, StoreError, StoreUnavailableError, StoreUnreachableError

BUSY_TIMEOUT_MS = 5000
WRITER_OPTION = "inboxbroker_writer"  # execution option that turns the SQLite BEGIN into BEGIN IMMEDIATE
# libpq quotes a server's own refusal with its severity: that server was reached.
_SERVER_SAID = re.compile(r"\b(FATAL|ERROR|PANIC):")


def normalise_url(url: str) -> URL:
    """Parse a store URL; a bare ``postgresql://`` means psycopg 3, the driver we ship with."""
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError as exc:
        raise StoreError(
            f"store.url: {url!r} is not a database URL (sqlite:///PATH or postgresql://…)"
        ) from exc
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise StoreError(f"store.url: {parsed.get_backend_name()} is not supported; use sqlite or postgresql")
    return parsed


def _is_memory(url: URL) -> bool:
    return url.database in (None, "", ":memory:") or bool(url.query.get("mode") == "memory")


def create_engine(url: str) -> Engine:
    """An engine for ``url`` with our per-dialect settings; the caller disposes it."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    # Keepalives: a worker whose machine vanished without closing its socket loses its leases (advisory
    # locks) within about a minute, instead of the kernel's two hours.
    keepalives = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3}
    connect_args = {k: v for k, v in keepalives.items() if k not in parsed.query}
    try:
        return sa.create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    except ModuleNotFoundError as exc:  # the driver is an extra: a wheel installed without it
        raise ConfigError(
            "store.url",
            f"the {parsed.get_backend_name()} driver ({exc.name}) is not installed: "
            "pip install 'inboxbroker[postgres]'",
        ) from exc


def _sqlite_engine(url: URL) -> Engine:
    kwargs: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_MS / 1000}}
    if _is_memory(url):
        # One shared connection, or every checkout would see a different empty database.
        kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        assert url.database is not None
        path = Path(url.database).expanduser()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not url.database.startswith("file:"):  # a URI filename is the caller's business
                _create_private(path)
        except OSError as exc:
            raise StoreError(f"store.url: cannot create {url.database}: {exc}") from exc
    engine = sa.create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take BEGIN away from the sqlite3 module (it would defer it and skip it for DDL); see _on_begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if not _is_memory(url):
                _switch_to_wal(cursor)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql(
            "BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITER_OPTION) else "BEGIN"
        )

    return engine


def _switch_to_wal(cursor: Any) -> None:
    """``PRAGMA journal_mode = WAL``, waiting out other connections doing the same.

    SQLite answers "database is locked" at once, without its busy handler, when connections opening a new
    database switch it together (seen with four processes opening one store at the same moment).
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def reach(engine: Engine) -> None:
    """Open one connection; raises ``StoreUnreachableError`` when no database server answers.

    A first contact of its own, so "nobody is there" (exit 69) is told apart from a server that answers and
    refuses (a wrong password, a missing database) or a migration that fails: those stay ``StoreError``.
    """
    try:
        with engine.connect():
            pass
    except sa.exc.DBAPIError as exc:
        text = str(exc.orig)
        # SQLite has no server. libpq gives a failed connection no SQLSTATE, but quotes a server's own
        # refusal (no such database, a wrong password) with its severity: that server was reached.
        if (
            engine.dialect.name == "sqlite"
            or getattr(exc.orig, "sqlstate", None)
            or _SERVER_SAID.search(text)
        ):
            raise
        url = engine.url
        where = f"{url.host}:{url.port or 5432}" if url.host else "its local socket"
        reason = (text.strip().splitlines() or [type(exc.orig).__name__])[0]
        raise StoreUnreachableError(
            f"cannot reach the database server at {where} (database {url.database}): {reason}; "
            "check the host and port in store.url, and that the server is running"
        ) from None


def _create_private(path: Path) -> None:
    """Create the database file 0600 before SQLite does (it would follow the umask, often 0644).

    It holds people's mail and résumés. SQLite gives the -wal and -shm files the database file's mode, so
    they are private too. An existing file keeps the mode its owner chose.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction: committed on success, rolled back on any exception.

    An ``OperationalError`` (locked past the busy timeout, disk full, the server gone) is the store's fault,
    never the data's, so it becomes a ``StoreError`` that stops a run instead of costing a message.
    """
    try:
        with engine.execution_options(**{WRITER_OPTION: True}).begin() as conn:
            yield conn
    except sa.exc.OperationalError as exc:
        raise StoreUnavailableError(f"the store cannot be written: {first_line(exc)}") from exc


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """One read-only snapshot (deferred BEGIN on SQLite, so it never takes the write lock)."""
    try:
        with engine.connect() as conn:
            try:
                yield conn
            finally:
                conn.rollback()
    except sa.exc.OperationalError as exc:
        raise StoreUnavailableError(f"the store cannot be read: {first_line(exc)}") from exc


def first_line(exc: BaseException) -> str:
    """The driver's own words, without the statement and parameters (a message's content) SQLAlchemy adds."""
    text = str(getattr(exc, "orig", None) or exc)
    return text.splitlines()[0][:300] if text else type(exc).__name__


def dialect_insert(conn: Connection, table: sa.Table) -> Any:
    """The dialect's own INSERT for ``table``, which has ``on_conflict_do_nothing`` on SQLite and PostgreSQL.

    Only the dialect in use is imported (start-up time of every cron run).
    """
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table)
