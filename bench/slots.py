"""Benchmark slot search: 50 interviewers with a year of recurring busy events, ms per request.

Each interviewer's calendar (our own synthetic .ics: three weekly RRULE series, one with an EXDATE and a
moved occurrence, plus ~200 one-off events a year) is expanded once per run inside the horizon — timed
apart, as a run pays it once — then each request runs ``free_time`` + ``propose_slots`` over all 50.
A run searches only the interviewer matchmaking chose, so its cost per request is the per-interviewer
figure; all 50 is the worst case, kept for the goal.
Baseline, same run: a plain Python loop that sorts the same busy intervals per interviewer.

Linearity: the per-request time is measured with busy lists from a 1-year and a 5-year calendar of the same
density (same events inside the horizon, so the time should not move), and with 1×, 2×, 4× the events
inside the horizon (the time should grow about in step). Expansion itself reads the whole file.

``figures(quick)`` (``python -m bench``) gives the per-request time over all 50 against the baseline, and 5-year
calendars against 1-year ones; ``--quick`` times 50 requests instead of 200.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bench.figures import Figure
from inboxbroker.domain import Interval
from inboxbroker.scheduling.busy import busy_from_ics
from inboxbroker.scheduling.slots import SlotRules, free_time, propose_slots
from inboxbroker.settings.values import parse_working_hours

INTERVIEWERS = int(os.environ.get("BENCH_SLOTS_INTERVIEWERS", "50"))
LONG_CALENDARS = int(os.environ.get("BENCH_SLOTS_LONG_CALENDARS", "10"))  # 5-year ones: parsing is the cost
REQUESTS = int(os.environ.get("BENCH_SLOTS_REQUESTS", "200"))
QUICK_REQUESTS = 50
GOAL_MS = 5.0  # per request over all 50 interviewers (absolute: the baseline is only for scale)
ONE_OFFS_PER_YEAR = 200
ZONES = [ZoneInfo(z) for z in ("America/Los_Angeles", "America/New_York", "Europe/London", "Asia/Kolkata")]
HOURS = parse_working_hours("Mon-Fri 09:00-17:00")
RULES = SlotRules(duration=timedelta(minutes=30))
# Calendars end a little after the horizon, so the search window sits in the busy part of every calendar.
NOW = datetime(2026, 6, 1, 7, tzinfo=UTC)


def calendar(rng: random.Random, tz: ZoneInfo, years: int) -> bytes:
    """A synthetic busy calendar covering ``years`` up to NOW + 30 days, at a fixed density."""
    end = NOW + timedelta(days=30)
    start = end - timedelta(days=365 * years)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//inboxbroker bench//EN"]
    first_monday = (start + timedelta(days=(7 - start.weekday()) % 7)).astimezone(tz).date()
    for n, (day, hour, length) in enumerate([(0, 10, 60), (2, 14, 90), (4, 9, 30)]):
        d = first_monday + timedelta(days=day)
        stamp = f"{d:%Y%m%d}T{hour:02d}0000"
        lines += ["BEGIN:VEVENT", f"UID:series-{n}@bench", "DTSTAMP:20260101T000000Z",
                  f"DTSTART;TZID={tz.key}:{stamp}", f"DURATION:PT{length}M", "RRULE:FREQ=WEEKLY",
                  f"EXDATE;TZID={tz.key}:{(d + timedelta(days=7 * 3)):%Y%m%d}T{hour:02d}0000", "END:VEVENT"]  # fmt: skip
        moved = d + timedelta(days=7 * 5)
        lines += ["BEGIN:VEVENT", f"UID:series-{n}@bench", "DTSTAMP:20260101T000000Z",
                  f"RECURRENCE-ID;TZID={tz.key}:{moved:%Y%m%d}T{hour:02d}0000",
                  f"DTSTART;TZID={tz.key}:{moved:%Y%m%d}T{hour + 1:02d}0000", f"DURATION:PT{length}M", "END:VEVENT"]  # fmt: skip
    for n in range(ONE_OFFS_PER_YEAR * years):
        at = start + timedelta(days=rng.uniform(0, 365 * years))
        local = at.astimezone(tz).replace(
            hour=rng.randint(8, 17), minute=rng.choice((0, 15, 30, 45)), tzinfo=None
        )
        lines += ["BEGIN:VEVENT", f"UID:one-{n}@bench", "DTSTAMP:20260101T000000Z",
                  f"DTSTART;TZID={tz.key}:{local:%Y%m%dT%H%M%S}", f"DURATION:PT{rng.choice((30, 45, 60, 120))}M",
                  "END:VEVENT"]  # fmt: skip
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()


def expand(calendars: list[tuple[bytes, ZoneInfo]]) -> tuple[list[list[Interval]], float]:
    started = time.perf_counter()
    busy = [busy_from_ics(data, NOW, NOW + RULES.horizon, tz) for data, tz in calendars]
    return busy, time.perf_counter() - started


def per_request(busy: list[list[Interval]], zones: list[ZoneInfo], requests: int) -> float:
    """Seconds per request: free_time + propose_slots for every interviewer, holds accumulating."""
    held: list[list[Interval]] = [[] for _ in busy]
    started = time.perf_counter()
    for r in range(requests):
        now = NOW + timedelta(minutes=r)  # a moving clock, as in a run
        for i, (blocks, tz) in enumerate(zip(busy, zones, strict=True)):
            free = free_time(windows=HOURS, tz=tz, busy=blocks, booked=(), held=held[i], now=now, rules=RULES)
            slots = propose_slots(free, RULES, tz=tz)
            if i == r % len(busy):  # one interviewer per request gets the draft and holds its slots
                held[i] = (held[i] + slots)[-9:]  # three pending drafts' holds
    return (time.perf_counter() - started) / requests


def baseline(busy: list[list[Interval]], requests: int) -> float:
    """Seconds per request of a plain loop over the same busy intervals: sort each interviewer's list."""
    started = time.perf_counter()
    for _ in range(requests):
        for blocks in busy:
            sorted(blocks, key=lambda b: b.start)
    return (time.perf_counter() - started) / requests


