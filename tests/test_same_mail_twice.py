"""The same mail from two sources is one request: an IMAP mailbox and a Maildir copy of it, or an export.

Invariant: the second copy is stored (DESIGN keeps bytes per mailbox) and processed, but joins the first
copy's request instead of becoming a request of its own, so nobody is answered twice.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from inboxbroker.bundled import sample_inbox
from inboxbroker.runtime.runner import Runner, RunOptions
from inboxbroker.settings.config import parse_config
from inboxbroker.store import schema
from inboxbroker.store.ledger import Store
from test_drafting import NOW


def _run(store: Store, store_url: str, home: Path, source: str) -> None:
    settings = parse_config(
        {
            "store": {"url": store_url},
            "runtime": {"state_dir": str(home)},
            "drafting": {"from": "Interview Programme <interviews@example.org>"},
            "interviewers": [
                {
                    "name": "Rachel Kim",
                    "email": "rachel.kim@example.org",
                    "topics": ["data science", "data engineering", "product", "software engineering"],
                    "timezone": "America/Los_Angeles",
                    "working_hours": "Mon-Fri 09:00-17:00",
                    "capacity_per_month": 100,
                }
            ],
        },
        base_dir=home,
    )
    Runner(settings, store, clock=lambda: NOW).run(RunOptions(source=source))


def _counts(store: Store) -> tuple[int, int, int]:
    with store.engine.connect() as conn:
        messages = conn.execute(sa.select(sa.func.count()).select_from(schema.Message)).scalar_one()
        roots = conn.execute(
            sa.select(sa.func.count()).select_from(schema.Request).where(schema.Request.c.parent_id.is_(None))
        ).scalar_one()
        drafts = conn.execute(sa.select(sa.func.count()).select_from(schema.Draft)).scalar_one()
    return messages, roots, drafts


def test_a_copy_from_another_source_joins_the_first_request(store_url: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    copy.mkdir()
    mail = [p for folder in ("cur", "new") for p in sorted((sample_inbox() / folder).iterdir())]
    for n, path in enumerate(mail):
        (copy / f"{n}.eml").write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))  # as IMAP hands it over
    with Store.open(store_url) as store:
        _run(store, store_url, tmp_path, f"maildir:{sample_inbox()}")
        messages, roots, drafts = _counts(store)
        assert roots and drafts

        _run(store, store_url, tmp_path, f"eml:{copy}")
        again = _counts(store)
        assert again[0] == 2 * messages  # every copy stored: bytes are kept per source
        assert again[1:] == (roots, drafts)  # no new request, no second reply
        with store.engine.connect() as conn:
            r, m = schema.Request.c, schema.Message.c
            states = conn.execute(
                sa.select(r.state)
                .select_from(schema.Request.join(schema.Message, m.id == r.message_id))
                .where(m.source_key.like("%.eml"))
            ).scalars()
            assert set(states) <= {"joined"}
