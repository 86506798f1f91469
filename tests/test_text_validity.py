"""Text entering from mail is valid Unicode: surrogate pairs joined, lone surrogates replaced, always storable."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inboxbroker.domain import Attachment
from inboxbroker.extract import documents
from inboxbroker.extract.documents import document_text
from inboxbroker.mail.text import valid_text


def _attachment(filename: str, content_type: str, content: bytes) -> Attachment:
    return Attachment(
        filename=filename,
        original_filename=filename,
        declared_type=content_type,
        sniffed_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
    )


def _rtf(content: bytes) -> str:
    return document_text(_attachment("resume.rtf", "application/rtf", content))


def test_an_rtf_emoji_written_as_two_signed_escapes_is_the_emoji() -> None:
    # Word writes U+1F600 as its UTF-16 surrogates, each a signed 16-bit number, with a "?" fallback each.
    text = _rtf(rb"{\rtf1 Jane \u-10179?\u-8704? Doe}")
    assert text == "Jane \U0001f600 Doe"
    text.encode("utf-8")


def test_a_lone_rtf_surrogate_becomes_the_replacement_character() -> None:
    assert _rtf(rb"{\rtf1 Jane \u-10179? Doe \u-8704?}") == "Jane \ufffd Doe \ufffd"


@pytest.mark.parametrize("kind", sorted(documents._READERS))
def test_every_document_kind_leaves_with_lone_surrogates_replaced(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whatever a reader (or the library under it) lets through, document_text is the one door out.
    monkeypatch.setitem(documents._READERS, kind, lambda *_: "Jane \ud83d\ude00 Doe \udc00")
    monkeypatch.setattr(documents, "document_kind", lambda _att: kind)
    text = document_text(_attachment("resume", "application/octet-stream", b"x"))
    assert text == "Jane \U0001f600 Doe \ufffd"


def test_valid_text() -> None:
    assert valid_text("plain ascii") == "plain ascii"
    assert valid_text("Zoë \U0001f600") == "Zoë \U0001f600"
    assert valid_text("a\ud83d\ude00b") == "a\U0001f600b"
    assert valid_text("a\ud83db\ude00c\udc00\ud800") == "a\ufffdb\ufffdc\ufffd\ufffd"


_RTF_PIECES = st.sampled_from(
    [
        "Jane ",
        r"\par ",
        r"\u-10179?",
        r"\u-8704?",
        r"\u55357?",
        r"\u56832?",
        r"\u233?",
        r"\'e9",
        r"\uc0 ",
        r"\uc2 ",
        "{",
        "}",
        r"{\*\generator x}",
        "??",
        r"\~",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_RTF_PIECES, max_size=30))
def test_rtf_resume_text_is_always_storable(pieces: list[str]) -> None:
    text = _rtf(("{\\rtf1\\ansi " + "".join(pieces) + "}").encode("ascii"))
    text.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_valid_text_is_always_storable_and_leaves_valid_text_alone(text: str) -> None:
    fixed = valid_text(text)
    fixed.encode("utf-8")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return
    assert fixed == text
