"""parse_message: fixtures that each show one thing, the whole corpus, and random bytes (never raises)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inboxbroker.mail.html_text import html_to_text
from inboxbroker.mail.parse import decode_header_value, parse_message
from inboxbroker.mail.sniff import sanitize_filename, sniff_type
from support.corpus import corpus_dir

FIXTURES = Path(__file__).parent / "fixtures" / "parse"


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_rfc2047_headers_addresses_date_and_ids() -> None:
    msg = parse_message(load("rfc2047_subject_iso8859.eml"))
    assert msg.subject == "Anfrage für ein Informationsgespräch"
    assert msg.from_ is not None
    assert (msg.from_.name, msg.from_.email) == ("Jörg Müller", "joerg.mueller@example.de")
    assert [(a.name, a.email) for a in msg.to] == [
        ("Interviews, Team", "interviews@example.org"),
        ("", "second@example.org"),
    ]
    assert msg.cc[0].name == "Élodie Dupont"
    assert msg.date is not None and msg.date.utcoffset() is not None
    assert msg.date.isoformat() == "2026-03-03T09:15:00+01:00"
    assert msg.message_id == "<abc123@mail.example.de>"
    assert msg.in_reply_to == "<parent@example.org>"
    assert msg.references == ("<root@example.org>", "<parent@example.org>")
    assert msg.text.startswith("Guten Tag, ich würde gern")
    assert msg.header("subject") == msg.subject
    assert msg.defects == ()


def test_html_only_mail_becomes_readable_text() -> None:
    msg = parse_message(load("html_only.eml"))
    assert msg.html is not None and "<p>" in msg.html
    assert "not text" not in msg.text and "color" not in msg.text
    assert "Hello,\n\nI would love a 20 minute call.\nThursday works." in msg.text
    assert "- Portfolio: my work <https://ana.example.com/work>" in msg.text
    assert "- Email: ana@example.com\n" in msg.text  # a mailto link whose text is the address is not doubled
    assert msg.text.endswith("Thanks & regards,\nAna")


def test_plain_alternative_is_preferred_and_inline_image_kept() -> None:
    msg = parse_message(load("inline_image_related.eml"))
    assert msg.text == "Plain version."
    [logo] = msg.attachments
    assert (logo.sniffed_type, logo.inline, logo.filename) == ("image/gif", True, "attachment-1.gif")


@pytest.mark.parametrize("name", ["base64_rfc822_part.eml", "eml_as_octet_stream.eml"])
def test_attached_message_is_parsed_into_embedded(name: str) -> None:
    msg = parse_message(load(name))
    [inner] = msg.embedded
    assert inner.subject == "Informational interview request"
    assert inner.from_ is not None and inner.from_.email == "orig@example.net"
    assert inner.text.strip() == "Could we talk about your team?"
    assert msg.attachments == ()


def test_max_depth_keeps_deeper_messages_as_attachments() -> None:
    msg = parse_message(load("base64_rfc822_part.eml"), max_depth=0)
    assert msg.embedded == ()
    assert msg.attachments[0].sniffed_type == "message/rfc822"
    assert any("max" in d or "deeper" in d for d in msg.defects)


def test_evil_filenames_are_sanitised_and_types_sniffed() -> None:
    msg = parse_message(load("evil_filename.eml"))
    names = [a.filename for a in msg.attachments]
    assert names[0].startswith("passwd")
    assert names[2] == "attachment-3.pdf"
    for attachment in msg.attachments:
        assert "/" not in attachment.filename and "\\" not in attachment.filename
        assert not attachment.filename.startswith(".")
        assert all(ord(ch) >= 32 and ch != "\u202e" for ch in attachment.filename)
        assert attachment.sniffed_type == "application/pdf"
        assert attachment.sha256 == hashlib.sha256(attachment.content).hexdigest()
        assert attachment.size == len(attachment.content)
    assert msg.attachments[0].declared_type == "application/msword"
    assert msg.attachments[0].original_filename.startswith("../../etc/passwd")


def test_oversized_attachment_keeps_size_and_hash_but_no_content() -> None:
    msg = parse_message(load("evil_filename.eml"), max_attachment_bytes=10)
    assert all(a.content == b"" and a.size == 43 for a in msg.attachments)
    assert sum("exceeds" in d for d in msg.defects) == 3


def test_unknown_charsets_fall_back_and_become_defects() -> None:
    msg = parse_message(load("bad_charset.eml"))
    assert msg.text.startswith("Hej, jag heter Björn")
    assert msg.from_ is not None and msg.from_.name == "Bj\u00f6rn"
    assert msg.subject.startswith("Hej and ")
    assert any("x-no-such-charset" in d for d in msg.defects)


def test_raw_8bit_headers_and_naive_date() -> None:
    msg = parse_message(load("eight_bit_headers_latin1.eml"))
    assert msg.subject == "Café et discussion"
    assert msg.from_ is not None and msg.from_.email == "francois@example.fr"
    assert msg.from_.name == "François Pérez"
    assert msg.text.startswith("Je voudrais parler café")
    assert msg.date is None
    assert any(d.startswith("date: no time zone") for d in msg.defects)


def test_broken_headers_are_defects_not_exceptions() -> None:
    msg = parse_message(load("broken_headers.eml"))
    assert msg.date is None
    assert msg.message_id == "<no-brackets@example.org>"
    assert msg.to == ()
    assert "body without boundary" in msg.text
    assert any(d.startswith("date: unparseable") for d in msg.defects)


def test_decode_header_value_keeps_undecodable_words() -> None:
    assert decode_header_value("=?utf-8?q?a?= =?utf-8?q?b?=") == "ab"
    assert decode_header_value("x =?bogus?B?!!!?= y") == "x =?bogus?B?!!!?= y"
    assert decode_header_value("=?base64?q?x?=") == "x"  # a bytes codec is no charset


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"%PDF-1.7\n", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0", "image/jpeg"),
        (b"GIF89a", "image/gif"),
        (b"{\\rtf1\\ansi", "application/rtf"),
        (b"\x78\x9f\x3e\x22\x00", "application/ms-tnef"),
        (b"PK\x03\x04....[Content_Types].xml....word/document.xml", ""),
        (b"<!DOCTYPE html><html>", "text/html"),
        (b"From: a@b\r\nSubject: x\r\n\r\nbody", "message/rfc822"),
        (b"just some words\n", "text/plain"),
        (b"\x00\x01\x02\x03", "application/octet-stream"),
    ],
)
def test_sniff_type(data: bytes, expected: str) -> None:
    if not expected:
        expected = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert sniff_type(data) == expected


def test_sniff_odt() -> None:
    odt = b"PK\x03\x04" + b"\x00" * 26 + b"mimetypeapplication/vnd.oasis.opendocument.textPK"
    assert sniff_type(odt) == "application/vnd.oasis.opendocument.text"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\cv.pdf", "cv.pdf"),
        ("...", "attachment-7.pdf"),
        (None, "attachment-7.pdf"),
        ("CON.txt", "_CON.txt"),
        ("a" * 300 + ".docx", "a" * 115 + ".docx"),
        ("bad\x00name\r\n.pdf", "bad name .pdf"),
    ],
)
def test_sanitize_filename(name: str | None, expected: str) -> None:
    assert sanitize_filename(name, 7, "application/pdf") == expected


def test_html_to_text_survives_garbage() -> None:
    assert html_to_text("<a href='x'>unclosed <b><p").startswith("unclosed")
    assert html_to_text("<script>never closed") == ""
    assert html_to_text("a<br>b") == "a\nb"


@pytest.mark.slow
def test_every_corpus_message_parses() -> None:
    files = [
        path
        for folder in ("robustness", "spamassassin")
        for path in sorted(corpus_dir(folder).rglob("*"))
        if path.is_file()
    ]
    for path in files:
        msg = parse_message(path.read_bytes())
        assert isinstance(msg.text, str)
    assert len(files) > 6000  # its speed is bench.parse_unwrap's to measure, not a test's


SEEDS = sorted(FIXTURES.glob("*.eml"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4096))
def test_random_bytes_never_raise(raw: bytes) -> None:
    parse_message(raw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(SEEDS),
    st.lists(st.tuples(st.integers(0, 1 << 16), st.binary(min_size=0, max_size=8)), max_size=8),
    st.integers(0, 1 << 16),
)
def test_mutated_fixtures_never_raise(seed: Path, edits: list[tuple[int, bytes]], cut: int) -> None:
    data = bytearray(seed.read_bytes())
    for position, junk in edits:
        at = position % (len(data) + 1)
        data[at : at + len(junk)] = junk
    raw = bytes(data[: max(cut, len(data) // 2)])
    msg = parse_message(raw, max_attachment_bytes=16, max_depth=1)
    assert isinstance(msg.defects, tuple)


@pytest.mark.parametrize(
    "raw",
    [
        b'Content-Type: multipart/mixed; boundary="b"\n\n' + b"--b\n\nx\n" * 20_000 + b"--b--\n",
        b'Content-Type: multipart/mixed; boundary="b"\n\n--b\n\n' + b"x--b " * 50_000 + b"\n--b--\n",
        b"X-A: b\n" * 20_000 + b"\nbody\n",
        b"Subject: x\n" + b" \n" * 50_000 + b"\nbody",
        b"Subject: " + b"y" * 1_000_000 + b"\n\nbody",
    ],
    ids=["many parts", "boundary repeated mid-line", "many headers", "many continuation lines", "long line"],
)
def test_hostile_sizes_still_parse(raw: bytes) -> None:
    # The stdlib parser reads each of these in one pass (a quadratic step would hang the suite here).
    msg = parse_message(raw)
    assert msg.headers
    assert not any(d.startswith("parser failure") for d in msg.defects)


ENCODED_NAME = b"=?utf-8?q?Bob_attacker@evil.example?= <bob@example.net>"


def test_an_encoded_display_name_cannot_replace_the_sender() -> None:
    # The "@" sits inside an encoded word: text of the display name (RFC 2047 §5), never an address.
    raw = (
        b"From: "
        + ENCODED_NAME
        + b"\nTo: =?utf-8?q?Team,_Interviews?= <interviews@example.org>, "
        + ENCODED_NAME
        + b"\nCc: x@example.org, "
        + ENCODED_NAME
        + b"\nSubject: hello\n\nbody\n"
    )
    msg = parse_message(raw)
    bob = ("Bob attacker@evil.example", "bob@example.net")
    assert msg.from_ is not None and (msg.from_.name, msg.from_.email) == bob
    assert [(a.name, a.email) for a in msg.to] == [("Team, Interviews", "interviews@example.org"), bob]
    assert [(a.name, a.email) for a in msg.cc] == [("", "x@example.org"), bob]
    assert msg.defects == ()


def _utf7_surrogate() -> bytes:
    # UTF-7 can spell half of a surrogate pair: decoding it strictly yields a lone surrogate.
    return b"+2D0-"


def test_decoded_headers_and_bodies_are_valid_unicode() -> None:
    raw = (
        b"From: Zo\xff <zoe@example.org>\nTo: a@example.org\n"
        b"Subject: =?utf-8?b?/w==?= and =?utf-7?q?" + _utf7_surrogate() + b"?= \xff\n"
        b"X-Note: =?utf-7?b?" + b"KzJEMC0=" + b"?=\n"
        b"Content-Type: multipart/mixed; boundary=b\n\n--b\n"
        b"Content-Type: text/plain; charset=x-bogus\n\nraw \xff\xfe bytes\n--b\n"
        b"Content-Type: text/plain; charset=utf-7\n\nhalf " + _utf7_surrogate() + b" pair\n--b\n"
        b"Content-Type: application/octet-stream\n"
        b"Content-Disposition: attachment; filename*=utf-7''" + _utf7_surrogate() + b".txt\n\nx\n--b--\n"
    )
    msg = parse_message(raw)
    fields = [
        msg.subject,
        msg.text,
        *(value for pair in msg.headers for value in pair),
        *(a.filename for a in msg.attachments),
        *(a.original_filename for a in msg.attachments),
        *msg.defects,
    ]
    assert msg.from_ is not None
    fields += [msg.from_.name, msg.from_.email]
    for value in fields:
        value.encode("utf-8")  # raises on a lone surrogate
    assert "\ufffd" in msg.subject and "half \ufffd pair" in msg.text


def nested_multiparts(depth: int) -> bytes:
    head = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (i, i) for i in range(depth)
    )
    tail = b"".join(b"\n--b%d--\n" % i for i in reversed(range(depth)))
    return b"From: a@example.org\nSubject: deep\n" + head + b"Content-Type: text/plain\n\ninside\n" + tail


def test_deep_mime_nesting_is_named_as_such() -> None:
    # Deeper than the walk reads: headers kept, the reason said.
    msg = parse_message(nested_multiparts(60))
    assert msg.subject == "deep" and msg.text == ""
    assert msg.defects[-1] == "MIME nesting deeper than 50 levels; the parts below were not read"
    # Deeper than the stdlib parser can follow: nothing is read, and the defect says why.
    msg = parse_message(nested_multiparts(5_000))
    assert msg.headers == ()
    assert msg.defects[-1].startswith("MIME nesting deeper than the parser's recursion limit")
