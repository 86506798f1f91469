"""Benchmark IMAP intake: batched commands vs one command per message, on loopback and at 20 ms RTT.

Starts its own Dovecot, drops 5,000 generated ~4 KB messages straight into the Maildir (APPEND one by one is
slow), then times ``ImapMailbox.fetch_new``/``apply_actions`` against their one-message-per-command forms and
a bare imapclient FETCH loop (the baseline for "intake vs bare"). ``populated_server()`` and
``bare_fetch_rate()`` let other benchmarks reuse the same populated server in the same run.

``figures(quick)`` (``python -m bench``) gives the batched/one-per-message fetch ratio at 20 ms RTT (goal ≥ 10×)
and ``fetch_new`` against the bare loop on loopback (goal ≥ 0.8); ``--quick`` uses 1,000 messages.
"""

from __future__ import annotations

import atexit
import os
import pwd
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from imapclient import IMAPClient

# bench/__init__.py (always imported first) has put tests/ and, in a plain checkout, src/ on the path.
from bench.figures import Figure
from bench.latency_proxy import LatencyProxy
from inboxbroker.sources.imap import ImapMailbox, ImapParams
from support.dovecot import MAIL_USER, DovecotServer, Mailbox

MESSAGES = int(os.environ.get("BENCH_INTAKE_MESSAGES", "5000"))
QUICK_MESSAGES = 1000  # ``python -m bench --quick``; bench.ledger_intake uses it too, to share the server
SAMPLE = 200  # per-message commands through the proxy are timed on a sample and extrapolated
QUICK_SAMPLE = 100
GOAL_BATCHED, GOAL_BARE = 10.0, 0.8
BATCH = 200
DELAY = 0.010  # each way: 20 ms RTT

WORDS = [
    "informational",
    "interview",
    "career",
    "advice",
    "coffee",
    "chat",
    "data",
    "science",
    "mentoring",
    "product",
    "design",
    "referral",
    "schedule",
    "availability",
    "thank",
    "you",
    "resume",
    "attached",
    "next",
    "week",
    "thirty",
    "minutes",
    "video",
    "call",
    "background",
]


@dataclass
class PopulatedServer:
    """A running Dovecot whose ``mailbox`` INBOX holds ``count`` messages."""

    server: DovecotServer
    mailbox: Mailbox
    count: int

    def params(self, port: int | None = None) -> ImapParams:
        m = self.mailbox
        return ImapParams(
            host=m.host,
            port=port or m.port,
            security="none",
            insecure=True,
            username=m.user,
            password=m.password,
            timeout=60,
        )


_shared: PopulatedServer | None = None


def make_message(n: int, size: int = 4096) -> bytes:
    """A plausible request mail of about ``size`` bytes (LF line endings, as Maildir stores them)."""
    head = (
        f"From: Requester {n} <requester{n}@example.com>\n"
        f"To: interviews@example.org\n"
        f"Subject: Informational interview request #{n}\n"
        f"Date: Mon, 2 Nov 2026 09:{n % 60:02d}:00 +0000\n"
        f"Message-ID: <bench-{n}@example.com>\n"
        "MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n"
    ).encode()
    words, body, i = [], 0, n
    while len(head) + body < size:
        word = WORDS[i % len(WORDS)]
        words.append(word)
        body += len(word) + 1
        i = i * 31 + 7
    lines = [" ".join(words[k : k + 12]) for k in range(0, len(words), 12)]
    return head + ("\n".join(lines) + "\n").encode()


def write_maildir(mailbox: Mailbox, count: int) -> None:
    """Create the user's Maildir (first login) and write ``count`` messages into ``cur/`` directly.

    Names follow the Maildir spec with ``S=size`` so Dovecot need not stat every file; it assigns UIDs in
    one sync at the next SELECT.
    """
    with mailbox.client() as client:
        client.select_folder("INBOX")  # makes Dovecot create ~/Maildir with cur/ new/ tmp/
    owner = pwd.getpwnam(MAIL_USER)
    cur = mailbox.maildir / "cur"
    base, host = int(time.time()) - count, socket.gethostname().replace("/", "_").replace(":", "_")
    for n in range(count):
        raw = make_message(n)
        path = cur / f"{base + n}.M{n}P{os.getpid()}.{host},S={len(raw)}:2,"
        path.write_bytes(raw)
        os.chown(path, owner.pw_uid, owner.pw_gid)
        os.utime(path, (base + n, base + n))  # INTERNALDATE comes from the mtime


