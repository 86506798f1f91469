"""Fault injection end to end: each test names its invariant and checks it against real servers.

Real Dovecot, a real SMTP server (aiosmtpd, in-process), real ``inboxbroker`` processes killed with
SIGKILL, a real full file system (a small tmpfs). Elsewhere, the same invariants for narrower faults:
an SMTP connection dropped after DATA (test_sending), the store locked past the busy timeout in-process
(test_stalling_messages), a worker killed among several (test_workers), the connection cut mid-batch and
UIDVALIDITY changed (test_run_imap).
"""

from __future__ import annotations

import email
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from email import policy
from email.utils import format_datetime
from pathlib import Path

import pytest

from inboxbroker.runtime.runner import Runner, RunOptions
from inboxbroker.store.ledger import Store
from support.corpus import require_service
from support.dovecot import DovecotServer, Mailbox
from support.mailgen import request_message
from test_drafting import settings_for, write_mail
from test_sending import Recorder, smtp_server  # noqa: F401  (fixture)

PROCESSED = "$InboxbrokerProcessed"
SEED = int(os.environ.get("INBOXBROKER_FAULT_SEED", "20261204"))


def newsletter(n: int) -> bytes:
    """Bulk mail: never drafted, but stored, processed and flagged like any other."""
    when = datetime(2026, 11, 2, 9, tzinfo=UTC) + timedelta(minutes=n)
    return (
        f"From: Weekly Digest <digest@news.example.com>\r\nTo: interviews@example.org\r\n"
        f"Subject: Your weekly digest #{n}\r\nDate: {format_datetime(when)}\r\n"
        f"Message-ID: <digest-{n}@news.example.com>\r\nList-Unsubscribe: <mailto:u@news.example.com>\r\n"
        f"Precedence: bulk\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Ten stories this week, number {n}. Unsubscribe at any time.\r\n"
    ).encode()


def backlog(count: int) -> list[bytes]:
    return [request_message(n) if n % 2 == 0 else newsletter(n) for n in range(count)]


def write_config(tmp_path: Path, box: Mailbox, smtp_port: int | None = None, store: str = "") -> Path:
    store = store or f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    text = box.account_toml() + textwrap.dedent(
        f"""
        [store]
        url = "{store}"

        [runtime]
        state_dir = "{tmp_path / "state"}"

        [watch]
        poll_seconds = 1
        backoff_initial_seconds = 0.2
        backoff_max_seconds = 1
        """
    )
    if smtp_port is not None:
        text += textwrap.dedent(
            f"""
            [drafting]
            from = "Interview Programme <interviews@example.org>"
            careers_address = "careers@example.org"

            [smtp]
            host = "127.0.0.1"
            port = {smtp_port}
            security = "none"
            insecure = true
            from = "Interview Programme <interviews@example.org>"

            [send]
            auto = true
            retry_wait_seconds = 0

            [[interviewers]]
            name = "Rachel Kim"
            email = "rachel.kim@example.org"
            topics = ["data engineering", "analytics"]
            timezone = "America/Los_Angeles"
            working_hours = "Mon-Fri 09:00-17:00"
            capacity_per_month = 1000

            [[interviewers]]
            name = "Tom Becker"
            email = "tom.becker@example.org"
            topics = ["product management"]
            timezone = "Europe/Berlin"
            working_hours = "Mon-Fri 09:00-17:00"
            capacity_per_month = 1000
            """
        )
    config = tmp_path / "inboxbroker.toml"
    config.write_text(text)
    return config


class Cli:
    def __init__(self, config: Path, box: Mailbox) -> None:
        self.config = config
        self.env = {**os.environ, "TEST_IMAP_PASSWORD": box.password}
        self.env.pop("INBOXBROKER_CONFIG", None)

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "inboxbroker", "--config", str(self.config), *args]

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*args), capture_output=True, text=True, env=self.env, timeout=timeout
        )

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            self.command(*args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env
        )


