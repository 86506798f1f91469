"""Calendar invitations as iTIP (RFC 5546) objects for iMIP (RFC 6047), and reading a calendar client's REPLY.

``build_request`` and ``build_cancel`` turn an ``InviteSpec`` into the bytes of a VCALENDAR with METHOD:REQUEST
or METHOD:CANCEL; ``parse_itip_reply`` reads the METHOD:REPLY a client sends back when the attendee accepts,
declines or says maybe. icalendar does the escaping and the 75-octet folding; this module makes sure what it
is given is text a content line can hold (no control characters, no line breaks where one line is meant) and
that the output is the same bytes every time it is built from the same spec.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event, Timezone, vCalAddress

from inboxbroker.errors import CalendarReplyError

__all__ = ["PRODID", "InviteSpec", "ItipReply", "Party", "build_cancel", "build_request", "parse_itip_reply"]

PRODID = "-//inboxbroker//Interview invitations//EN"
REPLY_PARTSTATS = frozenset({"ACCEPTED", "DECLINED", "TENTATIVE"})
# A plain addr-spec: anything else (spaces, quotes, ";", ":") would be written into the mailto: URI unescaped,
# because iCalendar does not escape CAL-ADDRESS values.
_EMAIL = re.compile(r"[^\s@<>\",;:\\()\[\]]+@[^\s@<>\",;:\\()\[\]]+\Z")
# RFC 5545 §3.3.11 forbids CONTROL characters in TEXT; U+0085/U+2028/U+2029 are dropped too because
# str.splitlines() (used by many readers) would break a content line at them.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
_LINE_BREAK = re.compile(r"\r\n?|[\x85\u2028\u2029]")


@dataclass(frozen=True)
class Party:
    """An organizer or attendee: display name (may be empty) and email address."""

    name: str
    email: str


@dataclass(frozen=True)
class InviteSpec:
    """Everything an invitation says about one meeting.

    ``uid`` is stable for the meeting's whole life (the caller stores it); ``sequence`` is 0 for the first
    REQUEST and the caller increments it on every change, including the CANCEL. ``start``, ``end`` and
    ``dtstamp`` must be time-zone aware. ``tz_name`` is the IANA zone DTSTART/DTEND are written in (with its
    VTIMEZONE); "UTC" or an unknown zone writes UTC times instead.
    """

    uid: str
    sequence: int
    dtstamp: datetime
    start: datetime
    end: datetime
    tz_name: str
    summary: str
    description: str
    organizer: Party
    attendees: tuple[Party, ...]
    location: str | None = None
    video_url: str | None = None


@dataclass(frozen=True)
class ItipReply:
    """What an attendee's calendar client answered: which meeting, who, ACCEPTED/DECLINED/TENTATIVE, at which SEQUENCE."""

    uid: str
    attendee_email: str
    partstat: str
    sequence: int
    comment: str | None = None


def _one_line(text: str) -> str:
    """Text for a value that is one line in every client (summary, location, names)."""
    return " ".join(_CONTROLS.sub(" ", text).split())


def _multi_line(text: str) -> str:
    """Text that may keep its line breaks (description): every break becomes LF, which icalendar escapes."""
    return _CONTROLS.sub("", _LINE_BREAK.sub("\n", text))


def _address(party: Party, role: str | None) -> vCalAddress:
    email = party.email.strip()
    if not _EMAIL.match(email):
        raise ValueError(f"not a plain email address for a calendar: {party.email!r}")
    address = vCalAddress(f"mailto:{email}")
    name = _one_line(party.name)
    if name:
        address.params["CN"] = name
    if role is not None:
        address.params["CUTYPE"] = "INDIVIDUAL"
        address.params["ROLE"] = role
        address.params["PARTSTAT"] = "NEEDS-ACTION"
        address.params["RSVP"] = "TRUE"
    return address


