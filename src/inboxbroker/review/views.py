"""What a request's page shows, gathered once: the draft, the mail it answers, and why it says what it says.

Everything here is plain text and plain data. The original message is the parser's text (HTML mail already
converted to text, never passed on as HTML), and the invite is written out as lines a person reads; a page
or a terminal shows them as characters, so nothing from mail can run or inject anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from inboxbroker.domain import Interval
from inboxbroker.store.drafts import DraftRow
from inboxbroker.store.review import AuditRow, DraftExtra, OwnMeeting, RequestDetail


@dataclass(frozen=True)
class SlotView:
    start: datetime
    end: datetime
    interviewer_text: str  # in the interviewer's zone
    requester_text: str | None  # in the requester's zone, when known and different

    def as_json(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "interviewer_text": self.interviewer_text,
            "requester_text": self.requester_text,
        }


@dataclass(frozen=True)
class DraftView:
    draft: DraftRow
    extra: DraftExtra
    request: RequestDetail
    original_subject: str
    original_from: str | None
    original_text: str
    forward_kind: str  # direct | inline | attached
    reasons: list[str]  # the classifier's (or the rules') reasons for the label
    slots: list[SlotView]
    invite_text: str | None
    meetings: list[OwnMeeting]
    audit: list[AuditRow]

    @property
    def version(self) -> str:
        """Hand back to ``ReviewService.edit`` so an edit made on a stale view is refused, not merged."""
        return self.extra.version

    def as_json(self) -> dict[str, Any]:
        r = self.request
        return {
            **self.draft.as_json(),
            "version": self.version,
            "text": self.draft.text,
            "edited_by": self.extra.edited_by,
            "approved_by": self.extra.approved_by,
            "rejected_reason": self.extra.rejected_reason,
            "send_error": self.extra.send_error,
            "label": r.label,
            "probability": r.probability,
            "model_version": r.model_version,
            "reasons": self.reasons,
            "requester": r.requester,
            "forwarded_by": r.forwarder,
            "forward_note": r.forward_note,
            "original": {
                "subject": self.original_subject,
                "from": self.original_from,
                "text": self.original_text,
            },
            "details": r.extraction,
            "slots_text": [s.as_json() for s in self.slots],
            "invite": self.invite_text,
            "resumes": [
                {"attachment_id": x.attachment_id, "text": x.text, "fields": x.fields} for x in r.resumes
            ],
            "attachments": [vars(a) for a in r.attachments],
            "audit": [
                {"at": a.at.isoformat(), "actor": a.actor, "action": a.action, "detail": a.detail}
                for a in self.audit
            ],
        }


def build_view(
    draft: DraftRow,
    extra: DraftExtra,
    request: RequestDetail,
    meetings: list[OwnMeeting],
    audit: list[AuditRow],
    interviewer_zone: str | None,
) -> DraftView:
    from inboxbroker.mail.forwards import unwrap_forward
    from inboxbroker.mail.parse import parse_message

    unwrapped = unwrap_forward(parse_message(request.raw))
    original = unwrapped.original
    classify = request.trace.get("classify") or {}
    reasons = list(request.rule_hits) or [str(x) for x in classify.get("reasons") or []]
    zone = interviewer_zone or (meetings[0].timezone if meetings else "UTC")
    slots = [_slot_view(s, zone, request.timezone) for s in draft.slots]
    return DraftView(
        draft=draft,
        extra=extra,
        request=request,
        original_subject=original.subject,
        original_from=str(original.sender) if original.sender else None,
        original_text=original.body,
        forward_kind=unwrapped.kind,
        reasons=reasons,
        slots=slots,
        invite_text=invite_as_text(draft.ics, zone) if draft.ics else None,
        meetings=meetings,
        audit=audit,
    )


def _slot_view(slot: dict[str, str], zone: str, requester_zone: str | None) -> SlotView:
    from inboxbroker.drafting.wording import format_slot_both

    interval = Interval(datetime.fromisoformat(slot["start"]), datetime.fromisoformat(slot["end"]))
    reader = requester_zone if requester_zone and "/" in requester_zone else None
    both = format_slot_both(interval, reader, zone)
    if both.interviewer_text is None:  # one text serves both (same zone, or the requester's is unknown)
        return SlotView(interval.start, interval.end, both.text, None if reader is None else both.text)
    return SlotView(interval.start, interval.end, both.interviewer_text, both.text)


def invite_as_text(ics: str, zone: str) -> str:
    """The iCalendar invite as lines a person reads: what, when (in the interviewer's zone), who, which UID."""
    import icalendar

    from inboxbroker.drafting.wording import format_slot

    try:
        calendar = icalendar.Calendar.from_ical(ics)
    except ValueError as exc:
        return f"(the invite cannot be read: {exc})"
    lines = [f"Method: {calendar.get('METHOD', '')}"]
    for event in calendar.walk("VEVENT"):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        when = Interval(_utc(start), _utc(end))
        lines += [f"Summary: {event.get('SUMMARY', '')}", f"When: {format_slot(when, zone)}"]
        for key, label in (("LOCATION", "Where"), ("URL", "Link"), ("DESCRIPTION", "About")):
            if event.get(key):
                lines.append(f"{label}: {event.get(key)}")
        organizer = event.get("ORGANIZER")
        if organizer:
            lines.append(f"Organizer: {_party(organizer)}")
        attendees = event.get("ATTENDEE") or []
        for attendee in attendees if isinstance(attendees, list) else [attendees]:
            lines.append(f"Attendee: {_party(attendee)}")
        lines.append(f"UID: {event.get('UID', '')} (sequence {event.get('SEQUENCE', 0)})")
    return "\n".join(lines)


def _utc(value: Any) -> datetime:
    return (
        value.astimezone(UTC)
        if isinstance(value, datetime)
        else datetime(value.year, value.month, value.day, tzinfo=UTC)
    )


def _party(value: Any) -> str:
    name = value.params.get("CN") if hasattr(value, "params") else None
    address = str(value).removeprefix("mailto:").removeprefix("MAILTO:")
    return f"{name} <{address}>" if name else address
