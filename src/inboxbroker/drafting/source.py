"""What a reply needs of the request it answers: the thread it joins and the requester's own text.

The pipeline has both in hand when it reads the message, so they are stored with the request
(``request.extraction["reply_source"]``) and drafting does not parse every request's raw message again.
Requests stored before this existed have none, and drafting reads them from the raw message as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from inboxbroker.domain import Unwrapped
from inboxbroker.drafting.compose import Thread

TEXT_CHARS = 4000  # of the request's text given to matchmaking: the topic is near the top


@dataclass(frozen=True)
class ReplySource:
    thread: Thread
    text: str


def reply_source(unwrapped: Unwrapped) -> ReplySource:
    """The thread a reply to this message joins (the original's, inside a forward) and the requester's text."""
    original, message = unwrapped.original, unwrapped.message
    if original.message is not None:
        thread = Thread(original.subject, original.message.message_id, original.message.references)
    elif unwrapped.is_forward:
        thread = Thread(original.subject, None)  # an inline forward carries no Message-ID to thread on
    else:
        thread = Thread(message.subject, message.message_id, message.references)
    return ReplySource(thread, original.body[:TEXT_CHARS])


def to_json(source: ReplySource) -> dict[str, Any]:
    thread = source.thread
    return {
        "subject": thread.subject,
        "message_id": thread.message_id,
        "references": list(thread.references),
        "text": source.text,
    }


def from_json(value: object) -> ReplySource | None:
    """The stored source, or None when there is none or it is not one this version wrote."""
    if not isinstance(value, dict):
        return None
    subject, message_id = value.get("subject"), value.get("message_id")
    references, text = value.get("references"), value.get("text")
    if not isinstance(subject, str) or not isinstance(text, str) or not isinstance(references, list):
        return None
    if message_id is not None and not isinstance(message_id, str):
        return None
    if not all(isinstance(r, str) for r in references):
        return None
    return ReplySource(Thread(subject, message_id, tuple(references)), text[:TEXT_CHARS])
