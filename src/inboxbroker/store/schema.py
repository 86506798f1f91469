"""The database schema: one SQLAlchemy Core table per table of DESIGN.md §3.

These tables are the *schema* (``models/`` is the classifier's folder). Nothing outside ``store/`` imports
them; the ledger and later store modules turn rows into plain records. The migrations in
``store/migrations/versions`` create exactly these tables (a test compares the two), plus the per-dialect
full-text index on ``resume.text`` that SQLAlchemy cannot declare portably.

Plain Core on purpose: every caller reads and writes through Core, and importing ``sqlalchemy.orm`` would
add about a tenth of a second to every cron run's start-up (a test keeps it out of ``sys.modules``). The
public names (``Person``, ``Message``, …) are the ``sa.Table`` objects themselves; ``table_of`` stays for
callers.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Dialect

# PostgreSQL: the résumé GIN index is on this exact expression, so a search must repeat it to use the index.
RESUME_TSVECTOR = "to_tsvector('english', coalesce(text, ''))"
# SQLite: an external-content FTS5 table over resume.text, kept in step by triggers (see 0001_initial);
# replaced in 0004 by the per-person search index of ``store/search.py``.
RESUME_FTS_TABLE = "resume_fts"
# The search index (0004): one document per person. SQLite: FTS5 over the view ``search_source``;
# PostgreSQL: a weighted tsvector per person in ``search_doc``. Neither is a Core table: triggers keep them.
SEARCH_FTS_TABLE = "search_fts"
SEARCH_SOURCE_VIEW = "search_source"
SEARCH_DOC_TABLE = "search_doc"
SEARCH_OBJECTS = (SEARCH_FTS_TABLE, SEARCH_SOURCE_VIEW, SEARCH_DOC_TABLE, "ix_search_doc")
TOMBSTONE_KINDS = ("address", "message")

MESSAGE_STATES = ("new", "processed", "quarantined")
ACTION_STATES = ("none", "pending", "done")
# ``joined``: a further message of a requester whose request is still open, attached to that one (parent_id).
# ``needs_attention``: drafting could not answer it (no free slot, a template error); state_reason says why.
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
# ``failed``: the SMTP server refused it for good (5xx); ``send_error`` holds its words. Editing or approving it
# again puts it back in the queue.
DRAFT_STATES = ("pending", "approved", "sending", "sent", "rejected", "failed")
# ``held``: one of the slots a pending proposal offers, kept from other drafts until the requester picks one
# (the others become ``released``) or the draft is rejected.
MEETING_STATES = ("held", "released", "tentative", "confirmed", "cancelled")
DRAFT_PURPOSES = ("reply", "confirm", "cancel", "forwarder_note")


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


def table_of(table: sa.Table) -> sa.Table:
    """The Core table of a schema name; the names are the tables themselves, so this returns its argument.

    Kept so callers read ``schema.table_of(schema.Person)`` as before.
    """
    return table


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer, primary_key=True)


def _fk(
    name: str,
    target: str,
    ondelete: str,
    *,
    nullable: bool,
    unique: bool | None = None,
    index: bool | None = None,
) -> sa.Column[int]:
    """An integer foreign key column ``name`` to ``target`` (``"table.id"``)."""
    return sa.Column(
        name,
        sa.Integer,
        sa.ForeignKey(target, ondelete=ondelete),
        nullable=nullable,
        unique=unique,
        index=index,
    )


def _created(name: str = "created_at") -> sa.Column[datetime]:
    return sa.Column(name, UTCDateTime(), nullable=False, default=utcnow)


def _updated() -> sa.Column[datetime]:
    return sa.Column("updated_at", UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow)


# The ingestion cursor of one folder of one account (``local``/source for Maildir, mbox, .eml).
Mailbox = sa.Table(
    "mailbox",
    metadata,
    _id(),
    sa.Column("account", sa.String(255), nullable=False),
    sa.Column("folder", sa.String(1024), nullable=False),
    sa.Column("uidvalidity", sa.BigInteger, nullable=True),
    sa.Column("last_uid", sa.BigInteger, nullable=False, default=0),
    _created(),
    _updated(),
    sa.UniqueConstraint("account", "folder"),
)

# One message as received, stored before any processing (DESIGN §4.1), and its processing state; its bytes
# are in ``message_raw``.
Message = sa.Table(
    "message",
    metadata,
    _id(),
    _fk("mailbox_id", "mailbox.id", "CASCADE", nullable=False),
    sa.Column("uidvalidity", sa.BigInteger, nullable=True),
    sa.Column("uid", sa.BigInteger, nullable=True),  # None for local sources
    sa.Column("source_key", sa.String(1024), nullable=True),  # Maildir/.eml filename, mbox index
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("message_id_header", sa.String(998), nullable=True),
    sa.Column("subject", sa.Text, nullable=True),
    sa.Column("received_at", UTCDateTime(), nullable=True),
    sa.Column("state", sa.String(16), nullable=False, default="new"),
    sa.Column("label", sa.String(32), nullable=True),
    sa.Column("error", sa.Text, nullable=True),
    sa.Column("trace", sa.JSON, nullable=True),
    sa.Column("action_state", sa.String(16), nullable=False, default="none"),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    _created(),
    sa.Column("processed_at", UTCDateTime(), nullable=True),
    sa.UniqueConstraint("mailbox_id", "uidvalidity", "uid"),
    sa.UniqueConstraint("mailbox_id", "sha256"),
    sa.CheckConstraint(_in("state", MESSAGE_STATES), name="state"),
    sa.CheckConstraint(_in("action_state", ACTION_STATES), name="action_state"),
    sa.Index(None, "state"),
    sa.Index(None, "mailbox_id", "action_state"),
    sa.Index(None, "message_id_header"),
)

# A message's bytes, apart from its state: written once at intake and left alone after. In the message row,
# SQLite rewrote the whole record, bytes and all, each time its state changed (an update that resizes a row
# writes it anew), and that was most of what storing a backlog's outcomes cost (migration 0007).
MessageRaw = sa.Table(
    "message_raw",
    metadata,
    sa.Column(
        "message_id",
        sa.Integer,
        sa.ForeignKey("message.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    sa.Column("raw", sa.LargeBinary, nullable=False),
)
# Messages with their bytes where they still have them (retention deletes the bytes' row).
MessageWithRaw = Message.outerjoin(MessageRaw, MessageRaw.c.message_id == Message.c.id)

# Someone we heard from or about, merged on their normalised email, never duplicated.
Person = sa.Table(
    "person",
    metadata,
    _id(),
    sa.Column("email", sa.String(320), nullable=False, unique=True),  # lower-cased, stripped
    sa.Column("name", sa.String(255), nullable=True),
    sa.Column("phone", sa.String(32), nullable=True),  # E.164
    sa.Column("linkedin", sa.String(512), nullable=True),
    sa.Column("organization", sa.String(255), nullable=True),
    sa.Column("role", sa.String(255), nullable=True),
    _created(),
    _updated(),
)

# An interview request read from a message: who asks, who forwarded it, what the pipeline decided.
Request = sa.Table(
    "request",
    metadata,
    _id(),
    _fk("message_id", "message.id", "CASCADE", nullable=False, unique=True),
    _fk("requester_id", "person.id", "SET NULL", nullable=True, index=True),
    _fk("forwarded_by_id", "person.id", "SET NULL", nullable=True),
    sa.Column("label", sa.String(32), nullable=False),
    sa.Column("probability", sa.Float, nullable=True),
    sa.Column("model_version", sa.String(64), nullable=True),
    sa.Column("rule_hits", sa.JSON, nullable=True),
    sa.Column("topic", sa.Text, nullable=True),
    sa.Column("subject", sa.Text, nullable=True),  # the requester's own message's, searched with the topic
    sa.Column("format", sa.String(16), nullable=True),
    sa.Column("duration_minutes", sa.Integer, nullable=True),
    sa.Column("proposed_times", sa.JSON, nullable=True),  # [{"start", "end"}] ISO 8601
    sa.Column("timezone", sa.String(64), nullable=True),
    sa.Column("referral", sa.Text, nullable=True),
    sa.Column("forward_note", sa.Text, nullable=True),
    sa.Column("extraction", sa.JSON, nullable=True),
    sa.Column("state", sa.String(16), nullable=False, default="new"),
    sa.Column("state_reason", sa.Text, nullable=True),
    _fk("parent_id", "request.id", "SET NULL", nullable=True, index=True),
    _created(),
    _updated(),
    sa.CheckConstraint(_in("state", REQUEST_STATES), name="state"),
    sa.Index(None, "state"),
)

# An attachment's bytes and what we know of its type; ``filename`` is sanitised, never a path.
Attachment = sa.Table(
    "attachment",
    metadata,
    _id(),
    _fk("message_id", "message.id", "CASCADE", nullable=False, index=True),
    sa.Column("filename", sa.String(255), nullable=False),
    sa.Column("declared_type", sa.String(255), nullable=True),
    sa.Column("sniffed_type", sa.String(255), nullable=True),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
    sa.Column("is_resume", sa.Boolean, nullable=False, default=False),
    _created(),
)

# A résumé's extracted text and parsed fields; ``text`` is full-text indexed per dialect.
Resume = sa.Table(
    "resume",
    metadata,
    _id(),
    _fk("person_id", "person.id", "CASCADE", nullable=True, index=True),
    _fk("attachment_id", "attachment.id", "CASCADE", nullable=True, index=True),
    sa.Column("text", sa.Text, nullable=False, default=""),
    sa.Column("fields", sa.JSON, nullable=True),
    # The fields' words (skills, schools, employers, titles) as plain text, for the search index (0004).
    sa.Column("keywords", sa.Text, nullable=True),
    _created(),
)

# A volunteer who takes interviews: topics, time zone, hours, busy calendar, monthly capacity.
Interviewer = sa.Table(
    "interviewer",
    metadata,
    _id(),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("email", sa.String(320), nullable=False, unique=True),
    sa.Column("topics", sa.JSON, nullable=True),  # list of strings
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("working_hours", sa.String(255), nullable=True),
    sa.Column("busy_source", sa.String(1024), nullable=True),  # path or https URL
    sa.Column("capacity_per_month", sa.Integer, nullable=True),
    sa.Column("active", sa.Boolean, nullable=False, default=True),
    _created(),
    _updated(),
)

# A reply waiting for review; its Message-ID is fixed when drafted so a resend can be detected (§4.5).
Draft = sa.Table(
    "draft",
    metadata,
    _id(),
    _fk("request_id", "request.id", "CASCADE", nullable=False, index=True),
    _fk("interviewer_id", "interviewer.id", "SET NULL", nullable=True),
    sa.Column("template", sa.String(255), nullable=False),
    sa.Column("purpose", sa.String(32), nullable=False, default="reply"),
    # What makes a draft exactly-once: "<request id>:<purpose>:<n>"; a rerun after a kill finds it taken.
    sa.Column("dedupe_key", sa.String(255), nullable=False, unique=True),
    sa.Column("rule", sa.Text, nullable=True),  # why this template was chosen
    sa.Column("match_reason", sa.Text, nullable=True),  # why this interviewer
    sa.Column("message_id_header", sa.String(998), nullable=False, unique=True),
    sa.Column("to_addrs", sa.JSON, nullable=False),  # list of "Name <email>"
    sa.Column("cc_addrs", sa.JSON, nullable=True),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("html", sa.Text, nullable=True),
    sa.Column("ics", sa.Text, nullable=True),
    # The complete message as it will be handed to SMTP (rebuilt on every edit); its Date is set when sent.
    sa.Column("mime", sa.LargeBinary, nullable=True),
    sa.Column("slots", sa.JSON, nullable=True),  # [{"start", "end"}] ISO 8601
    sa.Column("state", sa.String(16), nullable=False, default="pending"),
    sa.Column("approved_by", sa.String(255), nullable=True),
    sa.Column("approved_at", UTCDateTime(), nullable=True),
    sa.Column("rejected_reason", sa.Text, nullable=True),
    sa.Column("sent_at", UTCDateTime(), nullable=True),
    sa.Column("send_error", sa.Text, nullable=True),  # the server's last words about it
    sa.Column("send_attempts", sa.Integer, nullable=False, default=0),
    sa.Column("next_attempt_at", UTCDateTime(), nullable=True),  # after a temporary (4xx) failure
    # Set in a commit of its own just before the SMTP transaction, cleared when it ends either way: a draft
    # left `sending` with it may have reached the server (sending never repeats it blindly).
    sa.Column("handed_over_at", UTCDateTime(), nullable=True),
    sa.Column("edited_by", sa.String(255), nullable=True),
    sa.Column("edited_at", UTCDateTime(), nullable=True),
    _created(),
    _updated(),
    sa.CheckConstraint(_in("state", DRAFT_STATES), name="state"),
    sa.CheckConstraint(_in("purpose", DRAFT_PURPOSES), name="purpose"),
    sa.Index(None, "state"),
)

# A proposed or booked conversation; ``ical_uid`` and ``sequence`` follow iTIP across updates.
Meeting = sa.Table(
    "meeting",
    metadata,
    _id(),
    _fk("request_id", "request.id", "CASCADE", nullable=False, index=True),
    _fk("interviewer_id", "interviewer.id", "SET NULL", nullable=True),
    _fk("draft_id", "draft.id", "SET NULL", nullable=True),
    sa.Column("ical_uid", sa.String(255), nullable=False, unique=True),
    sa.Column("sequence", sa.Integer, nullable=False, default=0),
    sa.Column("start_utc", UTCDateTime(), nullable=False),
    sa.Column("end_utc", UTCDateTime(), nullable=False),
    sa.Column("timezone", sa.String(64), nullable=False),
    sa.Column("state", sa.String(16), nullable=False, default="tentative"),
    sa.Column("partstat", sa.String(16), nullable=True),  # the requester's iTIP answer, when one came
    _created(),
    _updated(),
    sa.CheckConstraint(_in("state", MEETING_STATES), name="state"),
    sa.Index(None, "interviewer_id", "state"),
)

# An account of the review web page; the password is stored only as a salted slow hash.
User = sa.Table(
    "app_user",
    metadata,
    _id(),
    sa.Column("name", sa.String(255), nullable=False, unique=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("failed_logins", sa.Integer, nullable=False, default=0),
    sa.Column("locked_until", UTCDateTime(), nullable=True),
    sa.Column("last_login_at", UTCDateTime(), nullable=True),
    _created(),
    _updated(),
)

# A coordinator's label correction for one message; ``train`` learns from these.
Feedback = sa.Table(
    "feedback",
    metadata,
    _id(),
    _fk("message_id", "message.id", "CASCADE", nullable=False, index=True),
    sa.Column("old_label", sa.String(32), nullable=True),
    sa.Column("new_label", sa.String(32), nullable=False),
    sa.Column("actor", sa.String(255), nullable=True),
    sa.Column("note", sa.Text, nullable=True),
    _created(),
)

# Who did what to which object, and when (approvals, edits, sends, forgets).
Audit = sa.Table(
    "audit",
    metadata,
    _id(),
    _created("at"),
    sa.Column("actor", sa.String(255), nullable=False),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("object_type", sa.String(32), nullable=True),
    sa.Column("object_id", sa.Integer, nullable=True),
    sa.Column("detail", sa.JSON, nullable=True),
    sa.Index(None, "object_type", "object_id"),
)

# One ``run``/``watch`` batch: its source, counts and exit code; ``stats`` shows the last one.
Run = sa.Table(
    "run",
    metadata,
    _id(),
    _created("started_at"),
    sa.Column("finished_at", UTCDateTime(), nullable=True),
    sa.Column("source", sa.String(1024), nullable=False),
    sa.Column("counts", sa.JSON, nullable=True),
    sa.Column("exit_code", sa.Integer, nullable=True),
)


# A coordinator's note on a person after the conversation, with an optional 1–5 rating; searchable.
PersonNote = sa.Table(
    "person_note",
    metadata,
    _id(),
    _fk("person_id", "person.id", "CASCADE", nullable=False, index=True),
    sa.Column("rating", sa.Integer, nullable=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("actor", sa.String(255), nullable=True),
    _created(),
    sa.CheckConstraint("rating IS NULL OR (rating >= 1 AND rating <= 5)", name="rating"),
)

# What `people forget` leaves behind: a keyed hash (HMAC-SHA256, key in the state folder) of a forgotten
# address or of one of their messages' bytes, never the thing itself. ``skipped`` counts re-synced copies.
Tombstone = sa.Table(
    "tombstone",
    metadata,
    _id(),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("digest", sa.String(64), nullable=False, unique=True),
    sa.Column("skipped", sa.Integer, nullable=False, default=0),
    _created(),
    sa.CheckConstraint(_in("kind", TOMBSTONE_KINDS), name="kind"),
)
