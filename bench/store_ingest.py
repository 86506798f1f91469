"""The ledger's ingest on SQLite, without a network: what committing a fetched batch costs.

5,000 messages of ~5 KB in batches of 200 go through ``Store.ingest_batch`` (hash, dedupe, header columns,
cursor, one commit per batch) into a fresh database. The baseline, measured in the same run, writes the same
bytes in the same batches with bare ``sqlite3`` (WAL, one INSERT per message, one commit per batch): the
ratio is what the ledger adds over storing the bytes at all. Was a timed test (> 1,000 msg/s) until timings
moved here. Best of 3, interleaved. ``figures(quick)`` (``python -m bench``) gives the ledger's rate against
the bare one; ``--quick`` writes 2,000 messages, best of 2.
"""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
import time
from pathlib import Path

from bench.figures import Figure
from inboxbroker.store.ledger import RawItem, Store

MESSAGES, QUICK_MESSAGES, BATCH, SIZE = 5000, 2000, 200, 5 * 1024


def corpus(messages: int = MESSAGES) -> list[bytes]:
    filler = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 100)[:SIZE]
    return [
        (
            f"Message-ID: <rate{n}@example.org>\r\nSubject: =?utf-8?q?Caf=C3=A9_chat_{n}?=\r\n"
            f"Date: Tue, 3 Mar 2026 10:00:00 +0100\r\nFrom: a{n}@example.org\r\n\r\n{n} {filler}\r\n"
        ).encode()
        for n in range(messages)
    ]


def ledger_rate(raws: list[bytes], db: Path) -> float:
    with Store.open(f"sqlite:///{db}") as store:
        box = store.mailbox("rate@example.org", "INBOX").id
        started = time.perf_counter()
        for start in range(0, len(raws), BATCH):
            batch = [RawItem(uid=n + 1, raw=raws[n]) for n in range(start, start + BATCH)]
            store.ingest_batch(box, 1, batch, last_uid=start + BATCH)
        elapsed = time.perf_counter() - started
        stored = store.stats()["messages"]
    assert stored == len(raws), stored
    return len(raws) / elapsed


def bare_rate(raws: list[bytes], db: Path) -> float:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE raw (id INTEGER PRIMARY KEY, uid INTEGER UNIQUE, sha256 TEXT, bytes BLOB)")
    started = time.perf_counter()
    for start in range(0, len(raws), BATCH):
        rows = [(n + 1, hashlib.sha256(raws[n]).hexdigest(), raws[n]) for n in range(start, start + BATCH)]
        with conn:
            conn.executemany("INSERT INTO raw (uid, sha256, bytes) VALUES (?, ?, ?)", rows)
    elapsed = time.perf_counter() - started
    conn.close()
    return len(raws) / elapsed


def measure(raws: list[bytes], rounds: int = 3) -> tuple[float, float]:
    """(bare, ledger) msg/s, each the best of ``rounds``, interleaved, each round into fresh files."""
    bare = ledger = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(rounds):
            bare = max(bare, bare_rate(raws, Path(tmp) / f"bare-{n}.sqlite3"))
            ledger = max(ledger, ledger_rate(raws, Path(tmp) / f"ledger-{n}.sqlite3"))
    return bare, ledger


def figures(quick: bool) -> dict[str, Figure]:
    count, rounds = (QUICK_MESSAGES, 2) if quick else (MESSAGES, 3)
    bare, ledger = measure(corpus(count), rounds)
    print(f"ledger {ledger:.0f} msg/s, bare sqlite3 {bare:.0f} msg/s ({ledger / bare:.2f}x)")
    note = f"{count:,} messages of ~{SIZE // 1024} KB in batches of {BATCH}, best of {rounds}"
    return {
        "store_ingest_over_bare_sqlite": Figure(
            ledger, bare, "msg/s", "bare sqlite3, one INSERT each", higher_is_better=True, note=note
        )
    }


def main() -> None:
    raws = corpus()
    print(f"{MESSAGES} messages of ~{SIZE // 1024} KB in batches of {BATCH}, SQLite; best of 3, interleaved")
    bare, ledger = measure(raws)
    print(f"{'bare sqlite3 msg/s':<22}{bare:>10.0f}")
    print(f"{'ledger msg/s':<22}{ledger:>10.0f}  {ledger / bare:.2f}x the bare rate")


if __name__ == "__main__":
    main()
