"""Turn an ``Answer`` into the reply itself: template variables, rendered parts, the invite and MIME bytes.

Pure: identifiers (Message-ID, invite UIDs) and the clock come from the caller, so the same inputs always give
the same draft. Mail content reaches the templates only as values in the context, never as template source.
The variables each template receives are listed in ``templates/README.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.parser import BytesHeaderParser
from email.utils import parseaddr

from inboxbroker.domain import Address, Interval
from inboxbroker.drafting.invite import InviteSpec, Party, build_cancel, build_request
from inboxbroker.drafting.plan import Answer
from inboxbroker.drafting.render import TemplateSet
from inboxbroker.drafting.reply import ReplySpec, build_reply
from inboxbroker.drafting.wording import SlotText, format_slot_both

_HEADERS = BytesHeaderParser(policy=policy.default)
# Formats met in person: the invite and the reply name the place rather than the video link.
IN_PERSON = frozenset({"in_person", "coffee"})


@dataclass(frozen=True)
class Thread:
    """What the reply answers: the original subject and Message-ID (inside a forward where there is one)."""

    subject: str
    message_id: str | None
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Host:
    name: str
    email: str
    timezone: str
    location: str | None = None
    video_link: str | None = None


@dataclass(frozen=True)
class Wording:
    """The settings that shape every reply."""

    sender: str  # the From header value
    programme: str
    careers_address: str | None
    cc_forwarder: bool
    coordinator_name: str | None = None


@dataclass(frozen=True)
class Composed:
    message_id: str
    to: list[str]
    cc: list[str]
    subject: str
    text: str
    html: str | None
    ics: str | None
    mime: bytes


def programme_name(sender: str, configured: str | None) -> str:
    return configured or parseaddr(sender)[0] or "the interview programme"


def context_for(
    answer: Answer,
    *,
    requester: Address,
    requester_zone: str | None,
    forwarder: Address | None,
    host: Host | None,
    topic: str | None,
    role: str | None,
    meeting_format: str | None,
    wording: Wording,
) -> dict[str, object]:
    """Every variable any template may ask for; each value is plain data (``StrictUndefined`` checks names)."""
    reader_zone = requester_zone if requester_zone and "/" in requester_zone else None
    slots = _slot_texts(answer.slots, reader_zone, host)
    in_person = meeting_format in IN_PERSON
    forwarder_hosts = bool(forwarder and host and forwarder.email == host.email)
    return {
        "programme": wording.programme,
        "coordinator_name": wording.coordinator_name,
        "requester_name": requester.name or None,
        "requester_email": requester.email,
        "topic": topic,
        "role": role,
        "interviewer_name": host.name if host else None,
        "forwarder_name": forwarder.name or forwarder.email if forwarder else None,
        "forwarder_hosts": forwarder_hosts,
        "slots": slots,
        "slot": slots[0] if slots else None,
        "confirmed": answer.sends_invite,
        "duration_minutes": int(answer.duration.total_seconds() // 60),
        "location": host.location if host else None,
        "video_url": None if in_person or host is None else host.video_link,
        "careers_address": wording.careers_address,
        "missing": list(answer.missing),
        "next_opening": None,
    }


def compose_reply(
    answer: Answer,
    *,
    templates: TemplateSet,
    context: dict[str, object],
    requester: Address,
    forwarder: Address | None,
    host: Host | None,
    thread: Thread,
    wording: Wording,
    message_id: str,
    invite_uid: str | None,
    now: datetime,
) -> Composed:
    """The reply to the requester (never the forwarder), with the forwarding manager in Cc when configured."""
    rendered = templates.render(answer.template, context)
    ics: bytes | None = None
    if answer.sends_invite and host is not None and invite_uid is not None and answer.slots:
        spec = invite_spec(answer.slots[0], host, requester, invite_uid, 0, wording, now, context)
        ics = build_request(spec)
    cc = (forwarder,) if wording.cc_forwarder and forwarder and forwarder.email != requester.email else ()
    spec_reply = ReplySpec(
        sender=wording.sender,
        to=requester,
        cc=cc,
        message_id=message_id,
        text=rendered.text,
        html=rendered.html,
        subject=thread.subject,
        fallback_subject=rendered.subject,
        in_reply_to=thread.message_id,
        references=thread.references,
        ics=ics,
    )
    return _composed(message_id, build_reply(spec_reply), rendered.text, rendered.html, ics)


def compose_note(
    *,
    templates: TemplateSet,
    context: dict[str, object],
    forwarder: Address,
    wording: Wording,
    message_id: str,
) -> Composed:
    """The short note to the manager who forwarded the request: a new message with the template's subject."""
    rendered = templates.render("note_to_forwarder", context)
    spec = ReplySpec(
        sender=wording.sender,
        to=forwarder,
        message_id=message_id,
        text=rendered.text,
        html=rendered.html,
        fallback_subject=rendered.subject,
    )
    return _composed(message_id, build_reply(spec), rendered.text, rendered.html, None)


