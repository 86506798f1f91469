"""The store's side of the review queue: what a coordinator reads (the actions are in ``review_actions``).

Reads join what a request's page shows: requester, forwarder, interviewer, label and probability, the
extraction with its confidence, the message's trace, attachments and résumé text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from inboxbroker.errors import DraftNotFoundError
from inboxbroker.store import schema
from inboxbroker.store.drafts import REPLY_SOURCE, RequestToDraft, request_facts_query, request_to_draft
from inboxbroker.store.review_actions import OWN_TIME, ReviewActions, SlotChange, version_of
from inboxbroker.store.session import reading

__all__ = ["ReviewStore", "SlotChange"]

_draft, _request, _message = schema.Draft, schema.Request, schema.Message
_person, _interviewer, _meeting = schema.Person, schema.Interviewer, schema.Meeting
_attachment, _resume, _audit = schema.Attachment, schema.Resume, schema.Audit
_raw = schema.MessageRaw


@dataclass(frozen=True)
class QueueRow:
    id: int
    request_id: int
    state: str
    purpose: str
    template: str
    subject: str
    requester_name: str | None
    requester_email: str | None
    forwarder_name: str | None
    forwarder_email: str | None
    interviewer: str | None
    interviewer_email: str | None
    label: str
    probability: float | None
    received_at: datetime
    created_at: datetime
    slots: list[dict[str, str]]


@dataclass(frozen=True)
class WaitingRequest:
    """A request no draft answers yet that waits for a person: unsure triage, or drafting could not answer it."""

    id: int
    state: str
    reason: str | None
    label: str
    probability: float | None
    subject: str | None
    requester_name: str | None
    requester_email: str | None
    forwarder_email: str | None
    topic: str | None
    received_at: datetime


WAITING_STATES = ("needs_triage", "needs_attention")


@dataclass(frozen=True)
class DraftExtra:
    """A draft's columns that ``DraftRow`` leaves out; ``version`` changes with every write to the draft."""

    state: str
    version: str
    html: str | None
    interviewer_id: int | None
    interviewer_email: str | None
    approved_by: str | None
    approved_at: datetime | None
    rejected_reason: str | None
    send_error: str | None
    edited_by: str | None
    edited_at: datetime | None


@dataclass(frozen=True)
class AttachmentInfo:
    id: int
    filename: str
    declared_type: str | None
    sniffed_type: str | None
    size: int
    is_resume: bool


@dataclass(frozen=True)
class AttachmentFile:
    info: AttachmentInfo
    content: bytes = field(repr=False)


@dataclass(frozen=True)
class ResumeInfo:
    id: int
    attachment_id: int | None
    text: str
    fields: dict[str, Any] | None


@dataclass(frozen=True)
class RequestDetail:
    id: int
    message_id: int
    label: str
    probability: float | None
    model_version: str | None
    rule_hits: list[str]
    state: str
    state_reason: str | None
    topic: str | None
    format: str | None
    timezone: str | None
    forward_note: str | None
    extraction: dict[str, Any]
    trace: dict[str, Any]
    raw: bytes = field(repr=False)
    requester: dict[str, Any] | None
    forwarder: dict[str, Any] | None
    received_at: datetime
    attachments: list[AttachmentInfo]
    resumes: list[ResumeInfo]


@dataclass(frozen=True)
class OwnMeeting:
    id: int
    ical_uid: str
    sequence: int
    start: datetime
    end: datetime
    timezone: str
    state: str


@dataclass(frozen=True)
class AuditRow:
    at: datetime
    actor: str
    action: str
    object_type: str | None
    object_id: int | None
    detail: dict[str, Any] | None


def _received() -> sa.ColumnElement[datetime]:
    # type_coerce: coalesce() would hide the column type, and SQLite would hand back bare text.
    return sa.type_coerce(
        sa.func.coalesce(_message.c.received_at, _request.c.created_at), schema.UTCDateTime()
    )


