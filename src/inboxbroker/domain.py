"""Plain values that flow through the pipeline.

Every stage of the pure core takes and returns these; none of them knows about IMAP, SQL or the web.
They are frozen so a stage cannot change what an earlier stage saw (the trace stays honest).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Label(enum.StrEnum):
    """What a message is. The classifier and the guards both answer with one of these."""

    INTERVIEW_REQUEST = "interview_request"
    JOB_APPLICATION = "job_application"
    THREAD_REPLY = "thread_reply"
    AUTOMATED = "automated"
    OTHER = "other"


class MessageState(enum.StrEnum):
    """A ledger row's life: stored first, then processed or quarantined."""

    NEW = "new"
    PROCESSED = "processed"
    QUARANTINED = "quarantined"


class RequestState(enum.StrEnum):
    NEW = "new"
    DRAFTED = "drafted"
    APPROVED = "approved"
    SENT = "sent"
    DECLINED = "declined"
    NEEDS_TRIAGE = "needs_triage"


class DraftState(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    SENDING = "sending"
    SENT = "sent"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Address:
    """A mailbox: display name (may be empty) and the address, lower-cased and stripped."""

    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


@dataclass(frozen=True)
class Attachment:
    """One attachment as the parser found it.

    ``filename`` is already sanitised (no path parts, no control characters, length-capped); the
    sender's original name is kept only in ``original_filename`` for display, never for a path.
    """

    filename: str
    original_filename: str
    declared_type: str
    sniffed_type: str
    size: int
    sha256: str
    content: bytes = field(repr=False)
    inline: bool = False


@dataclass(frozen=True)
class Message:
    """A parsed email. Produced by ``mail.parse.parse_message``; never raises, defects are listed instead."""

    message_id: str | None
    subject: str
    from_: Address | None
    sender: Address | None
    reply_to: tuple[Address, ...]
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    date: datetime | None  # timezone-aware when the header had an offset
    in_reply_to: str | None
    references: tuple[str, ...]
    headers: tuple[tuple[str, str], ...]  # every header, decoded, names as sent, in order
    text: str  # the readable body (HTML-only mail converted to text)
    html: str | None
    attachments: tuple[Attachment, ...]
    embedded: tuple[Message, ...]  # message/rfc822 parts (and .eml attachments), parsed
    defects: tuple[str, ...]

    def header(self, name: str) -> str | None:
        """The first header with this name (case-insensitive), or None."""
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None

    def header_all(self, name: str) -> list[str]:
        wanted = name.lower()
        return [value for key, value in self.headers if key.lower() == wanted]


@dataclass(frozen=True)
class Original:
    """The message that was forwarded, as far as the forward lets us see it."""

    sender: Address | None
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    date: datetime | None
    subject: str
    body: str
    attachments: tuple[Attachment, ...] = ()
    message: Message | None = None  # set for attached (message/rfc822) forwards


@dataclass(frozen=True)
class Unwrapped:
    """A message seen through its forwards.

    For a direct message ``is_forward`` is False, ``original`` mirrors the message itself and
    ``forwarder`` is None. For a forward, ``forwarder`` is who sent it to us (the manager),
    ``note`` what they wrote above the forward, and ``depth`` how many forwards deep the original was.
    """

    message: Message
    original: Original
    is_forward: bool
    forwarder: Address | None
    note: str
    depth: int
    kind: str  # "direct" | "inline" | "attached"


@dataclass(frozen=True)
class Decision:
    """A label with its probability and the reasons behind it (rule names or top features)."""

    label: Label
    probability: float
    reasons: tuple[str, ...]
    source: str  # "rule" | "classifier"
    model_version: str | None = None


@dataclass(frozen=True)
class Field(Generic[T]):
    """An extracted value with how sure we are; ``value`` None means absent, never guessed."""

    value: T | None
    confidence: float = 0.0


@dataclass(frozen=True)
class Interval:
    start: datetime  # timezone-aware
    end: datetime


@dataclass(frozen=True)
class Person:
    name: str | None
    email: str | None
    phone: str | None = None  # E.164
    linkedin: str | None = None
    organization: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class ResumeInfo:
    """Fields read from a résumé's text."""

    name: str | None
    email: str | None
    phone: str | None
    skills: tuple[str, ...] = ()
    education: tuple[dict[str, Any], ...] = ()  # {"school", "degree", "year"}
    experience: tuple[dict[str, Any], ...] = ()  # {"employer", "title", "years"}
    text: str = field(default="", repr=False)


@dataclass(frozen=True)
class Extraction:
    """What ``extract`` found in one unwrapped message; mirrors the ``extract --json`` schema of DESIGN.md §5."""

    requester: Person
    forwarded_by: Address | None
    forward_note: str
    topic: str | None
    referred_by: str | None
    duration_minutes: int | None
    format: str | None  # "video" | "phone" | "in_person" | "coffee" | None
    availability: tuple[Interval, ...]
    timezone: str | None  # IANA name where known, else a UTC offset like "+02:00"
    attachments: tuple[Attachment, ...]
    resume_attachment: Attachment | None
    resume: ResumeInfo | None
    confidence: dict[str, float] = field(default_factory=dict)
