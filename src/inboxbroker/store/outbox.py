"""The store's side of sending: approved drafts move ``approved → sending → sent`` (DESIGN §4.5).

Each step is its own commit, so a process killed at any point leaves a state that says what to do next:
``approved`` has not gone out; ``sending`` may have gone out (the sender looks in the Sent folder before trying
again); ``sent`` and ``failed`` are done. Only an approved draft (state ``approved`` *and* an approval on
record) can ever be claimed: this is the one query through which anything reaches SMTP. A draft a cancelled
meeting withdrew (``store/withdrawn.py``) is never claimed, and one claimed just before the cancel is
withdrawn instead of handed over.

Claiming is safe with several senders at once: PostgreSQL skips a row another transaction holds
(``FOR UPDATE SKIP LOCKED``); SQLite's ``BEGIN IMMEDIATE`` writers already run one at a time. Either way the
move to ``sending`` is conditional on the row still being ``approved``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from inboxbroker.store import schema
from inboxbroker.store.audit import write_audit
from inboxbroker.store.session import reading, writing
from inboxbroker.store.withdrawn import cancelled_meeting, withdraw, withdrawn_among

_draft = schema.table_of(schema.Draft)
_request = schema.table_of(schema.Request)

ACTOR = "inboxbroker send"
# A reply, or the confirmation of a slot the requester chose, answers the request; a decline closes it.
_ANSWERS = ("reply", "confirm")
_DECLINE_TEMPLATES = ("decline_capacity",)
# The request states a sent answer moves on (never one a person or a later message has moved elsewhere).
_OPEN_REQUEST_STATES = ("new", "drafted", "approved")


@dataclass(frozen=True)
class OutgoingDraft:
    """An approved draft on its way out: whom it goes to and the exact bytes (without a Date header)."""

    id: int
    request_id: int
    purpose: str
    template: str
    state: str
    message_id_header: str
    to: list[str]
    cc: list[str]
    subject: str
    send_attempts: int
    send_error: str | None
    next_attempt_at: datetime | None
    approved_by: str | None
    mime: bytes = field(repr=False)
    handed_over_at: datetime | None = None  # a send was in the SMTP transaction (see ``hand_over``)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "request_id": self.request_id,
            "state": self.state,
            "to": self.to,
            "cc": self.cc,
            "subject": self.subject,
            "message_id": self.message_id_header,
            "approved_by": self.approved_by,
            "send_attempts": self.send_attempts,
        }


def _approved(now: datetime) -> sa.ColumnElement[bool]:
    """The one condition under which a draft may be sent: approved by someone, due, and its meeting not off."""
    d = _draft.c
    return sa.and_(
        d.state == "approved",
        d.approved_at.is_not(None),
        d.mime.is_not(None),
        sa.or_(d.next_attempt_at.is_(None), d.next_attempt_at <= now),
        cancelled_meeting().is_(None),
    )


class OutboxStore:
    """Sending's view of the database; ``Store.outbox`` hands one out."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def due(self, now: datetime) -> list[OutgoingDraft]:
        """Approved drafts whose time has come, oldest first (what a send would send; nothing is claimed)."""
        with reading(self._engine) as conn:
            return [_row(r) for r in conn.execute(_select().where(_approved(now)).order_by(_draft.c.id))]

    def waiting(self, now: datetime) -> list[OutgoingDraft]:
        """Approved drafts that wait for a later send after temporary failures."""
        d = _draft.c
        query = (
            _select()
            .where(d.state == "approved", d.next_attempt_at > now, cancelled_meeting().is_(None))
            .order_by(d.id)
        )
        with reading(self._engine) as conn:
            return [_row(r) for r in conn.execute(query)]

    def withdraw_cancelled(self) -> list[OutgoingDraft]:
        """Reject the approved drafts a cancelled meeting withdrew, each audited; returns them.

        ``meetings cancel`` rejects every unsent one itself; this finds one it could not, because it was
        ``sending`` then and a temporary failure gave it back as ``approved``.
        """
        d = _draft.c
        with writing(self._engine) as conn:
            meeting = cancelled_meeting()
            query = (
                _select()
                .add_columns(meeting.label("meeting_id"))
                .where(d.state == "approved", meeting.is_not(None))
            )
            return [
                _row(r, state="rejected")
                for r in conn.execute(query.order_by(d.id)).all()
                if withdraw(conn, r.id, r.meeting_id, ACTOR, ("approved",))
            ]

    def in_sending(self) -> list[OutgoingDraft]:
        """Drafts left in ``sending``: a send was cut short and may or may not have reached the server."""
        with reading(self._engine) as conn:
            query = _select().where(_draft.c.state == "sending").order_by(_draft.c.id)
            return [_row(r) for r in conn.execute(query)]

    def claim_next(self, now: datetime, *, skip: tuple[int, ...] = ()) -> OutgoingDraft | None:
        """Move the oldest due approved draft to ``sending`` in its own commit and return it; None when none."""
        d = _draft.c
        with writing(self._engine) as conn:
            query = _select().where(_approved(now)).order_by(d.id).limit(1)
            if skip:
                query = query.where(d.id.not_in(skip))
            if conn.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True, of=_draft)
            row = conn.execute(query).first()
            if row is None:
                return None
            moved = conn.execute(
                _draft.update()
                .where(d.id == row.id, d.state == "approved")
                .values(state="sending", updated_at=schema.utcnow())
            )
            if moved.rowcount != 1:  # taken by another sender between the read and the write
                return None
        return _row(row, state="sending")

    def mark_sent(self, draft_id: int, *, at: datetime, detail: dict[str, Any]) -> bool:
        """``sending → sent`` with the time, and the request answered (or declined), in one commit.

        False when the draft was no longer ``sending`` (nothing changed).
        """
        d, r = _draft.c, _request.c
        with writing(self._engine) as conn:
            done = conn.execute(
                _draft.update()
                .where(d.id == draft_id, d.state == "sending")
                .values(
                    state="sent",
                    handed_over_at=None,
                    sent_at=at,
                    send_error=None,
                    next_attempt_at=None,
                    send_attempts=d.send_attempts + 1,
                    updated_at=schema.utcnow(),
                )
            )
            if done.rowcount != 1:
                return False
            draft = conn.execute(sa.select(d.request_id, d.purpose, d.template).where(d.id == draft_id)).one()
            if draft.purpose in _ANSWERS:
                state = "declined" if draft.template in _DECLINE_TEMPLATES else "sent"
                conn.execute(
                    _request.update()
                    .where(r.id == draft.request_id, r.state.in_(_OPEN_REQUEST_STATES))
                    .values(state=state, state_reason=None, updated_at=schema.utcnow())
                )
            write_audit(conn, ACTOR, "sent", "draft", draft_id, detail)
        return True

    def hand_over(self, draft_id: int, *, at: datetime) -> bool:
        """Record, in a commit of its own, that the SMTP transaction of this ``sending`` draft begins now.

        From here until ``mark_sent`` (or a failure clears it) the server may have taken the message: a kill
        in that window leaves the mark, and the next send asks a person rather than send it again.

        False, and nothing may be sent, when its meeting was cancelled since it was claimed: it is rejected
        instead, in the same commit, and nothing more of it goes to the server (should an earlier try have
        reached it after all, the meeting's CANCEL follows it).
        """
        d = _draft.c
        with writing(self._engine) as conn:
            meeting = withdrawn_among(conn, [draft_id], ("sending",)).get(draft_id)
            if meeting is not None:
                withdraw(conn, draft_id, meeting, ACTOR, ("sending",))
                return False
            conn.execute(
                _draft.update().where(d.id == draft_id, d.state == "sending").values(handed_over_at=at)
            )
        return True

    def mark_temporary(self, draft_id: int, error: str, *, next_attempt_at: datetime | None) -> bool:
        """``sending → approved`` after a temporary failure: counted, with the error and when to try again."""
        d = _draft.c
        with writing(self._engine) as conn:
            done = conn.execute(
                _draft.update()
                .where(d.id == draft_id, d.state == "sending")
                .values(
                    state="approved",
                    handed_over_at=None,
                    send_error=error,
                    send_attempts=d.send_attempts + 1,
                    next_attempt_at=next_attempt_at,
                    updated_at=schema.utcnow(),
                )
            )
            if done.rowcount == 1:
                detail = {"error": error, "next_attempt_at": next_attempt_at}
                write_audit(conn, ACTOR, "send deferred", "draft", draft_id, detail)
            return done.rowcount == 1

    def release(self, draft_id: int, error: str) -> bool:
        """``sending → approved`` without counting an attempt: the fault was ours (a login, a config)."""
        d = _draft.c
        with writing(self._engine) as conn:
            done = conn.execute(
                _draft.update()
                .where(d.id == draft_id, d.state == "sending")
                .values(state="approved", handed_over_at=None, send_error=error, updated_at=schema.utcnow())
            )
            return done.rowcount == 1

    def mark_failed(self, draft_id: int, error: str) -> bool:
        """``sending → failed`` with the server's words: it refused the message for good (5xx), or a person
        must decide because it could not be told whether an interrupted send went out."""
        d = _draft.c
        with writing(self._engine) as conn:
            done = conn.execute(
                _draft.update()
                .where(d.id == draft_id, d.state == "sending")
                .values(
                    state="failed",
                    handed_over_at=None,
                    send_error=error,
                    send_attempts=d.send_attempts + 1,
                    next_attempt_at=None,
                    updated_at=schema.utcnow(),
                )
            )
            if done.rowcount == 1:
                write_audit(conn, ACTOR, "send failed", "draft", draft_id, {"error": error})
            return done.rowcount == 1


def _select() -> sa.Select[Any]:
    d = _draft.c
    return sa.select(
        d.id,
        d.request_id,
        d.purpose,
        d.template,
        d.state,
        d.message_id_header,
        d.to_addrs,
        d.cc_addrs,
        d.subject,
        d.send_attempts,
        d.send_error,
        d.next_attempt_at,
        d.approved_by,
        d.mime,
        d.handed_over_at,
    )


def _row(row: Any, *, state: str | None = None) -> OutgoingDraft:
    return OutgoingDraft(
        id=row.id,
        request_id=row.request_id,
        purpose=row.purpose,
        template=row.template,
        state=state or row.state,
        message_id_header=row.message_id_header,
        to=list(row.to_addrs or []),
        cc=list(row.cc_addrs or []),
        subject=row.subject,
        send_attempts=int(row.send_attempts or 0),
        send_error=row.send_error,
        next_attempt_at=row.next_attempt_at,
        approved_by=row.approved_by,
        mime=bytes(row.mime or b""),
        handed_over_at=row.handed_over_at,
    )