def compose_cancel(
    *,
    templates: TemplateSet,
    meeting: Interval,
    uid: str,
    sequence: int,
    requester: Address,
    host: Host,
    thread: Thread,
    wording: Wording,
    message_id: str,
    now: datetime,
) -> Composed:
    """METHOD:CANCEL for a booked meeting, same UID, the SEQUENCE the caller raised, in the reply's thread."""
    answer = Answer("cancel_meeting", "cancelled", host.email, None, (meeting,), meeting.end - meeting.start)
    context = context_for(
        answer,
        requester=requester,
        requester_zone=None,
        forwarder=None,
        host=host,
        topic=None,
        role=None,
        meeting_format=None,
        wording=wording,
    )
    rendered = templates.render("cancel_meeting", context)
    ics = build_cancel(invite_spec(meeting, host, requester, uid, sequence, wording, now, context))
    spec = ReplySpec(
        sender=wording.sender,
        to=requester,
        message_id=message_id,
        text=rendered.text,
        html=rendered.html,
        subject=thread.subject,
        fallback_subject=rendered.subject,
        in_reply_to=thread.message_id,
        references=thread.references,
        ics=ics,
        ics_method="CANCEL",
    )
    return _composed(message_id, build_reply(spec), rendered.text, rendered.html, ics)


def invite_spec(
    slot: Interval,
    host: Host,
    requester: Address,
    uid: str,
    sequence: int,
    wording: Wording,
    now: datetime,
    context: dict[str, object],
) -> InviteSpec:
    organizer_name, organizer_email = parseaddr(wording.sender)
    who = requester.name or requester.email
    topic = context.get("topic")
    return InviteSpec(
        uid=uid,
        sequence=sequence,
        dtstamp=now,
        start=slot.start,
        end=slot.end,
        tz_name=host.timezone,
        summary=f"{wording.programme}: {who} and {host.name}",
        description=f"An informational conversation with {host.name}"
        + (f" about {topic}." if topic else "."),
        organizer=Party(organizer_name or wording.programme, organizer_email),
        attendees=(Party(requester.name, requester.email), Party(host.name, host.email)),
        location=_text(context.get("location")),
        video_url=_text(context.get("video_url")),
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def slots_json(slots: Sequence[Interval]) -> list[dict[str, str]]:
    return [{"start": s.start.isoformat(), "end": s.end.isoformat()} for s in slots]


def _slot_texts(slots: Sequence[Interval], reader_zone: str | None, host: Host | None) -> list[SlotText]:
    zone = host.timezone if host else "UTC"
    return [format_slot_both(slot, reader_zone, zone) for slot in slots]


def _composed(message_id: str, mime: bytes, text: str, html: str | None, ics: bytes | None) -> Composed:
    # To/Cc/Subject as a reader will decode them from the bytes that go out. Only the header block is read
    # back: parsing the whole built message again cost more than building it (the MIME body is not needed).
    end = mime.find(b"\r\n\r\n")
    parsed = _HEADERS.parsebytes(mime if end < 0 else mime[: end + 4])
    # Each fetch parses the header anew under this policy: one fetch per header.
    to, cc, subject = parsed["To"], parsed["Cc"], parsed["Subject"]
    return Composed(
        message_id=message_id,
        to=[str(a) for a in to.addresses] if to else [],
        cc=[str(a) for a in cc.addresses] if cc else [],
        subject=str(subject or ""),
        text=text,
        html=html,
        ics=ics.decode("utf-8") if ics else None,
        mime=mime,
    )
