"""Slots as a coordinator chooses them: every free start of an interviewer, and one slot as a line of text.

Pure. ``free_slots`` cuts the interviewer's free time (``scheduling.slots.free_time``, which already keeps
the buffer, notice and horizon) into every aligned slot of the meeting's length, so an edit can offer all of
them, not only the few drafting proposed. A slot line reads ``2026-12-08 09:00-09:30 America/Los_Angeles``:
local wall time in a named zone, which is what people type and what survives a round trip through an editor.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from inboxbroker.domain import Interval
from inboxbroker.scheduling.slots import aligned_start

_LINE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s+(\S+)\s*$")


def free_slots(
    free: Sequence[Interval], duration: timedelta, step: timedelta, zone: ZoneInfo
) -> list[Interval]:
    """Every slot of ``duration`` starting on a ``step`` boundary (local wall time) inside ``free``."""
    out = []
    for span in free:
        start = aligned_start(span.start, step, zone)
        while start + duration <= span.end:
            out.append(Interval(start, start + duration))
            start = aligned_start(start + step, step, zone)
    return out


def is_free(slot: Interval, free: Sequence[Interval]) -> bool:
    return any(span.start <= slot.start and slot.end <= span.end for span in free)


def slot_line(slot: Interval, zone: str) -> str:
    tz = ZoneInfo(zone)
    start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
    return f"{start:%Y-%m-%d %H:%M}-{end:%H:%M} {zone}"


def parse_slot_line(text: str) -> Interval:
    """The slot a line names; raises ValueError saying what is wrong with it."""
    found = _LINE.match(text)
    if found is None:
        raise ValueError(f"{text.strip()!r} is not a slot: write it as 2026-12-08 09:00-09:30 Europe/Berlin")
    day, begin, finish, zone = found.groups()
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"{zone!r} is not a time zone name (such as Europe/Berlin)") from exc
    try:
        when = date.fromisoformat(day)
        start = datetime.combine(when, time.fromisoformat(f"{int(begin[:-3]):02d}{begin[-3:]}"), tz)
        end = datetime.combine(when, time.fromisoformat(f"{int(finish[:-3]):02d}{finish[-3:]}"), tz)
    except ValueError as exc:
        raise ValueError(f"{text.strip()!r}: {exc}") from exc
    if end <= start:
        raise ValueError(f"{text.strip()!r} ends before it starts")
    return Interval(start.astimezone(ZoneInfo("UTC")), end.astimezone(ZoneInfo("UTC")))
