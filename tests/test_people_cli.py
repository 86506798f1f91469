"""The search, people and purge commands as a coordinator types them, on the sample mailbox (SQLite)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from inboxbroker.bundled import sample_inbox


@pytest.fixture(scope="module")
def mailbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("people")
    config = home / "inboxbroker.toml"
    config.write_text(
        f'[store]\nurl = "sqlite:///{home / "ledger.sqlite3"}"\n[runtime]\nstate_dir = "{home}"\n'
    )
    assert cli(home, "run", "--source", f"maildir:{sample_inbox()}").returncode in (0, 1)
    return home


def cli(home: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "INBOXBROKER_CONFIG"}
    return subprocess.run(
        [sys.executable, "-m", "inboxbroker", "--config", str(home / "inboxbroker.toml"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def hits(home: Path, *args: str) -> list[dict[str, object]]:
    done = cli(home, "search", *args, "--json")
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_search_finds_a_resume_by_its_words_and_says_why(mailbox: Path) -> None:
    found = hits(mailbox, "Raman")
    assert found and found[0]["email"] == "priya.raman@example.net"
    assert {"person", "email", "score", "snippet"} <= set(found[0])


def test_a_malformed_query_gets_a_clear_message_not_a_traceback(mailbox: Path) -> None:
    for query in ('"unclosed', "AND AND", "*", "x" * 10_000):
        done = cli(mailbox, "search", query)
        assert done.returncode == 2, (query[:20], done.stderr)
        assert done.stderr.startswith("Error: ") and "Traceback" not in done.stderr


def test_a_note_is_shown_with_the_person_and_found_by_search(mailbox: Path) -> None:
    noted = cli(
        mailbox,
        "people",
        "--as",
        "sam",
        "note",
        "priya.raman@example.net",
        "superb on Kafka",
        "--rating",
        "5",
    )
    assert noted.returncode == 0, noted.stderr
    shown = cli(mailbox, "people", "show", "priya.raman@example.net", "--json")
    assert shown.returncode == 0 and "superb on Kafka" in shown.stdout
    assert [h["email"] for h in hits(mailbox, "superb")] == ["priya.raman@example.net"]
    # `--as` after the command, as the README's table writes it (and as `drafts approve --as` takes it)
    again = cli(mailbox, "people", "note", "--as", "kim", "priya.raman@example.net", "asked about mentoring")
    assert again.returncode == 0, again.stderr
    record = json.loads(cli(mailbox, "people", "show", "priya.raman@example.net", "--json").stdout)
    assert {(n["by"], n["text"]) for n in record["notes"]} >= {
        ("sam", "superb on Kafka"),
        ("kim", "asked about mentoring"),
    }


def test_forget_removes_the_person_and_purge_dry_run_changes_nothing(mailbox: Path) -> None:
    assert hits(mailbox, "Oyelaran")
    forgotten = cli(mailbox, "people", "forget", "marcus.oyelaran@example.org", "--yes")
    assert forgotten.returncode == 0, forgotten.stderr
    assert "mailbox" in forgotten.stdout.lower()  # the copy on the mail server is the user's to delete
    assert hits(mailbox, "Oyelaran") == []
    assert cli(mailbox, "people", "show", "marcus.oyelaran@example.org").returncode != 0
    before = cli(mailbox, "stats", "--json").stdout
    assert cli(mailbox, "purge", "--dry-run").returncode == 0
    assert json.loads(cli(mailbox, "stats", "--json").stdout)["messages"] == json.loads(before)["messages"]


def test_stats_says_what_the_last_run_s_exit_code_means(mailbox: Path) -> None:
    shown = cli(mailbox, "stats")
    assert shown.returncode == 0, shown.stderr
    # The sample mailbox holds one malformed message: its run ended 1, and the table says why that is.
    text = " ".join(shown.stdout.replace("│", " ").split())  # the table's cells wrap on a narrow terminal
    assert "exit 1: some mail quarantined or drafts not sent" in text
