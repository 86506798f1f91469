"""HTML bodies are attacker-controlled: converting them must stay linear in their size. HTML résumés go the same way."""

from __future__ import annotations

import time

import pytest

from inboxbroker.domain import Attachment
from inboxbroker.extract.documents import document_text
from inboxbroker.mail.html import html_to_text

# Each of these took from 27 s to several minutes with a tokenizer that rescanned to the end on every "<".
HOSTILE = ["<a ", '<a href="', "<!", "<?", "<", "<a href='x' ", "<!--", "<script>"]


@pytest.mark.parametrize("fragment", HOSTILE)
def test_a_flood_of_unclosed_markup_converts_in_linear_time(fragment: str) -> None:
    started = time.perf_counter()
    html_to_text(fragment * 60_000)
    # Linear work is well under a second here; quadratic work is minutes. The bound only catches the latter.
    assert time.perf_counter() - started < 10


def test_links_paragraphs_and_entities_survive() -> None:
    text = html_to_text('<p>Hello <a href="https://x.example/a">link</a></p><br>World &amp; co <!-- c -->')
    assert "Hello link <https://x.example/a>" in text
    assert "World & co" in text
    assert "<!--" not in text


def test_whitespace_runs_collapse_to_one_space_across_inline_tags() -> None:
    html = (
        "<p>Dear\u00a0\u00a0team,\n\t I <b> study </b>\u200bdata\u3000science.</p><p>\u3000</p><p>Thanks</p>"
    )
    assert html_to_text(html) == "Dear team, I study data science.\n\nThanks"


def test_an_unclosed_head_does_not_swallow_the_message() -> None:
    # Generators that open <head> and never close it are common; the body text must survive, while
    # what the head holds (title, style) stays out.
    html = (
        "<html><head><title>Offer</title><style>p {color: red}</style>\n<body><p>Can we talk on Tuesday?</p>"
    )
    assert html_to_text(html) == "Can we talk on Tuesday?"


def test_an_html_resume_is_read_by_the_same_converter_as_html_mail() -> None:
    page = (
        b"<html><head><title>CV</title><style>h1 {}</style></head><body><h1>Ana Lima</h1>"
        b'<ul><li>Python</li><li>SQL</li></ul><p><a href="https://www.linkedin.com/in/ana-lima">Profile</a></p>'
        b"</body></html>"
    )
    resume = Attachment(
        filename="cv.html",
        original_filename="cv.html",
        declared_type="text/html",
        sniffed_type="text/html",
        size=len(page),
        sha256="",
        content=page,
    )
    text = document_text(resume)
    # list items and the link target (a profile URL the extractor looks for) survive, the head does not
    assert "- Python\n- SQL" in text
    assert "Profile <https://www.linkedin.com/in/ana-lima>" in text
    assert "CV" not in text and "h1 {}" not in text
