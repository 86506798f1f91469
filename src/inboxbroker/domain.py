"""Plain values that flow through the pipeline.

Every stage of the pure core takes and returns these; none of them knows about IMAP, SQL or the web.
They are frozen so a stage cannot change what an earlier stage saw (the trace stays honest).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
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
    ``sniffed_type`` and ``sha256`` also accept a ``Deferred`` (``parse_message`` passes them so): they are
    computed from ``content`` when first read; to a reader they are plain values.
    """

    filename: str
    original_filename: str
    declared_type: str
    sniffed_type: str
    size: int
    sha256: str
    content: bytes = field(repr=False)
    inline: bool = False


class Deferred(Generic[T]):
    """A value computed on first read: ``func(*args)``, or ``fallback`` should that ever raise.

    Only ``Message``'s lazy fields take one (``parse_message`` passes them for the costly parts); any
    other caller passes plain values. Holds a module-level function and its arguments, so it pickles.
    """

    __slots__ = ("args", "fallback", "func")

    def __init__(self, func: Callable[..., T], *args: Any, fallback: T) -> None:
        self.func = func
        self.args = args
        self.fallback = fallback

    def resolve(self) -> T:
        try:
            return self.func(*self.args)
        except Exception:  # reading a Message never raises: the fallback is what an eager parse gave up to
            return self.fallback


class LazyHeaders(Deferred[tuple[tuple[str, str], ...]]):
    """Raw header items decoded on first read, with single-header lookups that decode only what they return.

    ``decode_all`` turns the raw items into ``Message.headers``; ``decode_name``/``decode_value`` do the
    same for one name or value, so ``lookup`` agrees with a lookup in the decoded tuple.
    """

    __slots__ = ("decode_name", "decode_value", "index", "items")

    def __init__(
        self,
        items: list[tuple[str, Any]],
        decode_all: Callable[[list[tuple[str, Any]]], tuple[tuple[str, str], ...]],
        decode_name: Callable[[str], str],
        decode_value: Callable[[Any], str],
    ) -> None:
        super().__init__(decode_all, items, fallback=())
        self.items = items
        self.decode_name = decode_name
        self.decode_value = decode_value
        self.index: dict[str, list[int]] | None = None

    def resolve(self) -> tuple[tuple[str, str], ...]:
        try:
            return self.func(*self.args)
        except Exception:  # never raises: the values as sent rather than none
            return tuple((str(key), str(value)) for key, value in self.items)

    def lookup(self, name: str) -> list[str]:
        """The decoded values of every header called ``name`` (case-insensitive), in order."""
        try:
            index = self.index
            if index is None:
                index = {}
                for i, (key, _) in enumerate(self.items):
                    key = (key if key.isascii() else self.decode_name(key)).lower()
                    if key in index:
                        index[key].append(i)
                    else:
                        index[key] = [i]
                self.index = index
            return [self.decode_value(self.items[i][1]) for i in index.get(name.lower(), ())]
        except Exception:  # never raises: answer from the fully decoded tuple (or its fallback)
            wanted = name.lower()
            return [value for key, value in self.resolve() if key.lower() == wanted]


class _Lazy:
    """Installed over a ``Message`` field after the class is built: the field also accepts a ``Deferred``,
    resolved once, when first read. Constructor, equality, repr and type stay those of the plain field."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, obj: object | None, objtype: type | None = None) -> Any:
        if obj is None:
            raise AttributeError(self.name)
        value = obj.__dict__[self.name]
        if isinstance(value, Deferred):
            value = value.resolve()
            obj.__dict__[self.name] = value
        return value

    def __set__(self, obj: object, value: Any) -> None:
        obj.__dict__[self.name] = value  # only __init__ gets here: the frozen dataclass blocks the rest


@dataclass(frozen=True)
class Message:
    """A parsed email. Produced by ``mail.parse.parse_message``; never raises, defects are listed instead.

    ``headers`` and ``text`` also accept a ``Deferred`` (``parse_message`` passes them so): the headers are
    then decoded, and HTML-only mail converted to text, when first read; to a reader they are plain values.
    """

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
        pending = self.__dict__.get("headers")
        if isinstance(pending, LazyHeaders):
            values = pending.lookup(name)
            return values[0] if values else None
        wanted = name.lower()
        for key, value in self.headers:
            if key.lower() == wanted:
                return value
        return None

    def header_all(self, name: str) -> list[str]:
        pending = self.__dict__.get("headers")
        if isinstance(pending, LazyHeaders):
            return pending.lookup(name)
        wanted = name.lower()
        return [value for key, value in self.headers if key.lower() == wanted]


for _name in ("headers", "text"):
    setattr(Message, _name, _Lazy(_name))
for _name in ("sniffed_type", "sha256"):
    setattr(Attachment, _name, _Lazy(_name))


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
    # The classifier's probability of interview_request, whatever label won: "other at 0.55, request at 0.42"
    # is a request in a language or form the model knows little of, and goes to a person (pipeline).
    request_probability: float | None = None


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
