"""Checking an edit and building its message: pure helpers of ``ReviewService.edit`` and ``reassign``.

The coordinator's subject, body and Cc arrive as text from a form or a file: each is checked here (one-line
subject, non-empty body, real addresses) before anything is built, and the MIME is rebuilt by
``drafting.reply.build_reply`` — the same code that wrote the draft — with its Message-ID and threading kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from email import message_from_bytes, policy
from email.utils import parseaddr
from typing import Any

from inboxbroker.domain import Address, Interval
from inboxbroker.errors import DraftEditError
from inboxbroker.store.drafts import DraftRow

MAX_BODY = 100_000


def check_subject(subject: str) -> str:
    if "\n" in subject.strip("\r\n") or "\r" in subject.strip("\r\n"):
        raise DraftEditError("the subject must be one line")
    cleaned = subject.strip()
    if not cleaned:
        raise DraftEditError("the subject is empty")
    if not cleaned.isprintable():
        raise DraftEditError("the subject contains control characters")
    return cleaned


def check_body(body: str) -> str:
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise DraftEditError("the body is empty")
    if len(text) > MAX_BODY:
        raise DraftEditError(f"the body is longer than {MAX_BODY} characters")
    return text.rstrip() + "\n"


def check_address(text: str) -> Address:
    header = policy.default.header_factory("cc", text)
    addresses: tuple[Any, ...] = getattr(header, "addresses", ())
    if not text.isprintable() or len(addresses) != 1 or header.defects:
        raise DraftEditError(f"Cc {text.strip()!r} is not one email address")
    found = addresses[0]
    if not found.username or "." not in found.domain or " " in found.addr_spec:
        raise DraftEditError(f"Cc {text.strip()!r} is not one email address")
    return Address(found.display_name, found.addr_spec.lower())


def address(text: str) -> Address:
    name, email = parseaddr(text)
    return Address(name, email)


def intervals(draft: DraftRow) -> list[Interval]:
    slots = [
        Interval(datetime.fromisoformat(s["start"]), datetime.fromisoformat(s["end"])) for s in draft.slots
    ]
    return sorted(slots, key=lambda s: s.start)


def duration(draft: DraftRow) -> timedelta | None:
    slots = intervals(draft)
    return slots[0].end - slots[0].start if slots else None


def slots_json(slots: Sequence[Interval]) -> list[dict[str, str]]:
    return [{"start": s.start.isoformat(), "end": s.end.isoformat()} for s in slots]


def draft_values(draft: Any) -> dict[str, Any]:
    """The columns a recomposed ``NewDraft`` replaces in place (its id, key and Message-ID stay)."""
    names = (
        "interviewer_id",
        "template",
        "rule",
        "match_reason",
        "subject",
        "text",
        "html",
        "ics",
        "mime",
        "slots",
    )
    return {
        **{n: getattr(draft, n) for n in names},
        "to_addrs": draft.to_addrs,
        "cc_addrs": draft.cc_addrs,
        "state": "pending",
    }


def rebuild(
    draft: DraftRow, subject: str, text: str, html: str | None, cc: list[Address], ics: str | None
) -> bytes:
    """The draft's MIME again with the same From, To, Message-ID and threading; the subject as written."""
    from inboxbroker.drafting.reply import ReplySpec, build_reply

    old = message_from_bytes(draft.mime or b"", policy=policy.default)
    to = old["To"].addresses[0] if old["To"] else None
    if to is None:
        raise DraftEditError(f"draft {draft.id} has no recipient to rebuild it for")
    method = "CANCEL" if ics and "METHOD:CANCEL" in ics else "REQUEST"
    try:
        return build_reply(
            ReplySpec(
                sender=str(old["From"]),
                to=Address(to.display_name, to.addr_spec),
                message_id=draft.message_id_header,
                text=text,
                subject=None,  # the coordinator's subject is final: no "Re: " added or peeled
                fallback_subject=subject,
                cc=tuple(cc),
                html=html,
                in_reply_to=str(old["In-Reply-To"] or "") or None,
                references=tuple(str(old["References"] or "").split()),
                ics=ics.encode("utf-8") if ics else None,
                ics_method=method,
            )
        )
    except ValueError as exc:
        raise DraftEditError(f"the message cannot be built: {exc}") from exc
