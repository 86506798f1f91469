"""Closing the loop: a requester's reply to a sent proposal is read for the slot it picks.

"Tuesday at 2 works", "the second one", "Thu 10:30 ET" → the confirmation with the invite is drafted for
that slot (same UID as its hold) and the other held slots are released, in one commit. A reply that does not
say clearly which slot goes to ``needs_attention`` with the offered slots, for a coordinator to answer.
"""

from __future__ import annotations

import logging
from datetime import datetime
from email.utils import make_msgid, parseaddr
from typing import TYPE_CHECKING

from inboxbroker.domain import Address, Interval
from inboxbroker.errors import InboxBrokerError, TemplateError

if TYPE_CHECKING:
    from inboxbroker.runtime.drafting import Drafter, DraftingSummary
    from inboxbroker.store.replies import ReplyToAnswer

log = logging.getLogger(__name__)


def answer_replies(drafter: Drafter, summary: DraftingSummary, now: datetime) -> None:
    for reply in drafter.store.replies.replies_to_answer():
        try:
            reason = _answer(drafter, reply, now)
        except InboxBrokerError as exc:
            if not isinstance(exc, TemplateError):
                raise
            reason = f"template: {exc}"
        except Exception as exc:  # one reply must not stop the run; the coordinator sees why
            log.exception("answering reply %s failed", reply.id)
            reason = f"reading the reply failed: {type(exc).__name__}: {exc}"
        if reason is None:
            summary.drafted += 1
        elif drafter.store.replies.needs_attention(reply.id, reason):
            summary.needs_attention += 1
            summary.notes.append(f"reply {reply.id} to request {reply.parent_id} needs attention: {reason}")


def _answer(drafter: Drafter, reply: ReplyToAnswer, now: datetime) -> str | None:
    """None when the confirmation is drafted (or was already), else why a person must answer."""
    from inboxbroker.drafting.choice import Picked, pick_slot
    from inboxbroker.drafting.compose import Host, Thread, compose_reply, context_for
    from inboxbroker.drafting.plan import Answer
    from inboxbroker.drafting.wording import format_slot
    from inboxbroker.mail.parse import parse_message
    from inboxbroker.mail.quotes import split_reply
    from inboxbroker.runtime.drafting import Drafter

    message = parse_message(reply.raw)
    offered = [Interval(o.start, o.end) for o in reply.offered]
    host_settings = next(
        (i for i in drafter.settings.interviewers if i.email == reply.interviewer_email), None
    )
    zone = reply.requester_zone if reply.requester_zone and "/" in reply.requester_zone else None
    zone = zone or (host_settings.timezone if host_settings else None)
    choice = pick_slot(split_reply(message.text).new, offered, reference=message.date or now, zone=zone)
    if not isinstance(choice, Picked):
        listed = "; ".join(format_slot(slot, zone or "UTC") for slot in offered)
        return f"{choice.reason} (offered: {listed})"
    if host_settings is None or reply.requester_email is None:
        return "the interviewer or the requester of this proposal is no longer known"
    chosen = next(o for o in reply.offered if (o.start, o.end) == (choice.slot.start, choice.slot.end))
    host = Host(
        host_settings.name,
        host_settings.email,
        host_settings.timezone,
        host_settings.location,
        host_settings.video_link,
    )
    requester = Address(reply.requester_name or "", reply.requester_email)
    answer = Answer(
        "confirm_slot",
        f"the requester's reply picked a slot: {choice.reason}",
        host.email,
        None,
        (choice.slot,),
        choice.slot.end - choice.slot.start,
    )
    wording = drafter.wording()
    context = context_for(
        answer,
        requester=requester,
        requester_zone=reply.requester_zone,
        forwarder=None,
        host=host,
        topic=None,
        role=None,
        meeting_format=None,
        wording=wording,
    )
    domain = parseaddr(wording.sender)[1].rpartition("@")[2] or "inboxbroker.invalid"
    message_id = make_msgid(domain=domain)
    references = (*message.references, message.message_id) if message.message_id else message.references
    composed = compose_reply(
        answer,
        templates=drafter.templates,
        context=context,
        requester=requester,
        forwarder=None,
        host=host,
        thread=Thread(reply.proposal_subject, message.message_id, tuple(r for r in references if r)),
        wording=wording,
        message_id=message_id,
        invite_uid=chosen.uid,
        now=now,
    )
    key = f"{reply.parent_id}:confirm:{reply.id}"  # one confirmation per reply message, whatever reruns
    draft = Drafter.new_draft(
        reply.parent_id, "confirm", answer, composed, message_id, reply.interviewer_id, key
    )
    drafter.store.replies.book_choice(reply, chosen, draft)
    return None
