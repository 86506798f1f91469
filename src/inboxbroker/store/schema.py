"""The database schema: one SQLAlchemy declarative class per table of DESIGN.md §3.

These classes are the *schema* (``models/`` is the classifier's folder). Nothing outside ``store/`` imports
them; the ledger and later store modules turn rows into plain records. The migrations in
``store/migrations/versions`` create exactly these tables (a test compares the two), plus the per-dialect
full-text index on ``resume.text`` that SQLAlchemy cannot declare portably.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# PostgreSQL: the résumé GIN index is on this exact expression, so a search must repeat it to use the index.
RESUME_TSVECTOR = "to_tsvector('english', coalesce(text, ''))"
# SQLite: an external-content FTS5 table over resume.text, kept in step by triggers (see 0001_initial).
RESUME_FTS_TABLE = "resume_fts"

MESSAGE_STATES = ("new", "processed", "quarantined")
ACTION_STATES = ("none", "pending", "done")
REQUEST_STATES = ("new", "drafted", "approved", "sent", "declined", "needs_triage")
DRAFT_STATES = ("pending", "approved", "sending", "sent", "rejected")
MEETING_STATES = ("tentative", "confirmed", "cancelled")


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(sa.TypeDecorator[datetime]):
    """A timezone-aware timestamp stored as UTC on every dialect.

    SQLite has no time zone type and hands back naive values; this converts on the way in and marks UTC on the
    way out, so callers always see aware datetimes. Naive input is refused rather than guessed.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: timestamps must carry a time zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    # Named constraints so later Alembic migrations can alter them on every dialect (SQLite batch mode too).
    metadata = sa.MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


def _created() -> Mapped[datetime]:
    return mapped_column(UTCDateTime(), default=utcnow)


def _updated() -> Mapped[datetime]:
    return mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


def table_of(cls: type[Base]) -> sa.Table:
    """The Core table of a schema class, typed as such (the ledger writes through Core for speed)."""
    table = cls.__table__
    assert isinstance(table, sa.Table)
    return table