def densified(busy: list[list[Interval]], factor: int) -> list[list[Interval]]:
    """The same busy lists with ``factor`` times the events: copies moved by 2 h 7 min each, so they are new
    blocks at other times of day rather than overlaps of the old ones."""
    moves = [timedelta(minutes=127 * k) for k in range(factor)]
    return [
        sorted((Interval(b.start + m, b.end + m) for b in blocks for m in moves), key=lambda b: b.start)
        for blocks in busy
    ]


def best_of(measure: Callable[[], float], repeats: int = 3) -> float:
    """The fastest of a few runs: the machine is shared, and the minimum is the least disturbed figure."""
    return min(measure() for _ in range(repeats))


def ms(seconds: float) -> str:
    return f"{1000 * seconds:7.3f} ms"


def calendars() -> tuple[list[ZoneInfo], list[tuple[bytes, ZoneInfo]], list[tuple[bytes, ZoneInfo]]]:
    """(zones, 1-year calendars of all interviewers, 5-year calendars of the first LONG_CALENDARS)."""
    rng = random.Random(10)
    zones = [ZONES[i % len(ZONES)] for i in range(INTERVIEWERS)]
    short = [(calendar(rng, tz, 1), tz) for tz in zones]
    long = [(calendar(rng, tz, 5), tz) for tz in zones[:LONG_CALENDARS]]
    return zones, short, long


