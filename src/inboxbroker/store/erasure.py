"""Erasure (``people forget``) and the tombstones that keep a forgotten person from coming back.

A person is removed with everything that is theirs: the raw messages where they are the requester or that
carry their address, those messages' attachments and résumés, requests, drafts, meetings and feedback (by
the schema's cascades), their own résumés and notes, and audit rows that name them. The index rows go with
them (the triggers of 0004), and ``SearchStore.compact`` merges the FTS5 segments so the words leave the file.

On SQLite, deleting is not erasing: a deleted row stays in free pages, in the unused tail of live pages left
by earlier page splits, and in the write-ahead log. ``secure_delete`` zeroes what *this* delete frees but not
older leftovers, so after the delete the file is rebuilt with VACUUM and the WAL is checkpointed and truncated
(the erasure test reads the raw bytes of both files). A forget is rare; a VACUUM's seconds are its price.

A tombstone is an HMAC-SHA256 of the normalised address, and of each deleted message, keyed with
``<state_dir>/forget.key``: the database alone cannot confirm a guessed address. Ingest skips a message that
was forgotten, so a re-sync does not bring the person back — also from another source: the same mail comes
with CRLF line ends over IMAP and LF ones from a Maildir or .eml copy, and an export (mbox) adds headers of
its own, so a message leaves three tombstones: its bytes' SHA-256, the SHA-256 of its bytes with LF line
ends, and its Message-ID.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from inboxbroker.errors import UsageError
from inboxbroker.store import schema
from inboxbroker.store.audit import write_audit
from inboxbroker.store.session import writing

KEY_FILE = "forget.key"
_person, _request, _message, _resume = schema.Person, schema.Request, schema.Message, schema.Resume
_draft, _meeting, _audit, _tomb = schema.Draft, schema.Meeting, schema.Audit, schema.Tombstone
_attachment, _note, _feedback = schema.Attachment, schema.PersonNote, schema.Feedback
_raw = schema.MessageRaw


def load_key(state_dir: Path) -> bytes:
    """The tombstone key in ``state_dir``, made (owner-only) on first use."""
    path = state_dir / KEY_FILE
    try:
        return bytes.fromhex(path.read_text().strip())
    except FileNotFoundError:
        pass
    state_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it meanwhile: theirs is the key
        return bytes.fromhex(path.read_text().strip())
    with os.fdopen(fd, "w") as out:
        out.write(key.hex() + "\n")
    return key


def digest(key: bytes, kind: str, value: str) -> str:
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def normalise_address(email: str) -> str:
    return email.strip().lower()


@dataclass(frozen=True)
class ForgetReport:
    email: str
    counts: dict[str, int]


def forget(engine: Engine, key: bytes, email: str, *, actor: str) -> ForgetReport:
    """Remove the person with this address everywhere and leave a tombstone; see the module docstring."""
    address = normalise_address(email)
    if "@" not in address:
        raise UsageError(f"{email!r} is not an email address")
    with _secure(engine), writing(engine) as conn:
        counts = _remove(conn, key, address, actor)
    from inboxbroker.store.search import SearchStore

    SearchStore(engine).compact()
    scrub(engine)
    return ForgetReport(address, counts)


def _remove(conn: Connection, key: bytes, address: str, actor: str) -> dict[str, int]:
    person = conn.execute(sa.select(_person.c.id, _person.c.name).where(_person.c.email == address)).first()
    pid = person.id if person is not None else None
    names = [n for n in (address, (person.name or "").strip().lower() if person else "") if len(n) >= 4]
    message_ids = set(
        conn.execute(sa.select(_request.c.message_id).where(_request.c.requester_id == pid)).scalars()
    )
    message_ids |= set(conn.execute(sa.select(_raw.c.message_id).where(_carries(conn, address))).scalars())
    if pid is None and not message_ids:
        raise UsageError(f"nobody with the address {address} is in the store")
    ids = sorted(message_ids)
    requests = _ids(conn, _request, _request.c.message_id, ids) | set(
        conn.execute(sa.select(_request.c.id).where(_request.c.requester_id == pid)).scalars()
    )
    drafts = _ids(conn, _draft, _draft.c.request_id, sorted(requests))
    meetings = _ids(conn, _meeting, _meeting.c.request_id, sorted(requests))
    counts = {
        "messages": len(ids),
        "requests": len(requests),
        "drafts": len(drafts),
        "meetings": len(meetings),
        "attachments": len(_ids(conn, _attachment, _attachment.c.message_id, ids)),
        "resumes": 0,
        "notes": 0,
        "audit": 0,
    }
    marks = [
        digest(key, kind, value)
        for start in range(0, len(ids), 100)  # raw bytes, read a hundred messages at a time
        for row in conn.execute(
            sa.select(_message.c.sha256, _message.c.message_id_header, _raw.c.raw)
            .select_from(schema.MessageWithRaw)
            .where(_message.c.id.in_(ids[start : start + 100]))
        )
        for kind, value in message_marks(row.sha256, bytes(row.raw or b""), row.message_id_header)
    ]
    # Children first: the search triggers then read a person who still exists, in a consistent state.
    attachments = sa.select(_attachment.c.id).where(_attachment.c.message_id.in_(ids))
    counts["resumes"] = conn.execute(
        _resume.delete().where(sa.or_(_resume.c.person_id == pid, _resume.c.attachment_id.in_(attachments)))
    ).rowcount
    counts["notes"] = conn.execute(_note.delete().where(_note.c.person_id == pid)).rowcount
    conn.execute(_request.delete().where(_request.c.id.in_(sorted(requests))))  # drafts, meetings cascade
    for start in range(0, len(ids), 500):
        conn.execute(_message.delete().where(_message.c.id.in_(ids[start : start + 500])))
    if pid is not None:
        conn.execute(_person.delete().where(_person.c.id == pid))
    counts["audit"] = _forget_audit(conn, names, {"request": requests, "draft": drafts, "meeting": meetings})
    tombstones = [("address", digest(key, "address", address))]
    tombstones += [("message", mark) for mark in marks]
    known = set(conn.execute(sa.select(_tomb.c.digest)).scalars())
    fresh = [
        {"kind": k, "digest": d, "skipped": 0}
        for d, k in dict((d, k) for k, d in tombstones).items()
        if d not in known
    ]
    if fresh:
        conn.execute(_tomb.insert(), fresh)
    write_audit(conn, actor, "forget", "person", detail={"removed": counts})
    return counts


def _carries(conn: Connection, address: str) -> sa.ColumnElement[bool]:
    """Messages whose bytes contain the address (a quarantined one, a forward naming them)."""
    raw = _raw.c.raw
    if conn.dialect.name == "postgresql":
        return sa.func.strpos(sa.func.lower(sa.func.encode(raw, "escape")), address) > 0
    return sa.func.instr(sa.func.lower(sa.cast(raw, sa.Text)), address) > 0


def _ids(conn: Connection, table: sa.Table, column: sa.Column[Any], keys: list[int]) -> set[int]:
    found: set[int] = set()
    for start in range(0, len(keys), 500):
        query = sa.select(table.c.id).where(column.in_(keys[start : start + 500]))
        found |= set(conn.execute(query).scalars())
    return found


def _forget_audit(conn: Connection, names: list[str], objects: dict[str, set[int]]) -> int:
    """Delete audit rows about the removed objects or whose words name the person."""
    doomed = []
    for row in conn.execute(
        sa.select(_audit.c.id, _audit.c.object_type, _audit.c.object_id, _audit.c.detail)
    ):
        text = json.dumps(row.detail, ensure_ascii=False).lower() if row.detail is not None else ""
        if row.object_id in objects.get(row.object_type or "", ()) or any(n in text for n in names):
            doomed.append(row.id)
    for start in range(0, len(doomed), 500):
        conn.execute(_audit.delete().where(_audit.c.id.in_(doomed[start : start + 500])))
    return len(doomed)


class _secure:
    """SQLite: zero what the deletes free, on the connections that do them (a per-connection pragma)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.listener: Any = None

    def __enter__(self) -> None:
        if self.engine.dialect.name == "sqlite":

            def on_begin(conn: Connection) -> None:
                conn.exec_driver_sql("PRAGMA secure_delete = ON")

            self.listener = on_begin
            sa.event.listen(self.engine, "begin", on_begin)

    def __exit__(self, *exc: object) -> None:
        if self.listener is not None:
            sa.event.remove(self.engine, "begin", self.listener)


