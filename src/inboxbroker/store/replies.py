"""Replies in our threads that answer a sent proposal: which wait, and booking the slot one picks.

A reply is kept as a child request (label ``thread_reply``, state ``joined``) of the request it answers. It
waits here while that request's proposal was sent and still holds its slots; ``book_choice`` then turns it
into a confirmation in one commit: the draft, the chosen slot now ``tentative``, the others ``released``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from inboxbroker.store import schema
from inboxbroker.store.drafts import NewDraft, insert_draft
from inboxbroker.store.session import reading, writing

_request = schema.table_of(schema.Request)
_draft = schema.table_of(schema.Draft)
_meeting = schema.table_of(schema.Meeting)
_message = schema.table_of(schema.Message)
_raw = schema.MessageRaw
_person = schema.table_of(schema.Person)
_interviewer = schema.table_of(schema.Interviewer)


@dataclass(frozen=True)
class OfferedSlot:
    meeting_id: int
    uid: str
    start: datetime
    end: datetime
    timezone: str


@dataclass(frozen=True)
class ReplyToAnswer:
    """A reply to a sent proposal, with what answering it needs."""

    id: int  # the child request
    parent_id: int
    raw: bytes = field(repr=False)
    requester_name: str | None
    requester_email: str | None
    requester_zone: str | None
    interviewer_id: int | None
    interviewer_email: str | None
    proposal_id: int
    proposal_subject: str
    proposal_message_id: str
    offered: tuple[OfferedSlot, ...]


class _SlotGone(Exception):
    pass


class ReplyStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def replies_to_answer(self, limit: int = 100) -> list[ReplyToAnswer]:
        child, parent = _request.alias("child"), _request.alias("parent")
        d, m, p, i = _draft.c, _meeting.c, _person.c, _interviewer.c
        query = (
            sa.select(
                child.c.id,
                parent.c.id,
                _raw.c.raw,
                p.name,
                p.email,
                parent.c.timezone,
                d.interviewer_id,
                i.email,
                d.id,
                d.subject,
                d.message_id_header,
            )
            .join(parent, parent.c.id == child.c.parent_id)
            .join(_raw, _raw.c.message_id == child.c.message_id)
            .join(_draft, sa.and_(d.request_id == parent.c.id, d.purpose == "reply", d.state == "sent"))
            .outerjoin(_person, p.id == parent.c.requester_id)
            .outerjoin(_interviewer, i.id == d.interviewer_id)
            .where(
                child.c.label == "thread_reply",
                child.c.state == "joined",
                sa.exists().where(m.draft_id == d.id, m.state == "held"),
            )
            .order_by(child.c.id)
            .limit(limit)
        )
        with reading(self._engine) as conn:
            rows = conn.execute(query).all()
            offered: dict[int, list[OfferedSlot]] = {}
            ids = [row[8] for row in rows]
            if ids:
                held = sa.select(m.draft_id, m.id, m.ical_uid, m.start_utc, m.end_utc, m.timezone).where(
                    m.draft_id.in_(ids), m.state == "held"
                )
                for draft_id, *slot in conn.execute(held.order_by(m.start_utc)):
                    offered.setdefault(draft_id, []).append(OfferedSlot(*slot))
        return [
            ReplyToAnswer(
                id=row[0],
                parent_id=row[1],
                raw=bytes(row[2]),
                requester_name=row[3],
                requester_email=row[4],
                requester_zone=row[5],
                interviewer_id=row[6],
                interviewer_email=row[7],
                proposal_id=row[8],
                proposal_subject=row[9],
                proposal_message_id=row[10],
                offered=tuple(offered.get(row[8], ())),
            )
            for row in rows
        ]

    def book_choice(self, reply: ReplyToAnswer, chosen: OfferedSlot, confirmation: NewDraft) -> int | None:
        """Draft the confirmation, make the chosen slot tentative and release the others, in one commit.

        Returns the draft's id, or None when this reply was answered already (a rerun) or the slot is no
        longer held (the proposal was rejected meanwhile).
        """
        try:
            return self._book(reply, chosen, confirmation)
        except _SlotGone:
            return None

    def _book(self, reply: ReplyToAnswer, chosen: OfferedSlot, confirmation: NewDraft) -> int | None:
        m = _meeting.c
        with writing(self._engine) as conn:
            taken = conn.execute(sa.select(_draft.c.id).where(_draft.c.dedupe_key == confirmation.dedupe_key))
            if taken.first() is not None:
                return None
            moved = conn.execute(
                _request.update()
                .where(_request.c.id == reply.id, _request.c.state == "joined")
                .values(state="drafted", state_reason=None, updated_at=schema.utcnow())
            )
            if moved.rowcount != 1:
                return None
            draft_id = insert_draft(conn, confirmation)
            booked = conn.execute(
                _meeting.update()
                .where(m.id == chosen.meeting_id, m.state == "held")
                .values(state="tentative", draft_id=draft_id, updated_at=schema.utcnow())
            )
            if booked.rowcount != 1:
                raise _SlotGone  # rolls the whole commit back: no confirmation for a slot not held

            conn.execute(
                _meeting.update()
                .where(m.draft_id == reply.proposal_id, m.state == "held")
                .values(state="released", updated_at=schema.utcnow())
            )
            return draft_id

    def needs_attention(self, reply_id: int, reason: str) -> bool:
        with writing(self._engine) as conn:
            done = conn.execute(
                _request.update()
                .where(_request.c.id == reply_id, _request.c.state == "joined")
                .values(state="needs_attention", state_reason=reason, updated_at=schema.utcnow())
            )
            return done.rowcount == 1
