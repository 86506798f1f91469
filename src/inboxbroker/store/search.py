"""Full-text search over people: one interface, two engines (SQLite FTS5, PostgreSQL tsvector).

Each person is one document — name, address, phone, organisation and role; résumé fields; request topics and subject lines;
the coordinators' notes; résumé text — kept in step by the triggers of migration 0004, so every write path
(the pipeline, notes, merges, erasure, cascades) updates it without calling us.

Ranking and snippets are two steps on purpose: the top ``limit`` people are ranked from the index alone,
and only they get a highlighted snippet, which is what costs time when a broad query matches thousands.
How each engine does both, and how many matches a broad query ranks, is ``store/search_engines.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from inboxbroker.errors import UsageError
from inboxbroker.store import schema
from inboxbroker.store.search_engines import MARK_END, MARK_START, pg_top, sqlite_top
from inboxbroker.store.search_query import parse
from inboxbroker.store.session import reading, writing

MAX_LIMIT = 500
_person, _request, _resume = schema.Person, schema.Request, schema.Resume
_note, _meeting, _interviewer, _message = (
    schema.PersonNote,
    schema.Meeting,
    schema.Interviewer,
    schema.Message,
)


@dataclass(frozen=True)
class SearchFilters:
    """Conditions beside the words; each narrows the people a search may return."""

    skill: str | None = None
    school: str | None = None
    organization: str | None = None
    since: datetime | None = None  # a request of theirs arrived on or after this
    until: datetime | None = None
    label: str | None = None
    state: str | None = None  # a request of theirs is in this state
    interviewer: str | None = None  # name or address of an interviewer they have a meeting with
    met: bool | None = None  # a confirmed meeting that has ended (True), or none (False)
    min_rating: int | None = None

    def any(self) -> bool:
        return any(v is not None for v in vars(self).values())


@dataclass(frozen=True)
class SearchHit:
    person_id: int
    person: str | None
    email: str
    score: float
    marked: str = field(repr=False)  # the snippet with MARK_START/MARK_END around matches
    organization: str | None = None
    role: str | None = None
    phone: str | None = None
    rating: int | None = None
    requests: int = 0
    resumes: int = 0

    @property
    def snippet(self) -> str:
        """The snippet with «» around the matched words (terminal and JSON output)."""
        return self.marked.replace(MARK_START, "«").replace(MARK_END, "»")

    def segments(self) -> list[tuple[str, bool]]:
        """(text, is a match) pieces of the snippet, for a page to escape and highlight itself."""
        pieces: list[tuple[str, bool]] = []
        for i, part in enumerate(self.marked.split(MARK_START)):
            inside, _, after = part.partition(MARK_END) if i else ("", "", part)
            pieces += [(inside, True)] if inside else []
            pieces += [(after, False)] if after else []
        return pieces

    def as_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "email": self.email,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "organization": self.organization,
            "role": self.role,
            "phone": self.phone,
            "rating": self.rating,
            "requests": self.requests,
            "resumes": self.resumes,
        }


class SearchStore:
    """``Store.search``: ``search``, ``rebuild`` and ``compact`` on whichever engine the store runs."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def search(
        self,
        query: str,
        filters: SearchFilters | None = None,
        *,
        limit: int = 20,
        now: datetime | None = None,
    ) -> list[SearchHit]:
        """The best ``limit`` people for ``query``; an empty query lists the filters' people, newest first.

        A query matching more than ``RANK_AT_MOST`` people is ranked over its newest matches and every match
        of its rarer words (``store/search_engines.py``).

        Raises ``QueryError`` (a ``UsageError``) for a query that cannot be run, saying what to change.
        """
        filters = filters or SearchFilters()
        if not 1 <= limit <= MAX_LIMIT:
            raise UsageError(f"--limit must be between 1 and {MAX_LIMIT}")
        node = parse(query) if query.strip() else None
        if node is None and not filters.any():
            raise UsageError("give words to search for, or at least one filter")
        people = _filtered(filters, now or datetime.now(UTC)) if filters.any() else None
        with reading(self._engine) as conn:
            if node is None:
                assert people is not None
                newest = people.order_by(_person.c.id.desc()).limit(limit)
                ranked: list[tuple[int, float]] = [(int(pid), 0.0) for pid in conn.execute(newest).scalars()]
                snippets: dict[int, str] = {}
            elif conn.dialect.name == "sqlite":
                ranked, snippets = sqlite_top(conn, node, people, limit)
            else:
                ranked, snippets = pg_top(conn, node, people, limit)
            return _hits(conn, ranked, snippets)

    def rebuild(self) -> int:
        """Rebuild the whole index from the tables; returns the number of people indexed."""
        with writing(self._engine) as conn:
            if conn.dialect.name == "sqlite":
                cols = "person, work, fields, topics, notes, resume"
                conn.exec_driver_sql(
                    f"INSERT INTO {schema.SEARCH_FTS_TABLE}({schema.SEARCH_FTS_TABLE}) VALUES ('delete-all')"
                )
                conn.exec_driver_sql(
                    f"INSERT INTO {schema.SEARCH_FTS_TABLE}(rowid, {cols}) "
                    f"SELECT id, {cols} FROM {schema.SEARCH_SOURCE_VIEW}"
                )
            else:
                conn.exec_driver_sql(f"DELETE FROM {schema.SEARCH_DOC_TABLE}")
                conn.exec_driver_sql("SELECT ib_search_refresh(id) FROM person")
            count = conn.execute(sa.select(sa.func.count()).select_from(_person)).scalar_one()
        self.compact()
        return int(count)

    def compact(self) -> None:
        """Merge the index's segments so removed words are gone from the file too (erasure), not just marked."""
        if self._engine.dialect.name == "sqlite":
            with writing(self._engine) as conn:
                conn.exec_driver_sql(
                    f"INSERT INTO {schema.SEARCH_FTS_TABLE}({schema.SEARCH_FTS_TABLE}) VALUES ('optimize')"
                )


