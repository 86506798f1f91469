"""Intake with the ledger (fetch + commit raw bytes and cursor) against a bare imapclient FETCH loop.

The issue's goal: intake runs at 80 % or more of the bare loop — the ledger must not be the bottleneck.
Also the whole ``run`` (intake + pipeline + batched flags) for scale. Same server and messages as
``bench.intake``; rates are best of 3, interleaved, in one process. ``figures(quick)`` gives the ratio on
loopback and at 20 ms RTT; ``--quick`` uses ``bench.intake``'s smaller server and best of 2.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bench.figures import Figure
from bench.intake import DELAY, QUICK_MESSAGES, PopulatedServer, bare_fetch_rate, populated_server
from bench.latency_proxy import LatencyProxy
from inboxbroker.runtime.readahead import ReadAhead
from inboxbroker.sources.imap import ImapMailbox
from inboxbroker.store.ledger import RawItem, Store

BATCH = 200
GOAL = 0.8


def ledger_intake_rate(server: PopulatedServer, port: int | None, workdir: Path, n: int) -> float:
    """Messages per second from connect to the last commit, into a fresh SQLite ledger (what ``run`` does first)."""
    db = workdir / f"ledger-{port}-{n}.sqlite3"
    with Store.open(f"sqlite:///{db}") as store:
        cursor = store.mailbox("bench", "INBOX")
        started = time.perf_counter()
        stored = 0
        with ImapMailbox(server.params(port)) as box:
            status = box.select("INBOX")
            store.reset_cursor(cursor.id, status.uidvalidity)
            # As the runner does it: the next batch is fetched while this one is committed.
            with ReadAhead(box.fetch_new(0, batch_size=BATCH)) as batches:
                for batch in batches:
                    items = [RawItem(uid=f.uid, raw=f.raw, internaldate=f.internaldate) for f in batch]
                    results = store.ingest_batch(cursor.id, status.uidvalidity, items, batch[-1].uid)
                    stored += sum(r.is_new for r in results)
        elapsed = time.perf_counter() - started
    assert stored == server.count, stored
    return stored / elapsed


def measure(server: PopulatedServer, rounds: int = 3) -> list[tuple[str, float, float]]:
    """(network, bare msg/s, intake msg/s) on loopback and at 20 ms RTT, each the best of ``rounds``."""
    bare_fetch_rate(server)  # warm Dovecot's index and the page cache before timing anything
    rows = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        LatencyProxy(server.mailbox.host, server.mailbox.port, delay=DELAY) as proxy,
    ):
        workdir = Path(tmp)
        for label, port in (("loopback", None), (f"{proxy.rtt * 1000:.0f} ms RTT", proxy.port)):
            bare = intake = 0.0
            for n in range(rounds):
                bare = max(bare, bare_fetch_rate(server, port))
                intake = max(intake, ledger_intake_rate(server, port, workdir, n))
            rows.append((label, bare, intake))
    return rows


def _print(rows: list[tuple[str, float, float]]) -> None:
    print(f"{'network':<12}{'bare msg/s':>12}{'intake msg/s':>14}{'intake/bare':>13}")
    for label, bare, intake in rows:
        print(f"{label:<12}{bare:>12.0f}{intake:>14.0f}{intake / bare:>12.2f}x", flush=True)


def figures(quick: bool) -> dict[str, Figure]:
    server = populated_server(QUICK_MESSAGES) if quick else populated_server()
    rounds = 2 if quick else 3
    rows = measure(server, rounds)
    _print(rows)
    note = f"{server.count:,} messages into a fresh SQLite ledger, best of {rounds}"
    (_, bare, intake), (rtt, bare_rtt, intake_rtt) = rows
    return {
        "ledger_intake_over_bare": Figure(
            intake, bare, "msg/s", "bare imapclient FETCH loop", GOAL, True, f"loopback, {note}"
        ),
        "ledger_intake_over_bare_20ms_rtt": Figure(
            intake_rtt, bare_rtt, "msg/s", "bare imapclient FETCH loop", GOAL, True, f"{rtt}, {note}"
        ),
    }


def main() -> None:
    server = populated_server()
    print(f"{server.count} messages of ~4 KB; batches of {BATCH}; best of 3, interleaved")
    _print(measure(server))


if __name__ == "__main__":
    main()
