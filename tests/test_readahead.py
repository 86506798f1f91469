"""ReadAhead: items in order, errors after the items produced before them, a prompt and complete close."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from inboxbroker.runtime.readahead import ReadAhead


def test_items_arrive_in_order() -> None:
    with ReadAhead(iter(range(100)), depth=3) as items:
        assert list(items) == list(range(100))


def test_an_error_arrives_after_the_items_produced_before_it() -> None:
    def source() -> Iterator[int]:
        yield 1
        yield 2
        raise ConnectionError("cut")

    got = []
    with ReadAhead(source()) as items, pytest.raises(ConnectionError, match="cut"):
        for item in items:
            got.append(item)
    assert got == [1, 2]


def test_close_stops_a_producer_that_is_ahead_and_closes_the_source() -> None:
    produced: list[int] = []
    closed = threading.Event()

    def source() -> Iterator[int]:
        try:
            for n in range(1000):
                produced.append(n)
                yield n
        finally:
            closed.set()

    reader = ReadAhead(source(), depth=2)
    first = next(iter(reader))
    reader.close()
    assert first == 0
    assert closed.is_set()
    assert len(produced) <= 5  # bounded: the producer never runs far ahead of the consumer
