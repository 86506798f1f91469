"""The one way a row reaches the ``audit`` table: who did what to which object, and when.

Called inside the transaction of the change it records, so an action and its audit row commit together.
``detail`` is stored as JSON; datetimes in it are written as ISO 8601.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.engine import Connection

from inboxbroker.store import schema


def write_audit(
    conn: Connection,
    actor: str,
    action: str,
    object_type: str,
    object_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    plain = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in (detail or {}).items()}
    conn.execute(
        schema.Audit.insert().values(
            at=schema.utcnow(),
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=object_id,
            detail=plain,
        )
    )
