"""Drafting: request states joined/needs_attention with a reason and a parent, draft purpose and dedupe key,
held slots and the requester's answer on meetings.

SQLite cannot alter a CHECK constraint, so its tables are rebuilt in batch mode; ``store.migrate`` turns
foreign keys off around a rebuild (SQLite's own procedure), or dropping ``request`` would cascade into drafts.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

REQUEST_STATES = (
    "new",
    "drafted",
    "approved",
    "sent",
    "declined",
    "needs_triage",
    "joined",
    "needs_attention",
)
MEETING_STATES = ("held", "released", "tentative", "confirmed", "cancelled")
DRAFT_PURPOSES = ("reply", "confirm", "cancel", "forwarder_note")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    with op.batch_alter_table("request", recreate="auto") as batch:
        batch.add_column(sa.Column("state_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_request_parent_id_request"), "request", ["parent_id"], ["id"], ondelete="SET NULL"
        )
        batch.drop_constraint(op.f("ck_request_state"), type_="check")
        batch.create_check_constraint(op.f("ck_request_state"), _in("state", REQUEST_STATES))
        batch.create_index(op.f("ix_request_parent_id"), ["parent_id"])

    with op.batch_alter_table("draft", recreate="auto") as batch:
        batch.add_column(sa.Column("purpose", sa.String(32), nullable=False, server_default="reply"))
        # Existing drafts (none were made before this revision, but be safe) get their own id as the key.
        batch.add_column(sa.Column("dedupe_key", sa.String(255), nullable=True))
        batch.add_column(sa.Column("rule", sa.Text(), nullable=True))
        batch.add_column(sa.Column("match_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("mime", sa.LargeBinary(), nullable=True))
        batch.create_check_constraint(op.f("ck_draft_purpose"), _in("purpose", DRAFT_PURPOSES))
    op.execute("UPDATE draft SET dedupe_key = 'legacy:' || CAST(id AS VARCHAR(20)) WHERE dedupe_key IS NULL")
    with op.batch_alter_table("draft", recreate="auto") as batch:
        batch.alter_column("purpose", server_default=None)
        batch.alter_column("dedupe_key", existing_type=sa.String(255), nullable=False)
        batch.create_unique_constraint(op.f("uq_draft_dedupe_key"), ["dedupe_key"])

    with op.batch_alter_table("meeting", recreate="auto") as batch:
        batch.add_column(sa.Column("partstat", sa.String(16), nullable=True))
        batch.drop_constraint(op.f("ck_meeting_state"), type_="check")
        batch.create_check_constraint(op.f("ck_meeting_state"), _in("state", MEETING_STATES))
        batch.create_index(op.f("ix_meeting_interviewer_id_state"), ["interviewer_id", "state"])


def downgrade() -> None:
    raise NotImplementedError("inboxbroker migrates forward only; restore a backup to go back")
