"""Worker processes for the pure stages (runtime/pool.py): the same outcomes, and nothing lost when one dies.

Each test runs real ``inboxbroker run`` work over a generated backlog (bench.backlog: plain, HTML, résumés,
forwards) into a real SQLite store; the kill tests use real processes and SIGKILL.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from bench.backlog import write_backlog

from inboxbroker.runtime import pool as pool_module
from inboxbroker.runtime import runner as runner_module
from inboxbroker.runtime.pool import auto_processes
from inboxbroker.runtime.runner import Runner, RunOptions
from inboxbroker.settings.config import parse_config
from inboxbroker.store.ledger import Store

pytestmark = pytest.mark.slow


def config(tmp_path: Path, name: str, processes: int) -> dict[str, Any]:
    return {
        "store": {"url": f"sqlite:///{tmp_path / name}.sqlite3"},
        "runtime": {"state_dir": str(tmp_path / name), "processes": processes},
    }


def rows(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        messages = conn.execute(
            "SELECT source_key, state, label, error, trace, attempts FROM message ORDER BY source_key"
        ).fetchall()
        requests = conn.execute(
            "SELECT m.source_key, r.label, r.state, r.topic, r.duration_minutes, r.proposed_times, r.extraction"
            " FROM request r JOIN message m ON m.id = r.message_id ORDER BY m.source_key"
        ).fetchall()
    return [*messages, *requests]


def test_workers_store_exactly_what_one_process_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also while the intake goes on beside the workers: small chunks, and processing begins as soon as the
    workers are asked to start, so most of the backlog is read between groups handed out."""
    monkeypatch.setattr(pool_module, "MIN_BATCH", 100)
    monkeypatch.setattr(runner_module, "LOCAL_CHUNK", 20)
    pools: list[int] = []

    class CountedPool(pool_module.PurePool):
        def start(self) -> None:
            pools.append(self.processes)
            super().start()

        def started(self) -> bool:
            return True  # processing need not wait: the intake is then interleaved with it

    monkeypatch.setattr(pool_module, "PurePool", CountedPool)
    folder = tmp_path / "backlog"
    write_backlog(folder, 240)
    notes: dict[str, list[str]] = {}
    early: dict[str, list[bool]] = {}
    for name, processes in (("alone", 1), ("pooled", 2)):
        settings = parse_config(config(tmp_path, name, processes), tmp_path)
        with Store.open(settings.store.url) as store:
            runner = Runner(settings, store)
            seen: list[str] = []
            runner.progress.note = seen.append  # type: ignore[method-assign]
            processing = runner._process_pending

            def spy(
                *args: Any, runner: Runner = runner, name: str = name, go: Any = processing, **kw: Any
            ) -> None:
                early.setdefault(name, []).append(runner._starting is not None)
                go(*args, **kw)

            runner._process_pending = spy  # type: ignore[method-assign]
            summary = runner.run(RunOptions(source=f"eml:{folder}"))
            notes[name] = seen
        assert summary.processed == 240 and summary.quarantined == 0
    # The workers were started while the intake went on, not after it, and only once.
    assert early == {"alone": [False], "pooled": [True]}
    assert pools == [2]
    assert any("2 worker processes" in n for n in notes["pooled"])
    assert not any("worker processes" in n for n in notes["alone"])
    alone, pooled = rows(tmp_path / "alone.sqlite3"), rows(tmp_path / "pooled.sqlite3")
    assert len(alone) > 240 and pooled == alone


def test_auto_uses_the_cores_up_to_four() -> None:
    assert auto_processes(3) == 3 and auto_processes(1) == 1
    assert auto_processes(0) == max(1, min(os.cpu_count() or 1, 4))


# -- processes killed ----------------------------------------------------------------------------------


def start_run(tmp_path: Path, count: int) -> tuple[subprocess.Popen[bytes], Path, Path]:
    folder = tmp_path / "backlog"
    if not folder.exists():
        write_backlog(folder, count)
    cfg = tmp_path / "inboxbroker.toml"
    cfg.write_text(
        textwrap.dedent(
            f"""\
            [store]
            url = "sqlite:///{tmp_path / "ledger.sqlite3"}"
            [runtime]
            state_dir = "{tmp_path}"
            processes = 2
            """
        )
    )
    env = {k: v for k, v in os.environ.items() if k != "INBOXBROKER_CONFIG"}
    command = [sys.executable, "-m", "inboxbroker", "--config", str(cfg)]
    command += ["run", "--source", f"eml:{folder}", "--json"]
    log = tmp_path / "run.log"
    with log.open("ab") as err:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err, env=env)
    return process, tmp_path / "ledger.sqlite3", log


def workers_of(pid: int) -> list[int]:
    """The run's worker processes (not multiprocessing's resource tracker, also its child)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return [c for c in found if b"spawn_main" in _cmdline(c)]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def wait_for_workers(process: subprocess.Popen[bytes], db: Path, *, processed: int) -> list[int]:
    """The run's worker processes, once it has stored ``processed`` outcomes with them at work."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert process.poll() is None, "the run ended before its workers could be seen"
        workers = workers_of(process.pid)
        if len(workers) >= 2 and db.exists():
            try:
                with sqlite3.connect(db, timeout=5) as conn:
                    done = conn.execute("SELECT count(*) FROM message WHERE state != 'new'").fetchone()[0]
            except sqlite3.OperationalError:
                done = 0
            if done >= processed:
                return workers
        time.sleep(0.05)
    raise AssertionError("the run never had two workers and stored outcomes")


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def every_message_once(db: Path, count: int) -> None:
    with sqlite3.connect(db) as conn:
        states = dict(conn.execute("SELECT state, count(*) FROM message GROUP BY state").fetchall())
        assert states == {"processed": count}, states
        twice = conn.execute(
            "SELECT count(*) FROM (SELECT message_id FROM request GROUP BY message_id HAVING count(*) > 1)"
        ).fetchone()[0]
        assert twice == 0
        assert conn.execute("SELECT max(attempts) FROM message").fetchone()[0] <= 2


