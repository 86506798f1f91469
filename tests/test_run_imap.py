"""``inboxbroker run`` and ``watch`` against a real Dovecot: exactly once, under cuts, renumbering and kills."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from inboxbroker.errors import ImapConnectionError
from inboxbroker.runtime.locks import mailbox_lock
from inboxbroker.runtime.runner import Runner, RunOptions, open_mailbox
from inboxbroker.settings.config import load_config
from inboxbroker.store.ledger import Store
from support.dovecot import Mailbox
from support.mailgen import request_message

pytestmark = pytest.mark.imap

PROCESSED = "$InboxbrokerProcessed"


@dataclass
class Setup:
    server: Mailbox
    config: Path
    db: Path
    env: dict[str, str]

    def cli(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "inboxbroker", "--config", str(self.config), *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=timeout,
        )

    def popen(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "inboxbroker", "--config", str(self.config), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=self.env,
        )

    def ledger(self) -> list[tuple[int, str, str]]:
        """(uid, state, message-id) of every ledger row, read with plain sqlite3."""
        with sqlite3.connect(self.db) as conn:
            return list(conn.execute("SELECT uid, state, message_id_header FROM message ORDER BY uid"))

    def settings(self):  # type: ignore[no-untyped-def]
        os.environ["TEST_IMAP_PASSWORD"] = self.server.password
        return load_config(self.config)


def write_config(tmp_path: Path, server: Mailbox, **imap_extra: object) -> Setup:
    db = tmp_path / "ledger.sqlite3"
    imap_extra = {"since_days": 0, **imap_extra}
    extra = "".join(f"{key} = {json.dumps(value)}\n" for key, value in imap_extra.items())
    config = tmp_path / "inboxbroker.toml"
    config.write_text(
        f"""
[imap]
host = "{server.host}"
port = {server.port}
security = "none"
insecure = true
username = "{server.user}"
password_env = "TEST_IMAP_PASSWORD"
folders = ["INBOX"]
{extra}
[store]
url = "sqlite:///{db}"

