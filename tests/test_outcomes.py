"""What a processed message leaves in the store — request, people, attachments, résumé — on both dialects."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from inboxbroker.bundled import sample_inbox
from inboxbroker.runtime.runner import Runner, RunOptions
from inboxbroker.settings.config import parse_config
from inboxbroker.store import schema
from inboxbroker.store.ledger import Store


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
