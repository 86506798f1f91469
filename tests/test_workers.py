"""Several workers on one PostgreSQL store: each mailbox and stage leased, a dead worker's lease taken over.

The leases are PostgreSQL advisory locks (``store/leases.py``) on top of the per-machine file locks; the
workers are real ``inboxbroker watch`` processes against a real Dovecot, one of them SIGKILLed halfway.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from inboxbroker.runtime.locks import mailbox_lock
from inboxbroker.store import schema
from inboxbroker.store.ledger import Store
from support.dovecot import DovecotServer, Mailbox
from support.mailgen import request_message

PROCESSED = "$InboxbrokerProcessed"

HOLDER = textwrap.dedent(
    """
    import sys, time
    from inboxbroker.store.ledger import Store
    with Store.open(sys.argv[1]) as store, store.lease("imap:shared") as held:
        print("held" if held else "refused", flush=True)
        time.sleep(600)
    """
)


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {seconds:.0f} s waiting for {what}")


@pytest.mark.postgres
def test_a_lease_is_exclusive_and_freed_the_moment_its_holder_is_killed(postgres_url: str) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, postgres_url], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with Store.open(postgres_url) as store:
            with store.lease("imap:shared") as held:
                assert not held  # another session has it
            with store.lease("imap:other") as held:
                assert held  # leases are per name
            holder.send_signal(signal.SIGKILL)
            holder.wait(timeout=10)

            def free() -> bool:
                with store.lease("imap:shared") as held:
                    return held

            wait_for(free, 10, "PostgreSQL to drop the killed worker's lease")
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.communicate()


def config_text(boxes: list[Mailbox], url: str, state: Path, extra: str = "") -> str:
    accounts = "".join(box.account_toml(table="[[imap]]", name=f"box{n}") for n, box in enumerate(boxes))
    return accounts + f'\n[store]\nurl = "{url}"\n[runtime]\nstate_dir = "{state}"\n' + extra


def fill(box: Mailbox, first: int, count: int) -> None:
    box.append_many("INBOX", [request_message(n) for n in range(first, first + count)])


def env_for(box: Mailbox) -> dict[str, str]:
    env = {**os.environ, "TEST_IMAP_PASSWORD": box.password}
    env.pop("INBOXBROKER_CONFIG", None)
    return env


@pytest.mark.imap
def test_a_mailbox_held_by_another_run_is_skipped_and_the_others_are_done(
    tmp_path: Path, dovecot: DovecotServer
) -> None:
    boxes = [dovecot.user_for(), dovecot.user_for()]
    for n, box in enumerate(boxes):
        fill(box, 1000 * n, 3)
    config = tmp_path / "inboxbroker.toml"
    db = tmp_path / "ledger.sqlite3"
    config.write_text(config_text(boxes, f"sqlite:///{db}", tmp_path / "state"))
    cli = [sys.executable, "-m", "inboxbroker", "--config", str(config), "run", "--json"]
    with mailbox_lock(tmp_path / "state" / "locks", "imap:box0"):
        result = subprocess.run(cli, capture_output=True, text=True, env=env_for(boxes[0]), timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
        assert json.loads(result.stdout.strip().splitlines()[-1])["processed"] == 3
        assert "box0: skipped" in result.stderr
        with mailbox_lock(tmp_path / "state" / "locks", "imap:box1"):
            every = subprocess.run(cli, capture_output=True, text=True, env=env_for(boxes[0]), timeout=120)
            assert every.returncode == 75, every.stderr[-2000:]  # all held: an overlapping run does nothing
    assert all(PROCESSED not in f for f in boxes[0].flags("INBOX").values())
    assert all(PROCESSED in f for f in boxes[1].flags("INBOX").values())
    result = subprocess.run(cli, capture_output=True, text=True, env=env_for(boxes[0]), timeout=120)
    assert json.loads(result.stdout.strip().splitlines()[-1])["processed"] == 3


@pytest.mark.slow
@pytest.mark.imap
@pytest.mark.postgres
def test_three_workers_three_mailboxes_one_killed_halfway_process_everything_once(
    tmp_path: Path, dovecot: DovecotServer, postgres_url: str
) -> None:
    """Invariant: 3,000 messages in three mailboxes, three ``watch`` workers on one PostgreSQL, one SIGKILLed
    halfway: every message is in the ledger once, processed once (one request each), flagged on the server,
    and the dead worker's mailbox is finished by the others."""
    per_box, boxes = 1000, [dovecot.user_for() for _ in range(3)]
    for n, box in enumerate(boxes):
        fill(box, n * per_box, per_box)
    total = per_box * len(boxes)
    # The workers share one database, as machines would (they start together, so they race to migrate it
    # too); each has its own state folder (file locks are per machine: only the leases keep them apart).
    workers = []
    for n in range(3):
        state = tmp_path / f"worker{n}"
        config = tmp_path / f"worker{n}.toml"
        config.write_text(config_text(boxes, postgres_url, state, "[watch]\npoll_seconds = 1\n"))
        log = (tmp_path / f"worker{n}.log").open("w")
        command = [sys.executable, "-m", "inboxbroker", "--config", str(config), "watch"]
        workers.append(subprocess.Popen(command, stdout=log, stderr=log, env=env_for(boxes[0])))

    engine = sa.create_engine(postgres_url)
    message = schema.table_of(schema.Message)

    def processed() -> int:
        query = sa.select(sa.func.count()).select_from(message).where(message.c.state != "new")
        try:
            with engine.connect() as conn:
                return int(conn.execute(query).scalar_one())
        except sa.exc.ProgrammingError:
            return 0  # the workers are still creating the schema

    try:
        wait_for(lambda: processed() >= total // 2, 240, "half of the messages to be processed")
        workers[0].send_signal(signal.SIGKILL)
        workers[0].wait(timeout=10)
        wait_for(lambda: processed() >= total, 300, "the other workers to finish every mailbox")
        for box in boxes:
            wait_for(
                lambda box=box: all(PROCESSED in f for f in box.flags("INBOX").values()),
                60,
                f"{box.user}'s messages to be flagged",
            )
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
        for worker in workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
    logs = "\n".join((tmp_path / f"worker{n}.log").read_text()[-1500:] for n in range(3))
    assert [w.returncode for w in workers[1:]] == [0, 0], logs

    request = schema.table_of(schema.Request)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(message.c.mailbox_id, message.c.uid, message.c.state, message.c.attempts)
        ).all()
        per_message = conn.execute(
            sa.select(request.c.message_id, sa.func.count()).group_by(request.c.message_id)
        ).all()
    engine.dispose()
    assert len(rows) == total and len({(r.mailbox_id, r.uid) for r in rows}) == total, "stored twice or lost"
    assert {r.state for r in rows} == {"processed"}, logs
    assert len(per_message) == total and {count for _, count in per_message} == {1}, "a request twice"
    # Only the group the killed worker had in hand was begun twice; nothing was tried a third time.
    assert max(r.attempts for r in rows) <= 2
    for box in boxes:
        flags = box.flags("INBOX")
        assert len(flags) == per_box and all(PROCESSED in f for f in flags.values())
