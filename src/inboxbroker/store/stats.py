"""Counts for ``stats --json`` (DESIGN §5), read in one snapshot.

Every key is always present, with 0 where there is nothing yet, so scripts can rely on the shape.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from inboxbroker.domain import Label
from inboxbroker.store import schema
from inboxbroker.store.erasure import tombstone_counts

DRAFT_KEYS = schema.DRAFT_STATES  # every state always present, 0 when empty, so monitoring can rely on them


def _count(conn: Connection, table: sa.Table) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())


def _grouped(conn: Connection, column: sa.ColumnElement[Any], keys: tuple[str, ...]) -> dict[str, int]:
    counts = dict.fromkeys(keys, 0)
    query = sa.select(column, sa.func.count()).where(column.is_not(None)).group_by(column)
    for key, n in conn.execute(query):
        counts[key] = int(n)
    return counts


def collect_stats(conn: Connection) -> dict[str, Any]:
    message = schema.table_of(schema.Message)
    run = schema.table_of(schema.Run)
    last = conn.execute(
        sa.select(run.c.started_at, run.c.finished_at, run.c.source, run.c.counts, run.c.exit_code)
        .order_by(run.c.id.desc())
        .limit(1)
    ).first()
    return {
        "messages": _count(conn, message),
        "by_state": _grouped(conn, message.c.state, schema.MESSAGE_STATES),
        "by_label": _grouped(conn, message.c.label, tuple(label.value for label in Label)),
        "requests": _count(conn, schema.table_of(schema.Request)),
        "people": _count(conn, schema.table_of(schema.Person)),
        "resumes": _count(conn, schema.table_of(schema.Resume)),
        "forgotten": tombstone_counts(conn),
        "drafts": _grouped(conn, schema.table_of(schema.Draft).c.state, DRAFT_KEYS),
        "last_run": None
        if last is None
        else {
            "started_at": last.started_at.isoformat(),
            "finished_at": last.finished_at.isoformat() if last.finished_at else None,
            "source": last.source,
            "counts": last.counts or {},
            "exit_code": last.exit_code,
        },
    }
