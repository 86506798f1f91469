"""Free time and slot proposals: properties over random calendars and zones, and the cases the issue names
(a DST week in Los Angeles, a requester in Kolkata, a weekly block with an exception and a moved occurrence)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inboxbroker.domain import Interval
from inboxbroker.extract.times import extract_times
from inboxbroker.scheduling.busy import busy_from_ics
from inboxbroker.scheduling.hours import working_intervals
from inboxbroker.scheduling.intervals import overlaps, widen
from inboxbroker.scheduling.slots import LocalDays, SlotRules, aligned_start, free_time, propose_slots
from inboxbroker.settings.values import WorkingWindow, parse_working_hours

LA = ZoneInfo("America/Los_Angeles")
KOLKATA = ZoneInfo("Asia/Kolkata")
WEEKDAYS = parse_working_hours("Mon-Fri 09:00-17:00")
# Zones with DST in either hemisphere, a half-hour and a 45-minute offset, and one whose change is at midnight.
ZONES = [LA, KOLKATA, ZoneInfo("Europe/London"), ZoneInfo("Australia/Sydney"), ZoneInfo("Asia/Kathmandu"),
         ZoneInfo("America/Santiago"), ZoneInfo("UTC")]  # fmt: skip


def local_slots(slots: list[Interval], tz: ZoneInfo) -> list[tuple[datetime, datetime]]:
    return [
        (s.start.astimezone(tz).replace(tzinfo=None), s.end.astimezone(tz).replace(tzinfo=None))
        for s in slots
    ]


def inside_working_hours(slot: Interval, windows: tuple[WorkingWindow, ...], tz: ZoneInfo) -> bool:
    """Independent of hours.py: the slot's local wall times lie in one day's windows (joined where they touch)."""
    start, end = slot.start.astimezone(tz), slot.end.astimezone(tz)
    if start.date() != end.date() and end.time() != time(0):
        return False
    spans = sorted((w.start, w.end) for w in windows if start.weekday() in w.weekdays)
    joined: list[list[time]] = []
    for a, b in spans:
        if joined and a <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], b)
        else:
            joined.append([a, b])
    return any(a <= start.time() and end.time() <= b and end.date() == start.date() for a, b in joined)


# --- properties -----------------------------------------------------------------------------------------

minutes_of_day = st.integers(6 * 4, 21 * 4).map(lambda q: time(q // 4, q % 4 * 15))  # daytime: no DST edge


@st.composite
def working_windows(draw: st.DrawFn) -> tuple[WorkingWindow, ...]:
    out = []
    for _ in range(draw(st.integers(1, 3))):
        days = draw(st.frozensets(st.integers(0, 6), min_size=1))
        a = draw(minutes_of_day)
        length = draw(st.integers(2, 24)) * 15
        end_minutes = min(a.hour * 60 + a.minute + length, 23 * 60)
        out.append(WorkingWindow(days, a, time(end_minutes // 60, end_minutes % 60)))
    return tuple(out)


@st.composite
def blocks(draw: st.DrawFn, now: datetime, size: int) -> list[Interval]:
    out = []
    for _ in range(draw(st.integers(0, size))):
        start = now + timedelta(minutes=draw(st.integers(-600, 21 * 24 * 60)))
        out.append(Interval(start, start + timedelta(minutes=draw(st.integers(1, 8 * 60)))))
    return out


@st.composite
def scenarios(draw: st.DrawFn) -> dict:
    # Spans the 2026 DST changes of both hemispheres (March, April, October, November).
    now = datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=draw(st.integers(0, 330 * 24 * 60)))
    rules = SlotRules(
        duration=timedelta(minutes=draw(st.sampled_from([15, 30, 45, 60, 90]))),
        buffer=timedelta(minutes=draw(st.sampled_from([0, 10, 15, 30]))),
        notice=timedelta(hours=draw(st.integers(0, 72))),
        horizon=timedelta(days=draw(st.integers(4, 21))),
        step=timedelta(minutes=draw(st.sampled_from([15, 20, 30, 60]))),
        count=draw(st.integers(1, 4)),
    )
    return {
        "windows": draw(working_windows()),
        "tz": draw(st.sampled_from(ZONES)),
        "busy": draw(blocks(now, 25)),
        "booked": draw(blocks(now, 5)),
        "held": draw(blocks(now, 6)),
        "now": now,
        "rules": rules,
    }


@settings(max_examples=300, deadline=None)
@given(scenarios(), st.data())
def test_slots_respect_every_rule(case: dict, data: st.DataObject) -> None:
    rules, tz, now = case["rules"], case["tz"], case["now"]
    free = free_time(**case)
    proposed = data.draw(st.sampled_from([[], case["held"][:2], case["busy"][:3]]))
    slots = propose_slots(free, rules, tz=tz, proposed=proposed)

    assert slots == sorted(slots, key=lambda s: s.start)
    assert len(slots) <= rules.count
    blockers = [widen(b, rules.buffer, rules.buffer) for b in case["busy"] + case["booked"] + case["held"]]
    for slot in slots:
        assert slot.end - slot.start == rules.duration
        assert now + rules.notice <= slot.start and slot.end <= now + rules.horizon
        assert not any(overlaps(slot, b) for b in blockers)
        assert inside_working_hours(slot, case["windows"], tz)
        assert aligned_start(slot.start, rules.step, tz) == slot.start
    assert not any(overlaps(a, b) for i, a in enumerate(slots) for b in slots[i + 1 :])
    if not proposed:
        days = [s.start.astimezone(tz).date() for s in slots]
        assert len(set(days)) == len(days)
    # Completeness: room for an aligned slot somewhere means at least one is offered.
    if any(span.end - span.start >= rules.duration + rules.step for span in free):
        assert slots


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_without_proposals_each_slot_is_the_first_free_one_of_its_day(case: dict) -> None:
    rules, tz = case["rules"], case["tz"]
    free = free_time(**case)
    for slot in propose_slots(free, rules, tz=tz):
        day = slot.start.astimezone(tz).date()
        earlier = [
            s
            for span in free
            for s in [aligned_start(span.start, rules.step, tz)]
            if s.astimezone(tz).date() == day and s < slot.start and s + rules.duration <= span.end
        ]
        assert earlier == []


# --- daylight saving ------------------------------------------------------------------------------------


@pytest.mark.parametrize("now", [datetime(2026, 3, 4, 8, tzinfo=LA), datetime(2026, 10, 28, 8, tzinfo=LA)])
def test_nine_oclock_stays_nine_oclock_local_across_a_dst_change(now: datetime) -> None:
    rules = SlotRules(duration=timedelta(minutes=30), count=6, horizon=timedelta(days=10))
    free = free_time(windows=WEEKDAYS, tz=LA, busy=[], booked=[], held=[], now=now, rules=rules)
    slots = propose_slots(free, rules, tz=LA)
    assert [s.start.astimezone(LA).time() for s in slots] == [time(9)] * 6
    offsets = {s.start.astimezone(LA).utcoffset() for s in slots}
    assert offsets == {timedelta(hours=-8), timedelta(hours=-7)}  # both sides of the change are offered
    assert all(s.end - s.start == timedelta(minutes=30) for s in slots)


def test_working_hours_of_a_dst_week_are_eight_local_hours_each_day() -> None:
    spans = working_intervals(
        WEEKDAYS, LA, datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 14, tzinfo=UTC)
    )
    assert [(s.start.astimezone(LA).time(), s.end.astimezone(LA).time()) for s in spans] == [
        (time(9), time(17))
    ] * 10
    assert all(s.end - s.start == timedelta(hours=8) for s in spans)


def test_a_window_over_the_spring_gap_and_the_autumn_fold_measures_real_time() -> None:
    night = parse_working_hours("Sun 01:30-03:00")
    spring = working_intervals(
        night, LA, datetime(2026, 3, 8, tzinfo=UTC), datetime(2026, 3, 9, 12, tzinfo=UTC)
    )
    autumn = working_intervals(
        night, LA, datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 11, 2, 12, tzinfo=UTC)
    )
    assert [s.end - s.start for s in spring] == [timedelta(minutes=30)]  # 01:30 PST to 03:00 PDT
    assert [s.end - s.start for s in autumn] == [timedelta(hours=2, minutes=30)]  # 01:30 PDT to 03:00 PST


def test_slot_starts_align_in_local_wall_time_on_the_day_of_a_change() -> None:
    step = timedelta(minutes=30)
    assert aligned_start(datetime(2026, 3, 8, 9, 50, tzinfo=UTC), step, LA) == datetime(
        2026, 3, 8, 10, tzinfo=UTC
    )
    # 01:10 PST, the second 01:10 of 1 November: the first aligned wall time after it is 01:30 PST.
    second_pass = datetime(2026, 11, 1, 1, 10, tzinfo=LA).replace(fold=1)
    got = aligned_start(second_pass, step, LA)
    assert got >= second_pass and got.astimezone(LA).minute in (0, 30)


# Zones whose clocks change at midnight (the day itself starts in a gap or a repeated hour), as well as ZONES.
MIDNIGHT_CHANGES = [
    *ZONES,
    ZoneInfo("America/Sao_Paulo"),
    ZoneInfo("America/Havana"),
    ZoneInfo("Asia/Beirut"),
]


@settings(max_examples=300, deadline=None)
@given(
    tz=st.sampled_from(MIDNIGHT_CHANGES),
    base=st.datetimes(min_value=datetime(2010, 1, 1), max_value=datetime(2030, 12, 31)),
    offsets=st.lists(st.integers(min_value=0, max_value=3 * 24 * 60), min_size=1, max_size=12),
    step=st.sampled_from([15, 20, 30, 45, 50, 60]),
)
def test_local_days_agree_with_a_full_conversion_for_every_instant(
    tz: ZoneInfo, base: datetime, offsets: list[int], step: int
) -> None:
    """The per-day arithmetic of ``LocalDays`` gives what converting each instant gives, across clock changes
    (instants asked in any order, so the day it remembers is sometimes the wrong one)."""
    days = LocalDays(tz)
    for minutes in offsets:
        instant = base.replace(tzinfo=UTC) + timedelta(minutes=minutes)
        assert days.day_of(instant) == instant.astimezone(tz).date()
        assert days.aligned(instant, timedelta(minutes=step)) == aligned_start(
            instant, timedelta(minutes=step), tz
        )


@pytest.mark.parametrize("tz", MIDNIGHT_CHANGES, ids=str)
def test_local_days_agree_with_a_full_conversion_around_every_clock_change(tz: ZoneInfo) -> None:
    """Every 7 minutes across the two days either side of each change in 2016 and 2026."""
    noon = [
        datetime(year, 1, 1, 12, tzinfo=UTC) + timedelta(days=d) for year in (2016, 2026) for d in range(365)
    ]
    changes = [b for a, b in pairwise(noon) if a.astimezone(tz).utcoffset() != b.astimezone(tz).utcoffset()]
    assert changes or tz.key in ("UTC", "Asia/Kolkata", "Asia/Kathmandu")
    step = timedelta(minutes=30)
    for change in changes:
        days = LocalDays(tz)
        for k in range(4 * 24 * 60 // 7):
            instant = change - timedelta(days=2) + timedelta(minutes=7 * k)
            assert days.day_of(instant) == instant.astimezone(tz).date()
            assert days.aligned(instant, step) == aligned_start(instant, step, tz)


# --- requester and interviewer in different zones ---------------------------------------------------------


def test_a_kolkata_evening_proposal_lands_on_a_los_angeles_morning() -> None:
    now = datetime(2026, 3, 5, 12, tzinfo=KOLKATA)  # a Thursday
    proposal = extract_times("Could we talk Tuesday 21:30-23:00 IST?", now).intervals
    assert proposal == (
        Interval(datetime(2026, 3, 10, 21, 30, tzinfo=KOLKATA), datetime(2026, 3, 10, 23, tzinfo=KOLKATA)),
    )
    busy = [Interval(datetime(2026, 3, 10, 9, tzinfo=LA), datetime(2026, 3, 10, 9, 30, tzinfo=LA))]
    rules = SlotRules(duration=timedelta(minutes=30))
    free = free_time(windows=WEEKDAYS, tz=LA, busy=busy, booked=[], held=[], now=now, rules=rules)
    slots = propose_slots(free, rules, tz=LA, proposed=proposal)

    # 09:00-09:30 PDT is busy, the buffer keeps 09:30-09:45 free, so 10:00 PDT = 22:30 IST is the one fit.
    assert len(slots) == 3
    inside = [s for s in slots if proposal[0].start <= s.start and s.end <= proposal[0].end]
    assert local_slots(inside, KOLKATA) == [(datetime(2026, 3, 10, 22, 30), datetime(2026, 3, 10, 23))]
    assert local_slots(inside, LA) == [(datetime(2026, 3, 10, 10), datetime(2026, 3, 10, 10, 30))]
    # The other two fill up on other days of the interviewer, at the start of the day.
    others = [s for s in slots if s not in inside]
    assert [s.start.astimezone(LA) for s in others] == [
        datetime(2026, 3, 6, 9, tzinfo=LA),
        datetime(2026, 3, 9, 9, tzinfo=LA),
    ]


def test_proposals_are_filled_first_one_per_interval_then_wherever_they_fit() -> None:
    now = datetime(2026, 3, 2, 8, tzinfo=LA)
    rules = SlotRules(duration=timedelta(minutes=60), count=3)
    proposed = [
        Interval(datetime(2026, 3, 4, 14, tzinfo=LA), datetime(2026, 3, 4, 17, tzinfo=LA)),
        Interval(datetime(2026, 3, 5, 9, tzinfo=LA), datetime(2026, 3, 5, 10, tzinfo=LA)),
    ]
    free = free_time(windows=WEEKDAYS, tz=LA, busy=[], booked=[], held=[], now=now, rules=rules)
    assert local_slots(propose_slots(free, rules, tz=LA, proposed=proposed), LA) == [
        (datetime(2026, 3, 4, 14), datetime(2026, 3, 4, 15)),
        (datetime(2026, 3, 4, 15), datetime(2026, 3, 4, 16)),
        (datetime(2026, 3, 5, 9), datetime(2026, 3, 5, 10)),
    ]


def test_a_proposal_outside_working_hours_gives_ordinary_slots() -> None:
    now = datetime(2026, 3, 2, 8, tzinfo=LA)
    rules = SlotRules(duration=timedelta(minutes=30), count=2)
    midnight = [Interval(datetime(2026, 3, 4, 0, tzinfo=LA), datetime(2026, 3, 4, 2, tzinfo=LA))]
    free = free_time(windows=WEEKDAYS, tz=LA, busy=[], booked=[], held=[], now=now, rules=rules)
    assert [s.start.astimezone(LA) for s in propose_slots(free, rules, tz=LA, proposed=midnight)] == [
        datetime(2026, 3, 3, 9, tzinfo=LA),
        datetime(2026, 3, 4, 9, tzinfo=LA),
    ]


# --- busy calendars, meetings and holds -----------------------------------------------------------------

WEEKLY_ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//inboxbroker tests//EN\r\n"
    b"BEGIN:VEVENT\r\nUID:review@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
    b"DTSTART;TZID=America/Los_Angeles:20260303T090000\r\nDTEND;TZID=America/Los_Angeles:20260303T170000\r\n"
    b"RRULE:FREQ=WEEKLY;BYDAY=TU\r\nEXDATE;TZID=America/Los_Angeles:20260310T090000\r\nEND:VEVENT\r\n"
    b"BEGIN:VEVENT\r\nUID:review@example.org\r\nDTSTAMP:20260101T000000Z\r\n"
    b"RECURRENCE-ID;TZID=America/Los_Angeles:20260317T090000\r\n"
    b"DTSTART;TZID=America/Los_Angeles:20260318T090000\r\nDTEND;TZID=America/Los_Angeles:20260318T170000\r\n"
    b"END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def test_a_weekly_all_day_block_with_an_exception_and_a_moved_occurrence_shapes_the_free_days() -> None:
    # Busy all of every Tuesday, except 10 March (EXDATE); 17 March's block moved to Wednesday 18 March.
    now = datetime(2026, 3, 2, 8, tzinfo=LA)
    rules = SlotRules(
        duration=timedelta(minutes=30), notice=timedelta(0), horizon=timedelta(days=18), count=20
    )
    busy = busy_from_ics(WEEKLY_ICS, now, now + rules.horizon, LA)
    free = free_time(windows=WEEKDAYS, tz=LA, busy=busy, booked=[], held=[], now=now, rules=rules)
    days = {s.start.astimezone(LA).date() for s in propose_slots(free, rules, tz=LA)}
    assert date(2026, 3, 3) not in days  # a normal occurrence
    assert date(2026, 3, 10) in days  # the exception
    assert date(2026, 3, 17) in days  # the moved occurrence's old day is free …
    assert date(2026, 3, 18) not in days  # … and its new day is not
    assert date(2026, 3, 19) in days


def test_booked_meetings_and_other_holds_are_kept_clear_with_the_buffer() -> None:
    now = datetime(2026, 3, 2, 8, tzinfo=LA)
    rules = SlotRules(duration=timedelta(minutes=30), buffer=timedelta(minutes=15), count=1)
    booked = [Interval(datetime(2026, 3, 3, 9, tzinfo=LA), datetime(2026, 3, 3, 10, tzinfo=LA))]
    held = [Interval(datetime(2026, 3, 3, 10, 30, tzinfo=LA), datetime(2026, 3, 3, 11, tzinfo=LA))]
    free = free_time(windows=WEEKDAYS, tz=LA, busy=[], booked=booked, held=held, now=now, rules=rules)
    # 10:00 would touch the meeting's buffer, 11:00 the hold's; 11:30 is the first clear aligned start.
    assert propose_slots(free, rules, tz=LA)[0].start == datetime(2026, 3, 3, 11, 30, tzinfo=LA)


def test_nothing_free_gives_no_slots() -> None:
    now = datetime(2026, 3, 2, 8, tzinfo=LA)
    rules = SlotRules(duration=timedelta(minutes=30))
    everything = [Interval(now - timedelta(days=1), now + timedelta(days=30))]
    free = free_time(windows=WEEKDAYS, tz=LA, busy=everything, booked=[], held=[], now=now, rules=rules)
    assert free == [] and propose_slots(free, rules, tz=LA) == []


@pytest.mark.parametrize(
    "bad",
    [
        {"duration": timedelta(0)},
        {"duration": timedelta(minutes=30), "step": timedelta(0)},
        {"duration": timedelta(minutes=30), "count": 0},
        {"duration": timedelta(minutes=30), "notice": timedelta(days=20)},
    ],
)
def test_rules_that_cannot_work_are_refused(bad: dict) -> None:
    with pytest.raises(ValueError):
        SlotRules(**bad)
