"""One poisonous message must never stall the mailbox: every stage runs in time linear in what it reads.

Each case puts one run of a character (or short string) that makes regexes backtrack into one field of an
otherwise ordinary request, and runs the whole pure pipeline (parse, guards, unwrap, classify, extract) on it
at growing sizes. Linear work grows 4× when the input does; quadratic work grows 16×. The assertion is on
that ratio, never on a wall-clock budget: CPU time of this process, the best of three when a first reading
looks bad, and only once the larger run takes long enough to be measured at all.
"""

from __future__ import annotations

import base64
import io
import time
import zipfile
from collections.abc import Callable
from xml.sax.saxutils import escape

import pytest

from inboxbroker.pipeline import Pipeline

GROWTH = 4
# Linear work with a fixed overhead grows at most GROWTH×; allow 2.5× that for noise before calling it
# super-linear (quadratic would be 16×, and grows further at every step).
MAX_RATIO = 2.5 * GROWTH
MEASURABLE = 0.05  # seconds of CPU: below this a ratio is noise, and a stall is not in sight either
ENOUGH = 0.5  # once the larger run takes this long, its ratio has been seen: stop growing

# What hurts regexes: runs of one character that many patterns accept (so a greedy quantifier runs to the
# end and backtracks from every start), and runs of the labels and shapes the parsers look for.
UNITS: dict[str, str] = {
    "at": "@",
    "dot": ".",
    "dash": "-",
    "space": " ",
    "digit": "7",
    "letter": "a",
    "lt": "<",
    "quote": '"',
    "nbsp": "\u00a0",
    "newline": "\n",
    "tab": "\t",
    "from_label": "From: ",
    "on_mon": "On Mon ",
    "equals": "==",
    "bracket": "[",
    "url": "http://a.b/",
    "address_run": "a@a.",
    "time_range": "10:00-",
    "quoted": "\n> ",
}

RESUME_HEAD = (
    "Jane Doe\njane.doe@example.net\n+44 20 7946 0958\n\nExperience\nData engineer, Example Ltd, 2019 - 2024\n\n"
    "Education\nMSc Data Science, 2018\n\nSkills\nPython, SQL\n\n"
)
BODY = (
    "Hello,\n\nCould we have a 20 minute informational interview about data engineering next Tuesday "
    "at 10:00? My résumé is attached.\n\nThank you,\nJane Doe\n"
)
FORWARD_HEAD = (
    "\n\n---------- Forwarded message ---------\nFrom: Jane Doe <jane.doe@example.net>\n"
    "Date: Mon, 2 Nov 2026 at 09:00\nSubject: Informational interview\nTo: Bob <bob@example.org>\n\n"
)


def _header(value: str) -> str:
    return value.replace("\r", "").replace("\n", "\r\n ")  # a newline in a header value is a fold


def _rtf(text: str) -> bytes:
    body = text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("\n", "\\par\n")
    return ("{\\rtf1\\ansi\\ansicpg1252 " + body + "}").encode("cp1252", "replace")


def _docx(text: str) -> bytes:
    paragraphs = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in text.split("\n")
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{paragraphs}</w:body></w:document>"
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("word/document.xml", document)
    return out.getvalue()


def message(field: str, payload: str) -> bytes:
    """A request from Jane Doe with ``payload`` as the whole of (or the bulk of) one field."""
    subject, name, text, html = "Informational interview request", "Jane Doe", BODY, None
    filename, attachment = "Jane_Doe_resume.txt", ("text/plain", (RESUME_HEAD).encode())
    if field == "subject":
        subject = payload
    elif field == "display_name":
        name = payload
    elif field == "note":
        text = payload + FORWARD_HEAD + BODY
    elif field == "body":
        text = BODY + payload
    elif field == "html_body":
        html = f"<html><body><p>{BODY}</p><p>{payload}</p></body></html>"
    elif field == "filename":
        filename = payload + ".txt"
    elif field == "text_resume":
        attachment = ("text/plain", (RESUME_HEAD + payload).encode())
    elif field == "rtf_resume":
        filename, attachment = "Jane_Doe_resume.rtf", ("application/rtf", _rtf(RESUME_HEAD + payload))
    elif field == "docx_resume":
        filename = "Jane_Doe_resume.docx"
        attachment = (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            _docx(RESUME_HEAD + payload),
        )
    else:
        raise ValueError(field)
    boundary = "b0undary-linear-time"
    head = (
        f"From: {_header(name)} <jane.doe@example.net>\r\nTo: interviews@example.org\r\n"
        f"Subject: {_header(subject)}\r\nDate: Mon, 02 Nov 2026 09:00:00 +0000\r\n"
        f"Message-ID: <linear@example.net>\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/mixed; boundary="{boundary}"\r\n\r\n'
    )
    parts = [
        ("text/html" if html is not None else "text/plain", (html or text).encode(), None),
        (*attachment, filename),
    ]
    out = [head.encode()]
    for content_type, data, name_ in parts:
        out.append(f"--{boundary}\r\nContent-Type: {content_type}; charset=utf-8\r\n".encode())
        out.append(b"Content-Transfer-Encoding: base64\r\n")
        if name_ is not None:
            # RFC 2231 would split it; a raw UTF-8 name in one quoted string is what careless mailers send.
            quoted = _header(name_).replace("\\", "\\\\").replace('"', '\\"')
            out.append(f'Content-Disposition: attachment; filename="{quoted}"\r\n'.encode())
        out.append(b"\r\n" + base64.encodebytes(data) + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out)


