"""Match an incoming message to a conversation we already have, so a reply joins its request.

Pure: the caller builds a ``ThreadIndex`` from the store (the Message-IDs of drafts we sent, and each
request's subject and participants) and asks ``match_thread``. A header hit (In-Reply-To/References) is
strong; a same-subject message from a participant is weak and says why, for the reviewer to confirm.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from inboxbroker.domain import Message
from inboxbroker.mail.forward_headers import subject_prefixes

__all__ = [
    "KnownThread",
    "ThreadIndex",
    "ThreadMatch",
    "match_thread",
    "normalise_message_id",
    "normalise_subject",
]


@dataclass(frozen=True)
class KnownThread:
    """A request's conversation: its normalised subject and everyone in it (lower-cased emails)."""

    request_id: int
    subject: str
    participants: frozenset[str]


@dataclass(frozen=True)
class ThreadIndex:
    """What we know of our own conversations, as plain values."""

    message_ids: Mapping[str, int] = field(default_factory=dict)  # our draft's Message-ID → request id
    threads: tuple[KnownThread, ...] = ()


@dataclass(frozen=True)
class ThreadMatch:
    request_id: int
    strength: str  # "strong" (header hit) | "weak" (subject and participant)
    reason: str


def normalise_message_id(value: str) -> str:
    """ "<Abc@x>" and " abc@x " compare equal only in the angle brackets: the local part is case-sensitive."""
    value = value.strip().strip("<>").strip()
    local, _, domain = value.partition("@")
    return f"{local}@{domain.lower()}" if domain else local


def normalise_subject(subject: str) -> str:
    """Peel Re:/AW:/SV:/Fwd:/TR:… (repeatedly, with "[tag]" noise) and fold case and spacing."""
    rest = subject_prefixes(subject)[1]
    return re.sub(r"\s+", " ", rest).strip().casefold()


def match_thread(msg: Message, known: ThreadIndex) -> ThreadMatch | None:
    """The request this message continues, or None. Ambiguous weak matches give None, not a guess."""
    ids = ([msg.in_reply_to] if msg.in_reply_to else []) + list(reversed(msg.references))
    index = {normalise_message_id(k): v for k, v in known.message_ids.items()}
    for header_id in ids:
        request_id = index.get(normalise_message_id(header_id))
        if request_id is not None:
            header = "In-Reply-To" if header_id == msg.in_reply_to else "References"
            return ThreadMatch(request_id, "strong", f"{header} names our message {header_id}")
    sender = msg.from_.email.lower() if msg.from_ else ""
    subject = normalise_subject(msg.subject)
    if not sender or not subject:
        return None
    hits = {t.request_id for t in known.threads if t.subject == subject and sender in t.participants}
    if len(hits) != 1:
        return None
    request_id = hits.pop()
    return ThreadMatch(request_id, "weak", f"subject {subject!r} and sender {sender} is a participant")
