"""``init`` and ``check``: a new user's first two commands, against a real Dovecot and a real SMTP server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from support.dovecot import Mailbox


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


def test_init_writes_a_starter_config_and_creates_the_database(tmp_path: Path) -> None:
    first = cli(tmp_path, "init")
    assert first.returncode == 0, first.stderr
    config = tmp_path / "inboxbroker.toml"
    assert config.exists()
    assert "Database ready (sqlite)" in first.stdout
    assert (tmp_path / "var" / "inboxbroker.sqlite3").exists()
    # The starter config is valid as written: `stats` reads it and the fresh database.
    stats = cli(tmp_path, "stats", "--json")
    assert stats.returncode == 0, stats.stderr
    again = cli(tmp_path, "init")
    assert again.returncode == 2
    assert "--force" in again.stderr


def test_init_elsewhere_names_the_config_in_the_next_commands(tmp_path: Path) -> None:
    result = cli(tmp_path, "init", "--path", "conf/ib.toml")
    assert result.returncode == 0, result.stderr
    assert (
        "Next: `inboxbroker --config conf/ib.toml check` to test the connections, "
        "then `inboxbroker --config conf/ib.toml run`." in result.stdout
    )
    assert cli(tmp_path, "--config", "conf/ib.toml", "stats").returncode == 0
    # At the default place, found without --config, the hint stays short.
    plain = cli(tmp_path, "init")
    assert "Next: `inboxbroker check` to test the connections, then `inboxbroker run`." in plain.stdout


class Recorder:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.messages.append(envelope.content)  # type: ignore[attr-defined]
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[int]:
    port = free_port()
    controller = Controller(Recorder(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def write_check_config(tmp_path: Path, server: Mailbox, smtp_port: int) -> Path:
    config = tmp_path / "inboxbroker.toml"
    config.write_text(
        f"""
[imap]
host = "{server.host}"
port = {server.port}
security = "none"
insecure = true
username = "{server.user}"
password_env = "CHECK_IMAP_PASSWORD"
folders = ["INBOX", "Missing"]

[smtp]
host = "127.0.0.1"
port = {smtp_port}
security = "none"
insecure = true
from = "Interview Programme <interviews@example.org>"

[store]
url = "sqlite:///{tmp_path / "ledger.sqlite3"}"
"""
    )
    return config


def test_check_reports_each_connection_and_masks_secrets(
    tmp_path: Path, imap_server: Mailbox, smtp_server: int
) -> None:
    with imap_server.client() as client:
        client.create_folder("Missing")
    config = write_check_config(tmp_path, imap_server, smtp_server)
    good = cli(tmp_path, "--config", str(config), "check", env={"CHECK_IMAP_PASSWORD": imap_server.password})
    assert good.returncode == 0, good.stdout + good.stderr
    assert "[ok  ] database" in good.stdout
    assert f"[ok  ] imap {imap_server.user}@127.0.0.1: logged in; INBOX (0 messages), Missing" in good.stdout
    assert "[ok  ] smtp" in good.stdout
    assert imap_server.password not in good.stdout + good.stderr

    bad = cli(tmp_path, "--config", str(config), "check", env={"CHECK_IMAP_PASSWORD": "wrong-password"})
    assert bad.returncode == 1
    assert "[FAIL] imap" in bad.stdout
    assert "fix: check imap.host/port/security and the password source" in bad.stdout
    assert "wrong-password" not in bad.stdout + bad.stderr


def test_check_names_a_missing_secret(tmp_path: Path, imap_server: Mailbox, smtp_server: int) -> None:
    config = write_check_config(tmp_path, imap_server, smtp_server)
    result = cli(tmp_path, "--config", str(config), "check")
    assert result.returncode == 1
    assert "CHECK_IMAP_PASSWORD" in result.stdout


def test_check_reports_a_local_busy_calendar_as_present_or_missing(tmp_path: Path) -> None:
    (tmp_path / "rachel.ics").write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    interviewer = (
        '[[interviewers]]\nname = "{name}"\nemail = "{email}"\ntimezone = "Europe/Berlin"\n'
        'working_hours = "Mon-Fri 09:00-17:00"\nbusy_ics = "{ics}"\n'
    )
    config = tmp_path / "inboxbroker.toml"
    config.write_text(
        f'[store]\nurl = "sqlite:///{tmp_path / "ledger.sqlite3"}"\n'
        '[drafting]\nfrom = "Interview Programme <interviews@example.org>"\n'
        + interviewer.format(name="Rachel Kim", email="rachel@example.org", ics="rachel.ics")
        + interviewer.format(name="Sam Lee", email="sam@example.org", ics="missing.ics")
    )
    result = cli(tmp_path, "--config", str(config), "check")
    assert "[ok  ] calendar Rachel Kim: 0 busy periods in the next 14 days" in result.stdout
    assert (
        f"[FAIL] calendar Sam Lee: cannot read the busy calendar {tmp_path / 'missing.ics'}: "
        "No such file or directory" in result.stdout
    )
    assert "[ok  ] templates: 7 templates in" in result.stdout


def test_check_names_a_broken_template(tmp_path: Path) -> None:
    from inboxbroker import bundled

    mine = tmp_path / "templates"
    mine.mkdir()
    for template in bundled.templates_dir().iterdir():
        (mine / template.name).write_text(template.read_text())
    (mine / "propose_slots.txt.j2").write_text(
        "{% block subject %}Hi{% endblock %}{% block body %}{{ oops(}}{% endblock %}"
    )
    config = tmp_path / "inboxbroker.toml"
    config.write_text(
        f'[store]\nurl = "sqlite:///{tmp_path / "ledger.sqlite3"}"\n'
        f'[drafting]\nfrom = "Interview Programme <interviews@example.org>"\ntemplates_dir = "{mine}"\n'
        '[[interviewers]]\nname = "Rachel Kim"\nemail = "rachel@example.org"\ntimezone = "Europe/Berlin"\n'
    )
    result = cli(tmp_path, "--config", str(config), "check")
    assert "[FAIL] templates:" in result.stdout and "propose_slots.txt.j2, line 1" in result.stdout
