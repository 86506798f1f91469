"""Meeting times as a reader sees them: "Tuesday 9 December, 14:00–14:30 IST (Asia/Kolkata)".

English day and month names come from tables here, never from the process locale, so a draft reads the
same on every machine. The zone is always named: an abbreviation alone is ambiguous ("IST" is India, Israel
and Ireland), so the IANA name follows in brackets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from inboxbroker.domain import Interval
from inboxbroker.extract.zones import resolve_zone

__all__ = ["SlotText", "format_slot", "format_slot_both", "zone_for"]

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class SlotText:
    """One slot written for the templates.

    ``text`` is in the reader's zone (the requester's when known, else the interviewer's);
    ``interviewer_text`` is the same slot in the interviewer's zone, or None when that would read the same.
    """

    text: str
    interviewer_text: str | None = None


def zone_for(tz_name: str) -> tuple[tzinfo, str]:
    """(tzinfo, label) of an IANA name ("Asia/Kolkata"), "UTC" or a fixed offset ("+05:30").

    Raises ValueError for a name no zone answers to, so a typo in the config is not silently UTC.
    """
    resolved = resolve_zone(tz_name)
    if resolved is None:
        raise ValueError(f"unknown time zone {tz_name!r}: use an IANA name such as 'Europe/Paris'")
    return resolved


def _day(moment: datetime) -> str:
    return f"{_DAYS[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]}"


def _abbreviation(moment: datetime) -> str:
    name = moment.tzname() or ""
    # zoneinfo has no letters for many zones ("+04" for Asia/Dubai); "UTC+04" says what the number means.
    if not name or name[0] in "+-":
        offset = moment.utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset is not None else 0
        sign = "-" if minutes < 0 else "+"
        hours, rest = divmod(abs(minutes), 60)
        return f"UTC{sign}{hours:02d}" + (f":{rest:02d}" if rest else "")
    return name


def format_slot(interval: Interval, tz_name: str) -> str:
    """The slot in ``tz_name``: "Tuesday 9 December, 14:00–14:30 IST (Asia/Kolkata)".

    A slot that crosses midnight names both days; one that crosses a clock change names both
    abbreviations ("01:30 PDT–01:15 PST"), so the reader never has to work out which hour is meant.
    """
    if interval.start.tzinfo is None or interval.end.tzinfo is None:
        raise ValueError("a slot needs time-zone-aware start and end")
    zone, label = zone_for(tz_name)
    start, end = interval.start.astimezone(zone), interval.end.astimezone(zone)
    start_abbr, end_abbr = _abbreviation(start), _abbreviation(end)
    first = f"{start:%H:%M}" if start_abbr == end_abbr else f"{start:%H:%M} {start_abbr}"
    if start.date() == end.date():
        text = f"{_day(start)}, {first}–{end:%H:%M} {end_abbr}"
    else:
        text = f"{_day(start)}, {first} – {_day(end)}, {end:%H:%M} {end_abbr}"
    # "UTC (UTC)" and "UTC+05:30 (+05:30)" would say the same thing twice.
    if label in (start_abbr, end_abbr) or label == "UTC" or label[0] in "+-":
        return text
    return f"{text} ({label})"


def format_slot_both(interval: Interval, reader_tz: str | None, interviewer_tz: str) -> SlotText:
    """The slot for the reader (``reader_tz``, or the interviewer's zone when unknown) and for the interviewer."""
    interviewer_text = format_slot(interval, interviewer_tz)
    if reader_tz is None:
        return SlotText(interviewer_text, None)
    text = format_slot(interval, reader_tz)
    same = zone_for(reader_tz)[1] == zone_for(interviewer_tz)[1]
    return SlotText(text, None if same or text == interviewer_text else interviewer_text)
