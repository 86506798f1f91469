"""A résumé refused for a limit says so in the message's trace: which limit, and the figures.

The documents are real: a DOCX whose one member inflates 40 MB from 40 kB, and a PDF of 60 pages made by
scripts/make_resumes.py. Without the note a coordinator would see a request with an attachment and no
résumé, and no way to tell why.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from email.message import EmailMessage
from pathlib import Path

from scripts.make_resumes import minimal_pdf

from inboxbroker.pipeline import Pipeline, PipelineOptions

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_bomb() -> bytes:
    body = b'<w:document xmlns:w="urn:w"><w:body><w:p><w:r><w:t>' + b" " * (40 << 20)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", body + b"</w:t></w:r></w:p></w:body></w:document>")
    return out.getvalue()


def long_pdf(pages: int) -> bytes:
    return minimal_pdf(
        [
            ["Dara Okafor", "dara@example.net", "# Experience", f"Data analyst, page {n + 1}"]
            for n in range(pages)
        ]
    )


def request_with(name: str, content: bytes, content_type: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Dara Okafor <dara@example.net>"
    msg["To"] = "interviews@example.org"
    msg["Subject"] = "Informational interview request"
    msg["Date"] = "Mon, 02 Nov 2026 09:00:00 +0000"
    msg["Message-ID"] = f"<{name}@example.net>"
    msg.set_content(
        "Hello, I'd love 20 minutes of your time for an informational interview about data science.\n"
        "My resume is attached.\n\nBest,\nDara Okafor\n"
    )
    maintype, subtype = content_type.split("/")
    msg.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def notes_of(raw: bytes, **options: int) -> tuple[list[str], list[dict[str, object]]]:
    outcome = Pipeline(PipelineOptions(**options)).process(raw, extract=True)  # type: ignore[arg-type]
    assert outcome.quarantine_reason is None
    extract = json.loads(json.dumps(outcome.trace))["extract"]  # as stored: JSON
    return extract["notes"], extract["attachments"]


def test_a_docx_zip_bomb_leaves_its_reason_in_the_trace() -> None:
    notes, attachments = notes_of(request_with("cv.docx", docx_bomb(), DOCX))
    assert len(notes) == 1
    assert notes[0].startswith("résumé not read: zip bomb (cv.docx: zip would inflate to ")
    assert "over the 20971520-byte limit" in notes[0]
    assert attachments == [
        {"filename": "cv.docx", "content_type": DOCX, "size": attachments[0]["size"], "is_resume": True}
    ]


def test_a_pdf_over_the_page_limit_leaves_its_reason_in_the_trace() -> None:
    notes, _ = notes_of(request_with("cv.pdf", long_pdf(60), "application/pdf"), max_resume_pages=50)
    assert notes == ["résumé not read: page limit (cv.pdf: PDF has 60 pages, over the 50-page limit)"]


def test_a_pdf_within_the_configured_limit_is_read_though_detection_reads_fewer_pages() -> None:
    outcome = Pipeline(PipelineOptions(max_resume_pages=50)).process(
        request_with("cv.pdf", long_pdf(20), "application/pdf"), extract=True
    )
    assert outcome.extraction is not None and outcome.extraction.resume is not None
    assert "Data analyst, page 20" in outcome.extraction.resume.text
    assert outcome.trace["extract"]["notes"] == []


def test_the_reason_is_stored_with_the_message(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bomb.eml").write_bytes(request_with("cv.docx", docx_bomb(), DOCX))
    config = tmp_path / "inboxbroker.toml"
    config.write_text(
        f'[store]\nurl = "sqlite:///{tmp_path / "ledger.sqlite3"}"\n[runtime]\nstate_dir = "{tmp_path}"\n'
    )
    env = {k: v for k, v in os.environ.items() if k != "INBOXBROKER_CONFIG"}
    result = subprocess.run(
        [sys.executable, "-m", "inboxbroker", "--config", str(config), "run", "--source", f"eml:{inbox}"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(tmp_path / "ledger.sqlite3") as conn:
        [(trace,)] = conn.execute("SELECT trace FROM message").fetchall()
    notes = json.loads(trace)["extract"]["notes"]
    assert any(note.startswith("résumé not read: zip bomb (cv.docx: ") for note in notes)
