"""Interval arithmetic checked against a minute-by-minute model of the same sets of time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from inboxbroker.domain import Interval
from inboxbroker.scheduling.intervals import clip, merge, overlaps, subtract, widen

BASE = datetime(2026, 3, 1, tzinfo=UTC)


def at(minute: int) -> datetime:
    return BASE + timedelta(minutes=minute)


def span(a: int, b: int) -> Interval:
    return Interval(at(a), at(b))


def minutes(intervals: list[Interval]) -> set[int]:
    """The set of whole minutes covered: the model the functions must agree with."""
    covered: set[int] = set()
    for i in intervals:
        covered.update(
            range(int((i.start - BASE) / timedelta(minutes=1)), int((i.end - BASE) / timedelta(minutes=1)))
        )
    return covered


intervals = st.lists(
    st.tuples(st.integers(0, 300), st.integers(0, 60)).map(lambda t: span(t[0], t[0] + t[1])), max_size=12
)


def sorted_disjoint(result: list[Interval]) -> bool:
    return all(a.end < b.start for a, b in pairwise(result)) and all(i.end > i.start for i in result)


@given(intervals)
def test_merge_covers_the_same_time_with_sorted_disjoint_intervals(items: list[Interval]) -> None:
    result = merge(items)
    assert minutes(result) == minutes(items)
    assert sorted_disjoint(result)


@given(intervals, intervals)
def test_subtract_removes_exactly_the_busy_minutes(free: list[Interval], busy: list[Interval]) -> None:
    free_merged = merge(free)
    busy_sorted = sorted(busy, key=lambda i: i.start)  # overlapping busy blocks are allowed
    result = subtract(free_merged, busy_sorted)
    assert minutes(result) == minutes(free_merged) - minutes(busy)
    assert all(i.end > i.start for i in result)
    assert result == sorted(result, key=lambda i: i.start)


@given(intervals, st.integers(0, 300), st.integers(1, 200))
def test_clip_keeps_only_the_window(items: list[Interval], a: int, length: int) -> None:
    window = span(a, a + length)
    assert minutes(clip(items, window)) == minutes(items) & minutes([window])


def test_touching_intervals_do_not_overlap_but_merge() -> None:
    assert not overlaps(span(0, 30), span(30, 60))
    assert overlaps(span(0, 31), span(30, 60))
    assert merge([span(30, 60), span(0, 30)]) == [span(0, 60)]


def test_widen_adds_the_buffer_on_both_sides() -> None:
    assert widen(span(60, 90), timedelta(minutes=15), timedelta(minutes=5)) == span(45, 95)


def test_subtract_splits_a_free_span_around_busy_blocks() -> None:
    assert subtract([span(0, 100)], [span(10, 20), span(15, 30), span(90, 120)]) == [
        span(0, 10),
        span(30, 90),
    ]
