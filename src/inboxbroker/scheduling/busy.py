"""Busy time from iCalendar data (.ics bytes) as sorted, disjoint UTC intervals within a window.

Recurrences (RRULE, RDATE), exceptions (EXDATE) and moved or changed occurrences (RECURRENCE-ID) are expanded
by ``recurring_ical_events``. Free (TRANSP:TRANSPARENT) and cancelled events do not block; all-day events block
their whole local day(s) and floating times are read in ``default_tz``; VFREEBUSY BUSY* periods block too.

A calendar is outside data. Its size, its number of components, the work its recurrence rules would cost
and the number of occurrences in the window are all capped; past a cap, or when the data is not iCalendar,
``CalendarError`` says which, instead of a parse that runs for minutes.
"""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from inboxbroker.domain import Interval
from inboxbroker.errors import CalendarError
from inboxbroker.scheduling.intervals import clip, merge

MAX_ICS_BYTES = 5_000_000
MAX_COMPONENTS = 10_000
# Recurrence steps the expansion may take (periods from DTSTART to the window's end, times what BY* parts
# multiply per period): ~100k steps cost about a second here; a weekly meeting since 2000 is ~1,400.
MAX_RECURRENCE_STEPS = 200_000
MAX_OCCURRENCES = 20_000

_UNFOLD = re.compile(rb"\r?\n[ \t]")
_BEGIN = re.compile(rb"^BEGIN:", re.IGNORECASE | re.MULTILINE)
_PERIOD_SECONDS = {
    "SECONDLY": 1,
    "MINUTELY": 60,
    "HOURLY": 3600,
    "DAILY": 86_400,
    "WEEKLY": 7 * 86_400,
    "MONTHLY": 30 * 86_400,
    "YEARLY": 365 * 86_400,
}
_BY_PARTS = ("BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH")
# BY parts that can make a rule match rarely or never: then COUNT does not end the iteration early.
_THINNING = ("BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYSETPOS")
_LAST_YEAR = datetime(9999, 1, 1, tzinfo=UTC)
_MONTH_DAYS = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def busy_from_ics(data: bytes, start: datetime, end: datetime, default_tz: ZoneInfo) -> list[Interval]:
    """Busy intervals of the calendar in ``data`` that fall in ``[start, end)``, cut to it, merged, in UTC."""
    calendar = _parse(data)
    try:
        _bound_recurrences(calendar, end, default_tz)
        # A day's margin: floating and all-day times are placed in default_tz only after the query.
        occurrences = recurring_ical_events.of(calendar).between(
            start - timedelta(days=1), end + timedelta(days=1)
        )
        if len(occurrences) > MAX_OCCURRENCES:
            raise CalendarError(f"calendar has more than {MAX_OCCURRENCES:,} events in the search window")
        found = [span for event in occurrences if (span := _event_span(event, default_tz)) is not None]
        found.extend(_freebusy_spans(calendar, default_tz))
    except CalendarError:
        raise
    except (
        Exception
    ) as exc:  # broken values and the library's failures come as many types; all mean "unreadable"
        raise CalendarError(f"calendar events cannot be read: {_brief(exc)}") from exc
    return merge(clip(found, Interval(start, end)))


def _parse(data: bytes) -> icalendar.Calendar:
    if len(data) > MAX_ICS_BYTES:
        raise CalendarError(f"calendar is {len(data):,} bytes; the limit is {MAX_ICS_BYTES:,}")
    # Counted on unfolded lines, so a BEGIN split by line folding is still counted.
    components = len(_BEGIN.findall(_UNFOLD.sub(b"", data)))
    if components > MAX_COMPONENTS:
        raise CalendarError(f"calendar has {components:,} components; the limit is {MAX_COMPONENTS:,}")
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as exc:  # icalendar raises ValueError, but also KeyError/IndexError on odd lines
        raise CalendarError(f"calendar is not valid iCalendar data: {_brief(exc)}") from exc
    if not isinstance(calendar, icalendar.Calendar) or calendar.name != "VCALENDAR":
        raise CalendarError("calendar data does not start with BEGIN:VCALENDAR")
    return calendar


def _bound_recurrences(calendar: icalendar.Calendar, end: datetime, default_tz: ZoneInfo) -> None:
    """Refuse rules that would cost too much to expand, and end open rules just after ``end``.

    dateutil walks every period from DTSTART until an occurrence passes the end; a rule that can never match
    (BYMONTH=2;BYMONTHDAY=30) walks to year 9999 — seconds for a DAILY rule — so such a rule is charged as
    if it did, and a calendar of them is refused rather than expanded.
    """
    steps = 0.0
    for component in calendar.walk("VEVENT"):
        rules: Any = component.get("RRULE")
        if rules is None or "DTSTART" not in component:
            continue
        begins = _utc(_dt(component, "DTSTART"), default_tz)
        for rule in rules if isinstance(rules, list) else [rules]:
            steps += _rule_steps(rule, begins, end, default_tz)
            if steps > MAX_RECURRENCE_STEPS:
                name = str(component.get("SUMMARY", component.get("UID", "?")))[:60]
                raise CalendarError(
                    f"calendar's recurrence rules would take over {MAX_RECURRENCE_STEPS:,} steps to expand "
                    f"(event {name!r}, RRULE {rule.to_ical()[:80].decode('ascii', 'replace')})"
                )
            if "COUNT" not in rule and ("UNTIL" not in rule or _utc(rule["UNTIL"][0], default_tz) > end):
                rule["UNTIL"] = [_like(_dt(component, "DTSTART"), end + timedelta(days=1), default_tz)]


