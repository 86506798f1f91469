"""Accounts of the review web page: argon2id hashes only, and a lockout after five wrong passwords."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from inboxbroker.errors import UserError
from inboxbroker.store.ledger import Store
from inboxbroker.store.users import LOCKOUT, MAX_FAILURES

NOW = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)
SECRET = "correct horse battery"


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


def stored_hashes(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return [row[0] for row in conn.execute(sa.text("SELECT password_hash FROM app_user"))]


def test_a_password_is_stored_only_as_an_argon2id_hash(store: Store) -> None:
    store.users.add("alice", SECRET)
    store.users.add("bob", SECRET)
    first, second = stored_hashes(store)
    assert first.startswith("$argon2id$v=19$") and second.startswith("$argon2id$v=19$")
    assert first != second  # salted: the same password never gives the same hash
    assert SECRET not in first + second
    assert [u.name for u in store.users.users()] == ["alice", "bob"]
    assert store.users.verify("alice", SECRET, now=NOW).ok
    assert not store.users.verify("alice", SECRET + "!", now=NOW).ok


def test_names_and_passwords_are_checked(store: Store) -> None:
    store.users.add("alice", SECRET)
    with pytest.raises(UserError, match="already"):
        store.users.add("alice", SECRET)
    with pytest.raises(UserError, match="too short") as short:
        store.users.add("carol", "abc")
    assert "abc" not in str(short.value)  # an error never repeats the password
    with pytest.raises(UserError):
        store.users.add("bad\nname", SECRET)
    with pytest.raises(UserError, match="no account"):
        store.users.remove("nobody")
    store.users.remove("alice")
    assert store.users.users() == []


def test_five_failures_lock_the_account_for_a_while(store: Store) -> None:
    store.users.add("alice", SECRET)
    for attempt in range(MAX_FAILURES - 1):
        assert not store.users.verify("alice", f"wrong {attempt}", now=NOW).locked
    locked = store.users.verify("alice", "wrong again", now=NOW)
    assert locked.locked and locked.locked_until == NOW + LOCKOUT
    # The sixth attempt, even with the right password, is refused while the lock lasts.
    assert not store.users.verify("alice", SECRET, now=NOW + timedelta(minutes=1)).ok
    later = NOW + LOCKOUT + timedelta(seconds=1)
    assert store.users.verify("alice", SECRET, now=later).ok
    (row,) = store.users.users()
    assert row.failed_logins == 0 and row.last_login_at == later


def test_a_success_resets_the_count_and_passwd_lifts_a_lock(store: Store) -> None:
    store.users.add("alice", SECRET)
    for _ in range(MAX_FAILURES - 1):
        store.users.verify("alice", "wrong", now=NOW)
    assert store.users.verify("alice", SECRET, now=NOW).ok
    for _ in range(MAX_FAILURES - 1):  # counting starts again: four more do not lock
        assert not store.users.verify("alice", "wrong", now=NOW).locked
    store.users.verify("alice", "wrong", now=NOW)
    store.users.set_password("alice", "a brand new secret")
    assert store.users.verify("alice", "a brand new secret", now=NOW).ok
    assert not store.users.verify("alice", SECRET, now=NOW).ok
    assert not store.users.verify("nobody", SECRET, now=NOW).ok


def test_the_users_commands(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    config = tmp_path / "inboxbroker.toml"
    config.write_text(f'[store]\nurl = "{url}"\n[runtime]\nstate_dir = "{tmp_path}"\n')

    def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "inboxbroker", "--config", str(config), "users", *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )

    added = cli("add", "alice", "--password-stdin", stdin=SECRET + "\n")
    assert added.returncode == 0, added.stderr
    assert SECRET not in added.stdout + added.stderr
    listed = cli("list", "--json")
    (row,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert row["name"] == "alice" and row["locked_until"] is None and "password" not in json.dumps(row)
    assert cli("passwd", "alice", "--password-stdin", stdin="another secret\n").returncode == 0
    assert cli("add", "bob", "--password-stdin", stdin="short\n").returncode == 2
    assert cli("remove", "alice").returncode == 0
    assert cli("list", "--json").stdout == ""
    with Store.open(url) as store:
        assert not store.users.verify("alice", "another secret").ok
        with store.engine.connect() as conn:
            audited = conn.exec_driver_sql(
                "SELECT action, detail FROM audit WHERE object_type = 'account'"
            ).all()
    assert [a for a, _ in audited] == ["account added", "password set", "account removed"]
    assert all("alice" in str(d) and "argon2" not in str(d) for _, d in audited)
