"""A message's bytes move to their own table, ``message_raw``, apart from its processing state.

SQLite writes a row anew, overflow pages and all, when an update changes its size: every message marked
processed (state, label, trace) rewrote its bytes too, a second copy of the whole backlog through the
write-ahead log, and most of the database's share of a backlog import (profiled: 3 of 10 seconds of the
storing process at 10,000 messages). Bytes written once and never updated cost that once. PostgreSQL keeps
large values out of line already; the one layout serves both.

Existing bytes are copied over, then the column is dropped (SQLite ≥ 3.35 drops it in place). The file
keeps the freed pages until a VACUUM, as after any large delete.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "message_raw",
        sa.Column(
            "message_id",
            sa.Integer(),
            sa.ForeignKey("message.id", ondelete="CASCADE"),
            primary_key=True,
            autoincrement=False,
        ),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
    )
    # Retention emptied some (size 0): they get no row, as retention now deletes the row.
    op.execute("INSERT INTO message_raw (message_id, raw) SELECT id, raw FROM message WHERE size > 0")
    with op.batch_alter_table("message", recreate="never") as batch:
        batch.drop_column("raw")


def downgrade() -> None:
    # An empty default stands for the bytes retention emptied (a blob literal: SQLite would store text).
    empty = "X''" if op.get_bind().dialect.name == "sqlite" else "''"
    with op.batch_alter_table("message", recreate="never") as batch:
        batch.add_column(sa.Column("raw", sa.LargeBinary(), nullable=False, server_default=sa.text(empty)))
    op.execute(
        "UPDATE message SET raw = (SELECT r.raw FROM message_raw r WHERE r.message_id = message.id) "
        "WHERE id IN (SELECT message_id FROM message_raw)"
    )
    op.drop_table("message_raw")