class ReviewStore(ReviewActions):
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # -- reads -----------------------------------------------------------------------------------------

    def queue(
        self,
        *,
        state: str | None = None,
        label: str | None = None,
        interviewer: str | None = None,
        forwarded_by: str | None = None,
        received_before: datetime | None = None,
        received_after: datetime | None = None,
        limit: int = 200,
    ) -> list[QueueRow]:
        d, r, i = _draft.c, _request.c, _interviewer.c
        requester, forwarder = _person.alias("requester"), _person.alias("forwarder")
        received = _received()
        query = (
            sa.select(
                d.id,
                d.request_id,
                d.state,
                d.purpose,
                d.template,
                d.subject,
                requester.c.name,
                requester.c.email,
                forwarder.c.name,
                forwarder.c.email,
                i.name,
                i.email,
                r.label,
                r.probability,
                received,
                d.created_at,
                d.slots,
            )
            .join(_request, r.id == d.request_id)
            .join(_message, _message.c.id == r.message_id)
            .outerjoin(requester, requester.c.id == r.requester_id)
            .outerjoin(forwarder, forwarder.c.id == r.forwarded_by_id)
            .outerjoin(_interviewer, i.id == d.interviewer_id)
        )
        if state is not None:
            query = query.where(d.state == state)
        if label is not None:
            query = query.where(r.label == label)
        if interviewer is not None:
            who = interviewer.strip().lower()
            query = query.where(sa.or_(sa.func.lower(i.email) == who, sa.func.lower(i.name) == who))
        if forwarded_by is not None:
            query = query.where(forwarder.c.email == forwarded_by.strip().lower())
        if received_before is not None:
            query = query.where(received <= received_before)
        if received_after is not None:
            query = query.where(received >= received_after)
        query = query.order_by(received.desc(), d.id.desc()).limit(limit)
        with reading(self._engine) as conn:
            rows = conn.execute(query).all()
        return [QueueRow(*[*row[:16], list(row[16] or [])]) for row in rows]

    def waiting(self, states: tuple[str, ...] = WAITING_STATES, limit: int = 200) -> list[WaitingRequest]:
        """Requests in ``states``, oldest first (the longest wait first): what ``requests list`` shows."""
        r = _request.c
        requester, forwarder = _person.alias("requester"), _person.alias("forwarder")
        received = _received()
        query = (
            sa.select(
                r.id,
                r.state,
                r.state_reason,
                r.label,
                r.probability,
                _message.c.subject,
                requester.c.name,
                requester.c.email,
                forwarder.c.email,
                r.topic,
                received,
            )
            .select_from(
                _request.join(_message, _message.c.id == r.message_id)
                .outerjoin(requester, requester.c.id == r.requester_id)
                .outerjoin(forwarder, forwarder.c.id == r.forwarded_by_id)
            )
            .where(r.state.in_(states))
            .order_by(received, r.id)
            .limit(limit)
        )
        with reading(self._engine) as conn:
            return [WaitingRequest(*row) for row in conn.execute(query)]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(schema.DRAFT_STATES, 0)
        query = sa.select(_draft.c.state, sa.func.count()).group_by(_draft.c.state)
        with reading(self._engine) as conn:
            for state, n in conn.execute(query):
                counts[state] = int(n)
        return counts

    def extra(self, draft_id: int) -> DraftExtra:
        d, i = _draft.c, _interviewer.c
        query = (
            sa.select(
                d.state,
                d.updated_at,
                d.html,
                d.interviewer_id,
                i.email,
                d.approved_by,
                d.approved_at,
                d.rejected_reason,
                d.send_error,
                d.edited_by,
                d.edited_at,
            )
            .outerjoin(_interviewer, i.id == d.interviewer_id)
            .where(d.id == draft_id)
        )
        with reading(self._engine) as conn:
            row = conn.execute(query).first()
        if row is None:
            raise DraftNotFoundError(f"no draft {draft_id}; `inboxbroker drafts list` shows them")
        return DraftExtra(row[0], version_of(row[1]), *row[2:])

    def request(self, request_id: int) -> RequestDetail:
        r, m = _request.c, _message.c
        query = (
            sa.select(_request, _raw.c.raw, m.trace, _received())
            .join(_message, m.id == r.message_id)
            .outerjoin(_raw, _raw.c.message_id == m.id)  # none once retention emptied it
        )
        with reading(self._engine) as conn:
            row = conn.execute(query.where(r.id == request_id)).first()
            if row is None:
                raise DraftNotFoundError(f"no request {request_id}")
            people = {
                p.id: {
                    k: getattr(p, k) for k in ("name", "email", "phone", "linkedin", "organization", "role")
                }
                for p in conn.execute(
                    sa.select(_person).where(
                        _person.c.id.in_([row.requester_id or 0, row.forwarded_by_id or 0])
                    )
                )
            }
            a = _attachment.c
            attachments = [
                AttachmentInfo(*x)
                for x in conn.execute(
                    sa.select(a.id, a.filename, a.declared_type, a.sniffed_type, a.size, a.is_resume)
                    .where(a.message_id == row.message_id)
                    .order_by(a.id)
                )
            ]
            ids = [x.id for x in attachments]
            resumes = [
                ResumeInfo(x.id, x.attachment_id, x.text, x.fields)
                for x in conn.execute(sa.select(_resume).where(_resume.c.attachment_id.in_(ids or [0])))
            ]
        return RequestDetail(
            id=row.id,
            message_id=row.message_id,
            label=row.label,
            probability=row.probability,
            model_version=row.model_version,
            rule_hits=list(row.rule_hits or []),
            state=row.state,
            state_reason=row.state_reason,
            topic=row.topic,
            format=row.format,
            timezone=row.timezone,
            forward_note=row.forward_note,
            # What drafting keeps of the message (drafting.source) is the message itself, shown beside this.
            extraction={k: v for k, v in (row.extraction or {}).items() if k != REPLY_SOURCE},
            trace=dict(row.trace or {}),
            raw=bytes(row.raw or b""),
            requester=people.get(row.requester_id),
            forwarder=people.get(row.forwarded_by_id),
            received_at=row[-1],
            attachments=attachments,
            resumes=resumes,
        )

    def attachment(self, attachment_id: int) -> AttachmentFile:
        a = _attachment.c
        query = sa.select(a.id, a.filename, a.declared_type, a.sniffed_type, a.size, a.is_resume, a.content)
        with reading(self._engine) as conn:
            row = conn.execute(query.where(a.id == attachment_id)).first()
        if row is None:
            raise DraftNotFoundError(f"no attachment {attachment_id}")
        return AttachmentFile(AttachmentInfo(*row[:6]), bytes(row[6]))

    def request_to_draft(self, request_id: int) -> RequestToDraft:
        """The request as drafting reads it, whatever its state (a reassignment composes it again)."""
        with reading(self._engine) as conn:
            row = conn.execute(request_facts_query().where(_request.c.id == request_id)).first()
        if row is None:
            raise DraftNotFoundError(f"no request {request_id}")
        return request_to_draft(row)

    def own_meetings(self, draft_id: int) -> list[OwnMeeting]:
        m = _meeting.c
        query = sa.select(m.id, m.ical_uid, m.sequence, m.start_utc, m.end_utc, m.timezone, m.state)
        query = query.where(m.draft_id == draft_id, m.state.in_(OWN_TIME)).order_by(m.start_utc)
        with reading(self._engine) as conn:
            return [OwnMeeting(*row) for row in conn.execute(query)]

    def audit(self, object_type: str | None = None, object_id: int | None = None) -> list[AuditRow]:
        a = _audit.c
        query = sa.select(a.at, a.actor, a.action, a.object_type, a.object_id, a.detail).order_by(a.id)
        if object_type is not None:
            query = query.where(a.object_type == object_type)
        if object_id is not None:
            query = query.where(a.object_id == object_id)
        with reading(self._engine) as conn:
            return [AuditRow(*row) for row in conn.execute(query)]
