"""The ``interviewer`` table kept in step with ``[[interviewers]]``: drafting reads ids and load from it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from inboxbroker.store import schema
from inboxbroker.store.session import reading, writing

_interviewer = schema.table_of(schema.Interviewer)


@dataclass(frozen=True)
class InterviewerRow:
    id: int
    name: str
    email: str
    active: bool


class InterviewerStore:
    """``Store.interviewers`` hands one out."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def sync(self, entries: Sequence[Any]) -> dict[str, int]:
        """Make the table match ``[[interviewers]]`` (by email); those no longer listed become inactive.

        Inactive rows stay, so their meetings keep their host. Returns email → id for the active ones.
        """
        i = _interviewer.c
        wanted = {entry.email: _interviewer_values(entry) for entry in entries}
        columns = (i.id, i.email, *(getattr(i, name) for name in _SYNCED))
        with reading(self._engine) as conn:
            stored = {row.email: row for row in conn.execute(sa.select(*columns))}
        ids = {email: row.id for email, row in stored.items()}
        changed = {
            email: values
            for email, values in wanted.items()
            if email not in stored or any(getattr(stored[email], k) != v for k, v in values.items())
        }
        gone = [row.id for email, row in stored.items() if email not in wanted and row.active]
        if not changed and not gone:
            return {email: ids[email] for email in wanted}  # a cron run with the same config writes nothing
        with writing(self._engine) as conn:
            for email, values in changed.items():
                if email in ids:
                    conn.execute(_interviewer.update().where(i.id == ids[email]).values(**values))
                else:
                    ids[email] = conn.execute(
                        _interviewer.insert().values(email=email, **values).returning(i.id)
                    ).scalar_one()
            if gone:
                conn.execute(_interviewer.update().where(i.id.in_(gone)).values(active=False))
        return {email: ids[email] for email in wanted}

    def rows(self) -> list[InterviewerRow]:
        i = _interviewer.c
        with reading(self._engine) as conn:
            rows = conn.execute(sa.select(i.id, i.name, i.email, i.active).order_by(i.name))
            return [InterviewerRow(*row) for row in rows]


_SYNCED = ("name", "topics", "timezone", "working_hours", "busy_source", "capacity_per_month", "active")


def _interviewer_values(entry: Any) -> dict[str, Any]:
    return {
        "name": entry.name,
        "topics": list(entry.topics),
        "timezone": entry.timezone,
        "working_hours": entry.working_hours,
        "busy_source": entry.busy_ics or (entry.busy_caldav.url if entry.busy_caldav else None),
        "capacity_per_month": entry.capacity_per_month,
        "active": True,
    }