def _rule_steps(rule: Any, begins: datetime, end: datetime, default_tz: ZoneInfo) -> float:
    """About how many periods dateutil walks for this rule, weighted by what a period costs it."""
    freq = str((rule.get("FREQ") or [""])[0]).upper()
    if freq not in _PERIOD_SECONDS:
        raise CalendarError(f"calendar has a recurrence rule without a known FREQ: {rule.to_ical()[:80]!r}")
    try:
        interval = max(1, int((rule.get("INTERVAL") or [1])[0]))
    except (TypeError, ValueError) as exc:
        raise CalendarError(
            f"calendar has a recurrence rule with a bad INTERVAL: {rule.to_ical()[:80]!r}"
        ) from exc
    if _may_never_match(rule, freq):
        stops = _LAST_YEAR
    else:
        stops = min(end, _utc(rule["UNTIL"][0], default_tz)) if "UNTIL" in rule else end
    periods = max(0.0, (stops - begins).total_seconds()) / (_PERIOD_SECONDS[freq] * interval) + 1
    per_period = math.prod(len(rule[part]) for part in _BY_PARTS if part in rule)
    # Measured: a YEARLY period costs dateutil about as much as a dozen DAILY ones (it scans the year's days).
    return periods * per_period * (12 if freq == "YEARLY" else 1)


def _may_never_match(rule: Any, freq: str) -> bool:
    """False when the rule surely matches again and again; True when it might never (then UNTIL cannot stop it).

    Recognises the common sure cases: no thinning BY part; BYMONTH/BYMONTHDAY with some day that exists in
    some month; a monthly BYSETPOS within the weekdays a month always has.
    """
    thinning = {part for part in _THINNING if part in rule}
    if any(_ordinal(day) > (5 if freq == "MONTHLY" else 53) for day in rule.get("BYDAY", [])):
        return True
    if not thinning:
        return False
    months = [int(m) for m in rule.get("BYMONTH", range(1, 13))]
    days = [int(d) for d in rule.get("BYMONTHDAY", [1])]
    if not any(0 < abs(d) <= _MONTH_DAYS.get(m, 0) for m in months for d in days):
        return True
    rest = thinning - {"BYMONTH", "BYMONTHDAY"}
    if not rest:
        return False
    weekdays = rule.get("BYDAY", [])
    return not (
        rest == {"BYSETPOS"}
        and freq == "MONTHLY"
        and weekdays
        and all(_ordinal(day) == 0 for day in weekdays)
        and all(0 < abs(int(p)) <= 4 * len(weekdays) for p in rule["BYSETPOS"])
    )


def _ordinal(day: Any) -> int:
    """The number in front of a BYDAY weekday (``-1FR`` → 1), 0 when there is none."""
    digits = "".join(ch for ch in str(day) if ch.isdigit())
    return int(digits) if digits else 0


def _event_span(event: icalendar.Event, default_tz: ZoneInfo) -> Interval | None:
    if str(event.get("TRANSP", "")).upper() == "TRANSPARENT":
        return None
    if str(event.get("STATUS", "")).upper() == "CANCELLED":
        return None
    if "DTSTART" not in event:
        return None
    begins = _dt(event, "DTSTART")
    if "DTEND" in event:
        ends = _dt(event, "DTEND")
    elif "DURATION" in event:
        ends = begins + _dt(event, "DURATION")
    else:  # RFC 5545 3.6.1: a DATE start alone lasts the day; a DATE-TIME start alone is an instant
        ends = begins + timedelta(days=1) if not isinstance(begins, datetime) else begins
    span = Interval(_utc(begins, default_tz), _utc(ends, default_tz))
    return span if span.end > span.start else None


def _freebusy_spans(calendar: icalendar.Calendar, default_tz: ZoneInfo) -> list[Interval]:
    found: list[Interval] = []
    for component in calendar.walk("VFREEBUSY"):
        periods: Any = component.get("FREEBUSY")
        for period in periods if isinstance(periods, list) else [periods] if periods is not None else []:
            if not str(period.params.get("FBTYPE", "BUSY")).upper().startswith("BUSY"):
                continue
            begins, ends_or_length = period.dt
            ends = begins + ends_or_length if isinstance(ends_or_length, timedelta) else ends_or_length
            span = Interval(_utc(begins, default_tz), _utc(ends, default_tz))
            if span.end > span.start:
                found.append(span)
    return found


def _dt(component: icalendar.Component, name: str) -> Any:
    """A property's Python value (date, datetime or timedelta); icalendar types ``get`` as a union of all."""
    prop: Any = component[name]
    return prop.dt


def _utc(value: date | datetime, default_tz: ZoneInfo) -> datetime:
    """A DATE as local midnight in ``default_tz``; a floating time in ``default_tz``; everything in UTC."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(0), tzinfo=default_tz)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=default_tz)
    return value.astimezone(UTC)


def _like(pattern: date | datetime, instant: datetime, default_tz: ZoneInfo) -> date | datetime:
    """``instant`` in the value type of ``pattern`` (RFC 5545: UNTIL must match DTSTART's type)."""
    if not isinstance(pattern, datetime):
        return instant.astimezone(default_tz).date()
    if pattern.tzinfo is None:
        return instant.astimezone(default_tz).replace(tzinfo=None)
    return instant.astimezone(UTC)


def _brief(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 200 else text[:200] + "…"
