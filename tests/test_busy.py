"""Busy time from .ics data: recurrences with exceptions and moved occurrences, free/cancelled events,
all-day and floating times, VFREEBUSY, and the caps that refuse a hostile calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from inboxbroker.domain import Interval
from inboxbroker.errors import CalendarError, InboxBrokerError
from inboxbroker.scheduling import busy as busy_module
from inboxbroker.scheduling.busy import busy_from_ics

LA = ZoneInfo("America/Los_Angeles")
MARCH = (datetime(2026, 3, 1, tzinfo=UTC), datetime(2026, 4, 1, tzinfo=UTC))


def calendar(*components: str) -> bytes:
    body = "".join(components)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//inboxbroker tests//EN\r\n{body}END:VCALENDAR\r\n".encode()


def event(uid: str, *lines: str) -> str:
    return (
        "BEGIN:VEVENT\r\n"
        + f"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n"
        + "".join(f"{x}\r\n" for x in lines)
        + "END:VEVENT\r\n"
    )


def local(intervals: list[Interval], tz: ZoneInfo = LA) -> list[tuple[datetime, datetime]]:
    return [
        (i.start.astimezone(tz).replace(tzinfo=None), i.end.astimezone(tz).replace(tzinfo=None))
        for i in intervals
    ]


# Weekly Tuesday 10:00-12:00 LA from 3 March 2026; 10 March cancelled by EXDATE; 17 March moved to
# Wednesday 18 March 14:00-16:00 by a RECURRENCE-ID override. The week of 8 March crosses the DST change.
WEEKLY_WITH_EXCEPTIONS = calendar(
    event(
        "standup@example.org",
        "SUMMARY:Team review",
        "DTSTART;TZID=America/Los_Angeles:20260303T100000",
        "DTEND;TZID=America/Los_Angeles:20260303T120000",
        "RRULE:FREQ=WEEKLY;BYDAY=TU",
        "EXDATE;TZID=America/Los_Angeles:20260310T100000",
    ),
    event(
        "standup@example.org",
        "SUMMARY:Team review (moved)",
        "RECURRENCE-ID;TZID=America/Los_Angeles:20260317T100000",
        "DTSTART;TZID=America/Los_Angeles:20260318T140000",
        "DTEND;TZID=America/Los_Angeles:20260318T160000",
    ),
)


def test_weekly_block_with_an_exception_and_a_moved_occurrence() -> None:
    assert local(busy_from_ics(WEEKLY_WITH_EXCEPTIONS, *MARCH, LA)) == [
        (datetime(2026, 3, 3, 10), datetime(2026, 3, 3, 12)),
        (datetime(2026, 3, 18, 14), datetime(2026, 3, 18, 16)),
        (datetime(2026, 3, 24, 10), datetime(2026, 3, 24, 12)),
        (datetime(2026, 3, 31, 10), datetime(2026, 3, 31, 12)),
    ]


def test_the_result_is_cut_to_the_window_and_in_utc() -> None:
    start, end = datetime(2026, 3, 3, 19, tzinfo=UTC), datetime(2026, 3, 24, 18, 30, tzinfo=UTC)
    result = busy_from_ics(WEEKLY_WITH_EXCEPTIONS, start, end, LA)
    assert result[0] == Interval(start, datetime(2026, 3, 3, 20, tzinfo=UTC))
    assert result[-1] == Interval(datetime(2026, 3, 24, 17, tzinfo=UTC), end)
    assert all(i.start.tzinfo is UTC and i.end.tzinfo is UTC for i in result)


def test_transparent_and_cancelled_events_do_not_block() -> None:
    data = calendar(
        event("a", "DTSTART:20260302T170000Z", "DTEND:20260302T180000Z", "TRANSP:TRANSPARENT"),
        event("b", "DTSTART:20260303T170000Z", "DTEND:20260303T180000Z", "STATUS:CANCELLED"),
        event("c", "DTSTART:20260304T170000Z", "DTEND:20260304T180000Z", "TRANSP:OPAQUE", "STATUS:CONFIRMED"),
    )
    assert busy_from_ics(data, *MARCH, LA) == [
        Interval(datetime(2026, 3, 4, 17, tzinfo=UTC), datetime(2026, 3, 4, 18, tzinfo=UTC))
    ]


def test_a_cancelled_override_frees_only_its_occurrence() -> None:
    data = calendar(
        event("s", "DTSTART:20260302T170000Z", "DURATION:PT1H", "RRULE:FREQ=DAILY;COUNT=3"),
        event(
            "s",
            "RECURRENCE-ID:20260303T170000Z",
            "DTSTART:20260303T170000Z",
            "DURATION:PT1H",
            "STATUS:CANCELLED",
        ),
    )
    assert [i.start.day for i in busy_from_ics(data, *MARCH, LA)] == [2, 4]


def test_all_day_events_block_the_whole_local_days_and_floating_times_are_local() -> None:
    data = calendar(
        event("holiday", "DTSTART;VALUE=DATE:20260309", "DTEND;VALUE=DATE:20260311"),
        event("lunch", "DTSTART:20260312T120000", "DTEND:20260312T130000"),
        event("one-day", "DTSTART;VALUE=DATE:20260320"),
    )
    assert local(busy_from_ics(data, *MARCH, LA)) == [
        (datetime(2026, 3, 9), datetime(2026, 3, 11)),
        (datetime(2026, 3, 12, 12), datetime(2026, 3, 12, 13)),
        (datetime(2026, 3, 20), datetime(2026, 3, 21)),
    ]


def test_freebusy_busy_periods_count_and_free_ones_do_not() -> None:
    data = calendar(
        "BEGIN:VFREEBUSY\r\nUID:fb\r\nDTSTAMP:20260101T000000Z\r\n"
        "FREEBUSY;FBTYPE=BUSY:20260305T170000Z/20260305T180000Z,20260306T170000Z/PT30M\r\n"
        "FREEBUSY;FBTYPE=BUSY-TENTATIVE:20260307T170000Z/PT1H\r\n"
        "FREEBUSY;FBTYPE=FREE:20260308T170000Z/PT1H\r\n"
        "FREEBUSY:20260309T170000Z/PT1H\r\n"
        "END:VFREEBUSY\r\n"
    )
    assert [(i.start.day, i.end - i.start) for i in busy_from_ics(data, *MARCH, LA)] == [
        (5, datetime(2026, 1, 1, 1) - datetime(2026, 1, 1)),
        (6, datetime(2026, 1, 1, 0, 30) - datetime(2026, 1, 1)),
        (7, datetime(2026, 1, 1, 1) - datetime(2026, 1, 1)),
        (9, datetime(2026, 1, 1, 1) - datetime(2026, 1, 1)),
    ]


def test_an_open_rule_from_long_ago_expands_only_inside_the_window() -> None:
    data = calendar(
        event("old", "DTSTART;TZID=America/Los_Angeles:20060106T090000", "DURATION:PT1H", "RRULE:FREQ=WEEKLY")
    )
    days = [i.start.astimezone(LA).date() for i in busy_from_ics(data, *MARCH, LA)]
    assert days == [date(2026, 3, d) for d in (6, 13, 20, 27)]
    assert {i.start.astimezone(LA).time() for i in busy_from_ics(data, *MARCH, LA)} == {time(9)}


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "not valid iCalendar"),
        (b"this is not a calendar at all", "not valid iCalendar"),
        (b"BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n", "BEGIN:VCALENDAR"),
        (calendar(event("x", "DTSTART:yesterday-ish")), "cannot be read"),
        (calendar(event("x", "DTSTART:20260302T170000Z", "RRULE:FREQ=SOMETIMES")), "(?i)freq"),
    ],
)
def test_unreadable_data_is_a_calendar_error(data: bytes, words: str) -> None:
    with pytest.raises(CalendarError, match=words):
        busy_from_ics(data, *MARCH, LA)


def test_calendar_error_belongs_to_the_error_tree() -> None:
    assert issubclass(CalendarError, InboxBrokerError)
    assert CalendarError.__doc__


def test_a_50_megabyte_calendar_is_refused_before_parsing() -> None:
    huge = calendar(event("x", "DESCRIPTION:" + "a" * 50_000_000))
    with pytest.raises(CalendarError, match="limit is 5,000,000"):
        busy_from_ics(huge, *MARCH, LA)


def test_too_many_components_are_refused_even_when_line_folding_hides_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(busy_module, "MAX_COMPONENTS", 5)
    folded = calendar(
        *(f"BEG\r\n IN:VEVENT\r\nUID:{i}\r\nDTSTART:20260302T170000Z\r\nEND:VEVENT\r\n" for i in range(6))
    )
    with pytest.raises(CalendarError, match="components"):
        busy_from_ics(folded, *MARCH, LA)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=HOURLY",  # every hour since 2000: a quarter of a million steps
        "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",  # never matches: dateutil would walk to year 9999
        "FREQ=DAILY;COUNT=2;BYMONTH=4;BYMONTHDAY=31",  # COUNT does not stop a rule that never matches
    ],
)
def test_rules_that_would_take_too_long_to_expand_are_refused(rule: str) -> None:
    data = calendar(event("x", "DTSTART:20000101T000000Z", "DURATION:PT1H", f"RRULE:{rule}"))
    with pytest.raises(CalendarError, match="steps to expand"):
        busy_from_ics(data, *MARCH, LA)


@pytest.mark.parametrize(
    "rule",
    ["FREQ=MONTHLY;BYMONTHDAY=15", "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31"],
)
def test_ordinary_sparse_rules_from_years_ago_are_accepted(rule: str) -> None:
    data = calendar(event("x", "DTSTART:20100101T170000Z", "DURATION:PT1H", f"RRULE:{rule}"))
    assert len(busy_from_ics(data, *MARCH, LA)) == 1


def test_too_many_occurrences_in_the_window_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(busy_module, "MAX_OCCURRENCES", 100)
    data = calendar(event("x", "DTSTART:20260301T000000Z", "DURATION:PT1M", "RRULE:FREQ=HOURLY"))
    with pytest.raises(CalendarError, match="more than 100 events"):
        busy_from_ics(data, *MARCH, LA)