def _filtered(f: SearchFilters, now: datetime) -> sa.Select[Any]:
    """The ids of the people the filters allow."""
    p, r = _person.c, _request.c
    query = sa.select(p.id)

    def has_request(*conditions: Any) -> Any:
        return sa.exists(sa.select(r.id).where(r.requester_id == p.id, *conditions))

    def has_resume(word: str) -> Any:
        return sa.exists(
            sa.select(_resume.c.id).where(_resume.c.person_id == p.id, _resume.c.keywords.ilike(_like(word)))
        )

    if f.organization:
        query = query.where(p.organization.ilike(_like(f.organization)))
    for word in (f.skill, f.school):
        if word:
            query = query.where(has_resume(word))
    if f.label:
        query = query.where(has_request(r.label == f.label))
    if f.state:
        query = query.where(has_request(r.state == f.state))
    if f.since or f.until:
        arrived = sa.func.coalesce(_message.c.received_at, r.created_at)
        dated = sa.select(r.id).join(_message, _message.c.id == r.message_id).where(r.requester_id == p.id)
        if f.since:
            dated = dated.where(arrived >= f.since)
        if f.until:
            dated = dated.where(arrived < f.until)
        query = query.where(sa.exists(dated))
    meetings = (
        sa.select(_meeting.c.id).join(_request, r.id == _meeting.c.request_id).where(r.requester_id == p.id)
    )
    if f.interviewer:
        who = f.interviewer.strip().lower()
        by = sa.select(_interviewer.c.id).where(
            sa.or_(sa.func.lower(_interviewer.c.email) == who, _interviewer.c.name.ilike(_like(who)))
        )
        query = query.where(sa.exists(meetings.where(_meeting.c.interviewer_id.in_(by))))
    if f.met is not None:
        met = sa.exists(meetings.where(_meeting.c.state == "confirmed", _meeting.c.end_utc <= now))
        query = query.where(met if f.met else ~met)
    if f.min_rating:
        rated = sa.select(_note.c.id).where(_note.c.person_id == p.id, _note.c.rating >= f.min_rating)
        query = query.where(sa.exists(rated))
    return query


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _hits(conn: Connection, ranked: list[tuple[int, float]], snippets: dict[int, str]) -> list[SearchHit]:
    if not ranked:
        return []
    people = {row.id: row for row in conn.execute(_HITS, {"ids": [pid for pid, _ in ranked]})}
    hits = []
    for pid, score in ranked:
        if pid not in people:
            continue
        row = people[pid]
        hits.append(
            SearchHit(
                person_id=pid,
                person=row.name,
                email=row.email,
                score=score,
                marked=" ".join(snippets.get(pid, "").split()),
                organization=row.organization,
                role=row.role,
                phone=row.phone,
                rating=row.rating,
                requests=row.requests,
                resumes=row.resumes,
            )
        )
    return hits


def _hits_query() -> sa.Select[Any]:
    """The shown people with their counts and latest rating, in one statement built once."""
    p = _person.c

    def count(column: sa.Column[Any]) -> Any:
        return sa.select(sa.func.count()).where(column == p.id).scalar_subquery()

    rating = (
        sa.select(_note.c.rating)
        .where(_note.c.person_id == p.id, _note.c.rating.is_not(None))
        .order_by(_note.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return sa.select(
        p.id,
        p.name,
        p.email,
        p.organization,
        p.role,
        p.phone,
        rating.label("rating"),  # the latest note's rating wins
        count(_request.c.requester_id).label("requests"),
        count(_resume.c.person_id).label("resumes"),
    ).where(p.id.in_(sa.bindparam("ids", expanding=True)))


_HITS = _hits_query()
