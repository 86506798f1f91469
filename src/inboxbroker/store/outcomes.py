"""What the pipeline learnt about one message, written as rows: the request, its people, attachments, résumé.

Called inside the same transaction that marks the message processed, so a crash leaves either the message
`new` with no rows, or `processed` with all of them. People are merged by normalised email: a new detail
fills or updates a field, an absent one never erases what an earlier message told us.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from inboxbroker.domain import Address, Attachment, Extraction, Person
from inboxbroker.store import schema
from inboxbroker.store.session import dialect_insert

_person = schema.table_of(schema.Person)
_request = schema.table_of(schema.Request)
_attachment = schema.table_of(schema.Attachment)
_resume = schema.table_of(schema.Resume)

PERSON_FIELDS = ("name", "phone", "linkedin", "organization", "role")
# Requests a coordinator is still answering; a further message from the same person joins the oldest.
OPEN_REQUEST_STATES = ("new", "drafted", "approved", "needs_attention")
# What a further message would otherwise become: it joins instead (automated mail never gets this far).
JOINABLE_STATES = ("new", "needs_triage")

# Built once: a statement made anew per message costs more in SQLAlchemy (construction, cache key) than the
# database takes to run it. Values go in as parameters; the compiled form is cached per set of keys.
_p, _r = _person.c, _request.c
_DELETE_REQUEST = _request.delete().where(_r.message_id == sa.bindparam("message_id_"))
_DELETE_ATTACHMENTS = _attachment.delete().where(_attachment.c.message_id == sa.bindparam("message_id_"))
_INSERT_REQUEST = _request.insert().returning(_r.id)
_INSERT_ATTACHMENT = _attachment.insert().returning(_attachment.c.id)
_INSERT_RESUME = _resume.insert()
_SELECT_PERSON = sa.select(_p.id, *(_p[name] for name in PERSON_FIELDS)).where(
    _p.email == sa.bindparam("email_")
)
_UPDATE_PERSON = _person.update().where(_p.id == sa.bindparam("person_id_"))  # updated_at: its onupdate
_OPEN_REQUEST = (
    sa.select(_r.id)
    .where(
        _r.requester_id == sa.bindparam("person_id_"),
        _r.state.in_(OPEN_REQUEST_STATES),
        _r.parent_id.is_(None),
    )
    .order_by(_r.id)
    .limit(1)
)
_REQUEST_EXISTS = sa.select(_r.id).where(_r.id == sa.bindparam("request_id_"))
# The request of the same mail stored from another mailbox or source (same Message-ID): an IMAP mailbox and
# a Maildir or mbox export of it, or two mailboxes that both received it. Its root, so a copy joins the thread.
_message = schema.table_of(schema.Message)
_SAME_MAIL = (
    sa.select(sa.func.coalesce(_r.parent_id, _r.id))
    .select_from(_request.join(_message, _message.c.id == _r.message_id))
    .where(
        _message.c.message_id_header
        == sa.select(_message.c.message_id_header)
        .where(_message.c.id == sa.bindparam("message_id_"))
        .scalar_subquery(),
        _r.message_id != sa.bindparam("message_id_"),
    )
    .order_by(_r.id)
    .limit(1)
)
# Per dialect (ON CONFLICT is each dialect's own construct).
_insert_person: dict[str, Any] = {}

# Whether an earlier attempt left outcome rows for the message ``message_id_`` (a quarantined message put
# back, a redo): the ledger asks this in the same statement that marks the message, so the usual first
# attempt runs no DELETE at all.
STORED_BEFORE = sa.or_(
    sa.exists().where(_r.message_id == sa.bindparam("message_id_")),
    sa.exists().where(_attachment.c.message_id == sa.bindparam("message_id_")),
).label("stored_before")


@dataclass(frozen=True)
class OutcomeRecord:
    """The parts of a pipeline outcome the store keeps beyond the message's label and trace."""

    label: str
    probability: float | None
    model_version: str | None
    rule_hits: tuple[str, ...]
    request_state: str
    extraction: Extraction
    extraction_json: dict[str, Any]
    subject: str | None = None  # the requester's own message's (searched with the topic)


@dataclass(frozen=True)
class ThreadReplyRecord:
    """A message recognised as a reply in one of our threads: kept as a child of that request, so drafting
    can read which offered slot it picks and a coordinator sees it with the request."""

    parent_request_id: int
    sender: Person
    probability: float | None
    model_version: str | None


@dataclass(frozen=True)
class CalendarAnswer:
    """A calendar client's iTIP REPLY to one of our invites."""

    uid: str
    attendee: str
    partstat: str  # ACCEPTED | DECLINED | TENTATIVE
    sequence: int


def record_outcome(
    conn: Connection,
    message_id: int,
    record: OutcomeRecord | ThreadReplyRecord,
    *,
    stored_before: bool = True,
) -> int | None:
    """Replace whatever an earlier attempt stored for this message; returns the request id.

    ``stored_before=False`` is the caller's word (``STORED_BEFORE``, read in this transaction) that there is
    nothing to replace.
    """
    if isinstance(record, ThreadReplyRecord):
        return record_thread_reply(conn, message_id, record, stored_before=stored_before)
    if stored_before:
        conn.execute(_DELETE_REQUEST, {"message_id_": message_id})
        conn.execute(_DELETE_ATTACHMENTS, {"message_id_": message_id})
    e = record.extraction
    requester = _upsert_person(conn, e.requester)
    requester_id = None if requester is None else requester[0]
    forwarder_id = None
    if e.forwarded_by is not None and e.forwarded_by.email:
        forwarder_id = upsert_person(conn, _person_of(e.forwarded_by))
    state, parent_id = record.request_state, None
    if state in JOINABLE_STATES:
        # The same mail already came in another way: one request, one reply, whatever became of the first.
        same = conn.execute(_SAME_MAIL, {"message_id_": message_id}).scalar()
        if same is not None:
            state, parent_id = "joined", int(same)
    # A person added just now has no request yet to join.
    if parent_id is None and requester is not None and not requester[1] and state in JOINABLE_STATES:
        parent_id = open_request_of(conn, requester[0])
        if parent_id is not None:
            state = "joined"  # one person, one open request: a nudge or second message is shown with it
    request_id = conn.execute(
        _INSERT_REQUEST,
        {
            "message_id": message_id,
            "parent_id": parent_id,
            "requester_id": requester_id,
            "forwarded_by_id": forwarder_id,
            "label": record.label,
            "probability": record.probability,
            "model_version": record.model_version,
            "rule_hits": list(record.rule_hits),
            "topic": e.topic,
            "subject": record.subject,
            "format": e.format,
            "duration_minutes": e.duration_minutes,
            "proposed_times": [{"start": _iso(i.start), "end": _iso(i.end)} for i in e.availability],
            "timezone": e.timezone,
            "referral": e.referred_by,
            "forward_note": e.forward_note or None,
            "extraction": record.extraction_json,
            "state": state,
        },
    ).scalar_one()
    # By bytes and name: a copy of the résumé under another name is kept, but is not a second résumé.
    resume_key = _key(e.resume_attachment) if e.resume_attachment else None
    for att in e.attachments:
        is_resume = _key(att) == resume_key
        attachment_id = _insert_attachment(conn, message_id, att, is_resume=is_resume)
        if is_resume and e.resume is not None:
            _insert_resume(conn, requester_id, attachment_id, e)
    return int(request_id)


def record_thread_reply(
    conn: Connection, message_id: int, record: ThreadReplyRecord, *, stored_before: bool = True
) -> int | None:
    if stored_before:
        conn.execute(_DELETE_REQUEST, {"message_id_": message_id})
    parent = conn.execute(_REQUEST_EXISTS, {"request_id_": record.parent_request_id}).first()
    if parent is None:
        return None  # the request was erased meanwhile: nothing to attach the reply to
    sender_id = upsert_person(conn, record.sender)
    return int(
        conn.execute(
            _INSERT_REQUEST,
            {
                "message_id": message_id,
                "requester_id": sender_id,
                "parent_id": record.parent_request_id,
                "label": "thread_reply",
                "probability": record.probability,
                "model_version": record.model_version,
                "state": "joined",
            },
        ).scalar_one()
    )


def record_calendar_answer(conn: Connection, answer: CalendarAnswer) -> int | None:
    """Apply an iTIP REPLY to its meeting; returns the meeting's id, or None when it names none of ours.

    Only the meeting's requester may answer for it (the attendee must be them), and an answer to an older
    SEQUENCE than the meeting's is stale (it answered an invitation since replaced).
    """
    meeting, request, person = schema.Meeting, _request, _person
    row = conn.execute(
        sa.select(meeting.c.id, meeting.c.sequence, person.c.email)
        .join(request, request.c.id == meeting.c.request_id)
        .join(person, person.c.id == request.c.requester_id)
        .where(meeting.c.ical_uid == answer.uid, meeting.c.state.in_(("tentative", "confirmed")))
    ).first()
    if row is None or row.email != answer.attendee.lower() or answer.sequence < row.sequence:
        return None
    values: dict[str, Any] = {"partstat": answer.partstat, "updated_at": schema.utcnow()}
    if answer.partstat == "ACCEPTED":
        values["state"] = "confirmed"
    elif answer.partstat == "DECLINED":
        values["state"] = "cancelled"  # their time and the interviewer's are free again
    conn.execute(meeting.update().where(meeting.c.id == row.id).values(**values))
    return int(row.id)


