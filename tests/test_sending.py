"""Sending approved drafts exactly once: a real aiosmtpd server on 127.0.0.1 that records what it receives,
the real Dovecot for the Sent folder, drafts made by the real drafting stage and approved with plain SQL.

The kill is real: a child process sends and SIGKILLs itself right after the server accepted the message and
the copy reached the Sent folder, before the state update — the rerun must find the copy and send nothing.
"""

from __future__ import annotations

import email
import pickle
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import policy
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from click.testing import CliRunner

from inboxbroker.cli.commands import main
from inboxbroker.runtime.runner import Runner, RunOptions
from inboxbroker.runtime.sender import SendSummary, send_approved, with_date
from inboxbroker.settings.config import Settings
from inboxbroker.store.ledger import Store
from support.dovecot import Mailbox
from support.mailgen import request_message
from test_drafting import NOW, RACHEL, forwarded_by_rachel, run_folder, settings_for, write_mail

SENT_AT = NOW + timedelta(hours=2)
PASSWORD_ENV = "INBOXBROKER_TEST_SENT_IMAP_PASSWORD"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes


@dataclass
class Recorder:
    """An SMTP server's DATA handler that records every message and answers from a script.

    Each DATA takes the next step of ``script`` (the last one repeats): ``"accept"``; an SMTP reply such as
    ``"451 …"`` or ``"550 …"``; ``"drop"``: take the message, then cut the connection before answering; or
    ``"file and drop"``: as ``drop``, but first file a copy in the Sent folder, as Gmail does for mail
    submitted through it. Only accepted, dropped and filed messages count as received.
    """

    script: list[str] = field(default_factory=lambda: ["accept"])
    received: list[Received] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    sent_folder: Mailbox | None = None

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        step = self.script[min(len(self.answers), len(self.script) - 1)]
        self.answers.append(step)
        content = bytes(envelope.original_content or b"")
        record = Received(str(envelope.mail_from), list(envelope.rcpt_tos), content)
        if step == "accept":
            self.received.append(record)
            return "250 2.0.0 Ok: queued as 4F2A1"
        if step in ("drop", "file and drop"):
            self.received.append(record)
            if step == "file and drop":
                assert self.sent_folder is not None
                self.sent_folder.append("Sent", content, flags=["\\Seen"])
            assert server.transport is not None
            server.transport.abort()
            return "250 2.0.0 Ok (never heard)"
        return step


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[int, Recorder]]:
    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, recorder
    finally:
        controller.stop()


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ledger.sqlite3'}"


def sending_settings(
    tmp_path: Path, url: str, smtp_port: int, imap: Mailbox | None, **overrides: Any
) -> Settings:
    extra: dict[str, Any] = {
        "scheduling": {"slots": 1},  # one free slot: a confirmation with its invite
        "smtp": {
            "host": "127.0.0.1",
            "port": smtp_port,
            "security": "none",
            "insecure": True,
            "from": "Interview Programme <interviews@example.org>",
            "timeout_seconds": 10,
        },
        "send": {"retry_wait_seconds": 0, "retry_after_minutes": 5, **overrides.pop("send", {})},
    }
    if imap is not None:
        extra["imap"] = {
            "name": "shared",
            "host": imap.host,
            "port": imap.port,
            "security": "none",
            "insecure": True,
            "username": imap.user,
            "password_env": PASSWORD_ENV,
        }
    return settings_for(tmp_path, url, **extra, **overrides)


@pytest.fixture
def sent_box(imap_server: Mailbox, monkeypatch: pytest.MonkeyPatch) -> Mailbox:
    monkeypatch.setenv(PASSWORD_ENV, imap_server.password)
    with imap_server.client() as client:
        client.create_folder("Sent")  # marked \Sent by the test server's SPECIAL-USE config
    return imap_server


def draft_and_approve(settings: Settings, folder: Path, url: str) -> list[int]:
    """Run the drafting stage, then approve every pending draft the way the review service will: plain SQL."""
    run_folder(settings, folder)
    with Store.open(url) as store:
        ids = [d.id for d in store.drafts.drafts(state="pending")]
    set_states(url, ids, "approved")
    return ids


def set_states(url: str, ids: list[int], state: str) -> None:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        conn.executemany(
            "UPDATE draft SET state = ?, approved_by = 'coordinator', approved_at = '2026-12-07 09:00:00' "
            "WHERE id = ?",
            [(state, i) for i in ids],
        )


