"""sources/imap.py against a real Dovecot on loopback: fetching, actions, IDLE, TLS and failures."""

from __future__ import annotations

import threading
import time
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import pytest

from inboxbroker.errors import ImapAuthError, ImapConnectionError
from inboxbroker.sources.imap import Fetched, ImapMailbox, ImapParams, uid_sets
from support.dovecot import Mailbox

pytestmark = pytest.mark.imap


def make_message(n: int) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Requester {n} <req{n}@example.com>"
    msg["To"] = "interviews@example.org"
    msg["Subject"] = f"Informational interview request {n}"
    msg["Message-ID"] = f"<req{n}@example.com>"
    msg.set_content(f"Hello, could we talk? ({n})\n")
    return msg.as_bytes().replace(b"\n", b"\r\n")


def params(server: Mailbox, **overrides: object) -> ImapParams:
    values: dict[str, object] = {
        "host": server.host,
        "port": server.port,
        "security": "none",
        "insecure": True,
        "username": server.user,
        "password": server.password,
        "timeout": 10.0,
    }
    values.update(overrides)
    return ImapParams(**values)  # type: ignore[arg-type]


def fill(server: Mailbox, count: int, folder: str = "INBOX") -> list[int]:
    with server.client() as client:
        if not client.folder_exists(folder):
            client.create_folder(folder)
        uids = []
        for n in range(count):
            response = client.append(folder, make_message(n))
            uids.append(int(response.split(b"]")[0].split()[-1]))
    return uids


def fetch_all(box: ImapMailbox, after_uid: int = 0, **kwargs: object) -> list[list[Fetched]]:
    return list(box.fetch_new(after_uid, **kwargs))  # type: ignore[arg-type]


# -- fetching


def test_fetch_new_returns_every_message_once_in_uid_order_and_batches(imap_server: Mailbox) -> None:
    uids = fill(imap_server, 25)
    with ImapMailbox(params(imap_server)) as box:
        status = box.select("INBOX")
        batches = fetch_all(box, batch_size=10)
    assert status.exists == 25 and status.uidnext == uids[-1] + 1 and status.uidvalidity > 0
    assert [len(b) for b in batches] == [10, 10, 5]
    got = [f.uid for batch in batches for f in batch]
    assert got == uids
    first = batches[0][0]
    assert first.raw == make_message(0)
    assert first.internaldate is not None and first.internaldate.tzinfo is not None


def test_after_uid_filters_including_the_n_star_edge(imap_server: Mailbox) -> None:
    uids = fill(imap_server, 5)
    with ImapMailbox(params(imap_server)) as box:
        box.select("INBOX")
        assert [f.uid for b in fetch_all(box, uids[2]) for f in b] == uids[3:]
        # "UID 6:*" matches the last message (UID 5) on the wire; fetch_new must not return it again.
        assert fetch_all(box, uids[-1]) == []
        assert fetch_all(box, uids[-1] + 100) == []


def test_since_filters_by_internaldate(imap_server: Mailbox) -> None:
    old = datetime.now(UTC) - timedelta(days=30)
    old_uid = imap_server.append("INBOX", make_message(1), msg_time=old)
    new_uid = imap_server.append("INBOX", make_message(2))
    with ImapMailbox(params(imap_server)) as box:
        box.select("INBOX")
        recent = fetch_all(box, since=date.today() - timedelta(days=2))
        everything = fetch_all(box)
    assert [f.uid for b in recent for f in b] == [new_uid]
    assert [f.uid for b in everything for f in b] == [old_uid, new_uid]


def test_fetch_uses_peek_and_leaves_seen_unset(imap_server: Mailbox) -> None:
    fill(imap_server, 3)
    with ImapMailbox(params(imap_server)) as box:
        box.select("INBOX")
        fetch_all(box)
    assert all("\\Seen" not in flags for flags in imap_server.flags("INBOX").values())


# -- actions


