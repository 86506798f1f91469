"""Read Message-ID, Subject and Date from a raw message's header block, cheaply, for the ledger's columns.

Ingest must stay fast (thousands of messages a second), so this never parses MIME: it finds the header block,
pulls three fields with one regular expression and decodes only those. It never raises; a field it cannot
read is None. The real parse (mail/parse.py) happens later, in the pipeline.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.utils import parsedate_to_datetime

HEADER_LIMIT = 64 * 1024  # a header block longer than this is hostile; read only its start
_END = re.compile(rb"\r?\n\r?\n")
_FIELD = re.compile(rb"^(message-id|subject|date)[ \t]*:(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE | re.MULTILINE)
_FOLD = re.compile(r"\r?\n[ \t]+")
_ANGLE = re.compile(r"<[^<>\s]+>")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f]+")


@dataclass(frozen=True)
class HeaderFields:
    message_id: str | None
    subject: str | None
    date: datetime | None


def read_header_fields(raw: bytes, *, want_date: bool = True) -> HeaderFields:
    head = raw[:HEADER_LIMIT]
    end = _END.search(head)
    if end is not None:
        head = head[: end.start()]
    found: dict[str, str] = {}
    for match in _FIELD.finditer(head):
        name = match.group(1).decode("ascii").lower()
        if name not in found:  # the first occurrence wins, as in email.message
            found[name] = _FOLD.sub(" ", match.group(2).decode("utf-8", "replace")).strip()
    return HeaderFields(
        message_id=_message_id(found.get("message-id")),
        subject=_subject(found.get("subject")),
        date=_date(found.get("date")) if want_date else None,
    )


def _clean(text: str, limit: int) -> str:
    # PostgreSQL text cannot hold NUL; other control characters are harmless but useless in a listing.
    return _CONTROL.sub("", text)[:limit]


def _message_id(value: str | None) -> str | None:
    if not value:
        return None
    angled = _ANGLE.search(value)
    return _clean(angled.group(0) if angled else value.split()[0], 998) or None


def _subject(value: str | None) -> str | None:
    if value is None:
        return None
    if "=?" in value:  # only RFC 2047 encoded-words need the (slow) decoder
        # Undecodable encoded-words are kept as sent: a listing still shows something.
        with suppress(ValueError, LookupError, UnicodeError):
            value = str(make_header(decode_header(value)))
    return _clean(value, 1000)


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    # RFC 5322 "-0000" means "zone unknown"; UTC is the least wrong reading.
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed
