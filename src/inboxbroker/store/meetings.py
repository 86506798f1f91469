"""The store's side of meetings: what already takes each interviewer's time, listing, and cancelling.

A proposal's offered slots are meetings in state ``held`` (see ``store/drafts.py``); a settled one is
``tentative`` until the requester's calendar accepts it (``confirmed``). Every method is one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from inboxbroker.domain import Interval
from inboxbroker.errors import StoreError
from inboxbroker.store import schema
from inboxbroker.store.audit import write_audit
from inboxbroker.store.drafts import NewDraft, insert_draft
from inboxbroker.store.session import reading, writing
from inboxbroker.store.withdrawn import UNSENT, withdraw

_interviewer = schema.table_of(schema.Interviewer)
_request = schema.table_of(schema.Request)
_meeting = schema.table_of(schema.Meeting)
_person = schema.table_of(schema.Person)

# Meetings that take an interviewer's time and capacity; ``held`` are slots a pending proposal offers.
TAKING_TIME = ("held", "tentative", "confirmed")
BOOKED = ("tentative", "confirmed")


@dataclass(frozen=True)
class Load:
    """What already takes each interviewer's time: requests this month, booked and held intervals."""

    used: dict[int, int]  # interviewer id → requests with a held or booked slot starting this month
    booked: dict[int, list[Interval]]
    held: dict[int, list[Interval]]


@dataclass(frozen=True)
class Cancellation:
    """What ``cancel`` did: the CANCEL draft, the unsent drafts it withdrew, the ones being sent meanwhile."""

    draft_id: int
    withdrawn: dict[int, str]  # draft id → the state it was rejected from
    in_flight: list[int]  # ``sending``: may be at the server already; the CANCEL follows it


@dataclass(frozen=True)
class MeetingRow:
    id: int
    request_id: int
    interviewer: str | None
    interviewer_email: str | None
    requester_name: str | None
    requester_email: str | None
    ical_uid: str
    sequence: int
    start: datetime
    end: datetime
    timezone: str
    state: str
    partstat: str | None
    draft_id: int | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "request_id": self.request_id,
            "interviewer": self.interviewer,
            "requester": self.requester_email,
            "uid": self.ical_uid,
            "sequence": self.sequence,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "timezone": self.timezone,
            "state": self.state,
            "partstat": self.partstat,
        }


