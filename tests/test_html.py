"""HTML bodies are attacker-controlled: converting them must stay linear in their size. HTML résumés go the same way."""

from __future__ import annotations

import time

import pytest

from inboxbroker.domain import Attachment
from inboxbroker.extract.documents import document_text
from inboxbroker.mail.html_text import html_to_text

# Each of these took from 27 s to several minutes with a tokenizer that rescanned to the end on every "<".
HOSTILE = ["<a ", '<a href="', "<!", "<?", "<", "<a href='x' ", "<!--", "<script>"]


def _cpu(fragment: str, count: int) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        html_to_text(fragment * count)
        best = min(best, time.process_time() - started)
    return best


@pytest.mark.parametrize("fragment", HOSTILE)
def test_a_flood_of_unclosed_markup_converts_in_linear_time(fragment: str) -> None:
    # Four times the markup may cost about four times the work; quadratic work would cost sixteen times.
    small, large = _cpu(fragment, 15_000), _cpu(fragment, 60_000)
    assert large < 10 * max(small, 0.005), f"15,000 → 60,000 repeats: {small:.3f} s → {large:.3f} s"


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
