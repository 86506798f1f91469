"""People: one person's whole history, a coordinator's notes, merging duplicates, finding them, erasure.

One person per normalised address (``outcomes.upsert_person``); the same human writing from two addresses
is two rows until someone merges them, and ``duplicates`` says which rows look like one human.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from inboxbroker.errors import StoreError, UsageError
from inboxbroker.store import schema
from inboxbroker.store.audit import write_audit
from inboxbroker.store.erasure import ForgetReport, forget, normalise_address
from inboxbroker.store.search_query import fold
from inboxbroker.store.session import reading, writing

NAME_SIMILARITY = 0.88  # difflib ratio of folded names; "Priya Raman" ~ "Priya Ramen", not "Priya Rao"
_person, _request, _resume, _note = schema.Person, schema.Request, schema.Resume, schema.PersonNote
_draft, _meeting, _interviewer, _message = schema.Draft, schema.Meeting, schema.Interviewer, schema.Message
PERSON_FIELDS = ("name", "phone", "linkedin", "organization", "role")


@dataclass(frozen=True)
class PersonRecord:
    id: int
    email: str
    details: dict[str, Any]
    requests: list[dict[str, Any]] = field(default_factory=list)
    drafts: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    resumes: list[dict[str, Any]] = field(default_factory=list)
    notes: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"email": self.email, **self.details} | {
            k: getattr(self, k) for k in ("requests", "drafts", "meetings", "resumes", "notes")
        }


@dataclass(frozen=True)
class Duplicate:
    a: str
    b: str
    reasons: tuple[str, ...]


class PeopleStore:
    def __init__(self, engine: Engine, forget_key: bytes | None = None) -> None:
        self._engine = engine
        self._key = forget_key

    def show(self, email: str) -> PersonRecord:
        with reading(self._engine) as conn:
            pid = _person_id(conn, email)
            row = conn.execute(sa.select(_person).where(_person.c.id == pid)).one()
            r = _request.c
            requests = conn.execute(
                sa.select(
                    r.id, r.label, r.state, r.topic, r.created_at, _message.c.subject, _message.c.received_at
                )
                .join(_message, _message.c.id == r.message_id)
                .where(r.requester_id == pid)
                .order_by(r.id)
            ).all()
            ids = [q.id for q in requests]
            drafts = conn.execute(
                sa.select(
                    _draft.c.id, _draft.c.request_id, _draft.c.state, _draft.c.subject, _draft.c.created_at
                )
                .where(_draft.c.request_id.in_(ids))
                .order_by(_draft.c.id)
            ).all()
            meetings = conn.execute(
                sa.select(_meeting.c.id, _meeting.c.start_utc, _meeting.c.state, _interviewer.c.name)
                .outerjoin(_interviewer, _interviewer.c.id == _meeting.c.interviewer_id)
                .where(_meeting.c.request_id.in_(ids))
                .order_by(_meeting.c.start_utc)
            ).all()
            resumes = conn.execute(
                sa.select(
                    _resume.c.id, _resume.c.keywords, sa.func.length(_resume.c.text), _resume.c.created_at
                )
                .where(_resume.c.person_id == pid)
                .order_by(_resume.c.id)
            ).all()
            notes = conn.execute(
                sa.select(_note.c.rating, _note.c.text, _note.c.actor, _note.c.created_at)
                .where(_note.c.person_id == pid)
                .order_by(_note.c.id)
            ).all()
        return PersonRecord(
            id=pid,
            email=row.email,
            details={k: getattr(row, k) for k in PERSON_FIELDS} | {"first_seen": _iso(row.created_at)},
            requests=[
                {
                    "id": q.id,
                    "at": _iso(q.received_at or q.created_at),
                    "label": q.label,
                    "state": q.state,
                    "topic": q.topic,
                    "subject": q.subject,
                }
                for q in requests
            ],
            drafts=[
                {
                    "id": d.id,
                    "request_id": d.request_id,
                    "state": d.state,
                    "subject": d.subject,
                    "at": _iso(d.created_at),
                }
                for d in drafts
            ],
            meetings=[
                {"id": m.id, "start": _iso(m.start_utc), "state": m.state, "interviewer": m.name}
                for m in meetings
            ],
            resumes=[
                {"id": s.id, "keywords": s.keywords, "chars": s[2], "at": _iso(s.created_at)} for s in resumes
            ],
            notes=[
                {"rating": n.rating, "text": n.text, "by": n.actor, "at": _iso(n.created_at)} for n in notes
            ],
        )

    def note(self, email: str, text: str, *, rating: int | None = None, actor: str) -> int:
        """Add a coordinator's note (and 1–5 rating) to a person; it is searchable at once."""
        if rating is not None and not 1 <= rating <= 5:
            raise UsageError("--rating must be 1 to 5")
        if not text.strip():
            raise UsageError("the note is empty")
        with writing(self._engine) as conn:
            pid = _person_id(conn, email)
            note_id = conn.execute(
                _note.insert()
                .values(person_id=pid, rating=rating, text=text.replace("\x00", "").strip(), actor=actor)
                .returning(_note.c.id)
            ).scalar_one()
            write_audit(conn, actor, "note", "person", pid, {"rating": rating})
        return int(note_id)

    def merge(self, keep: str, other: str, *, actor: str) -> dict[str, int]:
        """Fold ``other`` into ``keep``: every request, résumé and note moves; empty details are filled."""
        with writing(self._engine) as conn:
            a, b = _person_id(conn, keep), _person_id(conn, other)
            if a == b:
                raise UsageError("those are the same person")
            rows = {r.id: r for r in conn.execute(sa.select(_person).where(_person.c.id.in_([a, b])))}
            moved = {
                "requests": conn.execute(
                    _request.update().where(_request.c.requester_id == b).values(requester_id=a)
                ).rowcount,
                "forwarded": conn.execute(
                    _request.update().where(_request.c.forwarded_by_id == b).values(forwarded_by_id=a)
                ).rowcount,
                "resumes": conn.execute(
                    _resume.update().where(_resume.c.person_id == b).values(person_id=a)
                ).rowcount,
                "notes": conn.execute(
                    _note.update().where(_note.c.person_id == b).values(person_id=a)
                ).rowcount,
            }
            fill = {
                k: getattr(rows[b], k)
                for k in PERSON_FIELDS
                if not getattr(rows[a], k) and getattr(rows[b], k)
            }
            conn.execute(_person.delete().where(_person.c.id == b))
            if fill:
                conn.execute(_person.update().where(_person.c.id == a).values(**fill))
            write_audit(conn, actor, "merge", "person", a, {"merged": rows[b].email, **moved})
        return moved

    def duplicates(self) -> list[Duplicate]:
        """Pairs of people who look like one human: same phone, a near-identical name, the same résumé."""
        import phonenumbers

        with reading(self._engine) as conn:
            people = conn.execute(
                sa.select(_person.c.id, _person.c.email, _person.c.name, _person.c.phone)
            ).all()
            texts = conn.execute(
                sa.select(_resume.c.person_id, _resume.c.text).where(_resume.c.person_id.is_not(None))
            ).all()
        email = {p.id: p.email for p in people}
        reasons: dict[tuple[int, int], list[str]] = {}

        def pair(group: list[int], why: str) -> None:
            for i, x in enumerate(sorted(set(group))):
                for y in sorted(set(group))[i + 1 :]:
                    reasons.setdefault((x, y), []).append(why)

        by_phone: dict[str, list[int]] = {}
        for p in people:
            if p.phone:
                try:
                    number = phonenumbers.parse(p.phone, None if p.phone.startswith("+") else "US")
                    key = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
                except phonenumbers.NumberParseException:
                    key = "".join(c for c in p.phone if c.isdigit())
                by_phone.setdefault(key, []).append(p.id)
        for group in by_phone.values():
            pair(group, "same phone")
        named = [(p.id, " ".join(fold(p.name).split())) for p in people if p.name]
        named.sort(key=lambda item: item[1])
        for i, (x, name_x) in enumerate(named):
            for y, name_y in named[i + 1 :]:
                if name_y[:1] != name_x[:1]:
                    break  # sorted: a different first letter ends the candidates (keeps this near-linear)
                if difflib.SequenceMatcher(None, name_x, name_y).ratio() >= NAME_SIMILARITY:
                    pair([x, y], "similar name")
        by_text: dict[str, list[int]] = {}
        for t in texts:
            key = hashlib.sha256(" ".join(fold(t.text).split()).encode()).hexdigest()
            by_text.setdefault(key, []).append(t.person_id)
        for group in by_text.values():
            pair(group, "same résumé text")
        return [Duplicate(email[x], email[y], tuple(why)) for (x, y), why in sorted(reasons.items())]

    def forget(self, email: str, *, actor: str) -> ForgetReport:
        if self._key is None:
            raise StoreError("the state folder is not known, so a tombstone cannot be written")
        return forget(self._engine, self._key, email, actor=actor)


def _person_id(conn: Connection, email: str) -> int:
    pid = conn.execute(sa.select(_person.c.id).where(_person.c.email == normalise_address(email))).scalar()
    if pid is None:
        raise UsageError(f"nobody with the address {normalise_address(email)} is in the store")
    return int(pid)


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