def rows(url: str, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        return conn.execute(sql, args).fetchall()


def send(settings: Settings, *, at: datetime = SENT_AT, sleeps: list[float] | None = None) -> SendSummary:
    with Store.open(settings.store.url) as store:
        return send_approved(
            settings, store, now=lambda: at, sleep=(sleeps if sleeps is not None else []).append
        )


def sent_copies(box: Mailbox, message_id: str) -> list[bytes]:
    with box.client() as client:
        client.select_folder("Sent", readonly=True)
        uids = client.search(["HEADER", "Message-ID", message_id])
        data = client.fetch(uids, ["BODY.PEEK[]"]) if uids else {}
    return [bytes(item[b"BODY[]"]) for item in data.values()]


def stored_draft(url: str, draft_id: int) -> tuple[bytes, str, str | None, int, str]:
    ((mime, state, error, attempts, message_id),) = rows(
        url,
        "SELECT mime, state, send_error, send_attempts, message_id_header FROM draft WHERE id = ?",
        draft_id,
    )
    return bytes(mime), state, error, attempts, message_id


def one_request(tmp_path: Path) -> Path:
    return write_mail(tmp_path / "in", {"fwd.eml": forwarded_by_rachel(7)})


# -- what goes out ----------------------------------------------------------------------------------------


def test_approved_replies_go_out_once_with_their_headers_thread_invite_and_date(
    tmp_path: Path, url: str, smtp_server: tuple[int, Recorder], sent_box: Mailbox
) -> None:
    port, recorder = smtp_server
    settings = sending_settings(tmp_path, url, port, sent_box)
    # A direct request (answered in its thread) and a forwarded one (the forwarding manager in Cc).
    folder = write_mail(
        tmp_path / "in", {"direct.eml": request_message(3), "fwd.eml": forwarded_by_rachel(7)}
    )
    ids = draft_and_approve(settings, folder, url)
    assert len(ids) == 2

    summary = send(settings)
    assert sorted((r.draft_id, r.outcome) for r in summary.results) == [(i, "sent") for i in sorted(ids)]
    assert summary.exit_code == 0 and len(recorder.received) == 2

    for draft_id in ids:
        mime, state, error, attempts, message_id = stored_draft(url, draft_id)
        assert (state, error, attempts) == ("sent", None, 1)
        (got,) = [r for r in recorder.received if message_id.encode() in r.content]
        # The stored bytes exactly, with only a Date line put in front.
        assert got.content == with_date(mime, SENT_AT) and got.content.endswith(mime)
        message = email.message_from_bytes(got.content, policy=policy.default)
        assert parsedate_to_datetime(str(message["Date"])) == SENT_AT
        assert message["Message-ID"] == message_id and message["Bcc"] is None
        to_and_cc = [
            a for _, a in getaddresses([str(message["To"]), *([str(message["Cc"])] * bool(message["Cc"]))])
        ]
        assert got.rcpt_tos == to_and_cc and got.mail_from == "interviews@example.org"
        calendar = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
        assert calendar.get_param("method") == "REQUEST"
        ((ics,),) = rows(url, "SELECT ics FROM draft WHERE id = ?", draft_id)
        assert calendar.get_content().replace("\r\n", "\n") == ics.replace("\r\n", "\n")
        assert sent_copies(sent_box, message_id) == [got.content]  # the copy is the bytes that went out
        assert rows(url, "SELECT action, actor FROM audit WHERE object_id = ?", draft_id) == [
            ("sent", "inboxbroker send")
        ]
        if RACHEL in got.rcpt_tos:
            assert "Rachel Kim" in str(message["Cc"])
        else:
            assert message["In-Reply-To"] == "<req-3@example.net>"
            assert "<req-3@example.net>" in message["References"]
    assert rows(url, "SELECT DISTINCT r.state FROM request r JOIN draft d ON d.request_id = r.id") == [
        ("sent",)
    ]

    again = send(settings, at=SENT_AT + timedelta(hours=1))
    assert again.results == [] and len(recorder.received) == 2


def test_nothing_unapproved_is_ever_sent(tmp_path: Path, url: str, smtp_server: tuple[int, Recorder]) -> None:
    port, recorder = smtp_server
    settings = sending_settings(tmp_path, url, port, None)
    folder = write_mail(tmp_path / "in", {f"r{n}.eml": request_message(n) for n in range(4)})
    run_folder(settings, folder)
    ids = [row[0] for row in rows(url, "SELECT id FROM draft ORDER BY id")]
    set_states(url, ids[:1], "rejected")
    set_states(url, ids[1:2], "failed")
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:  # 'approved' with no approval on record
        conn.execute("UPDATE draft SET state = 'approved' WHERE id = ?", (ids[2],))
    # ids[3] stays pending.

    summary = send(settings)
    assert summary.results == [] and recorder.received == []
    with Store.open(url) as store:
        assert store.outbox.due(SENT_AT) == [] and store.outbox.claim_next(SENT_AT) is None
    assert [r[0] for r in rows(url, "SELECT state FROM draft ORDER BY id")] == [
        "rejected",
        "failed",
        "approved",
        "pending",
    ]


# -- temporary and permanent refusals ---------------------------------------------------------------------


def test_451_twice_then_accepted_is_sent_once_after_retries(
    tmp_path: Path, url: str, smtp_server: tuple[int, Recorder], sent_box: Mailbox
) -> None:
    port, recorder = smtp_server
    recorder.script = ["451 4.3.0 Mail server temporarily rejected message", "451 4.3.0 Try again", "accept"]
    settings = sending_settings(tmp_path, url, port, sent_box, send={"retry_wait_seconds": 0.5})
    (draft_id,) = draft_and_approve(settings, one_request(tmp_path), url)
    sleeps: list[float] = []

    summary = send(settings, sleeps=sleeps)
    assert [r.outcome for r in summary.results] == ["sent"]
    assert recorder.answers == recorder.script and len(recorder.received) == 1
    assert sleeps == [0.5, 1.0]  # waits within the run double
    assert stored_draft(url, draft_id)[1:4] == ("sent", None, 1)
    assert len(sent_copies(sent_box, stored_draft(url, draft_id)[4])) == 1


def test_a_server_that_keeps_answering_451_leaves_the_draft_approved_for_later(
    tmp_path: Path, url: str, smtp_server: tuple[int, Recorder]
) -> None:
    port, recorder = smtp_server
    recorder.script = ["451 4.7.1 Greylisted, come back later"]
    settings = sending_settings(tmp_path, url, port, None, send={"tries": 2})
    (draft_id,) = draft_and_approve(settings, one_request(tmp_path), url)

    summary = send(settings)
    assert [r.outcome for r in summary.results] == ["deferred"] and summary.exit_code == 1
    retry_at = (SENT_AT + timedelta(minutes=5)).isoformat(timespec="minutes")
    assert summary.results[0].detail.endswith(f"; will be retried after {retry_at}"), summary.results
    _, state, error, attempts, _ = stored_draft(url, draft_id)
    assert (state, attempts) == ("approved", 1) and "451 4.7.1 Greylisted" in (error or "")
    ((next_at,),) = rows(url, "SELECT next_attempt_at FROM draft WHERE id = ?", draft_id)
    assert datetime.fromisoformat(next_at).replace(tzinfo=UTC) == SENT_AT + timedelta(minutes=5)

    assert send(settings, at=SENT_AT + timedelta(minutes=4)).results == []  # not due yet
    recorder.script = ["accept"]
    later = send(settings, at=SENT_AT + timedelta(minutes=5))
    assert [r.outcome for r in later.results] == ["sent"] and len(recorder.received) == 1
    assert stored_draft(url, draft_id)[1:4] == ("sent", None, 2)


def test_a_550_fails_the_draft_with_the_servers_words_and_the_command_exits_1(
    tmp_path: Path, url: str, smtp_server: tuple[int, Recorder]
) -> None:
    port, recorder = smtp_server
    recorder.script = ["550 5.7.1 Message rejected as spam by Content Filtering"]
    config = write_config(tmp_path, url, port)
    settings = sending_settings(tmp_path, url, port, None)
    (draft_id,) = draft_and_approve(settings, one_request(tmp_path), url)

    result = CliRunner().invoke(main, ["--config", str(config), "send"])
    assert result.exit_code == 1, result.output
    assert (
        f"draft {draft_id}: refused" in result.output
        and "550 5.7.1 Message rejected as spam" in result.output
    )
    _, state, error, attempts, _ = stored_draft(url, draft_id)
    assert (state, attempts) == ("failed", 1)
    assert "550 5.7.1 Message rejected as spam by Content Filtering" in (error or "")
    assert recorder.answers == recorder.script  # tried once: a 5xx is not retried
    assert rows(url, "SELECT r.state FROM request r JOIN draft d ON d.request_id = r.id") == [("drafted",)]


def write_config(tmp_path: Path, url: str, port: int) -> Path:
    config = tmp_path / "inboxbroker.toml"
    config.write_text(
        textwrap.dedent(
            f"""\
            [store]
            url = "{url}"
            [runtime]
            state_dir = "{tmp_path}"
            [smtp]
            host = "127.0.0.1"
            port = {port}
            security = "none"
            insecure = true
            from = "Interview Programme <interviews@example.org>"
            timeout_seconds = 10
            [send]
            retry_wait_seconds = 0
            """
        )
    )
    return config


def test_an_unreachable_smtp_server_exits_69_and_keeps_the_draft_approved(
    tmp_path: Path, url: str, smtp_server: tuple[int, Recorder]
) -> None:
    port, _ = smtp_server
    settings = sending_settings(tmp_path, url, port, None)
    (draft_id,) = draft_and_approve(settings, one_request(tmp_path), url)
    config = write_config(tmp_path, url, free_port())  # nobody listens there

    dry = CliRunner().invoke(main, ["--config", str(config), "send", "--dry-run", "--json"])
    assert dry.exit_code == 0 and '"outcome": "would send"' in dry.output
    result = CliRunner().invoke(main, ["--config", str(config), "send"])
    assert result.exit_code == 69, result.output
    assert "SMTP connection to 127.0.0.1" in result.output
    assert stored_draft(url, draft_id)[1] == "approved"


def test_a_refused_smtp_login_exits_2_and_leaves_the_draft_approved(
    tmp_path: Path, url: str, smtp_server: tuple[int, Recorder], monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_smtp_check import USER, OAuthHandler, serve

    port, _ = smtp_server
    settings = sending_settings(tmp_path, url, port, None)
    (draft_id,) = draft_and_approve(settings, one_request(tmp_path), url)
    monkeypatch.setenv("SEND_TEST_PASSWORD", "wrong-Pa55")
    for auth_port in serve(OAuthHandler()):
        config = write_config(tmp_path, url, auth_port)
        login = f'timeout_seconds = 10\nusername = "{USER}"\npassword_env = "SEND_TEST_PASSWORD"\n'
        config.write_text(config.read_text().replace("timeout_seconds = 10\n", login, 1))
        result = CliRunner().invoke(main, ["--config", str(config), "send"])
    # A credential to fix (2), not a draft that could not be sent (1) nor a server out of reach (69).
    assert result.exit_code == 2, result.output
    assert "refused the login" in result.output and "wrong-Pa55" not in result.output
    assert stored_draft(url, draft_id)[1] == "approved"


# -- dropped connections and crashes ----------------------------------------------------------------------


def test_a_connection_dropped_after_the_data_is_retried_and_ends_sent_with_one_copy(
    tmp_path: Path, url: str, smtp_server: tuple[int, Recorder], sent_box: Mailbox
) -> None:
    port, recorder = smtp_server
    recorder.script = ["drop", "accept"]
    settings = sending_settings(tmp_path, url, port, sent_box)
    (draft_id,) = draft_and_approve(settings, one_request(tmp_path), url)

    summary = send(settings)
    assert [r.outcome for r in summary.results] == ["sent"]
    # Nothing told us the first try arrived (no reply, no copy in Sent): like any SMTP client, it was sent
    # again. The state and the Sent folder are right all the same.
    assert len(recorder.received) == 2
    assert stored_draft(url, draft_id)[1:4] == ("sent", None, 1)
    assert len(sent_copies(sent_box, stored_draft(url, draft_id)[4])) == 1


def test_a_dropped_connection_after_a_server_filed_the_message_is_not_sent_again(
    tmp_path: Path, url: str, smtp_server: tuple[int, Recorder], sent_box: Mailbox
) -> None:
    port, recorder = smtp_server
    recorder.script = ["file and drop", "accept"]
    recorder.sent_folder = sent_box
    settings = sending_settings(tmp_path, url, port, sent_box)
    (draft_id,) = draft_and_approve(settings, one_request(tmp_path), url)

    summary = send(settings)
    assert [r.outcome for r in summary.results] == ["already sent"]
    assert len(recorder.received) == 1 and recorder.answers == ["file and drop"]
    assert stored_draft(url, draft_id)[1] == "sent"
    assert len(sent_copies(sent_box, stored_draft(url, draft_id)[4])) == 1  # the server's copy, not a second


CHILD = textwrap.dedent(
    """
    import os, pickle, signal, sys
    from inboxbroker.runtime import sender
    from inboxbroker.store.ledger import Store
    from inboxbroker.store.outbox import OutboxStore

    settings, at = pickle.loads(bytes.fromhex(sys.argv[1]))

    def killed(*args, **kw):
        os.kill(os.getpid(), signal.SIGKILL)

    if sys.argv[2] == "before the update":  # the server accepted and the copy is in Sent
        OutboxStore.mark_sent = killed
    else:  # "before the copy": the server accepted, nothing is in Sent yet
        sender.SentFolder.keep = killed
    with Store.open(settings.store.url) as store:
        sender.send_approved(settings, store, now=lambda: at, sleep=lambda s: None)
    """
)


def send_killed(
    tmp_path: Path, url: str, smtp_server: tuple[int, Recorder], sent_box: Mailbox, step: str
) -> tuple[Settings, int]:
    """Approve one draft and send it in a child process SIGKILLed at ``step``; the settings and the draft."""
    port, recorder = smtp_server
    settings = sending_settings(tmp_path, url, port, sent_box)
    (draft_id,) = draft_and_approve(settings, one_request(tmp_path), url)
    child = subprocess.run(
        [sys.executable, "-c", CHILD, pickle.dumps((settings, SENT_AT)).hex(), step],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert child.returncode == -signal.SIGKILL, child.stderr[-2000:]
    assert len(recorder.received) == 1 and stored_draft(url, draft_id)[1] == "sending"
    return settings, draft_id


def test_a_send_killed_before_its_state_update_is_found_in_sent_and_not_sent_again(
    tmp_path: Path, url: str, smtp_server: tuple[int, Recorder], sent_box: Mailbox
) -> None:
    recorder = smtp_server[1]
    settings, draft_id = send_killed(tmp_path, url, smtp_server, sent_box, "before the update")
    message_id = stored_draft(url, draft_id)[4]
    assert len(sent_copies(sent_box, message_id)) == 1

    summary = send(settings, at=SENT_AT + timedelta(minutes=10))
    assert [(r.draft_id, r.outcome) for r in summary.results] == [(draft_id, "already sent")]
    assert len(recorder.received) == 1  # nothing sent again
    assert stored_draft(url, draft_id)[1:4] == ("sent", None, 1)
    assert rows(url, "SELECT r.state FROM request r JOIN draft d ON d.request_id = r.id") == [("sent",)]
    assert len(sent_copies(sent_box, message_id)) == 1


def test_a_send_killed_after_the_server_took_it_but_before_the_copy_is_never_sent_again(
    tmp_path: Path, url: str, smtp_server: tuple[int, Recorder], sent_box: Mailbox
) -> None:
    """Invariant: no reply twice. The server has it, Sent has no copy: only `handed_over_at` tells, and the
    next send asks a person instead of sending it again."""
    recorder = smtp_server[1]
    settings, draft_id = send_killed(tmp_path, url, smtp_server, sent_box, "before the copy")
    assert sent_copies(sent_box, stored_draft(url, draft_id)[4]) == []

    summary = send(settings, at=SENT_AT + timedelta(minutes=10))
    assert [(r.draft_id, r.outcome) for r in summary.results] == [(draft_id, "needs a person")]
    assert len(recorder.received) == 1  # not sent again
    _, state, error, _, _ = stored_draft(url, draft_id)
    assert state == "failed" and "may have gone out" in (error or "")


def test_a_draft_left_sending_that_never_reached_the_server_is_sent(
    tmp_path: Path, url: str, smtp_server: tuple[int, Recorder], sent_box: Mailbox
) -> None:
    port, recorder = smtp_server
    settings = sending_settings(tmp_path, url, port, sent_box)
    (draft_id,) = draft_and_approve(settings, one_request(tmp_path), url)
    set_states(url, [draft_id], "sending")  # a kill after the claim, before SMTP

    summary = send(settings)
    assert [r.outcome for r in summary.results] == ["sent"] and len(recorder.received) == 1
    assert stored_draft(url, draft_id)[1] == "sent"


def test_without_a_sent_folder_a_draft_left_sending_goes_to_a_person(
    tmp_path: Path, url: str, smtp_server: tuple[int, Recorder]
) -> None:
    port, recorder = smtp_server
    settings = sending_settings(tmp_path, url, port, None)
    (draft_id,) = draft_and_approve(settings, one_request(tmp_path), url)
    set_states(url, [draft_id], "sending")

    summary = send(settings)
    assert [r.outcome for r in summary.results] == ["needs a person"] and summary.exit_code == 1
    assert recorder.received == []
    _, state, error, _, _ = stored_draft(url, draft_id)
    assert state == "failed" and "no Sent folder" in (error or "")


# -- inside run -------------------------------------------------------------------------------------------


def test_run_with_send_auto_sends_the_approved_drafts_at_the_end_of_the_batch(
    tmp_path: Path, url: str, smtp_server: tuple[int, Recorder], sent_box: Mailbox
) -> None:
    port, recorder = smtp_server
    settings = sending_settings(tmp_path, url, port, sent_box, send={"auto": True})
    first = write_mail(tmp_path / "in", {f"r{n}.eml": request_message(n) for n in range(2)})
    run_folder(settings, first)  # drafts them; nothing is approved, so nothing goes out
    assert recorder.received == []
    ids = [row[0] for row in rows(url, "SELECT id FROM draft ORDER BY id")]
    set_states(url, ids, "approved")

    with Store.open(url) as store:
        runner = Runner(settings, store, clock=lambda: SENT_AT)
        summary = runner.run(RunOptions(source=f"eml:{write_mail(tmp_path / 'empty', {})}"))
    assert (summary.sent, summary.not_sent, summary.exit_code) == (2, 0, 0)
    assert len(recorder.received) == 2
    assert [r[0] for r in rows(url, "SELECT state FROM draft ORDER BY id")] == ["sent", "sent"]


# -- pieces -----------------------------------------------------------------------------------------------


def test_with_date_puts_one_date_first_and_keeps_every_other_byte() -> None:
    at = datetime(2026, 12, 7, 10, 30, tzinfo=UTC)
    stored = b"From: a@example.org\r\nSubject: Hi\r\n\r\nDate: in the body stays\r\n"
    assert with_date(stored, at) == b"Date: Mon, 07 Dec 2026 10:30:00 +0000\r\n" + stored
    old = b"Date: Sun, 06 Dec 2026 09:00:00\r\n +0000\r\nFrom: a@example.org\r\n\r\nbody\r\n"
    assert (
        with_date(old, at) == b"Date: Mon, 07 Dec 2026 10:30:00 +0000\r\nFrom: a@example.org\r\n\r\nbody\r\n"
    )


def test_two_senders_never_claim_the_same_draft(tmp_path: Path, store_url: str) -> None:
    settings = settings_for(tmp_path, store_url)
    run_folder(settings, write_mail(tmp_path / "in", {f"r{n}.eml": request_message(n) for n in range(2)}))
    with Store.open(store_url) as store, store.engine.begin() as conn:
        conn.exec_driver_sql(
            "UPDATE draft SET state = 'approved', approved_by = 'c', approved_at = CURRENT_TIMESTAMP"
        )
    with Store.open(store_url) as one, Store.open(store_url) as two:
        first, second = one.outbox.claim_next(SENT_AT), two.outbox.claim_next(SENT_AT)
        assert first is not None and second is not None and first.id != second.id
        assert one.outbox.claim_next(SENT_AT) is None
        assert {d.id for d in two.outbox.in_sending()} == {first.id, second.id}


@pytest.mark.parametrize("login", ["password", "xoauth2"])
def test_the_outbox_logs_in_as_check_does_before_sending(login: str) -> None:
    from inboxbroker.outbox.smtp import SmtpOutbox
    from test_smtp_check import GOOD_TOKEN, PASSWORD, USER, OAuthHandler, serve
    from test_smtp_check import settings as smtp_settings

    handler = OAuthHandler()
    for port in serve(handler):
        if login == "password":
            smtp, secrets = smtp_settings(port, username=USER, password_env="UNUSED"), (PASSWORD, None)
        else:
            smtp, secrets = (
                smtp_settings(port, username=USER, oauth2_token_command="unused"),
                (None, GOOD_TOKEN),
            )
        with SmtpOutbox(smtp, *secrets) as outbox:
            assert outbox.send(USER, ["ana@example.net"], b"Subject: hi\r\n\r\n.leading dot\r\n") == "OK"
    assert handler.seen == (
        [] if login == "password" else [f"user={USER}\x01auth=Bearer {GOOD_TOKEN}\x01\x01"]
    )
