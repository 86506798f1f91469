"""The review queue's actions in the store: each one transaction with its ``audit`` row.

Every action checks the draft's state *in the UPDATE itself* (``_change``), so two coordinators (or a
coordinator and the sender) acting at once never both win, and nothing happens that the audit does not show.
Lists of ids are all or nothing: one draft that cannot take the action leaves every one of them unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from inboxbroker.errors import DraftChangedError, DraftNotFoundError, DraftNotPendingError
from inboxbroker.store import schema
from inboxbroker.store.audit import write_audit
from inboxbroker.store.session import writing
from inboxbroker.store.withdrawn import withdrawn_among

_draft, _request, _meeting = schema.Draft, schema.Request, schema.Meeting
_feedback = schema.Feedback

# A draft's own time: ``held`` by a proposal, ``tentative`` with an invite not yet sent.
OWN_TIME = ("held", "tentative")
APPROVABLE = ("pending", "failed")  # a failed one approved again goes back to the sender
REJECTABLE = ("pending", "approved", "failed")  # approved: the sender's claim is conditional, so no race
ALREADY_APPROVED = ("approved", "sending", "sent")


@dataclass(frozen=True)
class SlotChange:
    """What an edit does to a draft's meetings: release some, move one (same UID), hold new ones."""

    release: list[int] = field(default_factory=list)
    move: list[tuple[int, datetime, datetime]] = field(default_factory=list)  # meeting id, start, end
    hold: list[dict[str, Any]] = field(default_factory=list)  # meeting rows to insert


def version_of(value: datetime) -> str:
    """A draft's ``updated_at`` as the token an edit must present (it changes with every write)."""
    return value.isoformat()


class ReviewActions:
    """Mixed into ``ReviewStore``: the writes, beside its reads."""

    _engine: Engine

    def approve(self, ids: Sequence[int], actor: str) -> tuple[list[int], list[int]]:
        """Approve every draft or none: (approved ids, ids someone had approved already)."""
        d = _draft.c
        now = schema.utcnow()
        approved, skipped = [], []
        with writing(self._engine) as conn:
            states = _states(conn, ids)
            withdrawn = withdrawn_among(conn, list(ids), (*APPROVABLE, "rejected"))
            if withdrawn:
                listed = "; ".join(f"{i} is about meeting {m}" for i, m in sorted(withdrawn.items()))
                raise DraftNotPendingError(
                    f"cannot be approved: draft {listed}, which was cancelled (`inboxbroker meetings list "
                    "--all` shows it); nothing was changed"
                )
            _refuse(states, APPROVABLE + ALREADY_APPROVED, "approved")
            for draft_id in ids:
                if states[draft_id] in ALREADY_APPROVED:
                    skipped.append(draft_id)
                    continue
                values = {
                    "state": "approved",
                    "approved_by": actor,
                    "approved_at": now,
                    "next_attempt_at": None,
                }
                _change(conn, draft_id, (states[draft_id],), values)
                row = conn.execute(sa.select(d.request_id, d.purpose).where(d.id == draft_id)).one()
                if row.purpose == "reply":
                    _move_request(conn, row.request_id, "drafted", "approved")
                write_audit(conn, actor, "approve", "draft", draft_id, {"from": states[draft_id]})
                approved.append(draft_id)
        return approved, skipped

    def reject(self, ids: Sequence[int], reason: str, actor: str) -> dict[int, int]:
        """Reject every draft or none, releasing their time; returns draft id → meetings released."""
        released: dict[int, int] = {}
        with writing(self._engine) as conn:
            states = _states(conn, ids)
            _refuse(states, REJECTABLE, "rejected")
            for draft_id in ids:
                values = {"state": "rejected", "rejected_reason": reason}
                _change(conn, draft_id, (states[draft_id],), values)
                released[draft_id] = _release(conn, draft_id)
                detail = {"from": states[draft_id], "reason": reason, "released": released[draft_id]}
                write_audit(conn, actor, "reject", "draft", draft_id, detail)
        return released

    def save_edit(
        self,
        draft_id: int,
        version: str,
        values: dict[str, Any],
        slots: SlotChange,
        actor: str,
        action: str,
        detail: dict[str, Any],
        *,
        also: Sequence[tuple[int, dict[str, Any]]] = (),
    ) -> None:
        """Write an edited (or reassigned) draft and its meetings, if it is still the version read.

        ``also`` rewrites further pending drafts of the same request in the same commit (the forwarder's note).
        """
        m = _meeting.c
        now = schema.utcnow()
        with writing(self._engine) as conn:
            current = conn.execute(sa.select(_draft.c.updated_at).where(_draft.c.id == draft_id)).scalar()
            if current is None or version_of(current) != version:
                raise DraftChangedError(f"draft {draft_id} changed meanwhile; look at it again")
            _change(
                conn,
                draft_id,
                APPROVABLE,
                {**values, "edited_by": actor, "edited_at": now, "send_error": None},
            )
            if slots.release:
                conn.execute(
                    _meeting.update()
                    .where(m.id.in_(slots.release), m.state.in_(OWN_TIME))
                    .values(state="released", updated_at=now)
                )
            for meeting_id, start, end in slots.move:
                conn.execute(
                    _meeting.update()
                    .where(m.id == meeting_id)
                    .values(start_utc=start, end_utc=end, sequence=m.sequence + 1, updated_at=now)
                )
            for hold in slots.hold:
                conn.execute(_meeting.insert().values(draft_id=draft_id, **hold))
            for other_id, other in also:
                _change(conn, other_id, ("pending",), {**other, "edited_by": actor, "edited_at": now})
            write_audit(conn, actor, action, "draft", draft_id, detail)

    def reclassify(
        self, request_id: int, label: str, note: str | None, actor: str, *, answerable: bool
    ) -> tuple[str, list[int]]:
        """Record the correction; an unanswerable label rejects the request's open drafts and closes it.

        Returns (the old label, the drafts rejected).
        """
        r, d = _request.c, _draft.c
        with writing(self._engine) as conn:
            row = conn.execute(sa.select(r.message_id, r.label, r.state).where(r.id == request_id)).first()
            if row is None:
                raise DraftNotFoundError(f"no request {request_id}")
            conn.execute(
                _feedback.insert().values(
                    message_id=row.message_id, old_label=row.label, new_label=label, actor=actor, note=note
                )
            )
            conn.execute(
                _request.update().where(r.id == request_id).values(label=label, updated_at=schema.utcnow())
            )
            rejected: list[int] = []
            if answerable:
                # Triage held it back as unsure; now a person vouches for it, the next run drafts it.
                _move_request(conn, request_id, "needs_triage", "new")
            else:
                reason = f"reclassified as {label} by {actor}"
                open_drafts = sa.select(d.id).where(
                    d.request_id == request_id, d.state.in_(("pending", "failed"))
                )
                for (draft_id,) in conn.execute(open_drafts).all():
                    _change(
                        conn,
                        draft_id,
                        ("pending", "failed"),
                        {"state": "rejected", "rejected_reason": reason},
                    )
                    _release(conn, draft_id)
                    write_audit(conn, actor, "reject", "draft", draft_id, {"reason": reason})
                    rejected.append(draft_id)
                conn.execute(
                    _request.update()
                    .where(
                        r.id == request_id, r.state.in_(("new", "drafted", "needs_triage", "needs_attention"))
                    )
                    .values(state="declined", state_reason=reason)
                )
            detail = {"from": row.label, "to": label, "note": note, "rejected": rejected}
            write_audit(conn, actor, "reclassify", "request", request_id, detail)
        return row.label, rejected

    def retry_requests(self, request_ids: Sequence[int] | None, actor: str) -> list[int]:
        """Give requests left to a person (``needs_attention``) back to drafting; all of them when ids is None.

        The next run drafts them again: after an interviewer was added, capacity raised or a calendar fixed.
        Returns the ids moved; an id that is not waiting there is refused, and then nothing is moved.
        """
        r = _request.c
        with writing(self._engine) as conn:
            waiting = sa.select(r.id).where(r.state == "needs_attention")
            if request_ids is not None:
                found = set(conn.execute(waiting.where(r.id.in_(list(request_ids)))).scalars())
                missing = [i for i in request_ids if i not in found]
                if missing:
                    raise DraftNotFoundError(
                        f"request {', '.join(map(str, missing))} is not waiting for a person (needs_attention); "
                        "nothing was changed (`inboxbroker requests list` shows them)"
                    )
                ids = sorted(found)
            else:
                ids = sorted(conn.execute(waiting).scalars())
            for request_id in ids:
                _move_request(conn, request_id, "needs_attention", "new")
                write_audit(conn, actor, "retry", "request", request_id, {})
        return ids