def populated_server(count: int = MESSAGES) -> PopulatedServer:
    """Start (once per process) a Dovecot with ``count`` messages; it is stopped when the process exits."""
    global _shared
    if _shared is None or _shared.count != count:
        server = DovecotServer().start()
        atexit.register(server.stop)
        mailbox = server.user_for("bench")
        write_maildir(mailbox, count)
        with mailbox.client() as client:
            exists = client.select_folder("INBOX")[b"EXISTS"]
        if exists != count:
            raise RuntimeError(f"Dovecot indexed {exists} of {count} messages")
        _shared = PopulatedServer(server, mailbox, count)
    return _shared


def bare_fetch_rate(server: PopulatedServer, port: int | None = None) -> float:
    """Messages per second for a bare imapclient session: connect, login, SEARCH, FETCH BODY.PEEK[] by 200.

    Timed from connect to the last batch, like the intake figures, so the two are comparable.
    """
    started = time.perf_counter()
    with IMAPClient(server.mailbox.host, port or server.mailbox.port, ssl=False, timeout=60) as client:
        client.login(server.mailbox.user, server.mailbox.password)
        client.select_folder("INBOX", readonly=True)
        uids = sorted(client.search(["UID", "1:*"]))
        fetched = 0
        for k in range(0, len(uids), BATCH):
            fetched += len(client.fetch(uids[k : k + BATCH], ["BODY.PEEK[]", "INTERNALDATE"]))
        elapsed = time.perf_counter() - started
    assert fetched == server.count
    return fetched / elapsed


def _timed(action: Callable[[], int]) -> tuple[float, int]:
    started = time.perf_counter()
    n = action()
    return time.perf_counter() - started, n


def _fetch(server: PopulatedServer, port: int | None, batch_size: int, limit: int | None) -> int:
    """Fetch through ``ImapMailbox.fetch_new``; ``batch_size=1`` is one FETCH per message."""
    with ImapMailbox(server.params(port)) as box:
        box.select("INBOX")
        got = 0
        batches = box.fetch_new(0, batch_size=batch_size)
        for batch in batches:
            got += len(batch)
            if limit is not None and got >= limit:
                break
        batches.close()
    return got


def fetch_batched_vs_single(
    server: PopulatedServer, port: int | None, sample: int | None
) -> tuple[float, float]:
    """(batched, one-per-message) seconds for all ``server.count`` messages through ``fetch_new``.

    Batched fetches everything in batches of ``BATCH``; one FETCH per message is timed on ``sample`` messages
    (all of them when None) and extrapolated, connect and login included in both.
    """
    batched, got = _timed(lambda: _fetch(server, port, BATCH, None))
    assert got == server.count
    single, got = _timed(lambda: _fetch(server, port, 1, sample))
    return batched, single * server.count / got


@contextmanager
def _scratch(server: PopulatedServer) -> Iterator[list[int]]:
    """A folder holding a server-side COPY of INBOX, so moves do not disturb the shared INBOX."""
    with server.mailbox.client() as client:
        for name in ("Scratch", "Moved"):
            if client.folder_exists(name):
                client.delete_folder(name)
        client.create_folder("Moved")
        client.create_folder("Scratch")
        client.select_folder("INBOX")
        client.copy("1:*", "Scratch")
        client.select_folder("Scratch")
        yield sorted(client.search("ALL"))


def _apply(
    server: PopulatedServer, port: int | None, actions: list[dict[str, list[int]]], folder: str
) -> int:
    with ImapMailbox(server.params(port)) as box:
        box.select(folder)
        for action in actions:
            box.apply_actions(action)
    return sum(len(uids) for a in actions for uids in a.values())


def measure(server: PopulatedServer, proxy: LatencyProxy) -> list[tuple[str, str, float, float, str]]:
    """Rows of (operation, network, batched s, per-message s, note) for ``server.count`` messages."""
    rows = []
    n = server.count
    uids = server.mailbox.uids("INBOX")
    for label, port in (("loopback", None), (f"{proxy.rtt * 1000:.0f} ms RTT", proxy.port)):
        sample = None if port is None else SAMPLE
        note = "" if sample is None else f"per-message: {SAMPLE} timed, x{n / SAMPLE:.0f}"

        rows.append(("fetch (BODY.PEEK[])", label, *fetch_batched_vs_single(server, port, sample), note))

        tag = "L" if port is None else "P"
        batched, _ = _timed(partial(_apply, server, port, [{f"flag:$BenchAll{tag}": uids}], "INBOX"))
        some = uids if sample is None else uids[:sample]
        single, got = _timed(
            partial(_apply, server, port, [{f"flag:$BenchOne{tag}": [u]} for u in some], "INBOX")
        )
        rows.append(("flag (UID STORE)", label, batched, single * n / got, note))

        with _scratch(server) as scratch:
            batched, _ = _timed(partial(_apply, server, port, [{"move:Moved": scratch}], "Scratch"))
        with _scratch(server) as scratch:
            some = scratch[:SAMPLE]
            single, got = _timed(
                partial(_apply, server, port, [{"move:Moved": [u]} for u in some], "Scratch")
            )
        rows.append(
            (
                "move (UID MOVE)",
                label,
                batched,
                single * n / got,
                f"per-message: {SAMPLE} timed, x{n / SAMPLE:.0f}",
            )
        )
    return rows


