"""The store's side of answering requests: interviewers, their load, drafts and the meetings they hold.

Every method is one transaction and speaks plain dataclasses. The one that matters most is ``save_draft``:
it moves the request out of ``new`` and inserts the draft and its held slots in the same commit, guarded by
the draft's unique ``dedupe_key`` and a conditional state change, so a run killed at any point and run again
leaves exactly one draft per request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from inboxbroker.domain import Interval
from inboxbroker.errors import StoreError
from inboxbroker.store import schema
from inboxbroker.store.session import reading, writing

_interviewer = schema.table_of(schema.Interviewer)
_request = schema.table_of(schema.Request)
_draft = schema.table_of(schema.Draft)
_meeting = schema.table_of(schema.Meeting)
_person = schema.table_of(schema.Person)

DRAFTABLE_LABELS = ("interview_request", "job_application")
REPLY_SOURCE = "reply_source"  # the key of drafting.source's JSON in request.extraction


@dataclass(frozen=True)
class RequestToDraft:
    """A request waiting for its first reply, with what drafting needs to know about it."""

    id: int
    message_id: int
    label: str
    requester_name: str | None
    requester_email: str | None
    forwarder_name: str | None
    forwarder_email: str | None
    topic: str | None
    role: str | None
    organization: str | None
    duration_minutes: int | None
    format: str | None
    proposed_times: tuple[Interval, ...]
    timezone: str | None
    created_at: datetime
    # drafting.source's JSON; None for a request stored before it was, whose raw message is read instead
    reply_source: object = field(default=None, repr=False)


@dataclass(frozen=True)
class NewMeeting:
    interviewer_id: int | None
    ical_uid: str
    sequence: int
    start: datetime
    end: datetime
    timezone: str
    state: str  # held | tentative


@dataclass(frozen=True)
class NewDraft:
    request_id: int
    interviewer_id: int | None
    purpose: str
    dedupe_key: str
    template: str
    rule: str
    match_reason: str | None
    message_id_header: str
    to_addrs: list[str]
    cc_addrs: list[str]
    subject: str
    text: str
    html: str | None
    ics: str | None
    mime: bytes = field(repr=False)
    slots: list[dict[str, str]]


@dataclass(frozen=True)
class DraftRow:
    id: int
    request_id: int
    state: str
    purpose: str
    template: str
    rule: str | None
    match_reason: str | None
    interviewer: str | None
    to: list[str]
    cc: list[str]
    subject: str
    text: str
    ics: str | None
    slots: list[dict[str, str]]
    message_id_header: str
    created_at: datetime
    mime: bytes | None = field(default=None, repr=False)
    interviewer_email: str | None = None

    def as_json(self) -> dict[str, Any]:
        """The ``drafts list --json`` object of DESIGN §5, plus what a reviewer sees beside it."""
        return {
            "id": self.id,
            "request_id": self.request_id,
            "state": self.state,
            "to": self.to,
            "cc": self.cc,
            "subject": self.subject,
            "template": self.template,
            "interviewer": self.interviewer,
            "slots": self.slots,
            "purpose": self.purpose,
            "rule": self.rule,
            "match_reason": self.match_reason,
            "message_id": self.message_id_header,
            "created_at": self.created_at.isoformat(),
        }


class DraftStore:
    """Drafting's view of the database; ``Store.drafts`` hands one out."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # -- interviewers ------------------------------------------------------------------------------

    # -- requests ----------------------------------------------------------------------------------

    def requests_to_draft(self, limit: int = 100) -> list[RequestToDraft]:
        """Requests still ``new`` (never ``needs_triage`` or ``joined``) that have no reply yet, oldest first."""
        r = _request.c
        has_reply = sa.exists().where(_draft.c.request_id == r.id, _draft.c.purpose == "reply")
        query = (
            request_facts_query()
            .where(r.state == "new", r.label.in_(DRAFTABLE_LABELS), r.parent_id.is_(None), ~has_reply)
            .order_by(r.id)
            .limit(limit)
        )
        with reading(self._engine) as conn:
            return [request_to_draft(row) for row in conn.execute(query)]

    def set_request_state(
        self, request_id: int, state: str, reason: str | None, *, only_from: str = "new"
    ) -> bool:
        """Move a request on (``needs_attention`` with the reason); False when it was no longer ``only_from``."""
        return request_id in self.set_request_states([(request_id, reason)], state, only_from=only_from)

    def set_request_states(
        self, moves: Sequence[tuple[int, str | None]], state: str, *, only_from: str = "new"
    ) -> set[int]:
        """Move many requests on, each with its reason, in one commit; the ids that were still ``only_from``."""
        r = _request.c
        moved: set[int] = set()
        with writing(self._engine) as conn:
            for request_id, reason in moves:
                done = conn.execute(
                    _request.update()
                    .where(r.id == request_id, r.state == only_from)
                    .values(state=state, state_reason=reason, updated_at=schema.utcnow())
                )
                if done.rowcount == 1:
                    moved.add(request_id)
        return moved

    # -- drafts ------------------------------------------------------------------------------------

    def save_draft(
        self,
        drafts: Sequence[NewDraft],
        holds: Sequence[NewMeeting],
        *,
        request_state: str | None = "drafted",
    ) -> int | None:
        """Insert the drafts (the reply first) and its held slots and move the request on, in one commit.

        Returns the reply's id, or None when it exists already (its ``dedupe_key`` is taken: a rerun after a
        kill) or the request is no longer ``new`` (a person or another worker got to it first).
        """
        r = _request.c
        reply = drafts[0]
        with writing(self._engine) as conn:
            taken = conn.execute(
                sa.select(_draft.c.id).where(_draft.c.dedupe_key == reply.dedupe_key)
            ).first()
            if taken is not None:
                return None
            if request_state is not None:
                moved = conn.execute(
                    _request.update()
                    .where(r.id == reply.request_id, r.state == "new")
                    .values(state=request_state, state_reason=None, updated_at=schema.utcnow())
                )
                if moved.rowcount != 1:
                    return None
            ids = [insert_draft(conn, draft) for draft in drafts]
            for hold in holds:
                conn.execute(
                    _meeting.insert().values(
                        request_id=reply.request_id,
                        interviewer_id=hold.interviewer_id,
                        draft_id=ids[0],
                        ical_uid=hold.ical_uid,
                        sequence=hold.sequence,
                        start_utc=hold.start,
                        end_utc=hold.end,
                        timezone=hold.timezone,
                        state=hold.state,
                    )
                )
            return ids[0]

    def drafts(self, state: str | None = None, request_id: int | None = None) -> list[DraftRow]:
        query = self._draft_query()
        if state is not None:
            query = query.where(_draft.c.state == state)
        if request_id is not None:
            query = query.where(_draft.c.request_id == request_id)
        with reading(self._engine) as conn:
            return [_draft_row(row) for row in conn.execute(query.order_by(_draft.c.id.desc()))]

    def draft(self, draft_id: int) -> DraftRow:
        query = self._draft_query(with_mime=True).where(_draft.c.id == draft_id)
        with reading(self._engine) as conn:
            row = conn.execute(query).first()
        if row is None:
            raise StoreError(f"no draft {draft_id}; `inboxbroker drafts list` shows them")
        return _draft_row(row)

    def reject_draft(self, draft_id: int, reason: str) -> None:
        """Reject a pending draft and release the slots it held (the review queue's reject)."""
        d, m = _draft.c, _meeting.c
        with writing(self._engine) as conn:
            done = conn.execute(
                _draft.update()
                .where(d.id == draft_id, d.state == "pending")
                .values(state="rejected", rejected_reason=reason, updated_at=schema.utcnow())
            )
            if done.rowcount != 1:
                raise StoreError(f"draft {draft_id} is not pending")
            conn.execute(
                _meeting.update()
                .where(m.draft_id == draft_id, m.state == "held")
                .values(state="released", updated_at=schema.utcnow())
            )

    @staticmethod
    def _draft_query(*, with_mime: bool = False) -> sa.Select[Any]:
        d, i = _draft.c, _interviewer.c
        columns: list[Any] = [
            d.id,
            d.request_id,
            d.state,
            d.purpose,
            d.template,
            d.rule,
            d.match_reason,
            i.name,
            d.to_addrs,
            d.cc_addrs,
            d.subject,
            d.text,
            d.ics,
            d.slots,
            d.message_id_header,
            d.created_at,
            i.email,
        ]
        if with_mime:
            columns.append(d.mime)
        return sa.select(*columns).outerjoin(_interviewer, i.id == d.interviewer_id)

    def reply_of(self, request_id: int) -> DraftRow | None:
        """The request's reply draft (the first one), or None."""
        replies = [d for d in self.drafts(request_id=request_id) if d.purpose == "reply"]
        return replies[-1] if replies else None


def insert_draft(conn: Connection, draft: NewDraft) -> int:
    return int(
        conn.execute(
            _draft.insert()
            .values(
                request_id=draft.request_id,
                interviewer_id=draft.interviewer_id,
                purpose=draft.purpose,
                dedupe_key=draft.dedupe_key,
                template=draft.template,
                rule=draft.rule,
                match_reason=draft.match_reason,
                message_id_header=draft.message_id_header,
                to_addrs=draft.to_addrs,
                cc_addrs=draft.cc_addrs,
                subject=draft.subject,
                text=draft.text,
                html=draft.html,
                ics=draft.ics,
                mime=draft.mime,
                slots=draft.slots,
                state="pending",
            )
            .returning(_draft.c.id)
        ).scalar_one()
    )


def request_facts_query() -> sa.Select[Any]:
    """What drafting reads of a request (``RequestToDraft``'s columns, in order); callers add the where.

    Not the raw message: drafting reads the thread and text stored with the request, and a résumé-sized
    message read for every request to draft was most of what this query moved.
    """
    r = _request.c
    requester, forwarder = _person.alias("requester"), _person.alias("forwarder")
    return (
        sa.select(
            r.id,
            r.message_id,
            r.label,
            requester.c.name,
            requester.c.email,
            forwarder.c.name,
            forwarder.c.email,
            r.topic,
            requester.c.role,
            requester.c.organization,
            r.duration_minutes,
            r.format,
            r.proposed_times,
            r.timezone,
            r.created_at,
            r.extraction,
        )
        .select_from(_request)
        .outerjoin(requester, requester.c.id == r.requester_id)
        .outerjoin(forwarder, forwarder.c.id == r.forwarded_by_id)
    )


