"""Bring a database to the newest schema with Alembic, programmatically and safely under concurrency.

Users never see Alembic: there is no alembic.ini on disk; the Config is built here with script_location
pointing at the packaged ``migrations`` folder. Two processes opening the same database at once serialise on
a lock (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: a transaction-scoped advisory lock), so the second finds the
schema current and does nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from inboxbroker.errors import StoreError
from inboxbroker.store.session import WRITER_OPTION, reading, writing

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The newest revision in migrations/versions. Comparing against it lets a run on a current database skip
# importing Alembic at all (a tenth of a second of every cron run); a test keeps it equal to Alembic's head.
HEAD_REVISION = "0007"
# An arbitrary constant shared by every inboxbroker process: the advisory lock guarding migrations.
_PG_MIGRATION_LOCK = 0x1B0C_B20C


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The stamped revision, read with plain SQL; None for a database never migrated."""
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate to ``revision`` in one transaction; a no-op when the database is already there.

    Connection and SQL errors propagate as SQLAlchemy errors (``Store.open`` words them for the user).
    """
    with _migration_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        if revision == "head" and current_revision(conn) == HEAD_REVISION:
            return  # the common case: skip Alembic entirely
        from alembic import command
        from alembic.util import CommandError

        try:
            command.upgrade(alembic_config(conn), revision)
        except CommandError as exc:
            # Typically a database migrated by a newer inboxbroker than this one.
            raise StoreError(
                f"cannot migrate the database: {exc}; upgrade inboxbroker or use another store.url"
            ) from exc
        if conn.dialect.name == "sqlite":
            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:
                raise StoreError(
                    f"the migration left {len(broken)} broken references; the database is unchanged"
                )


@contextmanager
def _migration_transaction(engine: Engine) -> Iterator[Connection]:
    """The write transaction a migration runs in.

    On SQLite, foreign keys are switched off for it (they cannot be switched inside a transaction): a batch
    migration rebuilds a table by dropping it, and with them on, dropping ``request`` would delete every draft
    that references it (ON DELETE CASCADE). ``upgrade`` checks the references before it commits instead.
    """
    if engine.dialect.name != "sqlite":
        with writing(engine) as conn:
            yield conn
        return
    with engine.connect() as outer:
        driver = outer.connection.dbapi_connection
        assert driver is not None
        with reading(engine) as probe:  # the common case, without touching the connection's pragmas
            if current_revision(probe) == HEAD_REVISION:
                yield probe
                return
        driver.execute("PRAGMA foreign_keys = OFF")
        try:
            with outer.execution_options(**{WRITER_OPTION: True}).begin():
                yield outer
        finally:
            driver.execute("PRAGMA foreign_keys = ON")
