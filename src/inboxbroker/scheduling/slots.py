"""Free time of one interviewer, and the few slots to offer a requester out of it.

``free_time`` is working hours minus everything that blocks them (busy calendar, booked meetings, slots
held by other pending drafts), each widened by the buffer, inside ``[now + notice, now + horizon]``.
``propose_slots`` picks slots from it: inside the requester's proposed times first, then the earliest
aligned start on each next distinct local day of the interviewer. Both are deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import chain
from zoneinfo import ZoneInfo

from inboxbroker.domain import Interval
from inboxbroker.scheduling.hours import local_instant, working_intervals
from inboxbroker.scheduling.intervals import clip, merge_widened, overlaps, subtract
from inboxbroker.settings.values import WorkingWindow

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class SlotRules:
    """How slots are cut: their length, the buffer kept free around blocks, notice, horizon, alignment, count."""

    duration: timedelta  # the meeting length (already clamped to config bounds by the caller)
    buffer: timedelta = timedelta(minutes=15)  # kept free around every busy block, meeting and hold
    notice: timedelta = timedelta(hours=24)  # earliest slot start is now + notice
    horizon: timedelta = timedelta(days=14)  # latest slot end is now + horizon
    step: timedelta = timedelta(minutes=30)  # slot starts are aligned to this in the interviewer's zone
    count: int = 3

    def __post_init__(self) -> None:
        if self.duration <= timedelta(0) or self.step <= timedelta(0):
            raise ValueError(f"duration and step must be positive, got {self.duration} and {self.step}")
        if self.buffer < timedelta(0) or self.notice < timedelta(0):
            raise ValueError(f"buffer and notice must not be negative, got {self.buffer} and {self.notice}")
        if self.horizon <= self.notice:
            raise ValueError(f"horizon ({self.horizon}) must be later than notice ({self.notice})")
        if self.count < 1:
            raise ValueError(f"count must be at least 1, got {self.count}")


def free_time(
    *,
    windows: Iterable[WorkingWindow],
    tz: ZoneInfo,
    busy: Sequence[Interval],
    booked: Sequence[Interval],
    held: Sequence[Interval],
    now: datetime,
    rules: SlotRules,
) -> list[Interval]:
    """Sorted, disjoint UTC intervals the interviewer could meet in, each at least ``rules.duration`` long."""
    earliest, latest = now + rules.notice, now + rules.horizon
    hours = working_intervals(windows, tz, earliest, latest)
    blocked = merge_widened(chain(busy, booked, held), rules.buffer, rules.buffer)
    return [span for span in subtract(hours, blocked) if span.end - span.start >= rules.duration]


def propose_slots(
    free: Sequence[Interval], rules: SlotRules, *, tz: ZoneInfo, proposed: Sequence[Interval] = ()
) -> list[Interval]:
    """Up to ``rules.count`` slots of exactly ``rules.duration`` out of ``free`` (sorted, disjoint), sorted.

    Slots inside the requester's ``proposed`` times come first: one per proposed interval on a day not yet
    used, then more inside the proposals wherever they fit. Any places left go to the earliest aligned
    start on each next local day of the interviewer (``tz``) that has no slot yet. Slots never overlap each
    other.
    """
    chosen: list[Interval] = []
    days: set[date] = set()

    def take(slot: Interval) -> None:
        chosen.append(slot)
        days.add(slot.start.astimezone(tz).date())

    wanted = sorted((p for p in proposed if p.end > p.start), key=lambda p: (p.start, p.end))
    for span in wanted:
        if len(chosen) < rules.count and (slot := _first_slot(clip(free, span), rules, tz, days, chosen)):
            take(slot)
    for span in wanted:
        while len(chosen) < rules.count and (slot := _first_slot(clip(free, span), rules, tz, set(), chosen)):
            take(slot)
    if len(chosen) < rules.count:
        for slot in _one_per_day(free, rules, tz, days, chosen):
            take(slot)
            if len(chosen) >= rules.count:
                break
    return sorted(chosen, key=lambda s: s.start)


def _first_slot(
    free: Iterable[Interval], rules: SlotRules, tz: ZoneInfo, skip_days: set[date], avoid: Sequence[Interval]
) -> Interval | None:
    """The earliest aligned slot in ``free`` not on a day in ``skip_days`` and overlapping nothing in ``avoid``."""
    return next(_one_per_day(free, rules, tz, set(skip_days), avoid), None)


def _one_per_day(
    free: Iterable[Interval], rules: SlotRules, tz: ZoneInfo, skip_days: set[date], avoid: Sequence[Interval]
) -> Iterator[Interval]:
    """In one sweep, the earliest aligned slot of each local day not in ``skip_days`` (which it extends),
    overlapping nothing in ``avoid``."""
    days = LocalDays(tz)
    for span in free:
        start = days.aligned(span.start, rules.step)
        while start + rules.duration <= span.end:
            slot = Interval(start, start + rules.duration)
            day = days.day_of(start)
            if day in skip_days:
                start = days.aligned(days.next_midnight(day), rules.step)
            elif any(overlaps(slot, other) for other in avoid):
                start = days.aligned(start + rules.step, rules.step)
            else:
                skip_days.add(day)
                yield slot


class LocalDays:
    """``aligned_start`` and the local date of instants in ``tz``, for a sweep that moves forward in time.

    A slot search asks both for many instants of the same few days, and the zone conversions were most of
    its cost. Each local day's midnights are looked up once (``_day_bounds``, shared by every search of the
    run) and the day after the one remembered is tried before converting anything. For a day of exactly 24
    hours with the same UTC offset at both midnights (every day but a clock change's), wall time is midnight
    plus the time elapsed, so the answers are arithmetic on the UTC instant; any other day, or an instant
    that lies outside the day found for it, takes the full conversion.
    """

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self._day: date | None = None
        self._start = self._end = datetime.min.replace(tzinfo=UTC)
        self._regular = False

    def _locate(self, instant: datetime) -> bool:
        """Remember the local day of ``instant``; True when the arithmetic answers hold for it."""
        if self._day is not None:
            if self._start <= instant < self._end:
                return self._regular
            if instant >= self._end and self._set(self._day + _DAY) and instant < self._end:
                return self._regular
        self._set(instant.astimezone(self.tz).date())
        return self._regular and self._start <= instant < self._end

    def _set(self, day: date) -> bool:
        self._day = day
        self._start, self._end, self._regular = _day_bounds(self.tz, day)
        return True

    def day_of(self, instant: datetime) -> date:
        if self._locate(instant):
            assert self._day is not None
            return self._day
        return instant.astimezone(self.tz).date()

    def next_midnight(self, day: date) -> datetime:
        """``local_instant(day + 1 day, 00:00, tz)``."""
        return _day_bounds(self.tz, day + _DAY)[0]

    def aligned(self, instant: datetime, step: timedelta) -> datetime:
        """``aligned_start(instant, step, tz)``."""
        if self._locate(instant):
            candidate = self._start + math.ceil((instant - self._start) / step) * step
            if candidate < self._end:
                return candidate
        return aligned_start(instant, step, self.tz)


@lru_cache(maxsize=8192)
def _day_bounds(tz: ZoneInfo, day: date) -> tuple[datetime, datetime, bool]:
    """The UTC instants of the local midnights starting and ending ``day``, and whether the day is regular:
    24 hours long with the same UTC offset at both ends."""
    start, end = local_instant(day, time(0), tz), local_instant(day + _DAY, time(0), tz)
    regular = end - start == _DAY and start.astimezone(tz).utcoffset() == end.astimezone(tz).utcoffset()
    return start, end, regular


def aligned_start(instant: datetime, step: timedelta, tz: ZoneInfo) -> datetime:
    """The first UTC instant at or after ``instant`` whose wall time in ``tz`` is a multiple of ``step`` after
    local midnight (09:00, 09:30 … for a 30-minute step), whatever the UTC offset that day."""
    local = instant.astimezone(tz)
    midnight = datetime.combine(local.date(), time(0))
    into_day = (local.replace(tzinfo=None) - midnight).total_seconds()
    steps = math.ceil(into_day / step.total_seconds())
    while True:
        wall = midnight + steps * step
        candidate = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
        # In a repeated (fall-back) hour fold=0 names the earlier pass, which may lie before ``instant``.
        if candidate >= instant:
            return candidate
        steps += 1
