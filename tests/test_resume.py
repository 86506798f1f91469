"""Résumé detection, document text and field parsing (extract/resume.py, extract/documents.py).

Fixtures in tests/fixtures/resumes/ come from scripts/make_resumes.py; each has an ``.expected.json``
written by hand in that script. The corpus sweep feeds every attachment of the shared robustness corpus
through detection and extraction: nothing may raise except ExtractionLimitError, nothing may hang.
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import hashlib
import io
import json
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.support.corpus import corpus_dir

from inboxbroker.bundled import sample_inbox
from inboxbroker.domain import Attachment, Message
from inboxbroker.errors import ExtractionLimitError
from inboxbroker.extract.documents import document_kind
from inboxbroker.extract.resume import detect_resume, document_text, find_skills, parse_resume

FIXTURES = Path(__file__).parent / "fixtures" / "resumes"


def attachment(
    name: str, content: bytes, declared: str = "application/octet-stream", sniffed: str = ""
) -> Attachment:
    return Attachment(
        filename=name,
        original_filename=name,
        declared_type=declared,
        sniffed_type=sniffed,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
    )


def fixture(name: str) -> Attachment:
    return attachment(name, (FIXTURES / name).read_bytes())


def expectations() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(FIXTURES.glob("*.expected.json"))]


RESUMES = [e for e in expectations() if e["is_resume"]]
OTHERS = [e for e in expectations() if not e["is_resume"]]


# --- detection ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("expected", RESUMES, ids=lambda e: e["filename"])
def test_each_resume_is_detected_alone(expected: dict[str, Any]) -> None:
    att = fixture(expected["filename"])
    assert detect_resume([att]) is att


@pytest.mark.parametrize("expected", OTHERS, ids=lambda e: e["filename"])
def test_other_documents_are_not_resumes(expected: dict[str, Any]) -> None:
    assert detect_resume([fixture(expected["filename"])]) is None


def test_resume_is_chosen_among_cover_letter_portfolio_and_image() -> None:
    cv = fixture("Marcus Oyelaran CV.docx")
    others = [
        fixture("Cover Letter - Marcus Oyelaran.docx"),
        fixture("marcus-work.pdf"),
        attachment("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 200, "image/jpeg", "image/jpeg"),
    ]
    assert detect_resume([*others, cv], body_hint="My CV and cover letter are attached.") is cv


def test_a_resume_named_document_pdf_is_found_by_its_content() -> None:
    att = fixture("document.pdf")
    assert detect_resume([fixture("scan_0117.pdf"), att]) is att


def test_a_resume_named_file_that_is_an_image_is_not_a_resume() -> None:
    png = attachment("resume.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "application/pdf", "image/png")
    assert detect_resume([png]) is None


def test_no_attachments_means_no_resume() -> None:
    assert detect_resume([]) is None


# --- text extraction per format ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "snippet"),
    [
        ("Priya_Raman_Resume.pdf", "pdf", "Cascadia Freight Co."),
        ("Marcus Oyelaran CV.docx", "docx", "Brightloom Studios"),
        ("Lebenslauf_Lena_Hoffmann.odt", "odt", "Spreewald Systems GmbH"),
        ("diego-alvarez-resume.rtf", "rtf", "Diego Álvarez"),
        ("amara-okafor-resume.html", "html", "Lakeview Memorial Hospital"),
    ],
)
def test_document_text_reads_each_format(name: str, kind: str, snippet: str) -> None:
    att = fixture(name)
    assert document_kind(att) == kind
    text = document_text(att)
    assert snippet in text
    assert "not text" not in text  # scripts, styles and RTF font tables are not body text


def test_docx_page_header_is_read_before_the_body() -> None:
    text = document_text(fixture("Marcus Oyelaran CV.docx"))
    assert text.index("marcus.oyelaran@example.org") < text.index("Brightloom")


def test_plain_text_and_unknown_types() -> None:
    assert (
        document_text(attachment("cv.txt", "Ana Ruiz\nPython".encode("utf-16"), "text/plain"))
        == "Ana Ruiz\nPython"
    )
    assert document_text(attachment("x.bin", b"\x00\x01\x02", "application/octet-stream")) == ""
    # A PDF in name and Content-Type only is not read as text.
    assert document_text(attachment("cv.pdf", b"not a pdf at all", "application/pdf")) == ""


# --- fields ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("expected", RESUMES, ids=lambda e: e["filename"])
def test_fields_match_expected(expected: dict[str, Any]) -> None:
    info = parse_resume(document_text(fixture(expected["filename"])))
    assert info.name == expected["name"]
    assert info.email == expected["email"]
    assert info.phone == expected["phone"]
    assert list(info.education) == expected["education"]
    assert list(info.experience) == expected["experience"]
    assert set(info.skills) == set(expected["skills"])


def test_skill_aliases_and_ambiguous_words() -> None:
    assert find_skills("Built it in js and k8s with C++ and C#; ran on AWS.") == (
        "JavaScript",
        "Kubernetes",
        "C++",
        "C#",
        "Amazon Web Services",
    )
    # "Go" and "R" count only inside a Skills section, and only as written.
    assert find_skills("Ready to go, R&D minded", "") == ()
    assert set(find_skills("x", "Go, R, Excel")) == {"Go", "R", "Excel"}


def test_absent_fields_are_none_not_guessed() -> None:
    info = parse_resume("just some words about nothing in particular")
    assert (info.name, info.email, info.phone) == (None, None, None)
    assert info.education == () and info.experience == ()


# --- limits ------------------------------------------------------------------------------------------------


def _docx_with(document_xml: bytes, *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=method) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", document_xml)
    return out.getvalue()


def test_zip_bomb_docx_is_refused_before_inflating() -> None:
    body = b'<w:document xmlns:w="urn:w"><w:body><w:p><w:r><w:t>' + b" " * (40 * 1024 * 1024)
    bomb = _docx_with(body + b"</w:t></w:r></w:p></w:body></w:document>")
    assert len(bomb) < 100_000
    with pytest.raises(ExtractionLimitError, match="inflate"):
        document_text(attachment("cv.docx", bomb))


def test_high_ratio_docx_under_the_size_cap_is_refused() -> None:
    body = b'<w:document xmlns:w="urn:w"><w:body><w:p><w:r><w:t>' + b"a" * (3 * 1024 * 1024)
    bomb = _docx_with(body + b"</w:t></w:r></w:p></w:body></w:document>")
    with pytest.raises(ExtractionLimitError, match="zip bomb"):
        document_text(attachment("cv.docx", bomb))


def test_docx_with_entity_declarations_is_refused() -> None:
    xml = b'<!DOCTYPE d [<!ENTITY a "aaaa">]><w:document xmlns:w="urn:w"><w:t>&a;</w:t></w:document>'
    with pytest.raises(ExtractionLimitError, match="DTD"):
        document_text(attachment("cv.docx", _docx_with(xml)))


def test_oversized_file_is_refused() -> None:
    att = attachment("cv.txt", b"x" * 2048, "text/plain")
    with pytest.raises(ExtractionLimitError, match="over the 1024-byte limit"):
        document_text(att, max_bytes=1024)


def test_pdf_with_too_many_pages_is_refused() -> None:
    with pytest.raises(ExtractionLimitError, match="30 pages"):
        document_text(fixture("thirty_pages.pdf"), max_pages=20)
    assert "Appendix page 30" in document_text(fixture("thirty_pages.pdf"), max_pages=30)


def _one_page_pdf(stream: bytes) -> bytes:
    """A one-page PDF whose content stream is Flate-compressed (so a huge page is a small file)."""
    packed = zlib.compress(stream, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_page_with_megabytes_of_operators_is_refused_quickly() -> None:
    ops = b"BT /F1 9 Tf 10 10 Td " + b"(word word word word) Tj T* " * 250_000 + b"ET"
    pdf = _one_page_pdf(ops)
    assert len(pdf) < 100_000  # small on the wire, 7 MB of operators once inflated
    started = time.monotonic()
    with pytest.raises(ExtractionLimitError, match="page 1 has"):
        document_text(attachment("cv.pdf", pdf))
    assert time.monotonic() - started < 2.0
    assert "hello" in document_text(
        attachment("cv.pdf", _one_page_pdf(b"BT /F1 9 Tf 10 10 Td (hello) Tj ET"))
    )


def test_time_limit_is_enforced() -> None:
    with pytest.raises(ExtractionLimitError, match="time limit"):
        document_text(fixture("Priya_Raman_Resume.pdf"), timeout_seconds=-1)


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        b"%PDF-1.7\n" + bytes(range(256)) * 20,
        b"PK\x03\x04" + b"\x00" * 60,
        b"{\\rtf1 {{{{{{ unbalanced \\'zz \\u99999999999 text",
    ],
    ids=["pdf-no-pages", "pdf-garbage", "zip-truncated", "rtf-broken"],
)
def test_damaged_documents_fail_cleanly(content: bytes) -> None:
    try:
        document_text(attachment("cv.bin", content))
    except ExtractionLimitError as exc:
        assert str(exc).startswith("cv.bin: ")


def test_importing_the_core_loads_no_document_library() -> None:
    import subprocess
    import sys

    code = "import sys, inboxbroker.extract.resume; print([m for m in ('pypdf', 'docx') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- the shared robustness corpus --------------------------------------------------------------------------


def _all_attachments(message: Message) -> Iterator[Attachment]:
    yield from message.attachments
    for inner in message.embedded:
        yield from _all_attachments(inner)


def _parsed(raw: bytes) -> list[Attachment]:
    try:
        from inboxbroker.mail.parse import parse_message
    except ImportError:  # before mail/parse.py lands: the standard library's view of the parts
        parsed = email.message_from_bytes(raw, policy=email.policy.compat32)
        return [
            attachment(
                part.get_filename() or "part", part.get_payload(decode=True) or b"", part.get_content_type()
            )
            for part in parsed.walk()
            if not part.is_multipart() and isinstance(part.get_payload(decode=True), bytes)
        ]
    return list(_all_attachments(parse_message(raw)))


@pytest.mark.slow
def test_every_robustness_attachment_goes_through_without_escaping_or_hanging() -> None:
    files = sorted(p for p in corpus_dir("robustness").rglob("*") if p.is_file())
    started = time.monotonic()
    seen = 0
    for path in files:
        atts = _parsed(path.read_bytes())
        if not atts:
            continue
        detect_resume(atts)  # must not raise at all
        for att in atts:
            seen += 1
            t0 = time.monotonic()
            with contextlib.suppress(ExtractionLimitError):  # a clean refusal is fine; anything else is not
                document_text(att, timeout_seconds=2.0)
            assert time.monotonic() - t0 < 4.0, f"{path.name}/{att.filename} took too long"
    assert seen > 100
    assert time.monotonic() - started < 60


@settings(max_examples=60, deadline=None)
@given(
    prefix=st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"{\\rtf1 ", b"<html><body>", b""]),
    rest=st.binary(),
)
def test_arbitrary_bytes_raise_nothing_but_extraction_limit_error(prefix: bytes, rest: bytes) -> None:
    with contextlib.suppress(ExtractionLimitError):
        document_text(attachment("cv.bin", prefix + rest), timeout_seconds=2.0)
    detect_resume([attachment("resume.pdf", prefix + rest, "application/pdf")])


# --- the sample inbox -----------------------------------------------------------------------------------

SAMPLE_INBOX = sample_inbox()
SAMPLE_RESUMES = {
    "M02": "Priya_Raman_Resume.pdf",
    "M03": "Marcus Oyelaran CV.docx",
    "M04": "document.pdf",
    "M05": "Lebenslauf_Lena_Hoffmann.odt",
    "M06": "diego-alvarez-resume.rtf",  # inside an attached message/rfc822 forward
    "M07": "amara-okafor-resume.html",
    "M39": "Priya_Raman_Resume.pdf",
}


def test_sample_inbox_resumes_are_found_and_nothing_else() -> None:
    from inboxbroker.mail.parse import parse_message

    found = {}
    for path in sorted(SAMPLE_INBOX.glob("*/[0-9]*")):
        message = parse_message(path.read_bytes())
        resume = detect_resume(list(_all_attachments(message)), body_hint=message.text)
        if resume is not None:
            found[path.name.split(".")[1][:3]] = resume.filename
    assert found == SAMPLE_RESUMES
