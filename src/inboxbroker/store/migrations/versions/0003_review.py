"""Review and sending: accounts of the web page, the draft's send bookkeeping and edits, a ``failed`` state.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
DRAFT_STATES = ("pending", "approved", "sending", "sent", "rejected", "failed")


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", TS, nullable=True),
        sa.Column("last_login_at", TS, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("name", name=op.f("uq_app_user_name")),
    )
    with op.batch_alter_table("draft", recreate="auto") as batch:
        batch.add_column(sa.Column("send_error", sa.Text(), nullable=True))
        batch.add_column(sa.Column("send_attempts", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("next_attempt_at", TS, nullable=True))
        batch.add_column(sa.Column("edited_by", sa.String(255), nullable=True))
        batch.add_column(sa.Column("edited_at", TS, nullable=True))
        batch.drop_constraint(op.f("ck_draft_state"), type_="check")
        batch.create_check_constraint(
            op.f("ck_draft_state"), f"state IN ({', '.join(repr(s) for s in DRAFT_STATES)})"
        )
    with op.batch_alter_table("draft", recreate="auto") as batch:
        batch.alter_column("send_attempts", server_default=None)


def downgrade() -> None:
    raise NotImplementedError("inboxbroker migrates forward only; restore a backup to go back")
