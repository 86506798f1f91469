"""A message that keeps stopping the pipeline is quarantined, never retried for ever (issue 9, defect 1c/1d).

The kill is real: a child process runs the runner over an .eml folder and SIGKILLs itself when the pipeline
reaches the poisonous message, as the kernel's OOM killer or a crash in a C extension would.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest

from inboxbroker.errors import StoreError
from inboxbroker.runtime.runner import Runner, RunOptions
from inboxbroker.settings.config import parse_config
from inboxbroker.store.ledger import Store
from support.mailgen import request_message

POISON = b"X-Test-Poison: kill\r\n"

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from inboxbroker.runtime.runner import Runner, RunOptions
    from inboxbroker.settings.config import parse_config
    from inboxbroker.store.ledger import Store

    folder, url, state = sys.argv[1:4]
    settings = parse_config({"store": {"url": url}, "runtime": {"state_dir": state}}, base_dir=Path(state))
    with Store.open(url) as store:
        runner = Runner(settings, store)
        real = runner.pipeline.process

        def process(raw, **kw):
            if b"X-Test-Poison: kill" in raw:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(raw, **kw)

        runner.pipeline.process = process
        summary = runner.run(RunOptions(source=f"eml:{folder}"))
        print(summary.processed, summary.quarantined)
    """
)


def mailbox_with_poison(folder: Path, count: int, poison_at: int) -> None:
    folder.mkdir()
    for n in range(count):
        raw = request_message(n)
        if n == poison_at:
            raw = POISON + raw
        (folder / f"{n:03d}.eml").write_bytes(raw)


def states(db: Path) -> dict[str, tuple[str, int, str | None]]:
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT source_key, state, attempts, error FROM message").fetchall()
    return {Path(key).name: (state, attempts, error) for key, state, attempts, error in rows}


def test_a_message_that_kills_the_run_three_times_is_quarantined_and_the_rest_go_on(tmp_path: Path) -> None:
    """Invariant: a kill loses at most the group in hand (redone next run), the message that keeps killing
    the run is quarantined after ``max_attempts``, and no other message is ever quarantined for it."""
    folder = tmp_path / "inbox"
    mailbox_with_poison(folder, count=6, poison_at=2)
    db = tmp_path / "ledger.sqlite3"
    args = [sys.executable, "-c", CHILD, str(folder), f"sqlite:///{db}", str(tmp_path)]

    killed = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    # The six were one group: its attempt was counted for all before the pipeline saw them, nothing stored.
    assert states(tmp_path / "ledger.sqlite3") == {f"{n:03d}.eml": ("new", 1, None) for n in range(6)}

    for attempt in (2, 3):
        # Suspects now go one at a time, in order: 000 and 001 are stored, 002 kills the run again.
        killed = subprocess.run(args, capture_output=True, text=True, timeout=120)
        assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
        now = states(db)
        assert now["002.eml"][:2] == ("new", attempt)  # counted before it was processed, kept by the kill
        assert [now[f"{n:03d}.eml"][0] for n in (0, 1)] == ["processed", "processed"]
        assert all(now[f"{n:03d}.eml"] == ("new", 1, None) for n in (3, 4, 5))  # not begun again

    finished = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert finished.stdout.split() == ["3", "1"]
    final = states(db)
    state, _, error = final["002.eml"]
    assert state == "quarantined"
    assert error is not None and "stopped the pipeline 3 times" in error
    assert all(final[f"{n:03d}.eml"][0] == "processed" for n in (0, 1, 3, 4, 5))


def test_quarantine_retry_starts_the_count_again(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    settings = parse_config(
        {"store": {"url": f"sqlite:///{db}"}, "runtime": {"state_dir": str(tmp_path)}}, base_dir=tmp_path
    )
    with Store.open(f"sqlite:///{db}") as store:
        store.ingest_many_local("eml:x", [("a.eml", request_message(1))])
        message_id = next(iter(store.pending())).id
        for _ in range(3):
            store.begin_attempt(message_id)
        summary = Runner(settings, store).retry(None)  # nothing quarantined yet: the pending row is run
        assert summary.quarantined == 1
        assert "stopped the pipeline 3 times" in (store.quarantined()[0].error or "")
        store.requeue([message_id])
        assert next(iter(store.pending())).attempts == 0
        assert Runner(settings, store).retry(None).processed == 1


def test_an_outcome_the_store_refuses_quarantines_that_message_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value the database refuses (here a lone surrogate, from a bug upstream) costs that message, not the run."""
    from inboxbroker.runtime import runner as runner_module

    folder = tmp_path / "inbox"
    mailbox_with_poison(folder, count=4, poison_at=1)
    real = runner_module.outcome_record

    def record(outcome):  # type: ignore[no-untyped-def]
        made = real(outcome)
        if (
            made is not None
            and outcome.message is not None
            and "X-Test-Poison" in dict(outcome.message.headers)
        ):
            made = replace(made, model_version="bad \ud83d text")
        return made

    monkeypatch.setattr(runner_module, "outcome_record", record)
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    settings = parse_config(
        {"store": {"url": url}, "runtime": {"state_dir": str(tmp_path)}}, base_dir=tmp_path
    )
    with Store.open(url) as store:
        summary = Runner(settings, store).run(RunOptions(source=f"eml:{folder}"))
        assert (summary.processed, summary.quarantined) == (3, 1)
        (item,) = store.quarantined()
        assert item.error is not None and item.error.startswith("store: its outcome could not be stored")
        assert summary.exit_code == 1


def test_a_store_that_cannot_be_written_stops_the_run_and_keeps_the_mail_new(tmp_path: Path) -> None:
    """Another writer holding SQLite's lock past the busy timeout is the store's fault: nothing is quarantined."""
    folder = tmp_path / "inbox"
    mailbox_with_poison(folder, count=2, poison_at=-1)
    db = tmp_path / "ledger.sqlite3"
    url = f"sqlite:///{db}"
    settings = parse_config(
        {"store": {"url": url}, "runtime": {"state_dir": str(tmp_path)}}, base_dir=tmp_path
    )
    with Store.open(url) as store:
        store.ingest_many_local(f"eml:{folder}", [(p.name, p.read_bytes()) for p in sorted(folder.iterdir())])
        blocker = sqlite3.connect(db, timeout=0)
        try:
            blocker.execute("BEGIN EXCLUSIVE")
            with pytest.raises(StoreError, match="cannot be written"):
                Runner(settings, store).retry(None)
        finally:
            blocker.rollback()
            blocker.close()
        assert not store.quarantined()
        assert all(row.state == "new" for row in store.messages())
