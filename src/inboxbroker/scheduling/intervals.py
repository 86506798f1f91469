"""Interval arithmetic on ``Interval`` (half-open ``[start, end)``, timezone-aware): merge, subtract, clip, widen.

Every function takes and returns plain lists; inputs that must be sorted say so, and the sweeps are linear.
An empty interval (``end <= start``) never appears in a result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import timedelta

from inboxbroker.domain import Interval


def overlaps(a: Interval, b: Interval) -> bool:
    """True when the two half-open intervals share some time (touching ends do not overlap)."""
    return a.start < b.end and b.start < a.end


def widen(interval: Interval, before: timedelta, after: timedelta) -> Interval:
    """The interval grown by ``before`` at its start and ``after`` at its end (a buffer around a meeting)."""
    return Interval(interval.start - before, interval.end + after)


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, disjoint intervals covering the same time; overlapping or touching intervals become one."""
    ordered = sorted((i for i in intervals if i.end > i.start), key=lambda i: i.start)
    out: list[Interval] = []
    for item in ordered:
        if out and item.start <= out[-1].end:
            if item.end > out[-1].end:
                out[-1] = Interval(out[-1].start, item.end)
        else:
            out.append(item)
    return out


def merge_widened(intervals: Iterable[Interval], before: timedelta, after: timedelta) -> list[Interval]:
    """``merge`` of every interval ``widen``-ed by the same buffer, without building the widened ones
    (a slot search does this for every busy block of every interviewer on every request)."""
    spans = sorted((i.start - before, i.end + after) for i in intervals if i.end > i.start)
    out: list[Interval] = []
    if not spans:
        return out
    start, end = spans[0]
    for s, e in spans[1:]:
        if s <= end:
            end = max(end, e)
        else:
            out.append(Interval(start, end))
            start, end = s, e
    out.append(Interval(start, end))
    return out


def subtract(free: Sequence[Interval], busy: Sequence[Interval]) -> list[Interval]:
    """The parts of ``free`` not covered by ``busy``.

    Both must be sorted by start and ``free`` disjoint (as ``merge`` returns). ``busy`` may overlap itself
    and the answer is still right; when it is disjoint too, this is one sweep over both: O(n + m).
    """
    out: list[Interval] = []
    # Locals rather than attribute lookups: a slot search runs this for every interviewer on every request.
    append, n, j = out.append, len(busy), 0
    for span in free:
        cursor, span_end = span.start, span.end
        # Busy blocks ending before this free span cannot touch any later span either (free is sorted).
        while j < n and busy[j].end <= cursor:
            j += 1
        for k in range(j, n):
            block = busy[k]
            if block.start >= span_end:
                break
            if block.start > cursor:
                append(Interval(cursor, block.start))
            if block.end > cursor:
                cursor = block.end
                if cursor >= span_end:
                    break
        if cursor < span_end:
            append(Interval(cursor, span_end))
    return out


def clip(intervals: Iterable[Interval], window: Interval) -> list[Interval]:
    """Each interval cut to ``window``; those outside it (or left empty) are dropped. Order is kept."""
    out: list[Interval] = []
    for item in intervals:
        start = max(item.start, window.start)
        end = min(item.end, window.end)
        if start < end:
            out.append(item if (start, end) == (item.start, item.end) else Interval(start, end))
    return out
