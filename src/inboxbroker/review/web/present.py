"""How values read on the page and how form fields become the service's arguments: small pure helpers.

Filters for the templates (ages, percentages, the colour class of a state or a confidence) and the
translation of query strings and form fields into ``ReviewService`` calls' arguments, so routes stay calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from flask import Flask
from werkzeug.datastructures import MultiDict

from inboxbroker.domain import Interval

# (value in the query string, label, older_than, newer_than)
AGES: list[tuple[str, str, timedelta | None, timedelta | None]] = [
    ("", "any age", None, None),
    ("today", "last 24 hours", None, timedelta(days=1)),
    ("1d", "waiting over a day", timedelta(days=1), None),
    ("3d", "waiting over 3 days", timedelta(days=3), None),
    ("7d", "waiting over a week", timedelta(days=7), None),
]
DEFAULT_STATE = "pending"


@dataclass(frozen=True)
class QueueFilter:
    """The queue's filters as the page holds them (strings, "" for none) and as the service takes them."""

    state: str
    label: str
    interviewer: str
    forwarded_by: str
    age: str

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> QueueFilter:
        state = args.get("state", DEFAULT_STATE)
        return cls(
            state="" if state == "all" else state,
            label=args.get("label", ""),
            interviewer=args.get("interviewer", ""),
            forwarded_by=args.get("forwarded_by", "").strip(),
            age=args.get("age", ""),
        )

    def service_args(self) -> dict[str, Any]:
        older, newer = next(((o, n) for key, _, o, n in AGES if key == self.age), (None, None))
        return {
            "state": self.state or None,
            "label": self.label or None,
            "interviewer": self.interviewer or None,
            "forwarded_by": self.forwarded_by or None,
            "older_than": older,
            "newer_than": newer,
        }

    @property
    def active(self) -> bool:
        return any((self.label, self.interviewer, self.forwarded_by, self.age))


def edit_args(form: MultiDict[str, str], offers_slots: bool) -> dict[str, Any]:
    """The edit form's fields as ``ReviewService.edit``'s keyword arguments (the service checks them)."""
    cc = [part.strip() for line in form.get("cc", "").splitlines() for part in line.split(",")]
    args: dict[str, Any] = {
        "subject": form.get("subject", ""),
        "body": form.get("body", "").replace("\r\n", "\n"),
        "cc": [c for c in cc if c],
        "version": form.get("version") or None,
    }
    if offers_slots:
        args["slots"] = [slot_of(value) for value in form.getlist("slot")]
    return args


def slot_value(start: datetime | str, end: datetime | str) -> str:
    """A slot as one form value: its start and end in ISO 8601, joined by a slash."""
    as_text = [v.isoformat() if isinstance(v, datetime) else v for v in (start, end)]
    return "/".join(as_text)


def slot_of(value: str) -> Interval:
    from inboxbroker.errors import DraftEditError

    try:
        start, end = (datetime.fromisoformat(part) for part in value.split("/", 1))
    except ValueError:
        raise DraftEditError(f"{value!r} is not a slot offered on this page") from None
    return Interval(start, end)


def local_path(value: str | None, default: str) -> str:
    """``value`` when it is a path on this site, else ``default``: a log-in never sends anyone elsewhere."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return default
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in value):
        return default
    return value


def age(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    if hours < 1:
        return f"{max(int(hours * 60), 0)} min"
    if hours < 48:
        return f"{int(hours)} h"
    return f"{int(hours // 24)} d"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def level(value: float | None) -> str:
    """The colour a probability or a confidence carries: high, medium, low (or none)."""
    if value is None:
        return "none"
    return "high" if value >= 0.85 else "medium" if value >= 0.6 else "low"


def person(value: Mapping[str, Any] | None) -> str:
    if not value:
        return "—"
    name, email = value.get("name"), value.get("email")
    return f"{name} <{email}>" if name and email else str(name or email or "—")


def register(app: Flask) -> None:
    app.jinja_env.filters.update(
        age=age, percent=percent, level=level, person=person, slot_value=slot_value, size=size
    )
    app.jinja_env.globals.update(AGES=AGES, details=details, availability=availability)


PERSON_FIELDS = [
    ("name", "Name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("linkedin", "LinkedIn"),
    ("organization", "Organisation"),
    ("role", "Role"),
]
REQUEST_FIELDS = [
    ("topic", "Topic"),
    ("referred_by", "Referred by"),
    ("duration_minutes", "Minutes"),
    ("format", "Format"),
]


def details(extraction: Mapping[str, Any]) -> list[tuple[str, str, float | None]]:
    """The extracted details as (what, value, confidence) rows; absent values show as a dash, not a guess."""
    confidence = extraction.get("confidence") or {}
    requester = extraction.get("requester") or {}
    rows = [(label, requester.get(key), confidence.get(key)) for key, label in PERSON_FIELDS]
    rows += [(label, extraction.get(key), confidence.get(key)) for key, label in REQUEST_FIELDS]
    return [(label, "—" if value in (None, "") else str(value), conf) for label, value, conf in rows]


def availability(extraction: Mapping[str, Any]) -> list[str]:
    spans = extraction.get("availability") or []
    return [f"{span.get('start', '?')} → {span.get('end', '?')}" for span in spans if isinstance(span, dict)]


def size(n: int) -> str:
    return f"{n} B" if n < 1024 else f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1048576:.1f} MB"