def test_a_worker_killed_mid_batch_costs_nothing(tmp_path: Path) -> None:
    """Invariant: a worker SIGKILLed with messages in hand (the OOM killer) loses none and doubles none; the
    run does that group in its own process and finishes the batch there."""
    process, db, log = start_run(tmp_path, 900)
    workers = wait_for_workers(process, db, processed=100)
    os.kill(workers[0], signal.SIGKILL)
    out, _ = process.communicate(timeout=300)
    assert process.returncode == 0, log.read_text()[-3000:]
    summary = json.loads(out.decode().strip().splitlines()[-1])
    assert summary["processed"] == 900 and summary["quarantined"] == 0
    assert "a worker process died" in log.read_text()
    every_message_once(db, 900)


def test_a_worker_killed_halfway_through_sending_its_outcomes_breaks_the_pool(tmp_path: Path) -> None:
    """Invariant: the run never waits for ever on a dead worker. Killed while it writes a group's outcomes
    back, a worker leaves half a message in the result pipe, and the executor's reader waits for the rest
    (the run holds that pipe's writing end too): here that state is made on purpose — half a message written
    into the pipe, then a worker SIGKILLed — and the run must get ``PoolBroken`` and close the pool."""
    from inboxbroker.pipeline import PipelineOptions

    pool = pool_module.PurePool(PipelineOptions(), None, 2)
    pool.start()
    pool.wait_ready()
    writer = pool._executor._result_queue._writer  # type: ignore[attr-defined]
    # A length prefix promising a megabyte, and ten bytes of it: what a worker killed mid-send leaves.
    os.write(writer.fileno(), (1 << 20).to_bytes(4, "big", signed=True) + b"x" * 10)
    time.sleep(0.5)  # the executor's reader is now waiting for the rest
    victim = next(iter(pool._executor._processes))  # type: ignore[attr-defined]
    os.kill(victim, signal.SIGKILL)
    outcome: list[BaseException | None] = []

    def wait() -> None:
        try:
            pool.submit([b"Subject: hi\n\nhello\n"])()
            outcome.append(None)
        except BaseException as exc:  # handed to the test's thread below
            outcome.append(exc)
        pool.close()

    waiter = threading.Thread(target=wait, daemon=True)
    waiter.start()
    waiter.join(timeout=60)
    assert not waiter.is_alive(), "the run waited for ever on a dead worker's half-sent outcomes"
    assert len(outcome) == 1 and isinstance(outcome[0], pool_module.PoolBroken), outcome


def test_workers_leave_with_a_killed_run_and_the_rerun_finishes(tmp_path: Path) -> None:
    """Invariant: a run SIGKILLed mid-batch leaves no worker behind (they would hold memory and the model for
    ever), and the next run processes every message once."""
    process, db, log = start_run(tmp_path, 900)
    workers = wait_for_workers(process, db, processed=100)
    process.kill()
    process.wait()
    deadline = time.monotonic() + 5
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(alive(w) for w in workers), "a worker outlived the run"
    again, _, _ = start_run(tmp_path, 900)
    again.communicate(timeout=300)
    assert again.returncode == 0, log.read_text()[-3000:]
    every_message_once(db, 900)


@pytest.mark.imap
def test_a_stop_signalled_to_the_whole_unit_costs_no_attempt(tmp_path: Path, imap_server: Any) -> None:
    """Invariant: SIGTERM to ``watch`` and its workers at once (how systemd stops a unit) stops it cleanly:
    what was stored is kept and flagged, the group the workers had in hand waits for the next run with no
    attempt counted against it, and that run processes every message once."""
    from test_faults import Cli, assert_every_message_once, backlog, count, query, write_config

    total = 900
    imap_server.append_many("INBOX", backlog(total))
    cli = Cli(write_config(tmp_path, imap_server), imap_server)
    db = tmp_path / "ledger.sqlite3"
    proc = subprocess.Popen(
        cli.command("watch"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli.env,
        start_new_session=True,  # its own process group, signalled whole like a systemd unit
    )
    try:
        deadline = time.monotonic() + 120
        while not (workers_of(proc.pid) and count(db, "state != 'new'") >= 100):
            assert time.monotonic() < deadline and proc.poll() is None, "watch never had workers at work"
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    assert proc.returncode == 0, err[-3000:]
    assert "Traceback" not in err
    assert count(db, "state = 'new'") > 0, "the stop came too late to test anything"
    assert query(db, "SELECT max(attempts) FROM message")[0][0] <= 1
    finished = cli.run("run", "--json")
    assert finished.returncode == 0, finished.stderr[-3000:]
    assert_every_message_once(db, imap_server, total)
    assert query(db, "SELECT max(attempts) FROM message")[0][0] == 1  # the stop cost no message an attempt
