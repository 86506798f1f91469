"""What a processed message leaves in the store — request, people, attachments, résumé — on both dialects."""

from __future__ import annotations

from hashlib import sha256
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from inboxbroker.bundled import sample_inbox
from inboxbroker.domain import Attachment, Extraction, Person
from inboxbroker.errors import OutcomeStoreError
from inboxbroker.runtime.runner import Runner, RunOptions
from inboxbroker.settings.config import parse_config
from inboxbroker.store import schema
from inboxbroker.store.ledger import Finished, Store, processed_values
from inboxbroker.store.outcomes import OutcomeRecord


def test_the_sample_mailbox_files_requests_people_and_resumes(store_url: str, tmp_path: Path) -> None:
    settings = parse_config(
        {"store": {"url": store_url}, "runtime": {"state_dir": str(tmp_path)}}, base_dir=tmp_path
    )
    with Store.open(store_url) as store:
        summary = Runner(settings, store).run(RunOptions(source=f"maildir:{sample_inbox()}"))
        assert summary.quarantined == 1 and summary.processed == 39
        stats = store.stats()
        assert stats["resumes"] == 7  # every résumé the sample README lists, found and read
        assert (
            stats["requests"] == stats["by_label"]["interview_request"] + stats["by_label"]["job_application"]
        )
        with store.engine.connect() as conn:
            request, person, resume = schema.Request, schema.Person, schema.Resume
            forwarded = conn.execute(
                sa.select(person.c.email)
                .join(request, request.c.forwarded_by_id == person.c.id)
                .where(request.c.forward_note.is_not(None))
            ).scalars()
            forwarders = set(forwarded)
            requesters = set(
                conn.execute(
                    sa.select(person.c.email).join(request, request.c.requester_id == person.c.id)
                ).scalars()
            )
            texts = list(conn.execute(sa.select(resume.c.text)).scalars())
        # Managers are recorded as forwarders, never as requesters; people are merged by email.
        assert forwarders and not forwarders & requesters
        assert stats["people"] == len(forwarders | requesters)
        assert all(len(text) > 200 for text in texts)

        # Running the same mailbox again adds nothing: outcome rows are written once per message.
        again = Runner(settings, store).run(RunOptions(source=f"maildir:{sample_inbox()}"))
        assert again.stored == 0 and store.stats()["requests"] == stats["requests"]


def test_quarantine_retry_replaces_rather_than_duplicates_outcome_rows(
    store_url: str, tmp_path: Path
) -> None:
    settings = parse_config(
        {"store": {"url": store_url}, "runtime": {"state_dir": str(tmp_path)}}, base_dir=tmp_path
    )
    with Store.open(store_url) as store:
        Runner(settings, store).run(RunOptions(source=f"maildir:{sample_inbox()}"))
        before = store.stats()
        retried = Runner(settings, store).retry(None)
        assert retried.quarantined == 1  # the malformed message is still malformed: kept, not lost
        assert store.stats()["requests"] == before["requests"]


def _raw(n: int) -> bytes:
    return f"Message-ID: <o{n}@example.org>\r\nSubject: Chat {n}\r\n\r\nHello {n}\r\n".encode()


def _record(
    requester: Person, *, attachments: tuple[Attachment, ...] = (), version: str = "v1"
) -> OutcomeRecord:
    extraction = Extraction(
        requester=requester,
        forwarded_by=None,
        forward_note="",
        topic="data science",
        referred_by=None,
        duration_minutes=30,
        format="video",
        availability=(),
        timezone=None,
        attachments=attachments,
        resume_attachment=None,
        resume=None,
    )
    return OutcomeRecord(
        label="interview_request",
        probability=0.9,
        model_version=version,
        rule_hits=(),
        request_state="new",
        extraction=extraction,
        extraction_json={"topic": "data science"},
    )


def _attachment(name: str) -> Attachment:
    content = name.encode()
    return Attachment(
        name, name, "text/plain", "text/plain", len(content), sha256(content).hexdigest(), content
    )


