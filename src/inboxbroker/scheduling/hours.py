"""Weekly working hours (``WorkingWindow``) turned into UTC intervals for a span of time, right across DST.

Wall times are built in the interviewer's zone (``fold=0``) and normalised through UTC, so 09:00 stays 09:00
local on both sides of a change, and a window edge inside the spring-forward gap lands on the first real
instant after it (02:30 on a gap day becomes 03:30 daylight time).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from inboxbroker.domain import Interval
from inboxbroker.scheduling.intervals import clip, merge
from inboxbroker.settings.values import WorkingWindow


def local_instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of wall time ``at`` on ``day`` in ``tz``.

    ``fold=0`` picks the first of an ambiguous (fall-back) hour; a time in the spring-forward gap comes out
    after the gap, because the round trip through UTC applies the offset in force before it.
    """
    return datetime.combine(day, at, tzinfo=tz).replace(fold=0).astimezone(UTC)


def working_intervals(
    windows: Iterable[WorkingWindow], tz: ZoneInfo, start: datetime, end: datetime
) -> list[Interval]:
    """The working windows as sorted, disjoint UTC intervals, cut to ``[start, end)``."""
    if end <= start:
        return []
    # One day either side: a window on the local day before ``start`` can still reach into it across zones.
    first = start.astimezone(tz).date() - timedelta(days=1)
    last = end.astimezone(tz).date() + timedelta(days=1)
    return clip(_days_intervals(tuple(windows), tz, first, last), Interval(start, end))


@lru_cache(maxsize=1024)
def _days_intervals(
    windows: tuple[WorkingWindow, ...], tz: ZoneInfo, first: date, last: date
) -> tuple[Interval, ...]:
    """The windows of the local days ``first`` to ``last`` in UTC, merged. Cached: every request of a run
    asks again for the same days and zones, and the zone conversions are most of a slot search's cost."""
    found = []
    day = first
    while day <= last:
        weekday = day.weekday()
        for window in windows:
            if weekday in window.weekdays:
                opens, closes = local_instant(day, window.start, tz), local_instant(day, window.end, tz)
                if opens < closes:  # both edges in one gap collapse to nothing, and nothing is right
                    found.append(Interval(opens, closes))
        day += timedelta(days=1)
    return tuple(merge(found))
