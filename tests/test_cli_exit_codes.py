"""What the command line says and returns when something outside the mail fails (DESIGN §5 exit codes).

Monitoring tells cases apart by exit code alone: 1 is bad mail (quarantined), 2 a config to fix, 69 a
server that could not be reached. ``check`` reports instead of failing, and keeps to 0 (all well) or 1.
"""

from __future__ import annotations

import json
import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest

SECRET = "fake-Secret-4242"


def cli(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != "INBOXBROKER_CONFIG"}
    return subprocess.run(
        [sys.executable, "-m", "inboxbroker", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**base, **(env or {})},
        timeout=60,
    )


def closed_port() -> int:
    """A port of 127.0.0.1 nothing listens on: connecting is refused at once."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def write_config(tmp_path: Path, *, imap_port: int, store_url: str, secret: str = "") -> Path:
    secret = secret or 'password_env = "EXIT_IMAP_PASSWORD"'
    config = tmp_path / "inboxbroker.toml"
    config.write_text(
        f'[imap]\nhost = "127.0.0.1"\nport = {imap_port}\nsecurity = "none"\ninsecure = true\n'
        f'username = "u"\n{secret}\ntimeout_seconds = 5\n\n'
        f'[store]\nurl = "{store_url}"\n\n[runtime]\nlock_dir = "{tmp_path / "locks"}"\n'
    )
    return config


def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ledger.sqlite3'}"


def test_run_against_a_closed_imap_port_exits_69_naming_the_server(tmp_path: Path) -> None:
    port = closed_port()
    config = write_config(tmp_path, imap_port=port, store_url=sqlite_url(tmp_path))
    result = cli(tmp_path, "--config", str(config), "run", env={"EXIT_IMAP_PASSWORD": "pw"})
    assert result.returncode == 69, result.stdout + result.stderr
    assert f"Error: IMAP connection to 127.0.0.1:{port} failed while connecting" in result.stderr
    assert "check imap.host and imap.port" in result.stderr


def last_run(cwd: Path, config: Path) -> dict[str, object]:
    result = cli(cwd, "--config", str(config), "stats", "--json")
    assert result.returncode == 0, result.stderr
    last = json.loads(result.stdout)["last_run"]
    assert last is not None, "the run left no record"
    return dict(last)


def test_stats_records_the_exit_code_of_a_run_that_could_not_reach_imap(tmp_path: Path) -> None:
    config = write_config(tmp_path, imap_port=closed_port(), store_url=sqlite_url(tmp_path))
    assert cli(tmp_path, "--config", str(config), "run", env={"EXIT_IMAP_PASSWORD": "pw"}).returncode == 69
    last = last_run(tmp_path, config)
    assert last["exit_code"] == 69
    assert last["finished_at"] is not None


def test_stats_records_the_exit_code_of_a_run_with_no_imap_account(tmp_path: Path) -> None:
    config = tmp_path / "inboxbroker.toml"
    config.write_text(
        f'[store]\nurl = "{sqlite_url(tmp_path)}"\n\n[runtime]\nlock_dir = "{tmp_path / "locks"}"\n'
    )
    result = cli(tmp_path, "--config", str(config), "run")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "no IMAP account is configured" in result.stderr
    assert last_run(tmp_path, config)["exit_code"] == 2


@pytest.mark.parametrize("command", ["run", "stats", "quarantine list"])
def test_an_unreachable_database_server_exits_69(tmp_path: Path, command: str) -> None:
    port = closed_port()
    url = f"postgresql+psycopg://inboxbroker:hunter2@127.0.0.1:{port}/ib"
    config = write_config(tmp_path, imap_port=closed_port(), store_url=url)
    result = cli(tmp_path, "--config", str(config), *command.split(), env={"EXIT_IMAP_PASSWORD": "pw"})
    assert result.returncode == 69, result.stdout + result.stderr
    assert f"Error: cannot reach the database server at 127.0.0.1:{port}" in result.stderr
    assert "hunter2" not in result.stderr


def test_check_reports_unreachable_servers_and_exits_1_not_69(tmp_path: Path) -> None:
    imap_port, db_port = closed_port(), closed_port()
    url = f"postgresql+psycopg://inboxbroker@127.0.0.1:{db_port}/ib"
    config = write_config(tmp_path, imap_port=imap_port, store_url=url)
    result = cli(tmp_path, "--config", str(config), "check", env={"EXIT_IMAP_PASSWORD": "pw"})
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"[FAIL] database: cannot reach the database server at 127.0.0.1:{db_port}" in result.stdout
    assert f"[FAIL] imap u@127.0.0.1: IMAP connection to 127.0.0.1:{imap_port} failed" in result.stdout


def test_a_failing_password_command_never_shows_what_it_printed(tmp_path: Path) -> None:
    # The secret is built at run time: the command line itself is shown by `check` (it is not a secret).
    half = len(SECRET) // 2
    code = (
        f"import sys; s = {SECRET[:half]!r} + {SECRET[half:]!r}; print(s); "
        "print('pass: ' + s, file=sys.stderr); sys.exit(1)"
    )
    command = shlex.join([sys.executable, "-c", code])
    config = write_config(
        tmp_path,
        imap_port=closed_port(),
        store_url=sqlite_url(tmp_path),
        secret=f"password_command = {json.dumps(command)}",
    )
    run = cli(tmp_path, "--config", str(config), "run")
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Error: imap.password_command: password_command failed with exit code 1" in run.stderr
    check = cli(tmp_path, "--config", str(config), "check")
    assert check.returncode == 1
    assert "password_command failed with exit code 1" in check.stdout
    for output in (run.stdout, run.stderr, check.stdout, check.stderr):
        assert SECRET not in output