def test_flag_and_move_actions_are_applied_in_bulk(imap_server: Mailbox) -> None:
    uids = fill(imap_server, 10)
    with ImapMailbox(params(imap_server)) as box:
        box.select("INBOX")
        box.apply_actions(
            {
                "flag:$Processed": uids,
                "move:Interviews/Done": uids[:4],
                "move:Elsewhere": uids[2:5],  # 2 and 3 already left with the first move
                "none": uids[9:],
            }
        )
    assert imap_server.uids("INBOX") == uids[5:]
    assert len(imap_server.uids("Interviews/Done")) == 4
    assert len(imap_server.uids("Elsewhere")) == 1
    assert all("$Processed" in flags for flags in imap_server.flags("INBOX").values())
    assert all("$Processed" in flags for flags in imap_server.flags("Interviews/Done").values())


def test_move_falls_back_to_copy_and_uid_expunge(imap_server: Mailbox) -> None:
    uids = fill(imap_server, 6)
    # Someone else marked a message \Deleted; our fallback must expunge only our own UIDs.
    with imap_server.client() as other:
        other.select_folder("INBOX")
        other.add_flags([uids[5]], [b"\\Deleted"])
    with ImapMailbox(params(imap_server), allow_move=False) as box:
        box.select("INBOX")
        box.apply_actions({"move:Archive": uids[:3]})
    assert imap_server.uids("INBOX") == uids[3:]
    assert len(imap_server.uids("Archive")) == 3
    assert all("\\Deleted" not in flags for flags in imap_server.flags("Archive").values())


def test_uid_sets_compact_ranges_and_split_long_sets() -> None:
    assert uid_sets([5, 1, 2, 3, 7, 8, 3]) == [["1:3", "5", "7:8"]]
    assert uid_sets(range(1, 100_001)) == [["1:100000"]]
    chunks = uid_sets(range(1, 20_000, 2), max_chars=1000)
    assert len(chunks) > 1 and all(len(",".join(c)) <= 1000 for c in chunks)
    assert sum(len(c) for c in chunks) == 10_000


def test_unknown_action_is_rejected(imap_server: Mailbox) -> None:
    with ImapMailbox(params(imap_server)) as box:
        box.select("INBOX")
        with pytest.raises(ValueError, match="flag:KEYWORD"):
            box.apply_actions({"delete": [1]})


# -- UIDVALIDITY


@pytest.mark.parametrize("folder", ["Requests", "INBOX"])
def test_uidvalidity_changes_when_the_folder_is_recreated(imap_server: Mailbox, folder: str) -> None:
    fill(imap_server, 2, folder)
    with ImapMailbox(params(imap_server)) as box:
        before = box.select(folder).uidvalidity
    imap_server.recreate_folder(folder)
    with ImapMailbox(params(imap_server)) as box:
        after = box.select(folder).uidvalidity
    assert after != before


# -- IDLE


def test_idle_wait_wakes_when_another_client_appends(imap_server: Mailbox) -> None:
    fill(imap_server, 1)
    with ImapMailbox(params(imap_server)) as box:
        box.select("INBOX")
        timer = threading.Timer(0.3, imap_server.append, ("INBOX", make_message(99)))
        started = time.monotonic()
        timer.start()
        try:
            assert box.idle_wait(10) is True
        finally:
            timer.join()
        assert time.monotonic() - started < 5
        box.noop()  # the connection is usable after IDLE
        assert [f.uid for b in fetch_all(box, 1) for f in b] == [2]


def test_idle_wait_returns_false_on_timeout(imap_server: Mailbox) -> None:
    with ImapMailbox(params(imap_server)) as box:
        box.select("INBOX")
        started = time.monotonic()
        assert box.idle_wait(0.5) is False
        assert 0.4 < time.monotonic() - started < 3
        box.noop()


# -- security and failures


def test_plaintext_is_refused_without_insecure(imap_server: Mailbox) -> None:
    with pytest.raises(ImapConnectionError, match=r"starttls.*insecure = true"):
        ImapMailbox(params(imap_server, insecure=False)).connect()