def open_request_of(conn: Connection, person_id: int) -> int | None:
    """The person's oldest request still being answered (not sent, declined or joined to another)."""
    row = conn.execute(_OPEN_REQUEST, {"person_id_": person_id}).first()
    return None if row is None else int(row.id)


def upsert_person(conn: Connection, person: Person) -> int | None:
    """The person's id, creating or enriching their row; None when there is no address to key on."""
    found = _upsert_person(conn, person)
    return None if found is None else found[0]


def _upsert_person(conn: Connection, person: Person) -> tuple[int, bool] | None:
    """(id, whether the row was added just now), or None when there is no address to key on."""
    email = (person.email or "").strip().lower()
    if not email:
        return None
    values = {name: getattr(person, name) for name in PERSON_FIELDS if getattr(person, name)}
    row = conn.execute(_SELECT_PERSON, {"email_": email}).first()
    if row is None:
        # ON CONFLICT: another worker may add the same person between our read and this insert; theirs is
        # the row then (read again below), and this message is not lost to a unique violation.
        insert = _insert_person.get(conn.dialect.name)
        if insert is None:
            insert = dialect_insert(conn, _person).on_conflict_do_nothing(index_elements=["email"])
            insert = _insert_person.setdefault(conn.dialect.name, insert.returning(_p.id))
        # Every field, None where unknown, so one compiled INSERT serves every message.
        person_id = conn.execute(insert, {"email": email, **dict.fromkeys(PERSON_FIELDS), **values}).scalar()
        if person_id is not None:
            return int(person_id), True
        row = conn.execute(_SELECT_PERSON, {"email_": email}).one()
    # Only what differs: the same sender or manager on message after message leaves their row (and its
    # updated_at) as it was, and costs no UPDATE.
    changed = {name: value for name, value in values.items() if row._mapping[name] != value}
    if changed:
        conn.execute(_UPDATE_PERSON, {"person_id_": row.id, **changed})
    return int(row.id), False


def _insert_attachment(conn: Connection, message_id: int, att: Attachment, *, is_resume: bool) -> int:
    return int(
        conn.execute(
            _INSERT_ATTACHMENT,
            {
                "message_id": message_id,
                "filename": att.filename,
                "declared_type": att.declared_type,
                "sniffed_type": att.sniffed_type,
                "size": att.size,
                "sha256": att.sha256,
                "content": att.content,
                "is_resume": is_resume,
            },
        ).scalar_one()
    )


def _insert_resume(conn: Connection, person_id: int | None, attachment_id: int, e: Extraction) -> None:
    info = e.resume
    assert info is not None
    fields = {
        "name": info.name,
        "email": info.email,
        "phone": info.phone,
        "skills": list(info.skills),
        "education": list(info.education),
        "experience": list(info.experience),
    }
    conn.execute(
        _INSERT_RESUME,
        {
            "person_id": person_id,
            "attachment_id": attachment_id,
            "text": info.text.replace("\x00", ""),
            "fields": fields,
            "keywords": resume_keywords(fields),
        },
    )


def resume_keywords(fields: object) -> str:
    """The searchable words of a résumé's parsed fields: skills, schools, degrees, employers, titles.

    Migration 0004 has its own copy (migrations never import the code they migrate for).
    """
    if not isinstance(fields, dict):
        return ""
    words = [str(s) for s in fields.get("skills") or ()]
    for entry in [*(fields.get("education") or ()), *(fields.get("experience") or ())]:
        if isinstance(entry, dict):
            words += [str(v) for v in entry.values() if v not in (None, "")]
    return " ".join(words).replace("\x00", "")


def _key(att: Attachment) -> tuple[str, str]:
    return att.sha256, att.filename


def _person_of(address: Address) -> Person:
    return Person(name=address.name or None, email=address.email)


def _iso(value: datetime) -> str:
    return value.isoformat()
