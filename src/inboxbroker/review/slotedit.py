"""Changing which slots a draft offers: checked against the interviewer's free time, holds moved with them.

A proposal's slots are ``held`` meetings: the ones no longer offered are released and new ones held (fresh
UIDs: nothing was sent under them). A draft with an invite has one ``tentative`` meeting: it moves, keeping
its UID with SEQUENCE + 1, and the invite is rebuilt to match (RFC 5546's revised event).
"""

from __future__ import annotations

import uuid
from email.utils import parseaddr
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from inboxbroker.domain import Interval
from inboxbroker.errors import DraftEditError
from inboxbroker.review import editing
from inboxbroker.review.slots import is_free, slot_line
from inboxbroker.store.drafts import DraftRow
from inboxbroker.store.review import DraftExtra, OwnMeeting, SlotChange

if TYPE_CHECKING:
    from inboxbroker.settings.answering import Interviewer

# The ReviewService calling in (its store, clock, drafter, slot_host, free_time); not imported: no cycle.
ReviewService = Any

MAX_SLOTS = 10


def new_slots(
    service: ReviewService, draft: DraftRow, extra: DraftExtra, wanted: list[Interval]
) -> tuple[SlotChange, str | None]:
    host = service.slot_host(draft, extra)
    own = service.store.review.own_meetings(draft.id)
    invite = draft.ics is not None
    if not wanted or len(wanted) > MAX_SLOTS:
        raise DraftEditError(f"offer between 1 and {MAX_SLOTS} slots")
    if invite and len(wanted) != 1:
        raise DraftEditError("this draft sends an invite, which is for one slot: choose exactly one")
    for one, other in pairwise(wanted):
        if other.start < one.end:
            raise DraftEditError(
                f"the slots {slot_line(one, host.timezone)} and {slot_line(other, host.timezone)} overlap"
            )
    kept = {Interval(m.start, m.end) for m in own}
    spans = service.free_time(host, editing.duration(draft) or wanted[0].end - wanted[0].start, own)
    for slot in wanted:
        if slot not in kept and not is_free(slot, spans):
            raise DraftEditError(f"{host.name} is not free at {slot_line(slot, host.timezone)}")
    if invite:
        if len(own) != 1:
            raise DraftEditError(f"draft {draft.id} has no single meeting for its invite to move")
        return SlotChange(move=[(own[0].id, wanted[0].start, wanted[0].end)]), moved_invite(
            service, draft, host, own[0], wanted[0]
        )
    domain = parseaddr(service.drafter.wording().sender)[1].rpartition("@")[2] or "inboxbroker.invalid"
    hold = [
        {
            "request_id": draft.request_id,
            "interviewer_id": extra.interviewer_id,
            "ical_uid": f"{uuid.uuid4()}@{domain}",
            "sequence": 0,
            "start_utc": s.start,
            "end_utc": s.end,
            "timezone": host.timezone,
            "state": "held",
        }
        for s in wanted
        if s not in kept
    ]
    release = [m.id for m in own if Interval(m.start, m.end) not in set(wanted)]
    return SlotChange(release=release, hold=hold), None


def moved_invite(
    service: ReviewService, draft: DraftRow, host: Interviewer, meeting: OwnMeeting, slot: Interval
) -> str:
    """The invite for the moved slot: same UID, SEQUENCE + 1 (RFC 5546: a revised event)."""
    from inboxbroker.drafting.compose import Host, context_for, invite_spec
    from inboxbroker.drafting.invite import build_request
    from inboxbroker.drafting.plan import Answer

    request = service.store.review.request(draft.request_id)
    requester = editing.address(draft.to[0])
    person = Host(host.name, host.email, host.timezone, host.location, host.video_link)
    answer = Answer(draft.template, draft.rule or "", host.email, None, (slot,), slot.end - slot.start)
    wording = service.drafter.wording()
    context = context_for(
        answer,
        requester=requester,
        requester_zone=request.timezone,
        forwarder=None,
        host=person,
        topic=request.topic,
        role=None,
        meeting_format=request.format,
        wording=wording,
    )
    spec = invite_spec(
        slot, person, requester, meeting.ical_uid, meeting.sequence + 1, wording, service.clock(), context
    )
    return build_request(spec).decode("utf-8")