def _person_row(store: Store, email: str) -> sa.Row[Any]:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(schema.Person).where(schema.Person.c.email == email)).one()


def test_a_known_person_is_updated_only_where_a_message_tells_something_new(store_url: str) -> None:
    with Store.open(store_url) as store:
        ids = [store.ingest_local("eml:x", f"{n}.eml", _raw(n)).message_id for n in range(4)]
        ada = Person(name="Ada Lovelace", email="Ada@Example.org ", organization="Analytical Engines")
        first = store.mark_processed(ids[0], label="interview_request", trace={}, outcome=_record(ada))
        before = _person_row(store, "ada@example.org")

        # The same details again (and an absent phone) leave the row as it was, updated_at included.
        store.mark_processed(ids[1], label="interview_request", trace={}, outcome=_record(ada))
        assert _person_row(store, "ada@example.org") == before

        # A new detail fills its field and a different one overwrites; what the message does not say stays.
        richer = Person(name="Ada King", email="ada@example.org", phone="+442071234567")
        store.mark_processed(ids[2], label="interview_request", trace={}, outcome=_record(richer))
        after = _person_row(store, "ada@example.org")
        assert (after.id, after.name, after.phone, after.organization) == (
            before.id,
            "Ada King",
            "+442071234567",
            "Analytical Engines",
        )
        assert after.updated_at > before.updated_at and after.created_at == before.created_at

        # A further message of someone with an open request joins it.
        store.mark_processed(ids[3], label="interview_request", trace={}, outcome=_record(richer))
        with store.engine.connect() as conn:
            request = schema.Request
            rows = conn.execute(
                sa.select(request.c.message_id, request.c.state, request.c.parent_id).order_by(request.c.id)
            ).all()
        assert [tuple(r) for r in rows] == [
            (ids[0], "new", None),
            (ids[1], "joined", first),
            (ids[2], "joined", first),
            (ids[3], "joined", first),
        ]


def test_an_outcome_stored_again_replaces_the_earlier_rows(store_url: str) -> None:
    """A message done again (put back from quarantine, or redone) keeps one request and its latest attachments."""
    with Store.open(store_url) as store:
        message_id = store.ingest_local("eml:x", "1.eml", _raw(1)).message_id
        grace = Person(name="Grace Hopper", email="grace@example.org")
        old = _record(grace, attachments=(_attachment("a.txt"), _attachment("b.txt")))
        store.mark_processed(message_id, label="interview_request", trace={}, outcome=old)
        new = _record(grace, attachments=(_attachment("c.txt"),), version="v2")
        request_id = store.mark_processed(message_id, label="interview_request", trace={}, outcome=new)
        with store.engine.connect() as conn:
            request, attachment = schema.Request, schema.Attachment
            requests = conn.execute(sa.select(request.c.id, request.c.model_version, request.c.state)).all()
            names = conn.execute(sa.select(attachment.c.filename)).scalars().all()
        assert [tuple(r) for r in requests] == [(request_id, "v2", "new")]
        assert names == ["c.txt"]


def test_a_refused_outcome_in_a_group_costs_only_that_message(store_url: str) -> None:
    with Store.open(store_url) as store:
        ids = [store.ingest_local("eml:x", f"{n}.eml", _raw(n)).message_id for n in range(3)]
        people = [Person(name=None, email=f"p{n}@example.org") for n in range(3)]
        outcomes = [_record(people[0]), _record(people[1], version="bad \ud83d"), _record(people[2])]
        values = processed_values("interview_request", {})
        results = store.finish_group(
            [Finished(i, values, False, outcome) for i, outcome in zip(ids, outcomes, strict=True)]
        )
        assert isinstance(results[1], OutcomeStoreError)
        assert isinstance(results[0], int) and isinstance(results[2], int)
        assert [row.state for row in store.messages()] == ["processed", "new", "processed"]
        assert store.stats()["requests"] == 2
