"""The ledger API on both dialects: exactly-once ingest, cursors, states, quarantine, actions, stats."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from inboxbroker.errors import StoreError
from inboxbroker.store import intake, ledger
from inboxbroker.store.ledger import RawItem, Store


def mail(n: int, subject: str = "Coffee chat?") -> bytes:
    return (
        f"Message-ID: <msg{n}@example.org>\r\nSubject: {subject} {n}\r\n"
        f"Date: Tue, 3 Mar 2026 10:00:00 +0100\r\n\r\nHello {n}\r\n"
    ).encode()


def items(*uids: int, offset: int = 0) -> list[RawItem]:
    return [RawItem(uid=uid, raw=mail(uid + offset)) for uid in uids]


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


@pytest.fixture
def inbox(store: Store) -> int:
    return store.mailbox("interviews@example.org", "INBOX").id


def count_messages(store: Store) -> int:
    return int(store.stats()["messages"])


def test_mailbox_is_created_once(store: Store) -> None:
    first = store.mailbox("a@example.org", "INBOX")
    again = store.mailbox("a@example.org", "INBOX")
    other = store.mailbox("a@example.org", "Archive")
    assert first == again
    assert (first.uidvalidity, first.last_uid) == (None, 0)
    assert other.id != first.id


def test_ingest_stores_new_mail_and_advances_cursor(store: Store, inbox: int) -> None:
    result = store.ingest_batch(inbox, 7, items(1, 2, 3), last_uid=3)
    assert [(r.uid, r.is_new) for r in result] == [(1, True), (2, True), (3, True)]
    assert len({r.message_id for r in result}) == 3
    cursor = store.mailbox("interviews@example.org", "INBOX")
    assert (cursor.uidvalidity, cursor.last_uid) == (7, 3)
    assert store.message_raw(result[0].message_id) == mail(1)


def test_same_uid_again_is_not_stored_twice(store: Store, inbox: int) -> None:
    first = store.ingest_batch(inbox, 7, items(1, 2), last_uid=2)
    # Across batches (a re-fetch after a crash) and within one batch (a server listing a UID twice).
    again = store.ingest_batch(inbox, 7, [*items(2, 3), RawItem(uid=3, raw=mail(3))], last_uid=3)
    assert [(r.uid, r.is_new) for r in again] == [(2, False), (3, True), (3, False)]
    assert again[0].message_id == first[1].message_id
    assert again[1].message_id == again[2].message_id
    assert count_messages(store) == 3


def test_identical_bytes_are_one_row_at_the_latest_uid(store: Store, inbox: int) -> None:
    within = store.ingest_batch(inbox, 7, [RawItem(1, mail(1)), RawItem(2, mail(1))], last_uid=2)
    assert [r.is_new for r in within] == [True, False]
    assert within[0].message_id == within[1].message_id
    across = store.ingest_batch(inbox, 7, [RawItem(5, mail(1))], last_uid=5)
    assert across[0].message_id == within[0].message_id and not across[0].is_new
    assert count_messages(store) == 1
    assert [m.uid for m in store.pending()] == [5]


def test_uidvalidity_change_rematches_by_content_hash(store: Store, inbox: int) -> None:
    old = store.ingest_batch(inbox, 7, items(1, 2, 3), last_uid=3)
    store.mark_processed(old[0].message_id, label="interview_request", trace={}, action=False)
    store.reset_cursor(inbox, 99)
    assert store.mailbox("interviews@example.org", "INBOX").last_uid == 0

    # The server renumbered everything; one genuinely new message arrived as well.
    new = store.ingest_batch(
        inbox,
        99,
        [RawItem(10, mail(1)), RawItem(11, mail(2)), RawItem(12, mail(3)), RawItem(13, mail(4))],
        13,
    )
    assert [r.message_id for r in new[:3]] == [r.message_id for r in old]
    assert [r.is_new for r in new] == [False, False, False, True]
    assert count_messages(store) == 4
    pending = {m.id: (m.uidvalidity, m.uid) for m in store.pending()}
    assert old[0].message_id not in pending  # processed before the renumbering: never processed again
    assert pending[old[1].message_id] == (99, 11)
    # Fetching the renumbered range again changes nothing.
    again = store.ingest_batch(inbox, 99, [RawItem(10, mail(1)), RawItem(13, mail(4))], 13)
    assert [r.is_new for r in again] == [False, False]
    assert count_messages(store) == 4


def test_failure_mid_transaction_writes_nothing(
    store: Store, inbox: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.ingest_batch(inbox, 7, items(1), last_uid=1)

    def crash(*args: Any) -> None:
        raise RuntimeError("power cut between the inserts and the cursor")

    monkeypatch.setattr(intake, "advance_cursor", crash)
    with pytest.raises(RuntimeError):
        store.ingest_batch(inbox, 7, items(2, 3), last_uid=3)
    monkeypatch.undo()
    assert count_messages(store) == 1
    assert store.mailbox("interviews@example.org", "INBOX").last_uid == 1
    # The retry stores the rows as new: nothing was half-written.
    assert [r.is_new for r in store.ingest_batch(inbox, 7, items(2, 3), last_uid=3)] == [True, True]


def test_database_error_rolls_back_the_batch(store: Store) -> None:
    with pytest.raises(Exception, match=r"(?i)foreign key"):
        store.ingest_batch(12345, 7, items(1), last_uid=1)  # no such mailbox
    assert count_messages(store) == 0


def test_cursor_never_moves_back(store: Store, inbox: int) -> None:
    store.ingest_batch(inbox, 7, items(5), last_uid=10)
    store.ingest_batch(inbox, 7, [], last_uid=4)
    assert store.mailbox("interviews@example.org", "INBOX").last_uid == 10


def test_received_at_is_internaldate_else_date_header_in_utc(store: Store, inbox: int) -> None:
    internal = datetime(2026, 3, 4, 9, 30, tzinfo=timezone(timedelta(hours=-5)))
    store.ingest_batch(inbox, 7, [RawItem(1, mail(1), internaldate=internal), RawItem(2, mail(2))], 2)
    first, second = store.pending()
    assert first.received_at == internal and first.received_at.tzinfo == UTC
    assert second.received_at == datetime(2026, 3, 3, 9, 0, tzinfo=UTC)


def test_encoded_subject_is_decoded_for_listing(store: Store, inbox: int) -> None:
    raw = b"Subject: =?utf-8?q?Caf=C3=A9_chat?=\r\nMessage-ID:\r\n <x@y>\r\n\r\nbody"
    (stored,) = store.ingest_batch(inbox, 7, [RawItem(1, raw)], 1)
    store.mark_quarantined(stored.message_id, reason="boom", trace=None)
    (item,) = store.quarantined()
    assert item.subject == "Café chat"


def test_pending_is_oldest_first_paged_and_filtered(
    store: Store, inbox: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger, "PAGE", 2)  # force several pages
    other = store.mailbox("interviews@example.org", "Archive").id
    store.ingest_batch(inbox, 7, items(1, 2, 3, 4, 5), last_uid=5)
    store.ingest_batch(other, 3, items(1, offset=100), last_uid=1)
    assert [m.uid for m in store.pending()] == [1, 2, 3, 4, 5, 1]
    assert [m.uid for m in store.pending(limit=3)] == [1, 2, 3]
    assert [m.mailbox_id for m in store.pending(mailbox_id=other)] == [other]
    third = [m.id for m in store.pending()][2]
    assert [m.uid for m in store.pending(after=third)] == [4, 5, 1]  # rows still out at the workers skipped
    # Marking while iterating is safe: no transaction is held across pages.
    for message in store.pending():
        store.mark_processed(message.id, label="other", trace={"stage": "test"})
    assert list(store.pending()) == []


def test_pending_pages_are_bounded_by_bytes(
    store: Store, inbox: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ledger, "PAGE_BYTES", 1)  # every page is then its one, oversized, message
    store.ingest_batch(inbox, 7, items(1, 2, 3), last_uid=3)
    assert [m.raw for m in store.pending(limit=2)] == [mail(1), mail(2)]


def test_ingest_accepts_any_bytes(store: Store, inbox: int) -> None:
    hostile = [
        b"",
        b"\x00\xff\xfe garbage",
        b"Subject: nul \x00 \x1b[31m\r\nMessage-ID: \x00\r\n\r\n",
        b"X" * 70_000,
    ]
    result = store.ingest_batch(inbox, 7, [RawItem(n + 1, raw) for n, raw in enumerate(hostile)], 4)
    assert all(r.is_new for r in result)
    assert [store.message_raw(r.message_id) for r in result] == hostile
    store.mark_quarantined(result[2].message_id, reason="x", trace=None)
    assert store.quarantined()[0].subject == "nul  [31m"


def test_mark_quarantine_requeue(store: Store, inbox: int) -> None:
    a, b, c = store.ingest_batch(inbox, 7, items(1, 2, 3), last_uid=3)
    store.mark_processed(a.message_id, label="interview_request", trace={"rules": ["x"]})
    store.mark_quarantined(b.message_id, reason="parse failed: \x00bad", trace={"stage": "parse"})
    store.mark_quarantined(c.message_id, reason="timeout", trace=None, action=False)
    assert [m.id for m in store.pending()] == []
    quarantined = store.quarantined()
    assert [(q.id, q.uid, q.error) for q in quarantined] == [
        (b.message_id, 2, "parse failed: bad"),
        (c.message_id, 3, "timeout"),
    ]
    assert quarantined[0].mailbox == "interviews@example.org/INBOX"
    assert quarantined[0].subject == "Coffee chat? 2"
    assert len(store.quarantined(limit=1)) == 1

    assert store.requeue([b.message_id, a.message_id]) == 1  # a is processed, not quarantined
    (again,) = store.pending()
    assert (again.id, again.attempts) == (
        b.message_id,
        0,
    )  # a person retried it: cut-short attempts start again
    assert store.requeue(None) == 1
    assert {m.id for m in store.pending()} == {b.message_id, c.message_id}
    with pytest.raises(StoreError, match="no message"):
        store.mark_processed(999_999, label=None, trace={})


def test_pending_actions_follow_marks_and_uidvalidity(store: Store, inbox: int) -> None:
    a, b, c = store.ingest_batch(inbox, 7, items(1, 2, 3), last_uid=3)
    store.mark_processed(a.message_id, label="other", trace={})
    store.mark_quarantined(b.message_id, reason="x", trace=None)
    store.mark_processed(c.message_id, label="other", trace={}, action=False)
    actions = store.pending_actions(inbox, 7)
    assert [(x.message_id, x.uid, x.state) for x in actions] == [
        (a.message_id, 1, "processed"),
        (b.message_id, 2, "quarantined"),
    ]
    assert store.pending_actions(inbox, 8) == []
    store.mark_actions_done([a.message_id])
    assert [x.message_id for x in store.pending_actions(inbox, 7)] == [b.message_id]
    store.mark_actions_done([])


def test_local_ingest_dedupes_by_content(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ledger, "LOCAL_BATCH", 3)  # several transactions
    one = store.ingest_local("maildir:/srv/mail", "cur/1:2,S", mail(1))
    assert one.is_new and one.uid is None
    many = store.ingest_many_local("maildir:/srv/mail", [(f"cur/{n}", mail(n)) for n in (1, 2, 3, 4, 2)])
    assert [r.is_new for r in many] == [False, True, True, True, False]
    assert many[0].message_id == one.message_id and many[1].message_id == many[4].message_id
    assert count_messages(store) == 4
    assert store.ingest_many_local("maildir:/srv/mail", []) == []
    cursor = store.mailbox(ledger.LOCAL_ACCOUNT, "maildir:/srv/mail")
    assert {m.mailbox_id for m in store.pending()} == {cursor.id}


def test_message_raw_of_unknown_id_raises(store: Store) -> None:
    with pytest.raises(StoreError):
        store.message_raw(424242)


def test_stats_shape_and_last_run(store: Store, inbox: int) -> None:
    empty = store.stats()
    assert empty == {
        "messages": 0,
        "by_state": {"new": 0, "processed": 0, "quarantined": 0},
        "by_label": {
            "interview_request": 0,
            "job_application": 0,
            "thread_reply": 0,
            "automated": 0,
            "other": 0,
        },
        "requests": 0,
        "people": 0,
        "resumes": 0,
        "forgotten": {"people": 0, "skipped_messages": 0},
        "drafts": {"pending": 0, "approved": 0, "sending": 0, "sent": 0, "rejected": 0, "failed": 0},
        "last_run": None,
    }
    run = store.start_run("imap")
    a, b, _ = store.ingest_batch(inbox, 7, items(1, 2, 3), last_uid=3)
    store.mark_processed(a.message_id, label="interview_request", trace={})
    store.mark_quarantined(b.message_id, reason="x", trace=None)
    store.finish_run(run, {"fetched": 3, "quarantined": 1}, exit_code=1)
    unfinished = store.start_run("maildir:/tmp/x")

    stats = store.stats()
    assert stats["messages"] == 3
    assert stats["by_state"] == {"new": 1, "processed": 1, "quarantined": 1}
    assert stats["by_label"]["interview_request"] == 1
    assert stats["last_run"]["source"] == "maildir:/tmp/x"
    assert stats["last_run"]["finished_at"] is None
    store.finish_run(unfinished, {"fetched": 0}, exit_code=0)
    last = store.stats()["last_run"]
    assert last["counts"] == {"fetched": 0} and last["exit_code"] == 0
    assert datetime.fromisoformat(last["started_at"]) <= datetime.fromisoformat(last["finished_at"])


def test_a_postgresql_url_without_its_driver_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from inboxbroker.errors import ConfigError
    from inboxbroker.store.session import create_engine

    for name in [m for m in sys.modules if m == "psycopg" or m.startswith("psycopg.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "psycopg", None)  # what a wheel installed without [postgres] has
    with pytest.raises(ConfigError) as raised:
        create_engine("postgresql://inboxbroker@127.0.0.1/inboxbroker")
    assert raised.value.exit_code == 2
    assert "store.url" in str(raised.value) and "pip install 'inboxbroker[postgres]'" in str(raised.value)
