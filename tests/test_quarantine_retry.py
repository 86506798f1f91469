"""``quarantine retry`` with ids: an id that is not in the quarantine is an error, the others still run."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from support.mailgen import request_message


def cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
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
        timeout=300,
        env=env,
    )


def ids_by_state(tmp_path: Path) -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    with sqlite3.connect(tmp_path / "ledger.sqlite3") as conn:
        for message_id, state in conn.execute("SELECT id, state FROM message ORDER BY id"):
            found.setdefault(state, []).append(message_id)
    return found


def last_run(tmp_path: Path) -> dict:  # type: ignore[type-arg]
    stats = cli(tmp_path, "stats", "--json")
    assert stats.returncode == 0, stats.stderr
    return json.loads(stats.stdout)["last_run"]  # type: ignore[no-any-return]


def test_unknown_ids_are_named_and_exit_2_while_the_quarantined_ones_are_retried(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.eml").write_bytes(request_message(1))
    (inbox / "b.eml").write_bytes(b"\x00\x01 this is not mail at all \xff")
    assert cli(tmp_path, "run", "--source", f"eml:{inbox}").returncode == 1
    states = ids_by_state(tmp_path)
    [quarantined], [processed] = states["quarantined"], states["processed"]

    result = cli(tmp_path, "quarantine", "retry", "99999", str(quarantined), str(processed))
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"Error: not in the quarantine: 99999, {processed}" in result.stderr
    assert "quarantine list" in result.stderr
    # The id that was in the quarantine went through the pipeline again (and, still not mail, stayed there).
    assert "quarantine retry: " in result.stdout and "quarantined 1" in result.stdout
    run = last_run(tmp_path)
    assert run["source"] == "quarantine retry"
    assert run["counts"]["quarantined"] == 1
    assert ids_by_state(tmp_path) == states


def test_only_unknown_ids_retry_nothing(tmp_path: Path) -> None:
    result = cli(tmp_path, "quarantine", "retry", "99999")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Error: not in the quarantine: 99999; `inboxbroker quarantine list` shows the ids there"
    )
    assert result.stdout == ""
    assert last_run(tmp_path) is None