def _aware(value: datetime, what: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{what} must be time-zone aware")
    # DATE-TIME has whole seconds; dropping them here keeps a read-back equal to what was built.
    return value.replace(microsecond=0)


def _zone(tz_name: str) -> ZoneInfo | None:
    if tz_name.upper() in {"UTC", "Z", "GMT", "ETC/UTC"}:
        return None
    try:
        return ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _local_is_exact(moment: datetime, zone: ZoneInfo) -> bool:
    """Whether wall-clock time in ``zone`` names this instant: in the hour repeated when clocks go back,
    RFC 5545 §3.3.5 reads a local time as its first occurrence, so the second one must be written in UTC."""
    local = moment.astimezone(zone).replace(fold=0)
    return local.astimezone(UTC) == moment.astimezone(UTC)


def _calendar(spec: InviteSpec, method: str, status: str) -> bytes:
    start, end = _aware(spec.start, "start"), _aware(spec.end, "end")
    if end <= start:
        raise ValueError("an invitation must end after it starts")
    if spec.sequence < 0:
        raise ValueError("SEQUENCE cannot be negative")
    uid = _one_line(spec.uid)
    if not uid:
        raise ValueError("an invitation needs a UID")
    if not spec.attendees:
        raise ValueError("an invitation needs at least one attendee")
    zone = _zone(spec.tz_name)
    if zone is not None and not (_local_is_exact(start, zone) and _local_is_exact(end, zone)):
        zone = None
    if zone is None:
        start, end = start.astimezone(UTC), end.astimezone(UTC)
    else:
        start, end = start.astimezone(zone), end.astimezone(zone)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    event = Event()
    event.add("uid", uid)
    event.add("sequence", spec.sequence)
    event.add("dtstamp", _aware(spec.dtstamp, "dtstamp").astimezone(UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", _one_line(spec.summary))
    description = _multi_line(spec.description)
    if description.strip():
        event.add("description", description)
    location = _one_line(spec.location or "") or _one_line(spec.video_url or "")
    if location:
        event.add("location", location)
    if spec.video_url and _one_line(spec.video_url):
        event.add("url", _one_line(spec.video_url))
    event.add("status", status)
    event.add("transp", "OPAQUE")
    event.add("organizer", _address(spec.organizer, None))
    for attendee in spec.attendees:
        event.add("attendee", _address(attendee, "REQ-PARTICIPANT"))
    calendar.add_component(event)
    if zone is not None:
        # A VTIMEZONE covering a year either side of the meeting: enough for every client, and the same
        # bytes each time the same meeting is rebuilt (a window from "today" would change them).
        for tzid in sorted(calendar.get_missing_tzids()):
            vtimezone = _vtimezone(tzid, start.year - 1, end.year + 1)
            if vtimezone is None:
                # icalendar knows no rules for this zone: UTC times are always correct, a dangling TZID is not.
                return _calendar(replace(spec, tz_name="UTC"), method, status)
            # Before the event, as add_missing_timezones puts it: readers meet the TZID's definition first.
            calendar.subcomponents.insert(0, vtimezone)
    return bytes(calendar.to_ical())


@lru_cache(maxsize=64)
def _vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone | None:
    """The VTIMEZONE of ``tzid`` for those years, or None when icalendar has no rules for it.

    Cached: icalendar finds the transitions by probing the offset hour by hour (~7,000 calls for three years),
    which was most of an invite's cost, and a run invites into the same few zones and years again and again.
    The component is shared between calendars that are only ever serialised here, never changed.
    """
    try:
        return Timezone.from_tzid(
            tzid, first_date=date(first_year, 1, 1), last_date=date(last_year, 12, 31) + timedelta(days=1)
        )
    except ValueError:
        return None


def build_request(meeting: InviteSpec) -> bytes:
    """METHOD:REQUEST with STATUS:CONFIRMED: the invitation that goes with a confirmation (RFC 5546 §3.2.2)."""
    return _calendar(meeting, "REQUEST", "CONFIRMED")


def build_cancel(meeting: InviteSpec) -> bytes:
    """METHOD:CANCEL with STATUS:CANCELLED, the meeting's UID and the SEQUENCE given (the caller adds one)."""
    return _calendar(meeting, "CANCEL", "CANCELLED")


def parse_itip_reply(data: bytes) -> ItipReply:
    """Read a calendar client's METHOD:REPLY; raises ``CalendarReplyError`` on anything else."""
    try:
        calendar = Calendar.from_ical(data)
    except Exception as exc:  # icalendar raises ValueError, KeyError, IndexError … on malformed input
        raise CalendarReplyError(f"not an iCalendar object: {exc}") from exc
    if not isinstance(calendar, Calendar) or calendar.name != "VCALENDAR":
        raise CalendarReplyError("not a VCALENDAR")
    method = str(calendar.get("METHOD", "")).upper()
    if method != "REPLY":
        raise CalendarReplyError(f"METHOD is {method or 'missing'}, not REPLY")
    events = calendar.walk("VEVENT")
    if not events:
        raise CalendarReplyError("a REPLY without a VEVENT")
    event = events[0]
    uid = str(event.get("UID", "")).strip()
    if not uid:
        raise CalendarReplyError("a REPLY without a UID")
    attendees = event.get("ATTENDEE")
    if not isinstance(attendees, vCalAddress):
        raise CalendarReplyError("a REPLY must name exactly one ATTENDEE")
    email = re.sub(r"(?i)^mailto:", "", str(attendees)).strip().lower()
    if not _EMAIL.match(email):
        raise CalendarReplyError(f"the ATTENDEE is not an email address: {str(attendees)[:80]!r}")
    partstat = str(attendees.params.get("PARTSTAT", "")).upper()
    if partstat not in REPLY_PARTSTATS:
        raise CalendarReplyError(f"PARTSTAT {partstat or 'missing'} is not ACCEPTED, DECLINED or TENTATIVE")
    try:
        sequence = int(event.get("SEQUENCE", 0))
    except (TypeError, ValueError) as exc:
        raise CalendarReplyError("SEQUENCE is not a number") from exc
    comment = event.get("COMMENT")
    return ItipReply(
        uid=uid,
        attendee_email=email,
        partstat=partstat,
        sequence=sequence,
        comment=str(comment) if isinstance(comment, str) else None,
    )
