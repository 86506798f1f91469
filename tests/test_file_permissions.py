"""Files that hold people's mail or a secret are not left readable by everyone.

The SQLite ledger (raw mail, résumés) is created 0600, its -wal and -shm files too, whatever the umask;
a config file with a plain-text password that group or others can read is warned about, at load and in
``check``, with the command that fixes it.
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from inboxbroker.settings.config import load_config
from inboxbroker.store.ledger import Store

SECRET = "plain-Pa55word-7"
PLAIN = (
    f'[imap]\nhost = "imap.example.org"\nusername = "u"\npassword = "{SECRET}"\n'
    "allow_plaintext_password = true\n"
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The umask a careless cron or service has: everything created readable by everyone."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.usefixtures("open_umask")
def test_the_sqlite_ledger_and_its_wal_files_are_created_0600(tmp_path: Path) -> None:
    db = tmp_path / "var" / "inboxbroker.sqlite3"
    with Store.open(f"sqlite:///{db}") as store:
        store.ingest_local("eml:/x", "a.eml", b"Subject: a\r\n\r\nbody")
        files = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
        assert all(f.exists() for f in files)
        assert {f.name: oct(mode(f)) for f in files} == {f.name: "0o600" for f in files}


@pytest.mark.usefixtures("open_umask")
def test_an_existing_ledger_keeps_the_mode_its_owner_gave_it(tmp_path: Path) -> None:
    db = tmp_path / "shared.sqlite3"
    with Store.open(f"sqlite:///{db}"):
        pass
    db.chmod(0o640)  # deliberately shared with a group: not ours to undo
    with Store.open(f"sqlite:///{db}"):
        pass
    assert mode(db) == 0o640


def test_a_plaintext_password_in_a_readable_config_is_warned_about(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = tmp_path / "inboxbroker.toml"
    config.write_text(PLAIN)
    config.chmod(0o644)
    with caplog.at_level(logging.WARNING):
        load_config(config)
    warnings = [r.getMessage() for r in caplog.records if "chmod" in r.getMessage()]
    assert warnings == [
        f"{config} holds a password in plain text (imap.password) and can be read by group and others "
        f"(mode 0644); fix: chmod 600 {config}"
    ]
    assert SECRET not in caplog.text

    caplog.clear()
    config.chmod(0o600)
    with caplog.at_level(logging.WARNING):
        load_config(config)
    assert "chmod" not in caplog.text


def test_a_readable_config_without_a_secret_in_it_is_fine(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = tmp_path / "inboxbroker.toml"
    config.write_text('[imap]\nhost = "imap.example.org"\nusername = "u"\npassword_env = "IMAP_PW"\n')
    config.chmod(0o644)
    with caplog.at_level(logging.WARNING):
        load_config(config)
    assert "chmod" not in caplog.text


def test_check_shows_the_warning_with_the_fix(tmp_path: Path) -> None:
    config = tmp_path / "inboxbroker.toml"
    config.write_text(PLAIN + f'[store]\nurl = "sqlite:///{tmp_path / "ledger.sqlite3"}"\n')
    config.chmod(0o604)
    env = {k: v for k, v in os.environ.items() if k != "INBOXBROKER_CONFIG"}
    result = subprocess.run(
        [sys.executable, "-m", "inboxbroker", "--config", str(config), "check"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("[warn] config file"))
    assert lines[at] == (
        f"[warn] config file: {config} holds a password in plain text (imap.password) and can be read "
        "by others (mode 0604)"
    )
    assert lines[at + 1].strip() == f"fix: chmod 600 {config}"
    assert SECRET not in result.stdout + result.stderr


def test_a_database_password_in_the_store_url_counts_too(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = tmp_path / "inboxbroker.toml"
    config.write_text(f'[store]\nurl = "postgresql+psycopg://ib:{SECRET}@db.example.org/ib"\n')
    config.chmod(0o640)
    with caplog.at_level(logging.WARNING):
        load_config(config)
    assert "(store.url) and can be read by group (mode 0640)" in caplog.text
    assert SECRET not in caplog.text