class MeetingStore:
    """Meetings and interviewers' load; ``Store.meetings`` hands one out."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def load(self, month: Interval, window: Interval) -> Load:
        """Requests per interviewer with a slot starting in ``month``; booked and held slots in ``window``."""
        m = _meeting.c
        used: dict[int, int] = defaultdict(int)
        booked: dict[int, list[Interval]] = defaultdict(list)
        held: dict[int, list[Interval]] = defaultdict(list)
        with reading(self._engine) as conn:
            counted = (
                sa.select(m.interviewer_id, sa.func.count(sa.distinct(m.request_id)))
                .where(m.state.in_(TAKING_TIME), m.start_utc >= month.start, m.start_utc < month.end)
                .group_by(m.interviewer_id)
            )
            for interviewer_id, n in conn.execute(counted):
                if interviewer_id is not None:
                    used[interviewer_id] = int(n)
            taking = sa.select(m.interviewer_id, m.state, m.start_utc, m.end_utc).where(
                m.state.in_(TAKING_TIME), m.end_utc > window.start, m.start_utc < window.end
            )
            for interviewer_id, state, start, end in conn.execute(taking):
                if interviewer_id is not None:
                    (held if state == "held" else booked)[interviewer_id].append(Interval(start, end))
        return Load(dict(used), dict(booked), dict(held))

    def find(self, states: Iterable[str] | None = None, meeting_id: int | None = None) -> list[MeetingRow]:
        m, i, r, p = _meeting.c, _interviewer.c, _request.c, _person.c
        query = (
            sa.select(
                m.id,
                m.request_id,
                i.name,
                i.email,
                p.name,
                p.email,
                m.ical_uid,
                m.sequence,
                m.start_utc,
                m.end_utc,
                m.timezone,
                m.state,
                m.partstat,
                m.draft_id,
            )
            .outerjoin(_interviewer, i.id == m.interviewer_id)
            .join(_request, r.id == m.request_id)
            .outerjoin(_person, p.id == r.requester_id)
            .order_by(m.start_utc)
        )
        if states is not None:
            query = query.where(m.state.in_(list(states)))
        if meeting_id is not None:
            query = query.where(m.id == meeting_id)
        with reading(self._engine) as conn:
            names = [f.name for f in fields(MeetingRow)]
            return [MeetingRow(**dict(zip(names, row, strict=True))) for row in conn.execute(query)]

    def cancel(self, meeting: MeetingRow, cancel: Any, actor: str) -> Cancellation:
        """Cancel the meeting (SEQUENCE + 1), withdraw its unsent drafts and add the CANCEL draft, in one commit.

        ``cancel`` is the composed message (``drafting.compose.Composed``) carrying METHOD:CANCEL. Drafts of
        the meeting still ``pending``, ``approved`` or ``failed`` are rejected (``store/withdrawn.py``). One in
        ``sending`` is left alone: the SMTP server may have it already, and marking it otherwise would lie
        about what went out. If it did go out, the CANCEL (same UID, higher SEQUENCE) replaces it in the
        requester's calendar once approved, and it cannot overtake it: one sender runs at a time and sends
        oldest first. If it did not, the sender withdraws it before handing it over or when a failure gives
        it back (``store/outbox.py``), and the CANCEL still goes out, telling them the time is off.
        """
        m, d = _meeting.c, schema.Draft.c
        with writing(self._engine) as conn:
            done = conn.execute(
                _meeting.update()
                .where(m.id == meeting.id, m.state.in_(BOOKED), m.sequence == meeting.sequence)
                .values(state="cancelled", sequence=meeting.sequence + 1, updated_at=schema.utcnow())
            )
            if done.rowcount != 1:
                raise StoreError(f"meeting {meeting.id} changed meanwhile; look at it again")
            interviewer_id = conn.execute(sa.select(m.interviewer_id).where(m.id == meeting.id)).scalar()
            # The drafts ``store/withdrawn.py`` counts as this meeting's.
            ours = sa.select(d.id, d.state).where(
                d.request_id == meeting.request_id,
                sa.or_(d.id == meeting.draft_id, d.purpose == "forwarder_note"),
            )
            withdrawn: dict[int, str] = {}
            in_flight: list[int] = []
            for draft_id, state in conn.execute(ours.order_by(d.id)).all():
                if state == "sending":
                    in_flight.append(draft_id)
                elif state in UNSENT:
                    left = withdraw(conn, draft_id, meeting.id, actor, UNSENT)
                    if left is not None:
                        withdrawn[draft_id] = left
            draft_id = insert_draft(
                conn,
                NewDraft(
                    request_id=meeting.request_id,
                    interviewer_id=interviewer_id,
                    purpose="cancel",
                    dedupe_key=f"{meeting.request_id}:cancel:{meeting.id}:{meeting.sequence + 1}",
                    template="cancel_meeting",
                    rule="a coordinator cancelled the meeting",
                    match_reason=None,
                    message_id_header=cancel.message_id,
                    to_addrs=cancel.to,
                    cc_addrs=cancel.cc,
                    subject=cancel.subject,
                    text=cancel.text,
                    html=cancel.html,
                    ics=cancel.ics,
                    mime=cancel.mime,
                    slots=[{"start": meeting.start.isoformat(), "end": meeting.end.isoformat()}],
                ),
            )
            detail = {"draft": draft_id, "withdrawn": sorted(withdrawn), "in_flight": in_flight}
            write_audit(conn, actor, "cancel", "meeting", meeting.id, detail)
            return Cancellation(draft_id, withdrawn, in_flight)
