"""Initial schema: every table of DESIGN.md §3 and the per-dialect résumé full-text index.

Written by hand and frozen: later changes go in new revisions, never here. Constraint names are spelled
out (they match schema.py's naming convention) so later migrations can address them on every dialect.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def _id(table: str) -> list[Any]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def _fk(table: str, column: str, target: str, ondelete: str, nullable: bool = False) -> list[Any]:
    return [
        sa.Column(column, sa.Integer(), nullable=nullable),
        sa.ForeignKeyConstraint(
            [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
        ),
    ]


def _check(table: str, column: str, values: tuple[str, ...]) -> sa.CheckConstraint:
    allowed = ", ".join(repr(v) for v in values)
    return sa.CheckConstraint(f"{column} IN ({allowed})", name=op.f(f"ck_{table}_{column}"))


def _index(table: str, *columns: str, unique: bool = False) -> None:
    op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns), unique=unique)


def upgrade() -> None:
    op.create_table(
        "mailbox",
        *_id("mailbox"),
        sa.Column("account", sa.String(255), nullable=False),
        sa.Column("folder", sa.String(1024), nullable=False),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=True),
        sa.Column("last_uid", sa.BigInteger(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("account", "folder", name=op.f("uq_mailbox_account_folder")),
    )
    op.create_table(
        "message",
        *_id("message"),
        *_fk("message", "mailbox_id", "mailbox", "CASCADE"),
        sa.Column("uidvalidity", sa.BigInteger(), nullable=True),
        sa.Column("uid", sa.BigInteger(), nullable=True),
        sa.Column("source_key", sa.String(1024), nullable=True),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("message_id_header", sa.String(998), nullable=True),
        sa.Column("subject", sa.Text(), nullable=True),
        sa.Column("received_at", TS, nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("label", sa.String(32), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("trace", sa.JSON(), nullable=True),
        sa.Column("action_state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("processed_at", TS, nullable=True),
        sa.UniqueConstraint(
            "mailbox_id", "uidvalidity", "uid", name=op.f("uq_message_mailbox_id_uidvalidity_uid")
        ),
        sa.UniqueConstraint("mailbox_id", "sha256", name=op.f("uq_message_mailbox_id_sha256")),
        _check("message", "state", ("new", "processed", "quarantined")),
        _check("message", "action_state", ("none", "pending", "done")),
    )
    _index("message", "state")
    _index("message", "mailbox_id", "action_state")
    _index("message", "message_id_header")

    op.create_table(
        "person",
        *_id("person"),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("name", sa.String(255), nullable=True),
        sa.Column("phone", sa.String(32), nullable=True),
        sa.Column("linkedin", sa.String(512), nullable=True),
        sa.Column("organization", sa.String(255), nullable=True),
        sa.Column("role", sa.String(255), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("email", name=op.f("uq_person_email")),
    )
    op.create_table(
        "request",
        *_id("request"),
        *_fk("request", "message_id", "message", "CASCADE"),
        *_fk("request", "requester_id", "person", "SET NULL", nullable=True),
        *_fk("request", "forwarded_by_id", "person", "SET NULL", nullable=True),
        sa.Column("label", sa.String(32), nullable=False),
        sa.Column("probability", sa.Float(), nullable=True),
        sa.Column("model_version", sa.String(64), nullable=True),
        sa.Column("rule_hits", sa.JSON(), nullable=True),
        sa.Column("topic", sa.Text(), nullable=True),
        sa.Column("format", sa.String(16), nullable=True),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("proposed_times", sa.JSON(), nullable=True),
        sa.Column("timezone", sa.String(64), nullable=True),
        sa.Column("referral", sa.Text(), nullable=True),
        sa.Column("forward_note", sa.Text(), nullable=True),
        sa.Column("extraction", sa.JSON(), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("message_id", name=op.f("uq_request_message_id")),
        _check("request", "state", ("new", "drafted", "approved", "sent", "declined", "needs_triage")),
    )
    _index("request", "state")
    _index("request", "requester_id")

    op.create_table(
        "attachment",
        *_id("attachment"),
        *_fk("attachment", "message_id", "message", "CASCADE"),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("declared_type", sa.String(255), nullable=True),
        sa.Column("sniffed_type", sa.String(255), nullable=True),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("is_resume", sa.Boolean(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    _index("attachment", "message_id")

    op.create_table(
        "resume",
        *_id("resume"),
        *_fk("resume", "person_id", "person", "CASCADE", nullable=True),
        *_fk("resume", "attachment_id", "attachment", "CASCADE", nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
    )
    _index("resume", "person_id")
    _index("resume", "attachment_id")
    _resume_full_text()

    op.create_table(
        "interviewer",
        *_id("interviewer"),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("topics", sa.JSON(), nullable=True),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("working_hours", sa.String(255), nullable=True),
        sa.Column("busy_source", sa.String(1024), nullable=True),
        sa.Column("capacity_per_month", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("email", name=op.f("uq_interviewer_email")),
    )
    op.create_table(
        "draft",
        *_id("draft"),
        *_fk("draft", "request_id", "request", "CASCADE"),
        *_fk("draft", "interviewer_id", "interviewer", "SET NULL", nullable=True),
        sa.Column("template", sa.String(255), nullable=False),
        sa.Column("message_id_header", sa.String(998), nullable=False),
        sa.Column("to_addrs", sa.JSON(), nullable=False),
        sa.Column("cc_addrs", sa.JSON(), nullable=True),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("html", sa.Text(), nullable=True),
        sa.Column("ics", sa.Text(), nullable=True),
        sa.Column("slots", sa.JSON(), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("approved_by", sa.String(255), nullable=True),
        sa.Column("approved_at", TS, nullable=True),
        sa.Column("rejected_reason", sa.Text(), nullable=True),
        sa.Column("sent_at", TS, nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("message_id_header", name=op.f("uq_draft_message_id_header")),
        _check("draft", "state", ("pending", "approved", "sending", "sent", "rejected")),
    )
    _index("draft", "state")
    _index("draft", "request_id")

    op.create_table(
        "meeting",
        *_id("meeting"),
        *_fk("meeting", "request_id", "request", "CASCADE"),
        *_fk("meeting", "interviewer_id", "interviewer", "SET NULL", nullable=True),
        *_fk("meeting", "draft_id", "draft", "SET NULL", nullable=True),
        sa.Column("ical_uid", sa.String(255), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("start_utc", TS, nullable=False),
        sa.Column("end_utc", TS, nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.UniqueConstraint("ical_uid", name=op.f("uq_meeting_ical_uid")),
        _check("meeting", "state", ("tentative", "confirmed", "cancelled")),
    )
    _index("meeting", "request_id")

    op.create_table(
        "feedback",
        *_id("feedback"),
        *_fk("feedback", "message_id", "message", "CASCADE"),
        sa.Column("old_label", sa.String(32), nullable=True),
        sa.Column("new_label", sa.String(32), nullable=False),
        sa.Column("actor", sa.String(255), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
    )
    _index("feedback", "message_id")

    op.create_table(
        "audit",
        *_id("audit"),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor", sa.String(255), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("object_type", sa.String(32), nullable=True),
        sa.Column("object_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
    )
    _index("audit", "object_type", "object_id")

    op.create_table(
        "run",
        *_id("run"),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS, nullable=True),
        sa.Column("source", sa.String(1024), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=True),
        sa.Column("exit_code", sa.Integer(), nullable=True),
    )


def _resume_full_text() -> None:
    """SQLite: an external-content FTS5 table plus triggers; PostgreSQL: a GIN index on a tsvector."""
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        # Must match schema.RESUME_TSVECTOR exactly, or searches will not use the index.
        op.execute(
            "CREATE INDEX ix_resume_text_fts ON resume USING gin (to_tsvector('english', coalesce(text, '')))"
        )
    elif dialect == "sqlite":
        # External content: the text lives once, in resume; the triggers keep the index in step, and the
        # delete trigger is what makes `forget` (DESIGN §4.9) remove a résumé from search too.
        op.execute(
            "CREATE VIRTUAL TABLE resume_fts USING fts5("
            "text, content='resume', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
        )
        op.execute(
            "CREATE TRIGGER resume_fts_insert AFTER INSERT ON resume BEGIN "
            "INSERT INTO resume_fts(rowid, text) VALUES (new.id, new.text); END"
        )
        op.execute(
            "CREATE TRIGGER resume_fts_delete AFTER DELETE ON resume BEGIN "
            "INSERT INTO resume_fts(resume_fts, rowid, text) VALUES ('delete', old.id, old.text); END"
        )
        op.execute(
            "CREATE TRIGGER resume_fts_update AFTER UPDATE OF text ON resume BEGIN "
            "INSERT INTO resume_fts(resume_fts, rowid, text) VALUES ('delete', old.id, old.text); "
            "INSERT INTO resume_fts(rowid, text) VALUES (new.id, new.text); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS resume_fts")  # its triggers go with the resume table
    for table in (
        "run",
        "audit",
        "feedback",
        "meeting",
        "draft",
        "interviewer",
        "resume",
        "attachment",
        "request",
        "person",
        "message",
        "mailbox",
    ):
        op.drop_table(table)