def query(db: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with sqlite3.connect(db, timeout=30) as conn:
        return conn.execute(sql).fetchall()


def count(db: Path, where: str = "1 = 1") -> int:
    """Ledger rows matching ``where``; 0 while the run has not yet created the store."""
    try:
        return int(query(db, f"SELECT count(*) FROM message WHERE {where}")[0][0]) if db.exists() else 0
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return 0
        raise


def count_done(db: Path) -> int:
    return count(db, "state != 'new'")


def kill(proc: subprocess.Popen[str]) -> int:
    """SIGKILL ``proc`` if it still runs (1 when the kill landed); its stderr must hold no traceback."""
    landed = 0
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
        landed = 1
    _, err = proc.communicate(timeout=30)
    assert "Traceback" not in err, err[-3000:]
    return landed


def approve_pending(db: Path) -> int:
    """What a coordinator does between runs: approve every draft waiting for review."""
    if not db.exists():
        return 0
    with sqlite3.connect(db, timeout=30) as conn:
        try:
            done = conn.execute(
                "UPDATE draft SET state = 'approved', approved_by = 'coordinator', "
                "approved_at = CURRENT_TIMESTAMP WHERE state = 'pending'"
            )
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return 0
            raise
        return done.rowcount


def assert_every_message_once(db: Path, box: Mailbox, count: int) -> None:
    rows = query(db, "SELECT uid, message_id_header, state, action_state FROM message")
    assert len(rows) == count, f"{len(rows)} ledger rows for {count} messages"
    assert len({r[0] for r in rows}) == count and len({r[1] for r in rows}) == count, "a message stored twice"
    assert Counter(r[2] for r in rows) == {"processed": count}
    assert {r[3] for r in rows} == {"done"}, "a mailbox action was left undone"
    flags = box.flags("INBOX")
    assert len(flags) == count and all(PROCESSED in f for f in flags.values())


@pytest.mark.slow
@pytest.mark.imap
def test_sigkill_at_20_random_points_loses_nothing_drafts_once_and_sends_nothing_twice(
    tmp_path: Path,
    imap_server: Mailbox,
    smtp_server: tuple[int, Recorder],  # noqa: F811
) -> None:
    """Invariant: 2,000 messages, ``run`` (drafting, sending on) SIGKILLed at 20 seeded random moments with
    drafts approved between runs: every message in the ledger once and flagged, one reply draft per
    request, and no reply received twice by the SMTP server (a send cut short after the server may have
    taken it is left to a person, never repeated)."""
    port, recorder = smtp_server
    with imap_server.client() as client:
        client.create_folder("Sent")
    count = 2000
    imap_server.append_many("INBOX", backlog(count))
    cli = Cli(write_config(tmp_path, imap_server, port), imap_server)
    db = tmp_path / "ledger.sqlite3"
    rng = random.Random(SEED)
    # Fourteen kills while mail is taken in and processed, each once the ledger has passed a random number of
    # finished messages (plus up to 0.2 s, so they land in fetching, processing and committing alike); then
    # six by time, which land in drafting and sending what was approved between the runs.
    targets = sorted(rng.sample(range(50, count), 14))
    extra = [round(rng.uniform(0.0, 0.2), 3) for _ in targets]
    delays = [round(rng.uniform(0.3, 1.5), 2) for _ in range(6)]
    print(
        f"fault seed {SEED} (INBOXBROKER_FAULT_SEED): after {targets} messages (+{extra} s), then after {delays} s"
    )
    landed = 0
    for target, pause in zip(targets, extra, strict=True):
        proc = cli.start("run")
        while proc.poll() is None and count_done(db) < target:
            time.sleep(0.02)
        time.sleep(pause)
        landed += kill(proc)
    # The time kills are for drafting and sending, so the mail is processed first (drafting off for that one
    # run). Left to them, a kill 0.3 s in lands on whichever suspect a killed run left first in line, the same
    # one run after run: three such kills quarantine it, as they are meant to a message that kills the run.
    processing_only = tmp_path / "processing-only.toml"
    processing_only.write_text(
        cli.config.read_text().replace("[drafting]\n", "[drafting]\nenabled = false\n")
    )
    settled = Cli(processing_only, imap_server).run("run", "--json")
    # 1 only for settling a send a kill cut short ("may have gone out"): that draft is for a person.
    cut_short = settled.returncode == 1 and "may have gone out" in settled.stderr
    assert settled.returncode == 0 or cut_short, settled.stderr[-3000:]
    for delay in delays:
        proc = cli.start("run")
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            landed += kill(proc)
        approve_pending(db)
    for _ in range(6):  # then as many clean runs as it takes, approving between them
        result = cli.run("run", "--json")
        # 1 only for settling a send a kill cut short: that draft is left to a person, checked below.
        cut_short = result.returncode == 1 and "may have gone out" in result.stderr
        assert result.returncode == 0 or cut_short, result.stderr[-3000:]
        if not approve_pending(db) and not query(
            db, "SELECT id FROM draft WHERE state IN ('approved', 'sending')"
        ):
            break
    print(f"{landed} of the 20 kills landed in a running process")
    assert landed >= 14, "the kills must land mid-run, or this test proves little"

    assert_every_message_once(db, imap_server, count)
    requests = query(db, "SELECT count(*) FROM request WHERE label = 'interview_request'")[0][0]
    assert requests == count // 2
    twice = query(
        db, "SELECT request_id FROM draft WHERE purpose = 'reply' GROUP BY request_id HAVING count(*) > 1"
    )
    assert twice == [], "a request was drafted twice"
    sent = {mid for (mid,) in query(db, "SELECT message_id_header FROM draft WHERE state = 'sent'")}
    assert sent, "nothing was sent: the kills never let a run reach sending"
    # A kill between the server's acceptance and the copy in Sent leaves a draft only a person can settle.
    unsure = {
        mid
        for mid, error in query(db, "SELECT message_id_header, send_error FROM draft WHERE state = 'failed'")
        if "may have gone out" in (error or "")
    }
    assert query(db, "SELECT count(*) FROM draft WHERE state = 'failed'")[0][0] == len(unsure)
    received = Counter(
        email.message_from_bytes(r.content, policy=policy.default)["Message-ID"] for r in recorder.received
    )
    assert [mid for mid, n in received.items() if n > 1] == [], "a reply reached the SMTP server twice"
    assert sent <= set(received) <= sent | unsure
    print(f"{len(sent)} sent, {len(unsure)} left to a person after a kill inside the SMTP transaction")


@pytest.mark.slow
@pytest.mark.imap
def test_dovecot_stopped_and_restarted_mid_run_the_daemon_finishes_exactly_once(tmp_path: Path) -> None:
    """Invariant: the server going away under ``watch`` costs nothing: it reconnects and every message
    is stored, processed and flagged once."""
    with DovecotServer() as server:
        box = server.user_for()
        total = 600
        box.append_many("INBOX", backlog(total))
        cli = Cli(write_config(tmp_path, box), box)
        db = tmp_path / "ledger.sqlite3"
        proc = cli.start("watch")
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                if count(db) >= 100:
                    break
                time.sleep(0.05)
            server.restart(down_seconds=2)
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                if count(db, "action_state = 'done'") == total:
                    break
                time.sleep(0.5)
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        assert proc.returncode == 0, err[-3000:]
        assert "Traceback" not in err
        assert_every_message_once(db, box, total)


@pytest.mark.slow
@pytest.mark.imap
def test_two_runs_started_at_once_process_every_message_once(tmp_path: Path, imap_server: Mailbox) -> None:
    """Invariant: two ``run`` processes at the same moment: one does the work, the other exits 75 (or finds
    nothing left); every message once."""
    count = 300
    imap_server.append_many("INBOX", backlog(count))
    cli = Cli(write_config(tmp_path, imap_server), imap_server)
    first, second = cli.start("run", "--json"), cli.start("run", "--json")
    results = [(p.wait(timeout=300), p.communicate()) for p in (first, second)]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 75]), [err[-2000:] for _, (_, err) in results]
    processed = sum(
        json.loads(out.strip().splitlines()[-1])["processed"] for code, (out, _) in results if code == 0
    )
    assert processed == count
    assert_every_message_once(tmp_path / "ledger.sqlite3", imap_server, count)