def request_to_draft(row: Any) -> RequestToDraft:
    extraction = row[15]
    return RequestToDraft(
        id=row[0],
        message_id=row[1],
        label=row[2],
        requester_name=row[3],
        requester_email=row[4],
        forwarder_name=row[5],
        forwarder_email=row[6],
        topic=row[7],
        role=row[8],
        organization=row[9],
        duration_minutes=row[10],
        format=row[11],
        proposed_times=_intervals(row[12]),
        timezone=row[13],
        created_at=row[14],
        reply_source=extraction.get(REPLY_SOURCE) if isinstance(extraction, dict) else None,
    )


def _intervals(value: Any) -> tuple[Interval, ...]:
    out = []
    for item in value or ():
        try:
            out.append(Interval(datetime.fromisoformat(item["start"]), datetime.fromisoformat(item["end"])))
        except (KeyError, TypeError, ValueError):
            continue  # a stored value we cannot read is not worth stopping a run for
    return tuple(out)


def _draft_row(row: Any) -> DraftRow:
    return DraftRow(
        id=row[0],
        request_id=row[1],
        state=row[2],
        purpose=row[3],
        template=row[4],
        rule=row[5],
        match_reason=row[6],
        interviewer=row[7],
        to=list(row[8] or []),
        cc=list(row[9] or []),
        subject=row[10],
        text=row[11],
        ics=row[12],
        slots=list(row[13] or []),
        message_id_header=row[14],
        created_at=row[15],
        interviewer_email=row[16],
        mime=bytes(row[17]) if len(row) > 17 and row[17] is not None else None,
    )