def scrub(engine: Engine) -> None:
    """Leave no copy of deleted rows in the files: VACUUM and a truncating checkpoint (SQLite), or
    VACUUM so PostgreSQL may reuse the dead tuples' space (its WAL archive is the operator's)."""
    with engine.connect() as outer:
        driver: Any = outer.connection.dbapi_connection
        if engine.dialect.name == "sqlite":
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            driver.execute("VACUUM")
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            driver.commit()
            driver.autocommit = True
            try:
                for table in (
                    "message",
                    "attachment",
                    "resume",
                    "person",
                    "person_note",
                    "audit",
                    "search_doc",
                ):
                    driver.execute(f"VACUUM {table}")
            finally:
                driver.autocommit = False


def message_marks(sha256: str, raw: bytes, message_id: str | None) -> list[tuple[str, str]]:
    """What a forgotten message is known by again: its bytes, its bytes with LF line ends, its Message-ID.

    A purge may have emptied ``raw`` already (retention): then only the hash and the Message-ID are left.
    """
    marks = [("message", sha256)]
    if raw:
        marks.append(("content", content_hash(raw)))
    if message_id and message_id.strip("<> "):
        marks.append(("message-id", message_id.strip("<> ")))
    return marks


def content_hash(raw: bytes) -> str:
    """SHA-256 of the bytes with LF line ends and no trailing blank lines (how Maildir and .eml copies differ)."""
    return hashlib.sha256(raw.replace(b"\r\n", b"\n").rstrip(b"\n")).hexdigest()


