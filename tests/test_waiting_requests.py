"""``requests``: what a run leaves to a person is listed with why, and a coordinator can settle or retry it.

On the sample mailbox with one interviewer who has no 30 minutes free: triage leaves its unsure messages in
``needs_triage`` and drafting leaves the requests it has no time for in ``needs_attention``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from inboxbroker.bundled import sample_inbox


def _config(home: Path, hours: str) -> None:
    (home / "inboxbroker.toml").write_text(
        f'[store]\nurl = "sqlite:///{home / "ledger.sqlite3"}"\n[runtime]\nstate_dir = "{home}"\n'
        '[drafting]\nenabled = true\nfrom = "Interview Programme <interviews@example.org>"\n'
        'careers_address = "careers@example.org"\n'
        '[[interviewers]]\nname = "Rachel Kim"\nemail = "rachel.kim@example.org"\n'
        f'timezone = "America/Los_Angeles"\nworking_hours = "{hours}"\n'
        'topics = ["data science", "data engineering", "analytics", "product management", "software engineering"]\n'
        "capacity_per_month = 100\n"
    )


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "INBOXBROKER_CONFIG"}
    return subprocess.run(
        [sys.executable, "-m", "inboxbroker", "--config", str(home / "inboxbroker.toml"), *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def waiting(home: Path, *args: str) -> list[dict[str, object]]:
    done = cli(home, "requests", "list", "--json", *args)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    _config(tmp_path, hours="Mon 09:00-09:15")
    run = cli(tmp_path, "run", "--source", f"maildir:{sample_inbox()}")
    assert run.returncode in (0, 1), run.stderr
    assert "`inboxbroker requests list`" in run.stdout  # the run says where to look
    return tmp_path


def test_what_waits_for_a_person_is_listed_with_why(home: Path) -> None:
    rows = waiting(home)
    states = {r["state"] for r in rows}
    assert states == {"needs_triage", "needs_attention"}, rows
    attention = [r for r in rows if r["state"] == "needs_attention"]
    assert all(r["reason"] for r in attention)  # drafting always says why
    assert all(isinstance(r["requester"], dict) and r["subject"] for r in rows)
    received = [str(r["received_at"]) for r in rows]
    assert received == sorted(received)  # the longest wait first
    assert {r["id"] for r in waiting(home, "--state", "needs_triage")} == {
        r["id"] for r in rows if r["state"] == "needs_triage"
    }
    text = cli(home, "requests", "list").stdout
    assert f"#{attention[0]['id']}" in text and "why: " in text


def test_a_coordinator_settles_triage_and_retries_attention(home: Path) -> None:
    rows = waiting(home)
    unsure = next(r for r in rows if r["state"] == "needs_triage")
    done = cli(
        home, "requests", "--as", "alice", "reclassify", str(unsure["id"]), "other", "--note", "a newsletter"
    )
    assert done.returncode == 0, done.stderr
    assert unsure["id"] not in {r["id"] for r in waiting(home)}  # closed: not a request

    attention = [r["id"] for r in waiting(home, "--state", "needs_attention")]
    refused = cli(home, "requests", "retry", "999999")
    assert refused.returncode == 2 and "999999" in refused.stderr
    assert [r["id"] for r in waiting(home, "--state", "needs_attention")] == attention  # all or none

    _config(home, hours="Mon-Fri 09:00-17:00")  # room made: back to drafting
    retried = cli(home, "requests", "retry", "--as", "alice", "--all")
    assert retried.returncode == 0 and f"drafts {len(attention)} request" in retried.stdout, retried.stderr
    assert waiting(home, "--state", "needs_attention") == []
    run = cli(home, "run", "--source", f"maildir:{sample_inbox()}")
    assert run.returncode in (0, 1), run.stderr
    drafts = cli(home, "drafts", "list", "--json")
    answered = {json.loads(line)["request_id"] for line in drafts.stdout.splitlines()}
    assert set(attention) <= answered | {r["id"] for r in waiting(home, "--state", "needs_attention")}
    assert set(attention) & answered  # room was made: at least some are drafted now
