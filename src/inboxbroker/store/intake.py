"""Ingest's bulk write: message rows and their bytes, inserted and re-matched in one pass, and the cursor move.

Kept apart from the ledger because it is the hot path: two look-ups per batch (UIDs already stored, content
hashes already stored) and one executemany insert, never one round-trip per message.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from inboxbroker.store import schema
from inboxbroker.store.headers import read_header_fields

CHUNK = 500  # values per IN (...) list, well under every dialect's bound-parameter limit

_mailbox = schema.table_of(schema.Mailbox)
_message = schema.table_of(schema.Message)
_message_raw = schema.MessageRaw


def prepare(
    uid: int | None, raw: bytes, internaldate: datetime | None, source_key: str | None
) -> dict[str, Any]:
    """The message row for one fetched message (minus mailbox and UIDVALIDITY), computed outside the lock."""
    raw = bytes(raw)
    # The server's INTERNALDATE is the arrival time we keep; parsing Date too would be wasted work.
    fields = read_header_fields(raw, want_date=internaldate is None)
    return {
        "uid": uid,
        "source_key": source_key,
        "raw": raw,
        "size": len(raw),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "message_id_header": fields.message_id,
        "subject": fields.subject,
        "received_at": internaldate or fields.date,
    }


def ingest(
    conn: Connection, mailbox_id: int, uidvalidity: int | None, prepared: list[dict[str, Any]]
) -> list[tuple[int, int | None, bool]]:
    """(message id, uid, is new) per prepared row: insert what is new, re-point what moved.

    A row's UID follows the latest place its bytes were seen, so flags and moves go where the message is now.
    """
    m = _message.c
    uids = sorted({row["uid"] for row in prepared if row["uid"] is not None})
    shas = sorted({row["sha256"] for row in prepared})
    by_uid: dict[int, int | str] = {}  # UID → stored message id, or the sha256 of a row inserted below
    by_sha: dict[str, tuple[int, int | None, int | None]] = {}
    for start in range(0, max(len(uids), len(shas)), CHUNK):
        if uidvalidity is not None and uids[start : start + CHUNK]:
            query = sa.select(m.uid, m.id).where(
                m.mailbox_id == mailbox_id,
                m.uidvalidity == uidvalidity,
                m.uid.in_(uids[start : start + CHUNK]),
            )
            for found in conn.execute(query):
                by_uid[found.uid] = found.id
        if shas[start : start + CHUNK]:
            query = sa.select(m.sha256, m.id, m.uidvalidity, m.uid).where(
                m.mailbox_id == mailbox_id, m.sha256.in_(shas[start : start + CHUNK])
            )
            for same in conn.execute(query):
                by_sha[same.sha256] = (same.id, same.uidvalidity, same.uid)

    now = schema.utcnow()
    inserts: list[dict[str, Any]] = []
    new_at: dict[str, int] = {}  # sha256 → index into inserts, for duplicates within this batch
    moves: dict[int, int] = {}  # existing message id → the UID its bytes were seen at now
    slots: list[tuple[int | None, int | None, str]] = []  # (existing id, uid, sha256) per item, in order
    for row in prepared:
        uid, sha = row["uid"], row["sha256"]
        if uid is not None and uid in by_uid:  # the same UID again: already stored, or earlier in this batch
            target = by_uid[uid]
            slots.append((target, uid, sha) if isinstance(target, int) else (None, uid, target))
        elif sha in by_sha:
            existing, old_uv, old_uid = by_sha[sha]
            if uid is not None and (old_uv, old_uid) != (uidvalidity, uid):
                moves[existing] = uid
                by_uid[uid] = existing
            slots.append((existing, uid, sha))
        elif sha in new_at:
            if uid is not None:  # identical bytes twice in one batch: one row, at the later UID
                inserts[new_at[sha]]["uid"] = uid
                by_uid[uid] = sha
            slots.append((None, uid, sha))
        else:
            new_at[sha] = len(inserts)
            inserts.append(
                row
                | {"mailbox_id": mailbox_id, "uidvalidity": uidvalidity, "state": "new"}
                | {"action_state": "none", "attempts": 0, "created_at": now}
            )
            if uid is not None:
                by_uid[uid] = sha
            slots.append((None, uid, sha))

    if moves:
        conn.execute(
            _message.update()
            .where(m.id == sa.bindparam("b_id"))
            # A finished message seen at a new place (a renumbered folder, a restore) needs its flag or move
            # again there; one still `new` gets it when it is processed.
            .values(
                uidvalidity=uidvalidity,
                uid=sa.bindparam("b_uid"),
                action_state=sa.case((m.state == "new", m.action_state), else_="pending"),
            ),
            [{"b_id": id_, "b_uid": uid} for id_, uid in moves.items()],
        )
    new_ids: list[int] = []
    if inserts:
        # A plain executemany (the driver's fast path; INSERT … RETURNING in parameter order runs one statement
        # per row on SQLite), then one look-up of the new ids by content hash, unique within the mailbox.
        conn.execute(_message.insert(), [{k: v for k, v in row.items() if k != "raw"} for row in inserts])
        hashes = [row["sha256"] for row in inserts]
        id_of: dict[str, int] = {}
        for start in range(0, len(hashes), CHUNK):
            query = sa.select(m.sha256, m.id).where(
                m.mailbox_id == mailbox_id, m.sha256.in_(hashes[start : start + CHUNK])
            )
            id_of.update((row.sha256, row.id) for row in conn.execute(query))
        new_ids = [id_of[sha] for sha in hashes]
        conn.execute(
            _message_raw.insert(),
            [{"message_id": id_, "raw": row["raw"]} for id_, row in zip(new_ids, inserts, strict=True)],
        )
    result: list[tuple[int, int | None, bool]] = []
    seen_new: set[str] = set()
    for stored_id, seen_uid, sha in slots:
        if stored_id is not None:
            result.append((stored_id, seen_uid, False))
        else:
            result.append((new_ids[new_at[sha]], seen_uid, sha not in seen_new))
            seen_new.add(sha)
    return result


def advance_cursor(conn: Connection, mailbox_id: int, uidvalidity: int, last_uid: int) -> None:
    """Move the cursor forward (never back) under this UIDVALIDITY; a new UIDVALIDITY starts it afresh."""
    c = _mailbox.c
    same = sa.and_(c.uidvalidity == uidvalidity, c.last_uid > last_uid)
    conn.execute(
        _mailbox.update()
        .where(c.id == mailbox_id)
        .values(
            uidvalidity=uidvalidity,
            last_uid=sa.case((same, c.last_uid), else_=last_uid),
            updated_at=schema.utcnow(),
        )
    )
