"""Pytest plugin: the ``store_url`` fixture, one store per test, on SQLite and on PostgreSQL.

PostgreSQL runs at 127.0.0.1:5432 (trust auth, database ``test``). A throwaway database is created once per
session and every test gets its own schema in it (``search_path`` set in the URL), dropped afterwards: fully
isolated, and much faster than a database per test. Without PostgreSQL the PostgreSQL half skips, except
under CI=true where it fails (``require_service``).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from support.corpus import require_service

PG_HOST, PG_ADMIN_DB = "127.0.0.1", "test"
PG_PORT = int(os.environ.get("INBOXBROKER_TEST_PG_PORT", "5432"))  # another server, for debugging
PG_USERS = ("postgres", "root")


def _pg_connect(user: str, dbname: str) -> Any:
    import psycopg

    return psycopg.connect(
        host=PG_HOST, port=PG_PORT, user=user, dbname=dbname, connect_timeout=3, autocommit=True
    )


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[tuple[str, str] | None]:
    """(user, database) of a database made for this test session, or None when PostgreSQL is unreachable."""
    try:
        import psycopg
    except ImportError:
        yield None
        return
    for user in PG_USERS:
        try:
            admin = _pg_connect(user, PG_ADMIN_DB)
        except psycopg.OperationalError:
            continue
        break
    else:
        yield None
        return
    name = f"inboxbroker_test_{secrets.token_hex(4)}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield user, name
        finally:
            # FORCE: a test that leaked a connection must not leave the database behind.
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def postgres_url(postgres_database: tuple[str, str] | None) -> Iterator[str]:
    """A SQLAlchemy URL whose connections live in a fresh, empty schema of the session's database."""
    require_service(postgres_database is not None, f"PostgreSQL at {PG_HOST}:{PG_PORT}")
    assert postgres_database is not None
    user, database = postgres_database
    schema = f"t_{secrets.token_hex(6)}"
    with _pg_connect(user, database) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    options = quote(f"-csearch_path={schema}")
    try:
        yield f"postgresql+psycopg://{user}@{PG_HOST}:{PG_PORT}/{database}?options={options}"
    finally:
        with _pg_connect(user, database) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database: SQLite in tmp_path, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'var' / 'inboxbroker.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))