def intake_fetch_rate(server: PopulatedServer, port: int | None = None) -> float:
    """Messages per second through ``ImapMailbox.fetch_new`` (connect to last batch, batches of 200)."""
    elapsed, got = _timed(lambda: _fetch(server, port, BATCH, None))
    assert got == server.count
    return got / elapsed


def compare_with_bare(server: PopulatedServer, port: int | None, rounds: int = 3) -> tuple[float, float]:
    """Best-of-``rounds`` rates (intake, bare), interleaved so cache state and noise hit both alike."""
    intake, bare = 0.0, 0.0
    for _ in range(rounds):
        intake = max(intake, intake_fetch_rate(server, port))
        bare = max(bare, bare_fetch_rate(server, port))
    return intake, bare


def figures(quick: bool) -> dict[str, Figure]:
    count, sample, rounds = (QUICK_MESSAGES, QUICK_SAMPLE, 2) if quick else (MESSAGES, SAMPLE, 3)
    started = time.perf_counter()
    server = populated_server(count)
    print(f"Dovecot + {count} messages ready in {time.perf_counter() - started:.1f} s", flush=True)
    with LatencyProxy(server.mailbox.host, server.mailbox.port, delay=DELAY) as proxy:
        bare_fetch_rate(server)  # warm the page cache and Dovecot's index before anything is timed
        batched, single = fetch_batched_vs_single(server, proxy.port, sample)
        intake, bare = compare_with_bare(server, None, rounds)
        rtt = f"{proxy.rtt * 1000:.0f} ms RTT"
    print(
        f"{rtt}: batched {batched:.2f} s, one per message {single:.2f} s ({single / batched:.1f}x); "
        f"loopback: intake {intake:.0f} msg/s, bare {bare:.0f} msg/s ({intake / bare:.2f})",
        flush=True,
    )
    return {
        "imap_batched_over_single": Figure(
            count / batched,
            count / single,
            "msg/s",
            f"one FETCH per message, {rtt}",
            goal=GOAL_BATCHED,
            higher_is_better=True,
            note=f"{rtt}, {count:,} messages in batches of {BATCH}; one-per-message: {sample} timed",
        ),
        "intake_over_bare_imapclient": Figure(
            intake,
            bare,
            "msg/s",
            "bare imapclient FETCH loop",
            goal=GOAL_BARE,
            higher_is_better=True,
            note=f"loopback, {count:,} messages, best of {rounds}",
        ),
    }


def main() -> None:
    started = time.perf_counter()
    server = populated_server()
    setup = time.perf_counter() - started
    print(f"Dovecot + {server.count} messages of ~4 KB written to the Maildir and indexed in {setup:.1f} s")
    with LatencyProxy(server.mailbox.host, server.mailbox.port, delay=DELAY) as proxy:
        bare_fetch_rate(server)  # warm the page cache and Dovecot's index before anything is timed
        versus_bare = [("loopback", *compare_with_bare(server, None))]
        versus_bare.append((f"{proxy.rtt * 1000:.0f} ms RTT", *compare_with_bare(server, proxy.port)))
        rows = measure(server, proxy)

    print(f"\nTimes for {server.count} messages (batches of {BATCH}); ratio = one-per-message / batched")
    header = f"{'operation':<22}{'network':<14}{'batched s':>11}{'per-msg s':>11}{'ratio':>9}  note"
    print(header)
    print("-" * len(header))
    for op, net, batched, single, note in rows:
        print(f"{op:<22}{net:<14}{batched:>11.2f}{single:>11.2f}{single / batched:>8.1f}x  {note}")
    print("\nFetch rate, ImapMailbox.fetch_new vs a bare imapclient FETCH loop (batches of 200, best of 3):")
    for net, intake, bare in versus_bare:
        ratio = intake / bare
        print(f"  {net:<10}: intake {intake:7.0f} msg/s, bare {bare:7.0f} msg/s, intake/bare {ratio:.2f}")


if __name__ == "__main__":
    main()
