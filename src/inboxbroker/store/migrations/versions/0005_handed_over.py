"""Sending: when a draft was handed to the SMTP server, so a send cut short there is never repeated blindly.

A draft left ``sending`` without ``handed_over_at`` never reached the server and is sent; with it, and with no
copy in the Sent folder, it may have gone out, and a person decides.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("draft", recreate="auto") as batch:
        batch.add_column(sa.Column("handed_over_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("draft", recreate="auto") as batch:
        batch.drop_column("handed_over_at")
