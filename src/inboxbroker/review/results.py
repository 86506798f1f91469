"""What the review service's reads and actions hand back: plain values a page or a terminal prints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from inboxbroker.domain import Interval
from inboxbroker.store.review import QueueRow


@dataclass(frozen=True)
class QueueItem:
    row: QueueRow
    age: timedelta  # since the request reached the mailbox

    def as_json(self) -> dict[str, Any]:
        r = self.row
        return {
            "id": r.id,
            "request_id": r.request_id,
            "state": r.state,
            "purpose": r.purpose,
            "template": r.template,
            "subject": r.subject,
            "requester": {"name": r.requester_name, "email": r.requester_email},
            "forwarded_by": {"name": r.forwarder_name, "email": r.forwarder_email}
            if r.forwarder_email
            else None,
            "interviewer": r.interviewer,
            "label": r.label,
            "probability": r.probability,
            "received_at": r.received_at.isoformat(),
            "age_hours": round(self.age.total_seconds() / 3600, 1),
            "slots": r.slots,
        }


@dataclass(frozen=True)
class Approved:
    approved: list[int]
    already: list[int]  # approved (or sent) before: approving is idempotent


@dataclass(frozen=True)
class Reclassified:
    request_id: int
    old_label: str
    label: str
    rejected: list[int]


@dataclass(frozen=True)
class Reassigned:
    draft_id: int
    interviewer: str
    template: str
    slots: list[Interval]


@dataclass(frozen=True)
class Download:
    """An attachment as a browser should save it: a name that is safe anywhere and a type that never runs."""

    filename: str
    content_type: str
    content: bytes