def test_wrong_password_raises_auth_error_without_the_password(imap_server: Mailbox) -> None:
    with pytest.raises(ImapAuthError) as info:
        ImapMailbox(params(imap_server, password="not-the-password-x1")).connect()
    assert "not-the-password-x1" not in str(info.value)
    assert imap_server.user in str(info.value)


def test_xoauth2_rejection_is_an_auth_error(imap_server: Mailbox) -> None:
    # The test Dovecot offers no XOAUTH2, which exercises the same error path as an expired token.
    with pytest.raises(ImapAuthError):
        ImapMailbox(params(imap_server, password=None, oauth2_token="tok-123")).connect()


def test_tls_with_insecure_accepts_the_self_signed_certificate(imap_server: Mailbox) -> None:
    fill(imap_server, 1)
    with ImapMailbox(params(imap_server, port=imap_server.tls_port, security="tls")) as box:
        assert box.select("INBOX").exists == 1


def test_tls_verification_fails_without_insecure(imap_server: Mailbox) -> None:
    with pytest.raises(ImapConnectionError, match="ca_file"):
        ImapMailbox(params(imap_server, port=imap_server.tls_port, security="tls", insecure=False)).connect()


def test_tls_verifies_against_the_given_ca_file(imap_server: Mailbox) -> None:
    p = params(imap_server, port=imap_server.tls_port, security="tls", insecure=False)
    with ImapMailbox(ImapParams(**{**p.__dict__, "ca_file": str(imap_server.cert_path)})) as box:
        assert "IMAP4REV1" in box.capabilities


def test_starttls_upgrades_the_plain_port(imap_server: Mailbox) -> None:
    p = params(imap_server, security="starttls", insecure=False, ca_file=str(imap_server.cert_path))
    with ImapMailbox(p) as box:
        assert box.select("INBOX").exists == 0


def test_unreachable_server_is_a_connection_error(imap_server: Mailbox) -> None:
    with pytest.raises(ImapConnectionError, match=r"while connecting.*imap\.port"):
        ImapMailbox(params(imap_server, port=1)).connect()


def test_tls_against_the_plaintext_port_names_the_port_mismatch(imap_server: Mailbox) -> None:
    with pytest.raises(ImapConnectionError, match=r"imap\.security match"):
        ImapMailbox(params(imap_server, security="tls")).connect()


def test_missing_ca_file_is_a_connection_error(imap_server: Mailbox, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.pem")
    with pytest.raises(ImapConnectionError, match=r"imap\.ca_file"):
        ImapMailbox(params(imap_server, security="tls", insecure=False, ca_file=missing)).connect()


def test_dropped_connection_mid_batch_raises_connection_error(imap_server: Mailbox) -> None:
    fill(imap_server, 6)
    with ImapMailbox(params(imap_server)) as box:
        box.select("INBOX")
        batches = box.fetch_new(0, batch_size=2)
        assert len(next(batches)) == 2
        imap_server.drop_connections()
        with pytest.raises(ImapConnectionError, match="failed while fetching"):
            next(batches)
        with pytest.raises(ImapConnectionError):
            box.noop()
    # close() after the failure was quiet, and a new connection sees all the mail.
    with ImapMailbox(params(imap_server)) as box:
        assert box.select("INBOX").exists == 6


def test_dropped_connection_during_idle_raises_connection_error(imap_server: Mailbox) -> None:
    with ImapMailbox(params(imap_server)) as box:
        box.select("INBOX")
        timer = threading.Timer(0.3, imap_server.drop_connections)
        timer.start()
        try:
            with pytest.raises(ImapConnectionError):
                box.idle_wait(10)
        finally:
            timer.join()


def test_interrupt_from_another_thread_ends_idle_at_once(imap_server: Mailbox) -> None:
    with ImapMailbox(params(imap_server)) as box:
        box.select("INBOX")
        timer = threading.Timer(0.2, box.interrupt)
        started = time.monotonic()
        timer.start()
        try:
            with pytest.raises(ImapConnectionError):
                box.idle_wait(10)
        finally:
            timer.join()
        assert time.monotonic() - started < 3
