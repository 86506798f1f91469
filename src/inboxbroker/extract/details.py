"""One unwrapped message → one ``Extraction``: the requester's details, proposed times and résumé together.

The pipeline and ``inboxbroker extract`` both call ``extract_all``, so what a coordinator sees in review is
exactly what the command prints. A résumé that cannot be read is a note, not a failure: the request itself
is still worth answering.
"""

from __future__ import annotations

from dataclasses import dataclass

from inboxbroker.domain import Attachment, Extraction, ResumeInfo, Unwrapped
from inboxbroker.errors import ExtractionLimitError
from inboxbroker.extract.fields import build_extraction, extract_fields
from inboxbroker.extract.times import TimesResult, extract_times


@dataclass(frozen=True)
class ExtractLimits:
    max_attachment_bytes: int = 20 << 20
    max_pages: int = 50
    timeout_seconds: float = 20.0


@dataclass(frozen=True)
class ExtractResult:
    extraction: Extraction
    notes: tuple[str, ...]


def candidate_attachments(u: Unwrapped) -> tuple[Attachment, ...]:
    """The original's attachments first (an attached forward), then the forward's own (an inline forward).

    The same file seen twice (the forward and its original both carry it) is listed once; the same bytes
    under another name are another attachment, as the sender's message shows them.
    """
    seen: set[tuple[str, str]] = set()
    found: list[Attachment] = []
    for att in (*u.original.attachments, *u.message.attachments):
        if attachment_key(att) not in seen:
            seen.add(attachment_key(att))
            found.append(att)
    return tuple(found)


def attachment_key(att: Attachment) -> tuple[str, str]:
    """What tells one of a message's attachments from another: its bytes and its name."""
    return att.sha256, att.filename


def extract_all(u: Unwrapped, limits: ExtractLimits | None = None) -> ExtractResult:
    limits = limits or ExtractLimits()
    notes: list[str] = []
    fields = extract_fields(u)
    reference = u.original.date or u.message.date
    if reference is not None:
        times = extract_times(u.original.body, reference, fields.tz_hint)
    else:
        # Without a date, "next Tuesday" cannot be placed: say nothing rather than guess.
        times = TimesResult(intervals=(), timezone=None)
        notes.append("no Date header: proposed times not resolved")
    attachments = candidate_attachments(u)
    resume_attachment, resume_info = _resume(attachments, u.original.body, limits, notes)
    extraction = build_extraction(u, fields, times, resume_attachment, resume_info, attachments)
    return ExtractResult(extraction, tuple(notes))


def _resume(
    attachments: tuple[Attachment, ...], body: str, limits: ExtractLimits, notes: list[str]
) -> tuple[Attachment | None, ResumeInfo | None]:
    if not attachments:
        return None, None
    from inboxbroker.extract.resume import (
        best_resume,
        document_text,
        parse_resume,
        refused_resume,
        score_attachments,
    )

    scored = score_attachments(attachments, body_hint=body)
    # Without the second choice a résumé refused by detection's own limits vanished without a word.
    found = best_resume(scored) or refused_resume(scored)
    if found is None:
        return None, None
    try:
        text = document_text(
            found,
            max_bytes=limits.max_attachment_bytes,
            max_pages=limits.max_pages,
            timeout_seconds=limits.timeout_seconds,
        )
    except ExtractionLimitError as exc:
        notes.append(not_read_note(exc))
        return found, None
    return found, parse_resume(text)


def not_read_note(exc: ExtractionLimitError) -> str:
    """The trace's note for a résumé that could not be read: which limit, then the figures."""
    return f"résumé not read: {exc.limit} ({exc})" if exc.limit else f"résumé not read: {exc}"
