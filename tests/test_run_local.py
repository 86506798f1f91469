"""``run --source`` over local folders: the whole real-world corpus goes in, and nothing escapes or is lost."""

from __future__ import annotations

import json
import mailbox
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from support.corpus import corpus_dir
from support.mailgen import request_message

ROOT = Path(__file__).resolve().parents[1]


def cli(tmp_path: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "inboxbroker.toml"
    if not config.exists():
        config.write_text(
            f'[store]\nurl = "sqlite:///{tmp_path / "ledger.sqlite3"}"\n[runtime]\nstate_dir = "{tmp_path}"\n'
        )
    env = {k: v for k, v in os.environ.items() if k != "INBOXBROKER_CONFIG"}
    return subprocess.run(
        [sys.executable, "-m", "inboxbroker", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def ledger_states(tmp_path: Path) -> dict[str, int]:
    with sqlite3.connect(tmp_path / "ledger.sqlite3") as conn:
        return dict(conn.execute("SELECT state, count(*) FROM message GROUP BY state").fetchall())


def last_json(result: subprocess.CompletedProcess[str]) -> dict:  # type: ignore[type-arg]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["robustness", "spamassassin"])
def test_every_corpus_file_is_stored_and_processed_or_quarantined(tmp_path: Path, folder: str) -> None:
    source = corpus_dir(folder)
    files = [p for p in source.rglob("*") if p.is_file() and not p.name.startswith(".")]
    distinct = len({p.read_bytes() for p in files})
    result = cli(tmp_path, "run", "--source", f"eml:{source}", "--json")
    assert result.returncode in (0, 1), result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    summary = last_json(result)
    assert summary["fetched"] == len(files)
    states = ledger_states(tmp_path)
    assert sum(states.values()) == distinct  # identical files are one message (content hash)
    assert set(states) <= {"processed", "quarantined"}
    assert summary["processed"] + summary["quarantined"] == distinct
    # Running again finds everything already known.
    again = last_json(cli(tmp_path, "run", "--source", f"eml:{source}", "--json"))
    assert again["stored"] == 0 and again["processed"] == 0


def test_maildir_and_mbox_sources_and_quarantine_retry(tmp_path: Path) -> None:
    maildir = mailbox.Maildir(tmp_path / "Maildir", create=True)
    for n in range(5):
        maildir.add(request_message(n))
    maildir.add(b"\x00\x01 this is not mail at all \xff")
    result = cli(tmp_path, "run", "--source", f"maildir:{tmp_path / 'Maildir'}", "--json")
    assert result.returncode == 1, "a quarantined message makes the exit code 1"
    assert last_json(result)["quarantined"] == 1
    assert ledger_states(tmp_path) == {"processed": 5, "quarantined": 1}

    listing = cli(tmp_path, "quarantine", "list", "--json")
    rows = [json.loads(line) for line in listing.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["error"].startswith("parse: not an email")

    retry = cli(tmp_path, "quarantine", "retry", str(rows[0]["id"]))
    assert retry.returncode == 1  # still not mail: quarantined again, never lost
    assert ledger_states(tmp_path) == {"processed": 5, "quarantined": 1}

    box = mailbox.mbox(tmp_path / "backlog.mbox")
    for n in range(10, 13):
        box.add(request_message(n))
    box.flush()
    result = cli(tmp_path, "run", "--source", f"mbox:{tmp_path / 'backlog.mbox'}", "--json")
    assert result.returncode == 0, result.stderr
    assert last_json(result)["stored"] == 3


def test_a_dry_run_names_the_reasons_itself_as_it_stores_none(tmp_path: Path) -> None:
    maildir = mailbox.Maildir(tmp_path / "Maildir", create=True)
    maildir.add(request_message(1))
    maildir.add(b"\x00\x01 this is not mail at all \xff")
    result = cli(tmp_path, "run", "--dry-run", "--source", f"maildir:{tmp_path / 'Maildir'}")
    assert result.returncode == 1, result.stderr  # as the real run would: some mail would be quarantined
    assert "quarantine list` for the reasons" not in result.stdout  # it would list nothing
    assert "a dry run stores nothing" in result.stdout
    assert "parse: not an email" in result.stdout
    assert cli(tmp_path, "quarantine", "list", "--json").stdout == ""


def test_bad_source_is_a_usage_error(tmp_path: Path) -> None:
    result = cli(tmp_path, "run", "--source", "pop3:somewhere")
    assert result.returncode == 2
    assert "maildir:" in result.stderr


def test_no_imap_account_is_a_usage_error(tmp_path: Path) -> None:
    result = cli(tmp_path, "run")
    assert result.returncode == 2
    assert "no IMAP account is configured" in result.stderr


def test_bad_config_exits_2_naming_the_key(tmp_path: Path) -> None:
    (tmp_path / "inboxbroker.toml").write_text('[imap]\nhost = "x"\nport = "abc"\n')
    result = cli(tmp_path, "stats")
    assert result.returncode == 2
    assert "imap.port" in result.stderr


def test_demo_runs_the_sample_mailbox(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "inboxbroker", "demo", "--keep", str(tmp_path / "demo")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "interview_request" in result.stdout
    with sqlite3.connect(tmp_path / "demo" / "demo.sqlite3") as conn:
        states = dict(conn.execute("SELECT state, count(*) FROM message GROUP BY state").fetchall())
    assert states.get("quarantined") == 1  # the one malformed sample message
    assert states["processed"] >= 35
    # The kept folder is a working set-up: other commands read it through its config.
    stats = cli(tmp_path / "demo", "quarantine", "list", "--json")
    assert stats.returncode == 0 and len(stats.stdout.splitlines()) == 1


def test_every_command_is_documented_in_the_readme() -> None:
    from click import Group

    from inboxbroker.cli.commands import main

    readme = (ROOT / "README.md").read_text()
    assert isinstance(main, Group)
    for name, command in main.commands.items():
        assert f"inboxbroker {name}" in readme, f"`inboxbroker {name}` is not in the README"
        if isinstance(command, Group):
            for sub in command.commands:
                assert f"inboxbroker {name} {sub}" in readme, (
                    f"`inboxbroker {name} {sub}` is not in the README"
                )
