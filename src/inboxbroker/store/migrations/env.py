"""Alembic environment: runs the migrations on the connection ``store.migrate`` hands over.

There is no alembic.ini and no URL here on purpose: the store opens the engine (with its SQLite pragmas)
and its transaction (with its lock), then Alembic works inside it.
"""

from __future__ import annotations

from alembic import context

from inboxbroker.store.schema import RESUME_FTS_TABLE, metadata

# Full-text objects are made per dialect in raw SQL (0001_initial); autogenerate must not try to drop them.
_HAND_MADE = ("ix_resume_text_fts", RESUME_FTS_TABLE)


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return not (reflected and name is not None and name.startswith(_HAND_MADE))


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through inboxbroker.store.migrate.upgrade(), not the alembic command")

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite cannot ALTER most things in place; batch mode recreates the table for later migrations.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
