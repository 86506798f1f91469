"""Drafts a cancelled meeting withdrew: the invite (or the forwarder's note) of a meeting that is off.

A draft belongs to a meeting when the meeting's ``draft_id`` names it (the reply or confirmation carrying its
METHOD:REQUEST; the CANCEL draft never is one), or when it is the forwarder's note of that meeting's request,
which tells them of the same slots. Once the meeting is ``cancelled`` such a draft is never approved or sent:
``meetings cancel`` rejects the unsent ones in its own commit, approving one is refused, and the sender
neither claims nor hands one over (``store/outbox.py``).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from inboxbroker.store import schema
from inboxbroker.store.audit import write_audit

_draft, _meeting = schema.Draft, schema.Meeting

REASON = "the meeting was cancelled"
UNSENT = ("pending", "approved", "failed")  # not yet handed to the sender, or given back by it


def cancelled_meeting() -> sa.ScalarSelect[Any]:
    """The id of the cancelled meeting that withdrew the enclosing query's draft row, else NULL."""
    d, m = _draft.c, _meeting.c
    # A meeting and its draft are always of one request: the request id keeps this to its index, not a scan
    # of every meeting for each draft the sender looks at.
    belongs = sa.or_(m.draft_id == d.id, d.purpose == "forwarder_note")
    return (
        sa.select(m.id)
        .where(m.request_id == d.request_id, m.state == "cancelled", belongs)
        .order_by(m.id)
        .limit(1)
        .correlate(_draft)
        .scalar_subquery()
    )


def withdrawn_among(conn: Connection, ids: list[int], states: tuple[str, ...]) -> dict[int, int]:
    """Of these drafts, the ones in ``states`` a cancelled meeting withdrew: draft id → meeting id."""
    d = _draft.c
    meeting = cancelled_meeting()
    query = sa.select(d.id, meeting).where(d.id.in_(ids), d.state.in_(states), meeting.is_not(None))
    return {int(row[0]): int(row[1]) for row in conn.execute(query)}


def withdraw(
    conn: Connection, draft_id: int, meeting_id: int, actor: str, from_states: tuple[str, ...]
) -> str | None:
    """Reject a withdrawn draft still in ``from_states``, with its audit row; the state it left, or None."""
    d = _draft.c
    state = conn.execute(sa.select(d.state).where(d.id == draft_id)).scalar()
    if state not in from_states:
        return None
    done = conn.execute(
        _draft.update()
        .where(d.id == draft_id, d.state == state)
        .values(
            state="rejected",
            rejected_reason=REASON,
            next_attempt_at=None,
            handed_over_at=None,
            updated_at=schema.utcnow(),
        )
    )
    if done.rowcount != 1:  # the sender claimed it meanwhile (PostgreSQL): it is the sender's now
        return None
    detail = {"from": state, "reason": REASON, "meeting": meeting_id}
    write_audit(conn, actor, "reject", "draft", draft_id, detail)
    return str(state)
