"""Migrations, engine settings and the résumé full-text index, on SQLite and PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Engine

from inboxbroker.errors import StoreError, StoreUnreachableError
from inboxbroker.store import migrate, schema
from inboxbroker.store.ledger import Store
from support.corpus import require_service

TABLES = {
    "mailbox",
    "message",
    "message_raw",
    "person",
    "request",
    "attachment",
    "resume",
    "interviewer",
    "draft",
    "meeting",
    "feedback",
    "audit",
    "run",
    "app_user",
}


def test_migrations_are_idempotent(store_url: str) -> None:
    with Store.open(store_url) as first:
        first.start_run("imap")
    with Store.open(store_url) as again, again.engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision() == migrate.HEAD_REVISION
        assert set(sa.inspect(conn).get_table_names()) >= TABLES
        assert again.stats()["last_run"]["source"] == "imap"  # nothing was recreated
    with Store.open(store_url, migrate=False) as unmigrated:
        assert unmigrated.dialect in {"sqlite", "postgresql"}


def test_two_processes_opening_at_once_both_succeed(store_url: str) -> None:
    def open_and_use(n: int) -> int:
        with Store.open(store_url) as store:
            return store.mailbox("shared@example.org", "INBOX").id

    with ThreadPoolExecutor(max_workers=4) as pool:
        ids = list(pool.map(open_and_use, range(4)))
    assert len(set(ids)) == 1


def test_schema_matches_the_migrations(store_url: str) -> None:
    """schema.py and the hand-written migrations must describe the same database."""
    with Store.open(store_url) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "include_object": lambda obj, name, type_, reflected, compare_to: (
                    not (reflected and (name or "").startswith(("search_", "ix_search_doc")))
                ),
            },
        )
        assert compare_metadata(context, schema.metadata) == []


def test_resume_text_is_full_text_searchable(store_url: str) -> None:
    """The triggers of 0004 keep the per-person index in step on insert, update and delete."""
    resume, person = schema.Resume, schema.Person
    with Store.open(store_url) as store:
        with store.engine.begin() as conn:
            now = schema.utcnow()
            conn.execute(
                person.insert(),
                [{"email": f"p{i}@example.org", "created_at": now, "updated_at": now} for i in (1, 2)],
            )
            conn.execute(
                resume.insert(),
                [
                    {
                        "person_id": 1,
                        "text": "Data scientist; machine learning with Python",
                        "created_at": now,
                    },
                    {"person_id": 2, "text": "Pastry chef, ten years of croissants", "created_at": now},
                ],
            )
        assert [h.email for h in store.search.search("learning")] == ["p1@example.org"]  # stemmed
        with store.engine.begin() as conn:
            conn.execute(resume.update().where(resume.c.id == 1).values(text="now a baker"))
            conn.execute(resume.delete().where(resume.c.id == 2))
        assert store.search.search("learning") == []
        assert store.search.search("croissants") == []  # forget removes it from search
        assert store.search.rebuild() == 2
        assert [h.email for h in store.search.search("baker")] == ["p1@example.org"]


def test_sqlite_engine_settings(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'deep' / 'er' / 'db.sqlite3'}"  # parent folders are created
    with Store.open(url) as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_sqlite_writer_takes_the_lock_up_front(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    with Store.open(url) as store:
        statements: list[str] = []
        sa.event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        store.mailbox("a", "INBOX")
        list(store.pending())
        assert "BEGIN IMMEDIATE" in statements
        assert statements.count("BEGIN IMMEDIATE") == 1  # the read in pending() did not take the write lock


def test_in_memory_sqlite_works(tmp_path: Path) -> None:
    with Store.open("sqlite://") as store:
        assert store.ingest_local("eml:/x", "a.eml", b"Subject: a\r\n\r\nbody").is_new


def test_bad_urls_say_what_to_fix() -> None:
    with pytest.raises(StoreError, match="not supported"):
        Store.open("mysql://localhost/x")
    with pytest.raises(StoreError, match="not a database URL"):
        Store.open("just a path")
    with pytest.raises(StoreUnreachableError, match=r"cannot reach the database server at 127\.0\.0\.1:1 "):
        Store.open("postgresql://nobody@127.0.0.1:1/none?connect_timeout=1")


def test_head_revision_constant_matches_the_migrations() -> None:
    """Runs on a current database skip importing Alembic by comparing against this constant."""
    assert migrate.head_revision() == migrate.HEAD_REVISION


def test_the_store_does_not_import_the_orm() -> None:
    """schema.py is plain Core: importing sqlalchemy.orm would cost every cron run a tenth of a second."""
    probe = (
        "import sys, inboxbroker.store.ledger; print(sorted(m for m in sys.modules if 'sqlalchemy.orm' in m))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_upgrading_a_populated_database_keeps_its_drafts_and_meetings(store_url: str) -> None:
    """SQLite rebuilds a table to change a CHECK; with foreign keys on, that would cascade into its drafts."""
    from inboxbroker.store.session import create_engine

    engine = create_engine(store_url)
    try:
        migrate.upgrade(engine, "0001")
        stamp = "'2026-01-01 00:00:00'"
        with engine.begin() as conn:
            for statement in (
                f"INSERT INTO mailbox(account, folder, last_uid, created_at, updated_at) "
                f"VALUES ('a', 'INBOX', 0, {stamp}, {stamp})",
                "INSERT INTO message(mailbox_id, raw, size, sha256, state, action_state, attempts, created_at) "
                f"VALUES (1, 'x', 1, 'h', 'processed', 'none', 0, {stamp})",
                "INSERT INTO request(message_id, label, state, created_at, updated_at) "
                f"VALUES (1, 'interview_request', 'drafted', {stamp}, {stamp})",
                "INSERT INTO draft(request_id, template, message_id_header, to_addrs, subject, text, state, "
                f"created_at, updated_at) VALUES (1, 't', '<m@x>', '[]', 's', 'b', 'pending', {stamp}, {stamp})",
                "INSERT INTO meeting(request_id, ical_uid, sequence, start_utc, end_utc, timezone, state, "
                f"created_at, updated_at) VALUES (1, 'u', 0, {stamp}, {stamp}, 'UTC', 'tentative', {stamp}, {stamp})",
            ):
                conn.exec_driver_sql(statement)
        migrate.upgrade(engine)
        with engine.begin() as conn:
            assert conn.exec_driver_sql("SELECT purpose, dedupe_key FROM draft").all() == [
                ("reply", "legacy:1")
            ]
            assert conn.exec_driver_sql("SELECT count(*) FROM meeting").scalar() == 1
            conn.exec_driver_sql("UPDATE request SET state = 'needs_attention'")  # the new states are allowed
            if engine.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # switched back on
        with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
            conn.exec_driver_sql("UPDATE request SET state = 'bogus'")  # and the CHECK is still there
    finally:
        engine.dispose()


def test_a_database_server_that_answers_and_refuses_is_not_unreachable(
    postgres_database: tuple[str, str] | None,
) -> None:
    """Exit 69 is for "nobody there"; a missing database or a refused login is a StoreError to fix."""
    require_service(postgres_database is not None, "PostgreSQL at 127.0.0.1:5432")
    assert postgres_database is not None
    user, _ = postgres_database
    with pytest.raises(StoreError, match="cannot open the database") as info:
        Store.open(f"postgresql://{user}@127.0.0.1:5432/no_such_database_ib9")
    assert not isinstance(info.value, StoreUnreachableError)
    assert info.value.exit_code == 1


def test_message_bytes_move_to_their_own_table_and_back(store_url: str) -> None:
    """0007 copies every message's bytes to message_raw (retention's emptied ones excepted) and drops the
    column; its downgrade puts them back. Bytes that are not valid text must come through untouched."""
    from inboxbroker.store.session import create_engine

    engine = create_engine(store_url)
    stamp = "'2026-01-01 00:00:00'"
    raws = {1: b"Subject: a\r\n\r\n\xff\xfe\x00 binary", 2: b"", 3: b"Subject: c\r\n\r\nthird"}
    try:
        migrate.upgrade(engine, "0006")
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO mailbox(account, folder, last_uid, created_at, updated_at) "
                f"VALUES ('a', 'INBOX', 0, {stamp}, {stamp})"
            )
            for id_, raw in raws.items():
                conn.execute(
                    sa.text(
                        "INSERT INTO message(id, mailbox_id, raw, size, sha256, state, action_state, attempts, "
                        f"created_at) VALUES (:id, 1, :raw, :size, :sha, 'processed', 'none', 0, {stamp})"
                    ),
                    {"id": id_, "raw": raw, "size": len(raw), "sha": f"h{id_}"},
                )
        migrate.upgrade(engine)
        with engine.begin() as conn:
            moved = dict(conn.execute(sa.text("SELECT message_id, raw FROM message_raw")).all())
            assert {k: bytes(v) for k, v in moved.items()} == {1: raws[1], 3: raws[3]}
            assert "raw" not in {c["name"] for c in sa.inspect(conn).get_columns("message")}
            conn.exec_driver_sql("DELETE FROM message WHERE id = 3")  # its bytes go with it
            assert conn.exec_driver_sql("SELECT count(*) FROM message_raw").scalar() == 1
        _downgrade(engine, "0006")
        with engine.begin() as conn:
            back = dict(conn.execute(sa.text("SELECT id, raw FROM message")).all())
            assert {k: bytes(v) for k, v in back.items()} == {1: raws[1], 2: b""}
            assert not sa.inspect(conn).has_table("message_raw")
        migrate.upgrade(engine)
        with engine.begin() as conn:
            again = dict(conn.execute(sa.text("SELECT message_id, raw FROM message_raw")).all())
            assert {k: bytes(v) for k, v in again.items()} == {1: raws[1]}
    finally:
        engine.dispose()


def _downgrade(engine: Engine, revision: str) -> None:
    """Alembic's downgrade, as ``migrate.upgrade`` runs an upgrade (SQLite: foreign keys off meanwhile)."""
    from alembic import command

    with engine.connect() as conn:
        driver = conn.connection.dbapi_connection
        assert driver is not None
        if engine.dialect.name == "sqlite":
            driver.execute("PRAGMA foreign_keys = OFF")
        with conn.begin():
            command.downgrade(migrate.alembic_config(conn), revision)
        if engine.dialect.name == "sqlite":
            driver.execute("PRAGMA foreign_keys = ON")
