"""Two attachments with the same bytes and different names are two attachments, on both dialects.

A sender attaches ``cv.pdf`` and, by mistake or for a second reader, ``resume-copy.pdf``: both names are
what the coordinator sees in the message, so both are kept; the résumé is read and stored once.
"""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import sqlalchemy as sa

from inboxbroker.runtime.runner import Runner, RunOptions
from inboxbroker.settings.config import parse_config
from inboxbroker.store import schema
from inboxbroker.store.ledger import Store

RESUMES = Path(__file__).parent / "fixtures" / "resumes"


def request_with_two_copies(tmp_path: Path) -> Path:
    pdf = (RESUMES / "Priya_Raman_Resume.pdf").read_bytes()
    msg = EmailMessage()
    msg["From"] = "Priya Raman <priya.raman@example.net>"
    msg["To"] = "interviews@example.org"
    msg["Subject"] = "Informational interview request"
    msg["Date"] = "Mon, 02 Nov 2026 09:00:00 +0000"
    msg.set_content(
        "Hello, I'd love 20 minutes of your time for an informational interview about data science.\n"
        "My resume is attached (twice, sorry).\n\nBest,\nPriya Raman\n"
    )
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="cv.pdf")
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename="resume-copy.pdf")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "two.eml").write_bytes(msg.as_bytes())
    return inbox


def stored_attachments(store: Store) -> tuple[list[tuple[str, bool, str]], int]:
    att, resume = schema.table_of(schema.Attachment), schema.table_of(schema.Resume)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(att.c.filename, att.c.is_resume, att.c.sha256).order_by(att.c.id)).all()
        resumes = conn.execute(sa.select(sa.func.count()).select_from(resume)).scalar_one()
    return [tuple(row) for row in rows], int(resumes)  # type: ignore[misc]


def test_identical_bytes_under_two_names_are_both_kept(store_url: str, tmp_path: Path) -> None:
    inbox = request_with_two_copies(tmp_path)
    settings = parse_config(
        {"store": {"url": store_url}, "runtime": {"state_dir": str(tmp_path)}}, base_dir=tmp_path
    )
    with Store.open(store_url) as store:
        summary = Runner(settings, store).run(RunOptions(source=f"eml:{inbox}"))
        assert (summary.processed, summary.quarantined) == (1, 0)
        rows, resumes = stored_attachments(store)
        assert [(name, is_resume) for name, is_resume, _ in rows] == [
            ("cv.pdf", True),
            ("resume-copy.pdf", False),
        ]
        assert rows[0][2] == rows[1][2]  # the same bytes
        assert resumes == 1  # read and stored once

        # Another attempt replaces the rows, it never doubles them.
        [message] = store.messages()
        store.mark_quarantined(message.id, reason="test", trace=None, action=False)
        assert Runner(settings, store).retry([message.id]).processed == 1
        assert stored_attachments(store) == (rows, resumes)