# Where each field's text goes, the smallest size tried and the largest. Fields read by the heavier stages
# (forward unwrapping, extraction over the whole body) stop smaller so the file stays near a minute.
FIELDS: dict[str, tuple[int, int]] = {
    "subject": (16_000, 1_024_000),
    "display_name": (16_000, 256_000),
    "note": (16_000, 64_000),
    "body": (16_000, 64_000),
    "html_body": (16_000, 64_000),
    "filename": (16_000, 1_024_000),
    "text_resume": (16_000, 1_024_000),
    "rtf_resume": (16_000, 1_024_000),
    "docx_resume": (16_000, 1_024_000),
}

_PIPELINE = Pipeline()


def _cpu_seconds(raw: bytes, repeat: int) -> float:
    """Best CPU time of the whole pipeline on ``raw``: CPU, not wall clock, so other processes do not count."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        outcome = _PIPELINE.process(raw, extract=True)
        best = min(best, time.process_time() - start)
        assert outcome.quarantine_reason is None, outcome.quarantine_reason
    return best


def assert_linear(build: Callable[[int], bytes], smallest: int, largest: int) -> None:
    """Grow the input GROWTH× a step until it is measurable or ``largest``; each step must grow ≤ MAX_RATIO×."""
    size = smallest
    small = _cpu_seconds(build(size), 1)
    while size < largest:
        raw_small, raw_big = build(size), build(size * GROWTH)
        big = _cpu_seconds(raw_big, 1)
        if big >= MEASURABLE and big > MAX_RATIO * small:
            # Perhaps noise from a busy machine: measure both again, best of three.
            small = _cpu_seconds(raw_small, 3)
            big = _cpu_seconds(raw_big, 3)
            assert big <= MAX_RATIO * small, (
                f"{size:,} → {size * GROWTH:,} characters took {small:.3f} s → {big:.3f} s "
                f"({big / small:.1f}×, linear would be about {GROWTH}×)"
            )
        if big >= ENOUGH:
            return
        size, small = size * GROWTH, big


CASES = [pytest.param(field, unit) for field in FIELDS for unit in UNITS]


@pytest.mark.parametrize(("field", "unit"), CASES)
def test_each_field_is_processed_in_linear_time(field: str, unit: str) -> None:
    text = UNITS[unit]
    smallest, largest = FIELDS[field]
    assert_linear(lambda n: message(field, (text * (n // len(text) + 1))[:n]), smallest, largest)


# Runs of what the organisation, referral and sign-off rules look for, in the body they read: a cue repeated
# makes each occurrence search back through its sentence or forward to a name, so a quadratic rule shows here.
BODY_CUES: dict[str, str] = {
    "capitalised_words": "Ab ",
    "referral_verb": "Sam Lee at Ab suggested ",
    "pronoun_verb": "and she suggested ",
    "title": "Dr. ",
    "relation": "my friend ",
    "passing_school": "studying at ",
    "passing_service": "from the ",
    "appositive": "I'm Ab, an ",
    "bare_name_lines": "Thx,\nDana\n",
    "angle_slot": "<a",
    "spaced_digits": "1 2-",  # every start a run of digits long enough for a phone number
}


@pytest.mark.parametrize("cue", sorted(BODY_CUES))
def test_extraction_cues_are_read_in_linear_time(cue: str) -> None:
    text = BODY_CUES[cue]
    smallest, largest = FIELDS["body"]
    assert_linear(lambda n: message("body", (text * (n // len(text) + 1))[:n]), smallest, largest)
