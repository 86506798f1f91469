"""HTML mail bodies → readable plain text (paragraphs, line breaks, list items and link URLs kept).

A single-pass regex tokenizer over the markup plus ``html.unescape``: no dependency, no I/O, linear
time on hostile markup, and several times faster than ``html.parser``. Measured against lxml (libxml2's
HTML parser) on the 1,390 HTML bodies of the shared corpus: 1.12x faster, the same text (modulo
whitespace) for 1,065, and where they differ this one keeps what follows ``</html>`` (list footers,
appended notes), which libxml2 drops. Script, style and title content (so what a head holds) is dropped.
The output is data for the rules, the classifier and the extractor, never HTML that anyone renders.
"""

from __future__ import annotations

import re
from html import unescape

__all__ = ["html_to_text"]

MAX_HTML_CHARS = 5_000_000  # bound the work on pathological bodies

_BLOCK = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "header",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "address",
        "center",
        "form",
        "fieldset",
        "hr",
        "li",
        "tbody",
        "thead",
        "tfoot",
    }
)
_PARAGRAPH = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre"})
_EMITTING = _BLOCK | {"br", "li", "td", "th", "a"}
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")
_BLANKS = re.compile(r"\n{3,}")
_TAGS = re.compile(r"<[^<>]*>")


# One pass over the markup: a dropped element with its content, a comment/doctype/CDATA, or a tag.
# <head> is not dropped as a unit: mail generators often open it and never close it, and what it holds
# (title, style, script) is dropped element by element anyway.
# Each alternative is linear (lazy .*? up to a literal close; the attribute runs are possessive, and a
# quote can only be crossed by the quoted alternative, so giving runs back could never match), so hostile
# markup cannot make it backtrack. A failed tag attempt stops at the next "<" and quoted values are capped,
# so a flood of unclosed tags ("<a <a <a…", '<a href="…') costs linear, not quadratic, time.
_TOKEN = re.compile(
    r"<(script|style|title|template|noscript|svg|object|iframe)\b.*?(?:</\1\s*>|\Z)"
    r"|<!--.*?(?:-->|\Z)"
    r"|<![^<>]*>|<\?[^<>]*>"
    r"|<(/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^<>\"']+|\"[^\"]{0,2048}\"|'[^']{0,2048}')*+)>",
    re.DOTALL | re.IGNORECASE,
)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def _link_suffix(href: str, label: str) -> str:
    href = unescape(href).strip()
    if not href or href.startswith(("#", "javascript:", "data:", "cid:")):
        return ""
    shown = href[7:] if href.lower().startswith("mailto:") else href
    label = " ".join(label.split()).lower()
    # Gmail writes <a href="mailto:x">x</a>: repeating the address would only add noise.
    if not shown or shown.split("?", 1)[0].lower() in label:
        return ""
    return f" <{shown}>"


def _collapse(chunk: str) -> str:
    """Every run of whitespace as one space, the ends included (a run between two tags stays a space).

    ``str.split`` finds the runs in C, three times faster than a regex substitution; the zero-width space
    it does not count as whitespace is made a space first.
    """
    if "\u200b" in chunk:
        chunk = chunk.replace("\u200b", " ")
    if chunk.isspace():
        return " "
    words = " ".join(chunk.split())
    if chunk[0].isspace():
        words = " " + words
    return words + " " if chunk[-1].isspace() else words


def _convert(html: str) -> str:
    out: list[str] = []
    append = out.append
    links: list[tuple[str, int]] = []  # (href, len(out) when the <a> opened)
    pre = 0
    emitting = _EMITTING
    # ``split`` cuts the markup in C: text runs at 0, 5, 10…, each token's four groups after its run. The loop
    # runs once per tag of every HTML-only message: plain list indexing, no match objects.
    parts = _TOKEN.split(html)
    last = len(parts) - 1
    for i in range(0, last + 1, 5):
        chunk = parts[i]
        if chunk:
            if "&" in chunk:
                chunk = unescape(chunk)
            if pre:
                append(chunk.replace("\r\n", "\n"))
            else:
                chunk = _collapse(chunk)
                if chunk[0] == " " and out and out[-1][-1:] == " ":
                    chunk = chunk[1:]  # "I <b> study</b>": one space between the words, not two
                if chunk:
                    append(chunk)
        if i == last:
            break
        tag = parts[i + 3]
        if not tag:
            continue  # dropped element, comment, doctype, processing instruction
        tag = tag.lower()
        if tag not in emitting:
            continue  # <span>, <font>, <b>, <img>…: no text of their own
        closing = parts[i + 2]
        # Newlines are emitted as markers; the final pass turns runs of them into at most one blank line.
        if tag == "br":
            append("\n")
        elif tag == "li":
            if not closing:
                append("\n- ")
        elif tag in ("td", "th"):
            append(" ")
        elif tag == "a":
            if not closing:
                found = _HREF.search(parts[i + 4] or "")
                links.append((next((g for g in found.groups() if g), "") if found else "", len(out)))
            elif links:
                href, begin = links.pop()
                # a bounded look at the link text: unclosed <a> floods must not turn this quadratic
                append(_link_suffix(href, "".join(out[begin : begin + 32])))
        else:  # a block
            if tag == "pre":
                pre = max(0, pre - 1) if closing else pre + 1
            append("\n\n" if tag in _PARAGRAPH else "\n")
    return "".join(out)


def html_to_text(html: str) -> str:
    """Readable text from an HTML body; never raises."""
    try:
        raw = _convert(html[:MAX_HTML_CHARS])
    except Exception:  # RecursionError/MemoryError-class surprises: a rough text beats none
        raw = _SPACES.sub(" ", unescape(_TAGS.sub(" ", html[:MAX_HTML_CHARS])))
    lines = (line.strip(" \t") for line in raw.split("\n"))
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()