def figures(quick: bool) -> dict[str, Figure]:
    requests = QUICK_REQUESTS if quick else REQUESTS
    zones, short, long = calendars()
    busy, _ = expand(short)
    long_busy, _ = expand(long)
    base = best_of(lambda: baseline(busy, requests))
    search = best_of(lambda: per_request(busy, zones, requests))
    long_search = best_of(lambda: per_request(long_busy, zones[:LONG_CALENDARS], requests))
    same = best_of(lambda: per_request(busy[:LONG_CALENDARS], zones[:LONG_CALENDARS], requests))
    print(
        f"per request over {INTERVIEWERS}: {ms(search).strip()} (baseline {ms(base).strip()}); "
        f"{LONG_CALENDARS} interviewers, 5-year {ms(long_search).strip()} vs 1-year {ms(same).strip()}"
    )
    met = "met" if search * 1000 <= GOAL_MS else "MISSED"
    note = f"{INTERVIEWERS} interviewers, {requests} requests, best of 3"
    return {
        "slots_ms_per_request": Figure(
            search * 1000, base * 1000, "ms", "sort each busy list",
            note=f"{note}; goal ≤ {GOAL_MS:g} ms: {met}",
        ),
        "slots_5y_over_1y_calendar": Figure(
            long_search * 1000, same * 1000, "ms", "1-year calendars",
            note=f"{LONG_CALENDARS} interviewers, {requests} requests; calendar length should not matter",
        ),
    }  # fmt: skip


def main() -> None:
    zones, short, long = calendars()
    busy, short_s = expand(short)
    long_busy, long_s = expand(long)
    in_horizon = sum(map(len, busy)) / len(busy)
    long_in_horizon = sum(map(len, long_busy)) / len(long_busy)
    size = sum(len(d) for d, _ in short) / len(short)
    long_size = sum(len(d) for d, _ in long) / len(long)
    print(f"interviewers: {INTERVIEWERS}, requests: {REQUESTS}, horizon {RULES.horizon.days} days")
    print(
        f"expand once per run, 1-year calendar ({size / 1000:.0f} kB, {ONE_OFFS_PER_YEAR + 6} events): "
        f"{ms(short_s / len(short))} per interviewer, {in_horizon:.1f} busy blocks in the horizon"
    )
    print(
        f"expand once per run, 5-year calendar ({long_size / 1000:.0f} kB, {5 * ONE_OFFS_PER_YEAR + 6} events): "
        f"{ms(long_s / len(long))} per interviewer, {long_in_horizon:.1f} busy blocks in the horizon "
        f"(ratio to 1-year {long_s / len(long) / (short_s / len(short)):.2f}x: parsing reads the whole file)"
    )

    base = best_of(lambda: baseline(busy, REQUESTS))
    search = best_of(lambda: per_request(busy, zones, REQUESTS))
    print(f"baseline (sort each interviewer's busy list):  {ms(base)} per request")
    print(
        f"free_time + propose_slots over {INTERVIEWERS}:       {ms(search)} per request "
        f"({ms(search / INTERVIEWERS).strip()} per interviewer), ratio to baseline {search / base:.1f}x; goal <= 5 ms"
    )
    # The drafting stage searches only the interviewer matchmaking chose, so what a request costs in a run
    # is the per-interviewer figure; searching all of them is the worst case this bench keeps for the goal.
    print(f"a run searches the matched interviewer only: {ms(search / INTERVIEWERS)} per request")

    long_search = best_of(lambda: per_request(long_busy, zones[:LONG_CALENDARS], REQUESTS))
    same = best_of(lambda: per_request(busy[:LONG_CALENDARS], zones[:LONG_CALENDARS], REQUESTS))
    print(
        f"per request, {LONG_CALENDARS} interviewers: 1-year calendars {ms(same)}, 5-year calendars {ms(long_search)}: "
        f"ratio {long_search / same:.2f}x (calendar length does not matter)"
    )
    single = best_of(lambda: per_request(busy, zones, REQUESTS // 2))
    for factor in (2, 4, 8):
        more = densified(busy, factor)
        dense = best_of(lambda: per_request(more, zones, REQUESTS // 2))  # noqa: B023 (called at once)
        print(
            f"per request with {factor}x the busy events in the horizon ({in_horizon * factor:.0f} per interviewer): "
            f"{ms(dense)}, ratio to 1x {dense / single:.2f}x"
        )


if __name__ == "__main__":
    main()