def skip_forgotten(
    conn: Connection, key: bytes | None, prepared: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The prepared ingest rows minus those forgotten (``message_marks``); counts each skip on one tombstone."""
    if key is None or not prepared:
        return prepared
    if conn.execute(sa.select(_tomb.c.id).where(_tomb.c.kind == "message").limit(1)).first() is None:
        return prepared  # nothing forgotten yet: no second hash of every message
    marks = [
        [
            digest(key, kind, value)
            for kind, value in message_marks(r["sha256"], r["raw"], r["message_id_header"])
        ]
        for r in prepared
    ]
    wanted = sorted({d for row in marks for d in row})
    dead: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        dead |= set(conn.execute(sa.select(_tomb.c.digest).where(_tomb.c.digest.in_(chunk))).scalars())
    if not dead:
        return prepared
    skipped: Counter[str] = Counter()
    kept = []
    for row, digests in zip(prepared, marks, strict=True):
        hit = next((d for d in digests if d in dead), None)
        if hit is None:
            kept.append(row)
        else:
            skipped[hit] += 1
    for mark, times in skipped.items():
        conn.execute(_tomb.update().where(_tomb.c.digest == mark).values(skipped=_tomb.c.skipped + times))
    return kept


def tombstone_counts(conn: Connection) -> dict[str, int]:
    query = sa.select(
        _tomb.c.kind, sa.func.count(), sa.func.coalesce(sa.func.sum(_tomb.c.skipped), 0)
    ).group_by(_tomb.c.kind)
    counts = {"people": 0, "skipped_messages": 0}
    for kind, n, skipped in conn.execute(query):
        if kind == "address":
            counts["people"] = int(n)
        counts["skipped_messages"] += int(skipped)
    return counts


def forgotten(conn: Connection, key: bytes, addresses: Iterable[str]) -> set[str]:
    """Which of these addresses were forgotten."""
    wanted = {digest(key, "address", normalise_address(a)): normalise_address(a) for a in addresses}
    found = conn.execute(sa.select(_tomb.c.digest).where(_tomb.c.digest.in_(list(wanted)))).scalars()
    return {wanted[d] for d in found}
