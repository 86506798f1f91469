"""A draft as a text file a person edits: header lines, a blank line, the body — and reading it back.

::

    Subject: Re: Informational interview request
    Cc: Rachel Kim <rachel.kim@example.org>
    Slot: 2026-12-08 09:00-09:30 America/Los_Angeles
    # lines starting with # are notes (the free slots you may choose), ignored when read back

    Dear Ana, …

Reading back checks only the form (known header names, readable slots); whether the edit may be saved (a
non-empty body, real addresses, free slots) is for ``ReviewService.edit`` to say, the same for every caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from inboxbroker.domain import Interval
from inboxbroker.errors import DraftEditError
from inboxbroker.review.slots import parse_slot_line, slot_line

HEADERS = ("subject", "cc", "slot")


@dataclass(frozen=True)
class DraftText:
    subject: str
    cc: list[str]
    slots: list[Interval] | None  # None: the draft offers no slots and the file names none
    body: str


def draft_as_text(
    subject: str,
    cc: Sequence[str],
    slots: Sequence[Interval],
    body: str,
    *,
    zone: str | None,
    free: Sequence[Interval] = (),
) -> str:
    lines = [f"Subject: {subject}", f"Cc: {', '.join(cc)}"]
    if zone is not None:
        lines += [f"Slot: {slot_line(slot, zone)}" for slot in slots]
        lines.append(f"# Slots are in the interviewer's zone, {zone}. Each Slot: line offers one; free ones:")
        chosen = set(slots)
        lines += [f"#   Slot: {slot_line(slot, zone)}" for slot in free if slot not in chosen]
        if not free:
            lines.append("#   (none besides the ones offered)")
    lines.append("# Lines starting with # are ignored. The body follows the first blank line.")
    return "\n".join(lines) + "\n\n" + body.replace("\r\n", "\n")


def parse_draft_text(text: str, *, offers_slots: bool) -> DraftText:
    """The edit a file describes; raises ``DraftEditError`` naming the line that cannot be read."""
    head, sep, body = text.replace("\r\n", "\n").partition("\n\n")
    if not sep:
        raise DraftEditError("no blank line between the header lines and the body")
    subject: str | None = None
    cc: list[str] = []
    slots: list[Interval] = []
    for number, line in enumerate(head.split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, colon, value = line.partition(":")
        key = name.strip().lower()
        if not colon or key not in HEADERS:
            raise DraftEditError(f"line {number}: {line.strip()!r} is not a Subject:, Cc: or Slot: line")
        if key == "subject":
            if subject is not None:
                raise DraftEditError(f"line {number}: a second Subject: line")
            subject = value.strip()
        elif key == "cc":
            cc += [part.strip() for part in _split_addresses(value) if part.strip()]
        else:
            try:
                slots.append(parse_slot_line(value))
            except ValueError as exc:
                raise DraftEditError(f"line {number}: {exc}") from exc
    if subject is None:
        raise DraftEditError("no Subject: line")
    return DraftText(subject, cc, slots if slots or offers_slots else None, body)


def _split_addresses(value: str) -> list[str]:
    """Split a Cc line on commas outside quotes and angle brackets ("Kim, Rachel" <r@x> stays whole)."""
    parts: list[str] = []
    current: list[str] = []
    quoted = angle = False
    for char in value:
        if char == '"':
            quoted = not quoted
        elif char == "<" and not quoted:
            angle = True
        elif char == ">" and not quoted:
            angle = False
        if char == "," and not quoted and not angle:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts
