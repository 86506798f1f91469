"""Services behind ``interviewers list`` and ``meetings cancel``: each interviewer's month, and cancelling.

``interviewer_overview`` reads the same load and busy calendars as drafting, so "next free slot" is the slot
a draft made now would offer first. ``cancel_meeting`` frees the time at once, withdraws the meeting's unsent
invite, and drafts the iTIP CANCEL (same UID, SEQUENCE + 1) for a person to approve, in one commit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime
from email.utils import make_msgid, parseaddr
from typing import TYPE_CHECKING, Any

from inboxbroker.errors import CalendarError, UsageError

if TYPE_CHECKING:
    from inboxbroker.settings.config import Settings
    from inboxbroker.store.ledger import Store
    from inboxbroker.store.meetings import Cancellation


def interviewer_overview(
    settings: Settings, store: Store, now: datetime | None = None
) -> list[dict[str, Any]]:
    """One row per configured interviewer (the ``interviewers list --json`` objects)."""
    from inboxbroker.drafting.plan import RequestFacts, plan_slots
    from inboxbroker.runtime.drafting import Drafter, limits_of, month_of

    now = now or datetime.now(UTC)
    drafter = Drafter(settings, store, clock=lambda: now)
    drafter.prepare()
    month = month_of(now)
    booked = Counter(
        row.interviewer_email
        for row in store.meetings.find(("tentative", "confirmed"))
        if month.start <= row.start < month.end
    )
    held: dict[str | None, set[int]] = {}
    for row in store.meetings.find(("held",)):
        held.setdefault(row.interviewer_email, set()).add(row.request_id)
    probe = RequestFacts("interview_request", None, None, None, None, None, None, "", None)
    rows = []
    for person in drafter.interviewer_times(now):
        interviewer = drafter.interviewer(person.email)
        error = None
        first = None
        try:
            busy = drafter.busy_of(interviewer, now)
            slots, _ = plan_slots(probe, person, busy, now=now, limits=limits_of(settings))
            first = slots[0] if slots else None
        except CalendarError as exc:
            error = str(exc)
        rows.append(
            {
                "name": person.name,
                "email": person.email,
                "timezone": person.timezone,
                "topics": list(person.topics),
                "capacity": person.capacity,
                "used": person.used,
                "meetings": booked.get(person.email, 0),
                "holds": len(held.get(person.email, ())),
                "next_free_slot": {"start": first.start.isoformat(), "end": first.end.isoformat()}
                if first
                else None,
                "calendar_error": error,
            }
        )
    return rows


def cancel_meeting(
    settings: Settings, store: Store, meeting_id: int, actor: str, now: datetime | None = None
) -> Cancellation:
    """Cancel a tentative or confirmed meeting: the CANCEL draft waiting for approval, the drafts withdrawn."""
    from inboxbroker.domain import Address, Interval
    from inboxbroker.drafting.compose import Host, Thread, compose_cancel
    from inboxbroker.runtime.drafting import Drafter, sender_of

    now = now or datetime.now(UTC)
    rows = store.meetings.find(meeting_id=meeting_id)
    if not rows:
        raise UsageError(f"no meeting {meeting_id}; `inboxbroker meetings list --all` shows them")
    meeting = rows[0]
    if meeting.state not in ("tentative", "confirmed"):
        raise UsageError(
            f"meeting {meeting_id} is {meeting.state}; only a tentative or confirmed one can be cancelled"
        )
    sender = sender_of(settings)
    if sender is None:
        raise UsageError("no From address: set [smtp] from or [drafting] from")
    if meeting.requester_email is None:
        raise UsageError(f"meeting {meeting_id} has no requester address to send the cancellation to")
    configured = {i.email: i for i in settings.interviewers}
    interviewer = configured.get(meeting.interviewer_email or "")
    host = Host(
        meeting.interviewer or "",
        meeting.interviewer_email or "",
        meeting.timezone,
        interviewer.location if interviewer else None,
        interviewer.video_link if interviewer else None,
    )
    domain = parseaddr(sender)[1].rpartition("@")[2] or "inboxbroker.invalid"
    wording = replace(Drafter(settings, store).wording(), cc_forwarder=False)
    reply = store.drafts.reply_of(meeting.request_id)
    composed = compose_cancel(
        templates=Drafter(settings, store).templates,
        meeting=Interval(meeting.start, meeting.end),
        uid=meeting.ical_uid,
        sequence=meeting.sequence + 1,
        requester=Address(meeting.requester_name or "", meeting.requester_email),
        host=host,
        thread=Thread(reply.subject if reply else "", reply.message_id_header if reply else None),
        wording=wording,
        message_id=make_msgid(domain=domain),
        now=now,
    )
    return store.meetings.cancel(meeting, composed, actor)