[runtime]
state_dir = "{tmp_path / "state"}"
""",
        encoding="utf-8",
    )
    env = {**os.environ, "TEST_IMAP_PASSWORD": server.password, "CI": os.environ.get("CI", "")}
    env.pop("INBOXBROKER_CONFIG", None)
    return Setup(server, config, db, env)


def fill(server: Mailbox, count: int, start: int = 0) -> None:
    with server.client() as client:
        for n in range(start, start + count):
            client.append("INBOX", request_message(n))


@pytest.fixture
def setup(tmp_path: Path, imap_server: Mailbox) -> Iterator[Setup]:
    yield write_config(tmp_path, imap_server, batch_size=7)


def assert_exactly_once(setup: Setup, count: int) -> None:
    rows = setup.ledger()
    assert len(rows) == count
    assert len({r[2] for r in rows}) == count, "a message was stored twice"
    assert {r[1] for r in rows} <= {"processed", "quarantined"}
    flags = setup.server.flags("INBOX")
    assert all(PROCESSED in f for f in flags.values()), "a message was left without its flag"


def test_run_stores_processes_and_flags_every_message_once(setup: Setup) -> None:
    fill(setup.server, 20)
    first = setup.cli("run", "--json")
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout.strip().splitlines()[-1])
    assert summary["fetched"] == 20 and summary["stored"] == 20 and summary["processed"] == 20
    assert summary["actions"] == 20
    assert_exactly_once(setup, 20)
    # \Seen is nobody's business but the coordinators': BODY.PEEK leaves it alone.
    assert not any("\\Seen" in f for f in setup.server.flags("INBOX").values())

    second = setup.cli("run", "--json")
    assert second.returncode == 0, second.stderr
    again = json.loads(second.stdout.strip().splitlines()[-1])
    assert again["fetched"] == 0 and again["processed"] == 0 and again["actions"] == 0
    assert_exactly_once(setup, 20)

    stats = json.loads(setup.cli("stats", "--json").stdout)
    assert stats["messages"] == 20
    assert stats["by_state"]["processed"] == 20
    assert stats["last_run"]["counts"]["fetched"] == 0


def test_move_action_moves_processed_mail(tmp_path: Path, imap_server: Mailbox) -> None:
    setup = write_config(tmp_path, imap_server, on_processed="move:Processed")
    fill(imap_server, 12)
    result = setup.cli("run")
    assert result.returncode == 0, result.stderr
    assert imap_server.uids("INBOX") == []
    assert len(imap_server.uids("Processed")) == 12
    assert len(setup.ledger()) == 12


def test_dry_run_stores_nothing_and_touches_no_mail(setup: Setup) -> None:
    fill(setup.server, 5)
    result = setup.cli("run", "--dry-run", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["fetched"] == 5
    assert setup.ledger() == []
    assert all(not f for f in setup.server.flags("INBOX").values())


def test_limit_takes_only_n_and_the_next_run_continues(setup: Setup) -> None:
    fill(setup.server, 10)
    assert setup.cli("run", "--limit", "4").returncode == 0
    assert len(setup.ledger()) == 4
    assert setup.cli("run").returncode == 0
    assert_exactly_once(setup, 10)


def test_first_run_cutoff_skips_old_backlog(tmp_path: Path, imap_server: Mailbox) -> None:
    setup = write_config(tmp_path, imap_server, since_days=7)
    with imap_server.client() as client:
        for n in range(3):
            client.append("INBOX", request_message(n), msg_time=datetime(2020, 1, 1, tzinfo=UTC))
    fill(imap_server, 2, start=100)
    assert setup.cli("run").returncode == 0
    assert sorted(r[2] for r in setup.ledger()) == ["<req-100@example.net>", "<req-101@example.net>"]
    fill(imap_server, 1, start=200)
    assert setup.cli("run").returncode == 0
    assert len(setup.ledger()) == 3  # the old backlog stays behind the cursor


def test_connection_cut_mid_batch_then_rerun_loses_nothing(setup: Setup) -> None:
    fill(setup.server, 30)
    settings = setup.settings()

    class CuttingMailbox:
        """A real connection that the server drops after the first batch has been handed over."""

        def __init__(self, account):  # type: ignore[no-untyped-def]
            self.box = open_mailbox(account)

        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            return getattr(self.box, name)

        def __enter__(self) -> CuttingMailbox:
            return self

        def __exit__(self, *exc: object) -> None:
            self.box.close()

        def fetch_new(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            for n, batch in enumerate(self.box.fetch_new(*args, **kwargs)):
                yield batch
                if n == 1:
                    setup.server.drop_connections()

    with Store.open(settings.store.url) as store:
        runner = Runner(settings, store, mailbox_factory=CuttingMailbox)  # type: ignore[arg-type]
        with pytest.raises(ImapConnectionError):
            runner.run(RunOptions())
        cut_at = len(setup.ledger())
        assert 0 < cut_at < 30
    result = setup.cli("run", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["stored"] == 30 - cut_at
    assert_exactly_once(setup, 30)


def test_uidvalidity_change_processes_nothing_twice(setup: Setup) -> None:
    fill(setup.server, 8)
    assert setup.cli("run").returncode == 0
    before = setup.ledger()
    setup.server.recreate_folder("INBOX")  # a restore: same mail, new UIDVALIDITY, new UIDs
    fill(setup.server, 2, start=50)
    result = setup.cli("run", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["stored"] == 2 and summary["processed"] == 2 and summary["duplicates"] == 8
    after = setup.ledger()
    assert len(after) == 10
    assert {r[2] for r in before} < {r[2] for r in after}
    # The renumbered copies carry the outcome again (a restore loses keywords): every message flagged once more.
    assert summary["actions"] == 10
    assert_exactly_once(setup, 10)


def test_sigkill_mid_batch_then_rerun_finishes_exactly_once(tmp_path: Path, imap_server: Mailbox) -> None:
    setup = write_config(tmp_path, imap_server, batch_size=5)
    total = 150
    fill(imap_server, total)
    proc = setup.popen("run")
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if setup.db.exists():
            try:
                stored = len(setup.ledger())
            except sqlite3.OperationalError:
                stored = 0  # the schema is still being created
        if stored >= 20:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the run finished before it could be killed; make the batch larger"
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=10)
    killed_at = setup.ledger()
    assert 0 < len(killed_at) < total
    done_before = sum(1 for r in killed_at if r[1] != "new")

    result = setup.cli("run", "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["processed"] == total - done_before, "a message was processed twice or not at all"
    assert_exactly_once(setup, total)


def last_run(setup: Setup) -> dict[str, object]:
    result = setup.cli("stats", "--json")
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout)["last_run"] or {})


def test_overlapping_run_exits_75(setup: Setup) -> None:
    assert setup.cli("run").returncode == 0
    before = last_run(setup)
    settings = setup.settings()
    account = settings.imap[0]
    with mailbox_lock(settings.runtime.lock_dir, f"imap:{account.name}"):
        result = setup.cli("run")
    assert result.returncode == 75
    assert "another inboxbroker run" in result.stderr
    # A run that found the lock held did nothing: the last run is still the one before it (or the holder).
    assert last_run(setup) == before
    assert setup.cli("run").returncode == 0  # released: the next run goes ahead


def test_a_refused_login_exits_2_and_is_recorded_so(setup: Setup) -> None:
    setup.env["TEST_IMAP_PASSWORD"] = "not-the-password"
    result = setup.cli("run")
    assert result.returncode == 2, result.stdout + result.stderr  # a credential to fix, not bad mail (1)
    assert "rejected the login" in result.stderr
    assert "not-the-password" not in result.stdout + result.stderr
    assert last_run(setup)["exit_code"] == 2


def test_watch_processes_new_mail_within_seconds_and_stops_on_sigterm(
    tmp_path: Path, imap_server: Mailbox
) -> None:
    setup = write_config(tmp_path, imap_server)
    fill(imap_server, 2)
    proc = setup.popen("watch")
    try:
        wait_for(lambda: len(setup.ledger()) == 2, seconds=20)
        fill(imap_server, 1, start=500)
        started = time.monotonic()
        wait_for(lambda: len(setup.ledger()) == 3, seconds=15)
        assert time.monotonic() - started < 10
        wait_for(lambda: all(PROCESSED in f for f in imap_server.flags("INBOX").values()), seconds=10)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=15)
        assert proc.returncode == 0, proc.stderr.read() if proc.stderr else ""
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate()


def test_watch_reconnects_after_the_server_drops_it(tmp_path: Path, imap_server: Mailbox) -> None:
    setup = write_config(tmp_path, imap_server)
    setup.config.write_text(
        setup.config.read_text() + "\n[watch]\nbackoff_initial_seconds = 0.2\npoll_seconds = 60\n"
    )
    proc = setup.popen("watch")
    try:
        wait_for(lambda: setup.db.exists() and _ledger_or_empty(setup) == [], seconds=20)
        time.sleep(1)
        imap_server.drop_connections()
        time.sleep(0.5)
        fill(imap_server, 1, start=700)
        wait_for(lambda: len(_ledger_or_empty(setup)) == 1, seconds=20)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=15)


def _ledger_or_empty(setup: Setup) -> list[tuple[int, str, str]]:
    try:
        return setup.ledger()
    except sqlite3.OperationalError:
        return []


def wait_for(condition, seconds: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except sqlite3.OperationalError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"condition not met within {seconds} s")


def test_several_folders_have_their_own_cursors(tmp_path: Path, imap_server: Mailbox) -> None:
    setup = write_config(tmp_path, imap_server)
    setup.config.write_text(
        setup.config.read_text().replace('folders = ["INBOX"]', 'folders = ["INBOX", "Requests"]')
    )
    fill(imap_server, 3)
    for n in range(900, 902):
        imap_server.append("Requests", request_message(n))
    first = setup.cli("run", "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout.strip().splitlines()[-1])["stored"] == 5
    imap_server.append("Requests", request_message(903))
    second = json.loads(setup.cli("run", "--json").stdout.strip().splitlines()[-1])
    assert second["stored"] == 1 and second["fetched"] == 1
    assert all(PROCESSED in f for f in imap_server.flags("Requests").values())
