"""Erasure and retention on both engines: nothing of a forgotten person is left, and nothing comes back."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from inboxbroker.bundled import sample_inbox
from inboxbroker.runtime.runner import Runner, RunOptions
from inboxbroker.settings.config import parse_config
from inboxbroker.store import schema
from inboxbroker.store.ledger import Store

# One requester of the sample mailbox, with a résumé: her details as they appear in her mail.
EMAIL, NAME, PHONE, PHRASE = "priya.raman@example.net", "Priya Raman", "555-0142", '"Cascadia Freight"'


def _run(store: Store, store_url: str, tmp_path: Path, source: str | None = None) -> None:
    settings = parse_config(
        {"store": {"url": store_url}, "runtime": {"state_dir": str(tmp_path)}}, base_dir=tmp_path
    )
    Runner(settings, store).run(RunOptions(source=source or f"maildir:{sample_inbox()}"))


def _every_text(store: Store) -> str:
    with store.engine.connect() as conn:
        rows = [
            repr(tuple(row))
            for table in schema.metadata.sorted_tables
            for row in conn.execute(sa.select(table))
        ]
    return "\n".join(rows).lower()


def test_forget_leaves_nothing_and_a_resync_does_not_bring_them_back(store_url: str, tmp_path: Path) -> None:
    with Store.open(store_url) as store:
        _run(store, store_url, tmp_path)
        assert store.search.search(PHRASE)[0].email == EMAIL
        store.people.note(EMAIL, "Sharp questions about forecasting", rating=4, actor="coordinator")
        people_before = store.stats()["people"]

        report = store.people.forget(EMAIL.upper(), actor="coordinator")
        assert report.counts["messages"] >= 1 and report.counts["resumes"] >= 1

        for query in (NAME, EMAIL, PHONE, PHRASE, "forecasting questions"):
            assert all(h.email != EMAIL for h in store.search.search(query, limit=100)), query
        text = _every_text(store)
        assert EMAIL not in text and NAME.lower() not in text and "cascadia freight" not in text
        if store.dialect == "sqlite":
            database = Path(store.engine.url.database or "")
            for path in (database, database.with_name(database.name + "-wal")):
                data = path.read_bytes() if path.exists() else b""
                assert EMAIL.encode() not in data.lower() and NAME.encode() not in data, path
                # The index's own tokens too: an FTS5 delete only marks them until the segments are merged.
                assert b"raman" not in data and b"cascadia" not in data, path
        assert store.stats()["forgotten"]["people"] == 1

        _run(store, store_url, tmp_path)  # the same mailbox again
        assert store.stats()["people"] == people_before - 1
        assert store.search.search(NAME) == [] or all(h.email != EMAIL for h in store.search.search(NAME))
        assert EMAIL not in _every_text(store)
        assert store.stats()["forgotten"]["skipped_messages"] >= 1


def test_merge_keeps_everything_and_duplicates_are_found(store_url: str, tmp_path: Path) -> None:
    with Store.open(store_url) as store, store.engine.begin() as conn:
        now = schema.utcnow()
        conn.execute(
            schema.Person.insert(),
            [
                {
                    "email": "ana@a.org",
                    "name": "Ana Sousa",
                    "phone": "+351215550101",
                    "role": None,
                    "created_at": now,
                    "updated_at": now,
                },
                {
                    "email": "ana@b.org",
                    "name": "Ana  Souza",
                    "phone": None,
                    "role": "Nurse",
                    "created_at": now,
                    "updated_at": now,
                },
                {
                    "email": "x@c.org",
                    "name": "Bo Li",
                    "phone": "+351215550101",
                    "role": None,
                    "created_at": now,
                    "updated_at": now,
                },
            ],
        )
        conn.execute(
            schema.Resume.insert(),
            [{"person_id": 2, "text": "Ward nurse in Porto", "keywords": "", "created_at": now}],
        )
    with Store.open(store_url) as store:
        pairs = {(d.a, d.b): d.reasons for d in store.people.duplicates()}
        assert pairs[("ana@a.org", "ana@b.org")] == ("similar name",)
        assert pairs[("ana@a.org", "x@c.org")] == ("same phone",)
        moved = store.people.merge("ana@a.org", "ana@b.org", actor="t")
        assert moved["resumes"] == 1
        record = store.people.show("ana@a.org")
        assert record.details["role"] == "Nurse" and len(record.resumes) == 1
        assert store.search.search("porto")[0].email == "ana@a.org"


def test_retention_purges_exactly_what_is_due(store_url: str, tmp_path: Path) -> None:
    with Store.open(store_url) as store:
        _run(store, store_url, tmp_path)
        with store.engine.connect() as conn:
            resumes = conn.execute(sa.select(schema.Resume.c.id, schema.Resume.c.created_at)).all()
            messages = conn.execute(
                sa.select(schema.Message.c.id).where(
                    schema.Message.c.state != "new", schema.Message.c.size > 0
                )
            ).all()
        newest = max(r.created_at for r in resumes)
        # A clock just over six months after the newest résumé: all are due; a day earlier none of them.
        early = store.purge(
            now=newest + timedelta(days=150),
            resume_months=6,
            message_months=0,
            rejected_draft_days=0,
            dry_run=True,
        )
        assert early.resume_ids == [] and early.message_ids == []
        plan = store.purge(
            now=newest + timedelta(days=190),
            resume_months=6,
            message_months=0,
            rejected_draft_days=0,
            dry_run=True,
        )
        assert plan.resume_ids == sorted(r.id for r in resumes)
        assert store.stats()["resumes"] == len(resumes)  # a dry run changes nothing
        _purge_every_message(store)
        assert store.stats()["resumes"] == len(resumes)  # 0 keeps résumés
        with store.engine.connect() as conn:
            emptied = conn.execute(sa.select(sa.func.count()).where(schema.Message.c.size == 0)).scalar_one()
            kept = conn.execute(sa.select(schema.Request.c.extraction)).scalars().all()
        assert emptied == len(messages)
        # The requester's text that drafting keeps with a request is a copy of the message: it goes with it.
        assert kept and all("reply_source" not in (e or {}) for e in kept)


def test_forgotten_mail_stays_forgotten_from_another_source(store_url: str, tmp_path: Path) -> None:
    """Invariant: the same mail, re-imported the way another source delivers it (CRLF line ends as IMAP does,
    an export's own header added), does not bring a forgotten person back; new mail from them is processed."""
    theirs = [p for p in (sample_inbox() / "cur").iterdir() if EMAIL.encode() in p.read_bytes()]
    assert theirs
    state = tmp_path / "state"
    with Store.open(store_url) as store:
        _run(store, store_url, state)
        store.people.forget(EMAIL, actor="coordinator")
        crlf, exported, fresh = tmp_path / "crlf", tmp_path / "exported", tmp_path / "fresh"
        for folder in (crlf, exported, fresh):
            folder.mkdir()
        for n, path in enumerate(theirs):
            raw = path.read_bytes()
            (crlf / f"{n}.eml").write_bytes(raw.replace(b"\n", b"\r\n"))
            (exported / f"{n}.eml").write_bytes(b"X-Export-Folder: Inbox\n" + raw)
        (fresh / "new.eml").write_bytes(
            f"From: {NAME} <{EMAIL}>\nTo: interviews@example.org\nSubject: Coffee chat?\n"
            "Message-ID: <a-new-one@example.net>\nDate: Tue, 01 Dec 2026 10:00:00 +0000\n\n"
            "Hello, could I ask you a few questions about your work? Best, Priya\n".encode()
        )
        for folder in (crlf, exported):
            _run(store, store_url, state, f"eml:{folder}")
            assert EMAIL not in _every_text(store), folder.name
        assert store.stats()["forgotten"]["skipped_messages"] == 2 * len(theirs)  # each skip counted once

        _run(store, store_url, state, f"eml:{fresh}")
        assert EMAIL in _every_text(store)  # a new message is new consent: processed as usual


def test_a_subject_line_is_searchable_until_the_message_is_purged(store_url: str, tmp_path: Path) -> None:
    """A request's subject is in its requester's search document (the topic extraction may miss what it names),
    and it leaves the index with the message when retention purges it."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.eml").write_bytes(
        b"From: Wren Alcott <wren.alcott@example.net>\nTo: interviews@example.org\n"
        b"Subject: Coffee chat about zymurgy?\nMessage-ID: <wren-1@example.net>\n"
        b"Date: Mon, 02 Nov 2026 09:00:00 +0000\n\n"
        b"Hello, could I have twenty minutes of your time for an informational interview next week?\n"
        b"Thank you, Wren Alcott\n"
    )
    with Store.open(store_url) as store:
        _run(store, store_url, tmp_path, f"eml:{folder}")
        hits = store.search.search("zymurgy")
        assert [h.email for h in hits] == ["wren.alcott@example.net"]
        assert "zymurgy" in hits[0].marked.lower()  # the snippet shows where it matched
        _purge_every_message(store)
        assert store.search.search("zymurgy") == []
        with store.engine.connect() as conn:
            assert conn.execute(sa.select(schema.Request.c.subject)).scalars().all() == [None]
            # Nor is it kept anywhere else: not in the message's trace, not with its bytes (gone).
            traces = conn.execute(sa.select(schema.Message.c.trace)).scalars().all()
            assert traces and "zymurgy" not in json.dumps(traces).lower()
            assert conn.execute(sa.select(sa.func.count()).select_from(schema.MessageRaw)).scalar() == 0


def _purge_every_message(store: Store) -> None:
    """Retention ten years on, for messages only: every processed message is due, résumés are kept."""
    store.purge(
        now=datetime.now(UTC) + timedelta(days=3650),
        resume_months=0,
        message_months=12,
        rejected_draft_days=0,
        dry_run=False,
    )