def _states(conn: Connection, ids: Sequence[int]) -> dict[int, str]:
    d = _draft.c
    found = {row.id: row.state for row in conn.execute(sa.select(d.id, d.state).where(d.id.in_(list(ids))))}
    missing = [i for i in ids if i not in found]
    if missing:
        raise DraftNotFoundError(
            f"no draft {', '.join(map(str, missing))}; nothing was changed (`inboxbroker drafts list` shows them)"
        )
    return found


def _refuse(states: dict[int, str], allowed: tuple[str, ...], verb: str) -> None:
    wrong = [f"{i} is {s}" for i, s in states.items() if s not in allowed]
    if wrong:
        raise DraftNotPendingError(f"cannot be {verb}: draft {'; '.join(wrong)}; nothing was changed")


def _change(conn: Connection, draft_id: int, from_states: tuple[str, ...], values: dict[str, Any]) -> None:
    d = _draft.c
    done = conn.execute(
        _draft.update()
        .where(d.id == draft_id, d.state.in_(from_states))
        .values(**values, updated_at=schema.utcnow())
    )
    if done.rowcount != 1:
        raise DraftChangedError(f"draft {draft_id} changed meanwhile; nothing was changed")


def _release(conn: Connection, draft_id: int) -> int:
    m = _meeting.c
    return int(
        conn.execute(
            _meeting.update()
            .where(m.draft_id == draft_id, m.state.in_(OWN_TIME))
            .values(state="released", updated_at=schema.utcnow())
        ).rowcount
    )


def _move_request(conn: Connection, request_id: int, old: str, new: str) -> None:
    r = _request.c
    conn.execute(
        _request.update()
        .where(r.id == request_id, r.state == old)
        .values(state=new, state_reason=None, updated_at=schema.utcnow())
    )