@pytest.mark.slow
@pytest.mark.imap
def test_a_store_locked_past_the_busy_timeout_stops_the_run_cleanly_and_the_rerun_finishes(
    tmp_path: Path, imap_server: Mailbox
) -> None:
    """Invariant: another writer holding SQLite's lock longer than the 5 s busy timeout stops ``run`` with a
    clear error (no traceback, nothing quarantined); the next run finishes every message once."""
    count = 400
    imap_server.append_many("INBOX", backlog(count))
    cli = Cli(write_config(tmp_path, imap_server), imap_server)
    db = tmp_path / "ledger.sqlite3"
    assert cli.run("run", "--limit", "50").returncode == 0  # creates the store
    blocker = sqlite3.connect(db, timeout=30, isolation_level=None)
    try:
        proc = cli.start("run")
        time.sleep(0.5)
        blocker.execute("BEGIN EXCLUSIVE")  # waits for the run's commit in hand, then holds the lock
        _, err = proc.communicate(timeout=120)  # the run gives up after its 5 s busy timeout
    finally:
        blocker.close()
    assert proc.returncode != 0 and "Traceback" not in err, err[-3000:]
    assert "locked" in err
    assert query(db, "SELECT count(*) FROM message WHERE state = 'quarantined'") == [(0,)]
    assert cli.run("run").returncode == 0
    assert_every_message_once(db, imap_server, count)


