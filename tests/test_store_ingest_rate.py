"""Ingest throughput: 5,000 messages of ~5 KB in batches of 200 must go well over 1,000 msg/s on SQLite."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from inboxbroker.store.ledger import RawItem, Store

MESSAGES, BATCH, SIZE = 5000, 200, 5 * 1024


def corpus() -> list[bytes]:
    filler = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 100)[:SIZE]
    return [
        (
            f"Message-ID: <rate{n}@example.org>\r\nSubject: =?utf-8?q?Caf=C3=A9_chat_{n}?=\r\n"
            f"Date: Tue, 3 Mar 2026 10:00:00 +0100\r\nFrom: a{n}@example.org\r\n\r\n{n} {filler}\r\n"
        ).encode()
        for n in range(MESSAGES)
    ]


@pytest.mark.slow
def test_sqlite_ingest_rate(tmp_path: Path) -> None:
    raws = corpus()
    with Store.open(f"sqlite:///{tmp_path / 'rate.sqlite3'}") as store:
        box = store.mailbox("rate@example.org", "INBOX").id
        started = time.perf_counter()
        for start in range(0, MESSAGES, BATCH):
            batch = [RawItem(uid=n + 1, raw=raws[n]) for n in range(start, start + BATCH)]
            store.ingest_batch(box, 1, batch, last_uid=start + BATCH)
        rate = MESSAGES / (time.perf_counter() - started)
        assert store.stats()["messages"] == MESSAGES
    print(f"SQLite ingest: {rate:,.0f} msg/s")
    assert rate > 1000, f"ingest too slow: {rate:,.0f} msg/s"