class Mailbox(Base):
    """The ingestion cursor of one folder of one account (``local``/source for Maildir, mbox, .eml)."""

    __tablename__ = "mailbox"
    __table_args__ = (sa.UniqueConstraint("account", "folder"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(sa.String(255))
    folder: Mapped[str] = mapped_column(sa.String(1024))
    uidvalidity: Mapped[int | None] = mapped_column(sa.BigInteger)
    last_uid: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()


class Message(Base):
    """One raw message as received, stored before any processing (DESIGN §4.1), and its processing state."""

    __tablename__ = "message"
    __table_args__ = (
        sa.UniqueConstraint("mailbox_id", "uidvalidity", "uid"),
        sa.UniqueConstraint("mailbox_id", "sha256"),
        sa.CheckConstraint(_in("state", MESSAGE_STATES), name="state"),
        sa.CheckConstraint(_in("action_state", ACTION_STATES), name="action_state"),
        sa.Index(None, "state"),
        sa.Index(None, "mailbox_id", "action_state"),
        sa.Index(None, "message_id_header"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mailbox_id: Mapped[int] = mapped_column(sa.ForeignKey("mailbox.id", ondelete="CASCADE"))
    uidvalidity: Mapped[int | None] = mapped_column(sa.BigInteger)
    uid: Mapped[int | None] = mapped_column(sa.BigInteger)  # None for local sources
    source_key: Mapped[str | None] = mapped_column(sa.String(1024))  # Maildir/.eml filename, mbox index
    raw: Mapped[bytes] = mapped_column(sa.LargeBinary)
    size: Mapped[int] = mapped_column(sa.Integer)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    message_id_header: Mapped[str | None] = mapped_column(sa.String(998))
    subject: Mapped[str | None] = mapped_column(sa.Text)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(sa.String(16), default="new")
    label: Mapped[str | None] = mapped_column(sa.String(32))
    error: Mapped[str | None] = mapped_column(sa.Text)
    trace: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    action_state: Mapped[str] = mapped_column(sa.String(16), default="none")
    attempts: Mapped[int] = mapped_column(sa.Integer, default=0)
    created_at: Mapped[datetime] = _created()
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Person(Base):
    """Someone we heard from or about, merged on their normalised email, never duplicated."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(320), unique=True)  # lower-cased, stripped
    name: Mapped[str | None] = mapped_column(sa.String(255))
    phone: Mapped[str | None] = mapped_column(sa.String(32))  # E.164
    linkedin: Mapped[str | None] = mapped_column(sa.String(512))
    organization: Mapped[str | None] = mapped_column(sa.String(255))
    role: Mapped[str | None] = mapped_column(sa.String(255))
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()


class Request(Base):
    """An interview request read from a message: who asks, who forwarded it, what the pipeline decided."""

    __tablename__ = "request"
    __table_args__ = (
        sa.CheckConstraint(_in("state", REQUEST_STATES), name="state"),
        sa.Index(None, "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(sa.ForeignKey("message.id", ondelete="CASCADE"), unique=True)
    requester_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("person.id", ondelete="SET NULL"), index=True
    )
    forwarded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("person.id", ondelete="SET NULL"))
    label: Mapped[str] = mapped_column(sa.String(32))
    probability: Mapped[float | None] = mapped_column(sa.Float)
    model_version: Mapped[str | None] = mapped_column(sa.String(64))
    rule_hits: Mapped[Any | None] = mapped_column(sa.JSON)
    topic: Mapped[str | None] = mapped_column(sa.Text)
    format: Mapped[str | None] = mapped_column(sa.String(16))
    duration_minutes: Mapped[int | None] = mapped_column(sa.Integer)
    proposed_times: Mapped[Any | None] = mapped_column(sa.JSON)  # [{"start", "end"}] ISO 8601
    timezone: Mapped[str | None] = mapped_column(sa.String(64))
    referral: Mapped[str | None] = mapped_column(sa.Text)
    forward_note: Mapped[str | None] = mapped_column(sa.Text)
    extraction: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    state: Mapped[str] = mapped_column(sa.String(16), default="new")
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()


class Attachment(Base):
    """An attachment's bytes and what we know of its type; ``filename`` is sanitised, never a path."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(sa.ForeignKey("message.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(255))
    declared_type: Mapped[str | None] = mapped_column(sa.String(255))
    sniffed_type: Mapped[str | None] = mapped_column(sa.String(255))
    size: Mapped[int] = mapped_column(sa.Integer)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    content: Mapped[bytes] = mapped_column(sa.LargeBinary)
    is_resume: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    created_at: Mapped[datetime] = _created()


class Resume(Base):
    """A résumé's extracted text and parsed fields; ``text`` is full-text indexed per dialect."""

    __tablename__ = "resume"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int | None] = mapped_column(sa.ForeignKey("person.id", ondelete="CASCADE"), index=True)
    attachment_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("attachment.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(sa.Text, default="")
    fields: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = _created()


class Interviewer(Base):
    """A volunteer who takes interviews: topics, time zone, hours, busy calendar, monthly capacity."""

    __tablename__ = "interviewer"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(255))
    email: Mapped[str] = mapped_column(sa.String(320), unique=True)
    topics: Mapped[Any | None] = mapped_column(sa.JSON)  # list of strings
    timezone: Mapped[str] = mapped_column(sa.String(64))
    working_hours: Mapped[str | None] = mapped_column(sa.String(255))
    busy_source: Mapped[str | None] = mapped_column(sa.String(1024))  # path or https URL
    capacity_per_month: Mapped[int | None] = mapped_column(sa.Integer)
    active: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()


class Draft(Base):
    """A reply waiting for review; its Message-ID is fixed when drafted so a resend can be detected (§4.5)."""

    __tablename__ = "draft"
    __table_args__ = (
        sa.CheckConstraint(_in("state", DRAFT_STATES), name="state"),
        sa.Index(None, "state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("request.id", ondelete="CASCADE"), index=True)
    interviewer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("interviewer.id", ondelete="SET NULL"))
    template: Mapped[str] = mapped_column(sa.String(255))
    message_id_header: Mapped[str] = mapped_column(sa.String(998), unique=True)
    to_addrs: Mapped[Any] = mapped_column(sa.JSON)  # list of "Name <email>"
    cc_addrs: Mapped[Any | None] = mapped_column(sa.JSON)
    subject: Mapped[str] = mapped_column(sa.Text)
    text: Mapped[str] = mapped_column(sa.Text)
    html: Mapped[str | None] = mapped_column(sa.Text)
    ics: Mapped[str | None] = mapped_column(sa.Text)
    slots: Mapped[Any | None] = mapped_column(sa.JSON)  # [{"start", "end"}] ISO 8601
    state: Mapped[str] = mapped_column(sa.String(16), default="pending")
    approved_by: Mapped[str | None] = mapped_column(sa.String(255))
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    rejected_reason: Mapped[str | None] = mapped_column(sa.Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()


class Meeting(Base):
    """A proposed or booked conversation; ``ical_uid`` and ``sequence`` follow iTIP across updates."""

    __tablename__ = "meeting"
    __table_args__ = (sa.CheckConstraint(_in("state", MEETING_STATES), name="state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(sa.ForeignKey("request.id", ondelete="CASCADE"), index=True)
    interviewer_id: Mapped[int | None] = mapped_column(sa.ForeignKey("interviewer.id", ondelete="SET NULL"))
    draft_id: Mapped[int | None] = mapped_column(sa.ForeignKey("draft.id", ondelete="SET NULL"))
    ical_uid: Mapped[str] = mapped_column(sa.String(255), unique=True)
    sequence: Mapped[int] = mapped_column(sa.Integer, default=0)
    start_utc: Mapped[datetime] = mapped_column(UTCDateTime())
    end_utc: Mapped[datetime] = mapped_column(UTCDateTime())
    timezone: Mapped[str] = mapped_column(sa.String(64))
    state: Mapped[str] = mapped_column(sa.String(16), default="tentative")
    created_at: Mapped[datetime] = _created()
    updated_at: Mapped[datetime] = _updated()


class Feedback(Base):
    """A coordinator's label correction for one message; ``train`` learns from these."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(sa.ForeignKey("message.id", ondelete="CASCADE"), index=True)
    old_label: Mapped[str | None] = mapped_column(sa.String(32))
    new_label: Mapped[str] = mapped_column(sa.String(32))
    actor: Mapped[str | None] = mapped_column(sa.String(255))
    note: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = _created()


class Audit(Base):
    """Who did what to which object, and when (approvals, edits, sends, forgets)."""

    __tablename__ = "audit"
    __table_args__ = (sa.Index(None, "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = _created()
    actor: Mapped[str] = mapped_column(sa.String(255))
    action: Mapped[str] = mapped_column(sa.String(64))
    object_type: Mapped[str | None] = mapped_column(sa.String(32))
    object_id: Mapped[int | None] = mapped_column(sa.Integer)
    detail: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)


class Run(Base):
    """One ``run``/``watch`` batch: its source, counts and exit code; ``stats`` shows the last one."""

    __tablename__ = "run"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = _created()
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    source: Mapped[str] = mapped_column(sa.String(1024))
    counts: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    exit_code: Mapped[int | None] = mapped_column(sa.Integer)