@pytest.mark.slow
def test_a_full_disk_stops_the_run_with_a_clear_error_and_loses_nothing(tmp_path: Path) -> None:
    """Invariant: the file system filling up while the ledger is written stops the run with a clear error
    and leaves a consistent store; once there is room, the rerun stores and processes every message once."""
    if os.geteuid() != 0:
        require_service(False, "root, to mount a small tmpfs")
    mount = tmp_path / "small"
    mount.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        require_service(False, f"a tmpfs mount ({exc})")
    try:
        raws = [request_message(n, padding=20_000) for n in range(400)]  # ~8 MB of mail for 3 MB of disk
        folder = write_mail(tmp_path / "in", {f"{n:04d}.eml": raw for n, raw in enumerate(raws)})
        config = tmp_path / "inboxbroker.toml"
        db = mount / "ledger.sqlite3"
        config.write_text(f'[store]\nurl = "sqlite:///{db}"\n[runtime]\nstate_dir = "{tmp_path / "state"}"\n')
        env = {k: v for k, v in os.environ.items() if k != "INBOXBROKER_CONFIG"}
        command = [
            sys.executable,
            "-m",
            "inboxbroker",
            "--config",
            str(config),
            "run",
            "--source",
            f"eml:{folder}",
        ]
        full = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
        assert full.returncode != 0 and "Traceback" not in full.stderr, full.stderr[-3000:]
        assert "full" in full.stderr.lower(), full.stderr[-2000:]
        assert query(db, "PRAGMA integrity_check") == [("ok",)]
        stored_before = query(db, "SELECT count(*) FROM message")[0][0]
        assert stored_before < len(raws)
        subprocess.run(["mount", "-o", "remount,size=64m", str(mount)], check=True)
        again = subprocess.run([*command, "--json"], capture_output=True, text=True, env=env, timeout=300)
        assert again.returncode == 0, again.stderr[-3000:]
        rows = query(db, "SELECT message_id_header, state FROM message")
        assert len(rows) == len(raws) and len({r[0] for r in rows}) == len(raws)
        assert {r[1] for r in rows} == {"processed"}
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_the_wall_clock_jumping_an_hour_back_and_forward_keeps_slots_and_holds_right(tmp_path: Path) -> None:
    """Invariant: drafts made while the clock jumps an hour back, then forward, never offer a slot in the
    past of the clock that drafted them, never offer a slot another draft holds, and release no hold."""
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    settings = settings_for(tmp_path, url, scheduling={"slots": 3})
    start = datetime(2026, 12, 7, 16, 30, tzinfo=UTC)  # a Monday, Rachel's morning in Los Angeles
    clocks = [start, start - timedelta(hours=1), start + timedelta(hours=1), start - timedelta(minutes=30)]
    offered: list[tuple[datetime, datetime]] = []
    with Store.open(url) as store:
        for n, now in enumerate(clocks):
            folder = write_mail(tmp_path / f"in{n}", {"r.eml": request_message(100 + n, when=now)})
            Runner(settings, store, clock=lambda now=now: now).run(RunOptions(source=f"eml:{folder}"))
            held = store.meetings.find(("held",))
            mine = [m for m in held if (m.start, m.end) not in offered]
            assert mine, f"request {n} was offered nothing"
            assert all(m.start > now for m in mine), "a slot in the past of the clock that drafted it"
            offered += [(m.start, m.end) for m in mine]
        held = store.meetings.find(("held",))
    assert len(held) == len(offered) == len(set(offered)), "a slot offered twice, or a hold released"
