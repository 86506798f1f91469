"""The ledger: the runner's whole view of the store — cursors, raw messages, their states, runs and stats.

Raw bytes are committed before anything else happens (DESIGN §4.1) and the cursor moves in the same commit
as the rows it covers, so a crash leaves either both or neither. Every method is one transaction and returns
plain dataclasses defined here; callers never see SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from inboxbroker.errors import OutcomeStoreError, StoreError, StoreUnavailableError
from inboxbroker.store import intake, schema
from inboxbroker.store.erasure import skip_forgotten
from inboxbroker.store.migrate import upgrade
from inboxbroker.store.outcomes import (
    STORED_BEFORE,
    CalendarAnswer,
    OutcomeRecord,
    ThreadReplyRecord,
    record_calendar_answer,
    record_outcome,
)
from inboxbroker.store.session import create_engine, dialect_insert, first_line, reach, reading, writing
from inboxbroker.store.stats import collect_stats

if TYPE_CHECKING:
    from inboxbroker.mail.threads import ThreadIndex
    from inboxbroker.store.drafts import DraftStore
    from inboxbroker.store.interviewers import InterviewerStore
    from inboxbroker.store.meetings import MeetingStore
    from inboxbroker.store.outbox import OutboxStore
    from inboxbroker.store.people import PeopleStore
    from inboxbroker.store.replies import ReplyStore
    from inboxbroker.store.retention import PurgePlan
    from inboxbroker.store.review import ReviewStore
    from inboxbroker.store.search import SearchStore
    from inboxbroker.store.users import UserStore

LOCAL_ACCOUNT = "local"
# pending() reads pages this big: memory stays bounded without a transaction held open across yields.
PAGE = 100
PAGE_BYTES = 32 * 1024 * 1024
LOCAL_BATCH = 200

_mailbox = schema.table_of(schema.Mailbox)
_message = schema.table_of(schema.Message)
_raw = schema.MessageRaw
_run = schema.table_of(schema.Run)


@dataclass(frozen=True)
class Cursor:
    id: int
    account: str
    folder: str
    uidvalidity: int | None
    last_uid: int


@dataclass(frozen=True)
class RawItem:
    """One fetched message: its UID (None for local sources), raw bytes, server INTERNALDATE, source key."""

    uid: int | None
    raw: bytes = field(repr=False)
    internaldate: datetime | None = None
    source_key: str | None = None


@dataclass(frozen=True)
class Finished:
    """One message's end state for ``finish_group``: ledger values (``processed_values`` or
    ``quarantined_values``), whether its mailbox action is now due, and what it adds to the store."""

    message_id: int
    values: dict[str, Any]
    action: bool
    outcome: OutcomeRecord | ThreadReplyRecord | None = None
    calendar_answer: CalendarAnswer | None = None


@dataclass(frozen=True)
class Ingested:
    message_id: int
    uid: int | None
    is_new: bool


@dataclass(frozen=True)
class LedgerMessage:
    id: int
    mailbox_id: int
    uid: int | None
    uidvalidity: int | None
    raw: bytes = field(repr=False)
    received_at: datetime | None
    attempts: int


@dataclass(frozen=True)
class ActionItem:
    message_id: int
    uid: int
    state: str


@dataclass(frozen=True)
class QuarantineItem:
    id: int
    mailbox: str  # "account/folder"
    uid: int | None
    subject: str | None
    error: str | None
    received_at: datetime | None


@dataclass(frozen=True)
class MessageRow:
    id: int
    subject: str | None
    state: str
    label: str | None
    error: str | None
    trace: dict[str, Any] | None


class Store:
    """A database with the ledger API. Open with ``Store.open(url)``; close it (or use ``with``)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._forget_key: bytes | None = None

    def use_state_dir(self, state_dir: Path) -> None:
        """Where the tombstone key lives: ingest skips forgotten mail only once this is known."""
        from inboxbroker.store.erasure import load_key

        self._forget_key = load_key(state_dir)

    def forget_key(self) -> bytes:
        if self._forget_key is None:
            raise StoreError("the state folder is not known, so a tombstone cannot be written")
        return self._forget_key

    @classmethod
    def open(cls, url: str, *, migrate: bool = True) -> Store:
        engine = create_engine(url)
        try:
            reach(engine)
            if migrate:
                upgrade(engine)
            else:
                with reading(engine) as conn:
                    conn.execute(sa.text("SELECT 1"))
        except (sa.exc.SQLAlchemyError, StoreUnavailableError) as exc:
            engine.dispose()
            where = engine.url.render_as_string(hide_password=True)
            cause = exc.__cause__ if isinstance(exc, StoreUnavailableError) else exc
            raise StoreError(
                f"cannot open the database {where}: {getattr(cause, 'orig', None) or cause}"
                " (check store.url, and that the database server is running)"
            ) from exc
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    @property
    def engine(self) -> Engine:
        """For other modules of ``store/`` only (search, request writers); never for callers outside it."""
        return self._engine

    # -- cursors -------------------------------------------------------------------------------------

    def mailbox(self, account: str, folder: str) -> Cursor:
        """The cursor of ``account``/``folder``, created at (no UIDVALIDITY, last UID 0) on first use."""
        with writing(self._engine) as conn:
            return _ensure_mailbox(conn, account, folder)

    def reset_cursor(self, mailbox_id: int, uidvalidity: int) -> None:
        """The server changed UIDVALIDITY: restart from UID 0; ingest re-matches old rows by content hash."""
        with writing(self._engine) as conn:
            conn.execute(
                _mailbox.update()
                .where(_mailbox.c.id == mailbox_id)
                .values(uidvalidity=uidvalidity, last_uid=0, updated_at=schema.utcnow())
            )

    # -- ingest --------------------------------------------------------------------------------------

    def ingest_batch(
        self, mailbox_id: int, uidvalidity: int, items: Sequence[RawItem], last_uid: int
    ) -> list[Ingested]:
        """Store fetched messages and advance the cursor to ``last_uid``, all in one commit.

        A UID already stored under this UIDVALIDITY is skipped. Bytes already stored in this mailbox (same
        sha256) are not stored twice: the existing row is re-pointed to the UID where they were seen now,
        which is how mail survives a UIDVALIDITY change without being processed again (DESIGN §4.2).
        """
        prepared = [
            intake.prepare(i.uid, i.raw, i.internaldate, i.source_key) for i in items
        ]  # outside the lock
        with writing(self._engine) as conn:
            prepared = skip_forgotten(conn, self._forget_key, prepared)
            result = intake.ingest(conn, mailbox_id, uidvalidity, prepared)
            intake.advance_cursor(conn, mailbox_id, uidvalidity, last_uid)
        return [Ingested(*row) for row in result]

    def ingest_local(self, source: str, source_key: str, raw: bytes) -> Ingested:
        """Store one message from a local source (Maildir, mbox, .eml folder); deduplicated by content."""
        done = self.ingest_many_local(source, [(source_key, raw)])
        return done[0] if done else Ingested(0, None, False)  # the bytes of a forgotten person: skipped

    def ingest_many_local(self, source: str, items: Iterable[tuple[str, bytes]]) -> list[Ingested]:
        """Store ``(source_key, raw)`` pairs from a local source in transactions of ``LOCAL_BATCH``."""
        cursor = self.mailbox(LOCAL_ACCOUNT, source)
        result: list[Ingested] = []
        batch: list[dict[str, Any]] = []
        for source_key, raw in items:
            batch.append(intake.prepare(None, raw, None, source_key))
            if len(batch) >= LOCAL_BATCH:
                result += self._ingest_local_batch(cursor.id, batch)
                batch = []
        if batch:
            result += self._ingest_local_batch(cursor.id, batch)
        return result

    def _ingest_local_batch(self, mailbox_id: int, batch: list[dict[str, Any]]) -> list[Ingested]:
        with writing(self._engine) as conn:
            batch = skip_forgotten(conn, self._forget_key, batch)
            return [Ingested(*row) for row in intake.ingest(conn, mailbox_id, None, batch)]

    # -- processing ----------------------------------------------------------------------------------

    @property
    def drafts(self) -> DraftStore:
        """Interviewers, drafts and meetings (``store/drafts.py``)."""
        from inboxbroker.store.drafts import DraftStore  # loaded by the commands that use it

        return DraftStore(self._engine)

    @property
    def search(self) -> SearchStore:
        """Full-text search over people, and rebuilding its index (``store/search.py``)."""
        from inboxbroker.store.search import SearchStore  # loaded by the commands that use it

        return SearchStore(self._engine)

    @property
    def people(self) -> PeopleStore:
        """A person's history, notes, merges, duplicates and erasure (``store/people.py``)."""
        from inboxbroker.store.people import PeopleStore

        return PeopleStore(self._engine, self._forget_key)

    @property
    def outbox(self) -> OutboxStore:
        """Approved drafts on their way out: claim, sent, deferred, failed (``store/outbox.py``)."""
        from inboxbroker.store.outbox import OutboxStore  # loaded by the commands that use it

        return OutboxStore(self._engine)

    @property
    def meetings(self) -> MeetingStore:
        """Meetings and each interviewer's load (``store/meetings.py``)."""
        from inboxbroker.store.meetings import MeetingStore  # loaded by the commands that use it

        return MeetingStore(self._engine)

    @property
    def interviewers(self) -> InterviewerStore:
        """The interviewer table kept in step with the config (``store/interviewers.py``)."""
        from inboxbroker.store.interviewers import InterviewerStore  # loaded by the commands that use it

        return InterviewerStore(self._engine)

    @property
    def replies(self) -> ReplyStore:
        """Replies in our threads that pick one of the offered slots (``store/replies.py``)."""
        from inboxbroker.store.replies import ReplyStore  # loaded by the commands that use it

        return ReplyStore(self._engine)

    @property
    def users(self) -> UserStore:
        """Accounts of the review web page (``store/users.py``)."""
        from inboxbroker.store.users import UserStore  # argon2 loads only for the commands that need it

        return UserStore(self._engine)

    @property
    def review(self) -> ReviewStore:
        """The review queue's reads and its audited actions (``store/review.py``)."""
        from inboxbroker.store.review import ReviewStore

        return ReviewStore(self._engine)

    def lease(self, name: str) -> AbstractContextManager[bool]:
        """Hold the cross-machine lease ``name`` while the block runs (PostgreSQL; always granted on SQLite)."""
        from inboxbroker.store.leases import advisory_lease

        return advisory_lease(self._engine, name)

    def pending(
        self, limit: int | None = None, mailbox_id: int | None = None, after: int = 0
    ) -> Iterator[LedgerMessage]:
        """New messages after id ``after``, oldest first, read a page at a time so memory stays bounded.

        A page holds at most ``PAGE`` messages and ``PAGE_BYTES`` of raw mail (always at least one message).
        No transaction is held open between pages, so the caller may mark messages as it goes.
        """
        m = _message.c
        left = limit
        while left is None or left > 0:
            query = sa.select(m.id, m.size).where(m.state == "new", m.id > after)
            if mailbox_id is not None:
                query = query.where(m.mailbox_id == mailbox_id)
            query = query.order_by(m.id).limit(PAGE if left is None else min(PAGE, left))
            with reading(self._engine) as conn:
                ids: list[int] = []
                total = 0
                for row in conn.execute(query):
                    if ids and total + row.size > PAGE_BYTES:
                        break
                    ids.append(row.id)
                    total += row.size
                if not ids:
                    return
                columns = (m.id, m.mailbox_id, m.uid, m.uidvalidity, _raw.c.raw, m.received_at, m.attempts)
                query = (
                    sa.select(*columns).select_from(schema.MessageWithRaw).where(m.id.in_(ids)).order_by(m.id)
                )
                page = conn.execute(query).all()
            for message in page:
                yield LedgerMessage(
                    id=message.id,
                    mailbox_id=message.mailbox_id,
                    uid=message.uid,
                    uidvalidity=message.uidvalidity,
                    # Bytes gone missing (a hand-edited database) read as none: the pipeline quarantines
                    # the message as empty, where skipping it would leave it `new` for ever, unseen.
                    raw=bytes(message.raw or b""),
                    received_at=message.received_at,
                    attempts=message.attempts,
                )
            after = ids[-1]
            if left is not None:
                left -= len(ids)

    def count_pending(self, mailbox_id: int | None = None) -> int:
        """How many messages are still ``new`` (in one mailbox, or in all)."""
        m = _message.c
        query = sa.select(sa.func.count()).select_from(_message).where(m.state == "new")
        if mailbox_id is not None:
            query = query.where(m.mailbox_id == mailbox_id)
        with reading(self._engine) as conn:
            return int(conn.execute(query).scalar_one())

    def begin_attempt(self, message_id: int | Sequence[int]) -> None:
        """Count an attempt at these messages *before* they are processed, in a commit of its own.

        A process that crashes or is killed while a message is in hand leaves the count raised, so the
        runner can tell a message that keeps stopping the pipeline (and quarantine it) from one never tried.
        """
        ids = [message_id] if isinstance(message_id, int) else list(message_id)
        with writing(self._engine) as conn:
            conn.execute(_CLAIM, {"ids": ids})

    def release_attempt(self, message_id: int | Sequence[int]) -> None:
        """Take back attempts that ended for a reason not the messages' own (the model failed, a stop)."""
        m = _message.c
        ids = [message_id] if isinstance(message_id, int) else list(message_id)
        if not ids:
            return
        with writing(self._engine) as conn:
            conn.execute(
                _message.update()
                .where(m.id.in_(ids), m.state == "new", m.attempts > 0)
                .values(attempts=m.attempts - 1)
            )

    def healthy(self) -> bool:
        """Whether a write transaction can be opened now (SQLite's write lock, a live PostgreSQL)."""
        try:
            with writing(self._engine) as conn:
                conn.execute(sa.text("SELECT 1"))
        except (StoreError, sa.exc.SQLAlchemyError):
            return False
        return True

    def mark_processed(
        self,
        message_id: int,
        *,
        label: str | None,
        trace: dict[str, Any],
        action: bool = True,
        outcome: OutcomeRecord | ThreadReplyRecord | None = None,
        calendar_answer: CalendarAnswer | None = None,
    ) -> int | None:
        """The pipeline finished with this message; ``action`` means its IMAP flag/move is now due.

        With ``outcome`` the request, people, attachments and résumé are written in the same commit;
        returns the request id then. The runner stores outcomes a group at a time (``finish_group``).
        """
        item = Finished(message_id, processed_values(label, trace), action, outcome, calendar_answer)
        return self._finish(item)

    def mark_quarantined(
        self,
        message_id: int,
        *,
        reason: str,
        trace: dict[str, Any] | None,
        action: bool = True,
    ) -> None:
        """A stage failed; keep the message with the reason so ``quarantine retry`` can re-run it."""
        self._finish(Finished(message_id, quarantined_values(reason, trace), action))

    def _finish(self, item: Finished) -> int | None:
        try:
            with writing(self._engine) as conn:
                return _write_finish(conn, item)
        except _DATA_ERRORS as exc:
            raise self._outcome_error(exc) from exc

    def finish_group(self, items: Sequence[Finished]) -> list[int | OutcomeStoreError | None]:
        """Store many messages' outcomes in one commit; per message its request id, or why it was not stored.

        A message whose data the store refuses (``OutcomeStoreError``, returned in its place) costs only
        itself, and the caller quarantines it. A store that cannot be written at all (locked, full, gone)
        raises ``StoreUnavailableError`` and nothing of the group is kept: the rows stay ``new`` and the next
        run does them again, as after a kill.
        """
        # A savepoint costs two statements a message, and a message the store refuses is rare: the group is
        # written without them first, and only when one is refused is it all written again, one savepoint
        # per message. (An OperationalError leaves ``writing`` as StoreUnavailableError, not caught here.)
        try:
            with writing(self._engine) as conn:
                return [_write_finish(conn, item) for item in items]
        except _DATA_ERRORS:
            pass
        results: list[int | OutcomeStoreError | None] = []
        with writing(self._engine) as conn:
            for item in items:
                try:
                    with conn.begin_nested():
                        results.append(_write_finish(conn, item))
                except sa.exc.OperationalError:
                    raise
                except _DATA_ERRORS as exc:
                    results.append(OutcomeStoreError(f"its outcome could not be stored: {_described(exc)}"))
        if any(isinstance(r, OutcomeStoreError) for r in results) and not self.healthy():
            raise StoreUnavailableError("the store cannot be written")
        return results

    def _outcome_error(self, exc: BaseException) -> StoreError:
        # UnicodeEncodeError is a ValueError. Whether it is this message's data or the store going away
        # mid-write, only a fresh transaction can tell.
        if not self.healthy():
            return StoreUnavailableError(f"the store cannot be written: {first_line(exc)}")
        return OutcomeStoreError(f"its outcome could not be stored: {_described(exc)}")

    def pending_actions(self, mailbox_id: int, uidvalidity: int) -> list[ActionItem]:
        """Messages of this mailbox whose flag/move on the server is due, by UID."""
        query = (
            sa.select(_message.c.id, _message.c.uid, _message.c.state)
            .where(
                _message.c.mailbox_id == mailbox_id,
                _message.c.uidvalidity == uidvalidity,
                _message.c.action_state == "pending",
                _message.c.uid.is_not(None),
            )
            .order_by(_message.c.uid)
        )
        with reading(self._engine) as conn:
            return [ActionItem(*row) for row in conn.execute(query)]

    def mark_actions_done(self, message_ids: Iterable[int]) -> None:
        ids = list(message_ids)
        with writing(self._engine) as conn:
            for start in range(0, len(ids), intake.CHUNK):
                chunk = ids[start : start + intake.CHUNK]
                conn.execute(_message.update().where(_message.c.id.in_(chunk)).values(action_state="done"))

    # -- quarantine ----------------------------------------------------------------------------------

    def quarantined(self, limit: int | None = None) -> list[QuarantineItem]:
        name = _mailbox.c.account + "/" + _mailbox.c.folder
        m = _message.c
        query = (
            sa.select(m.id, name, m.uid, m.subject, m.error, m.received_at)
            .join_from(_message, _mailbox)
            .where(m.state == "quarantined")
            .order_by(m.id)
            .limit(limit)
        )
        with reading(self._engine) as conn:
            return [QuarantineItem(*row) for row in conn.execute(query)]

    def requeue(self, message_ids: Iterable[int] | None = None) -> int:
        """Put quarantined messages (all, or these) back to ``new`` for another attempt; returns how many."""
        update = (
            _message.update()
            .where(_message.c.state == "quarantined")
            # A person asked for another try: the count of cut-short attempts starts again.
            .values(state="new", attempts=0, processed_at=None)
        )
        with writing(self._engine) as conn:
            if message_ids is None:
                return conn.execute(update).rowcount
            ids, count = list(message_ids), 0
            for start in range(0, len(ids), intake.CHUNK):
                count += conn.execute(
                    update.where(_message.c.id.in_(ids[start : start + intake.CHUNK]))
                ).rowcount
            return count

    def feedback_examples(self) -> list[tuple[bytes, str]]:
        """(raw message, corrected label) for each coordinator correction; the newest per message wins."""
        feedback = schema.table_of(schema.Feedback)
        query = (
            sa.select(feedback.c.message_id, feedback.c.new_label, _raw.c.raw)
            .join(_raw, _raw.c.message_id == feedback.c.message_id)
            .order_by(feedback.c.id)
        )
        with reading(self._engine) as conn:
            latest = {row.message_id: (bytes(row.raw), row.new_label) for row in conn.execute(query)}
        return list(latest.values())

    def thread_index(self) -> ThreadIndex:
        """The drafts we sent, for recognising replies to them (``mail.threads.match_thread``)."""
        from inboxbroker.store.threads import load_thread_index  # loads the mail package: only when needed

        with reading(self._engine) as conn:
            return load_thread_index(conn)

    def messages(self, limit: int | None = None) -> list[MessageRow]:
        """Every ledger row without its bytes, oldest first (the demo's table, listings)."""
        query = sa.select(
            _message.c.id,
            _message.c.subject,
            _message.c.state,
            _message.c.label,
            _message.c.error,
            _message.c.trace,
        ).order_by(_message.c.id)
        if limit is not None:
            query = query.limit(limit)
        with reading(self._engine) as conn:
            return [MessageRow(**row._mapping) for row in conn.execute(query)]

    def message_raw(self, message_id: int) -> bytes:
        with reading(self._engine) as conn:
            raw = conn.execute(sa.select(_raw.c.raw).where(_raw.c.message_id == message_id)).scalar()
        if raw is None:
            raise StoreError(f"no message {message_id} in the ledger")
        return bytes(raw)

    def purge(
        self,
        *,
        now: datetime,
        resume_months: int,
        message_months: int,
        rejected_draft_days: int,
        dry_run: bool,
    ) -> PurgePlan:
        """Apply the retention periods (``store/retention.py``); with ``dry_run`` only say what is due."""
        from inboxbroker.store.retention import purge

        return purge(
            self._engine,
            now=now,
            resume_months=resume_months,
            message_months=message_months,
            rejected_draft_days=rejected_draft_days,
            dry_run=dry_run,
        )

    # -- runs and stats ------------------------------------------------------------------------------

    def start_run(self, source: str) -> int:
        with writing(self._engine) as conn:
            return int(
                conn.execute(
                    _run.insert().values(source=source, started_at=schema.utcnow()).returning(_run.c.id)
                ).scalar_one()
            )

    def finish_run(self, run_id: int, counts: dict[str, Any], exit_code: int) -> None:
        """Record how the run ended: ``exit_code`` is the one the process exits with (``stats`` shows it)."""
        values = {"finished_at": schema.utcnow(), "counts": counts, "exit_code": exit_code}
        with writing(self._engine) as conn:
            conn.execute(_run.update().where(_run.c.id == run_id).values(**values))

    def discard_run(self, run_id: int) -> None:
        """Remove the record of a run that did nothing at all (it found every lock held: see ``Runner.run``)."""
        with writing(self._engine) as conn:
            conn.execute(_run.delete().where(_run.c.id == run_id))

    def stats(self) -> dict[str, Any]:
        """The ``stats --json`` object of DESIGN §5."""
        with reading(self._engine) as conn:
            return collect_stats(conn)


# Built once, as the statements of ``outcomes``: the runner claims and finishes every group with them.
_CLAIM = (
    _message.update()
    .where(_message.c.id.in_(sa.bindparam("ids", expanding=True)), _message.c.state == "new")
    .values(attempts=_message.c.attempts + 1)
)
_FINISH = _message.update().where(_message.c.id == sa.bindparam("message_id_"))
_FINISH_OUTCOME = _FINISH.returning(STORED_BEFORE)


# What a message's own data can make the store refuse (UnicodeEncodeError is a ValueError); the store's own
# failures (locked, disk full, gone) are OperationalError and stop the run instead.
_DATA_ERRORS = (sa.exc.SQLAlchemyError, ValueError, TypeError, OverflowError)


def _described(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {first_line(exc)}"


def processed_values(label: str | None, trace: dict[str, Any]) -> dict[str, Any]:
    return {"state": "processed", "label": label, "trace": trace, "error": None}


def quarantined_values(reason: str, trace: dict[str, Any] | None) -> dict[str, Any]:
    return {"state": "quarantined", "error": reason.replace("\x00", ""), "trace": trace}


def _write_finish(conn: Connection, item: Finished) -> int | None:
    values = {**item.values, "processed_at": schema.utcnow(), "message_id_": item.message_id}
    if item.action:
        values["action_state"] = "pending"
    request_id = None
    if item.outcome is None:
        if conn.execute(_FINISH, values).rowcount != 1:
            raise StoreError(f"no message {item.message_id} in the ledger")
    else:
        marked = conn.execute(_FINISH_OUTCOME, values).first()
        if marked is None:
            raise StoreError(f"no message {item.message_id} in the ledger")
        request_id = record_outcome(
            conn, item.message_id, item.outcome, stored_before=bool(marked.stored_before)
        )
    if item.calendar_answer is not None:
        record_calendar_answer(conn, item.calendar_answer)
    return request_id


def _ensure_mailbox(conn: Connection, account: str, folder: str) -> Cursor:
    # ON CONFLICT DO NOTHING: two processes creating the same cursor must both succeed (PostgreSQL has no
    # database-wide write lock to serialise them the way SQLite's BEGIN IMMEDIATE does).
    now = schema.utcnow()
    conn.execute(
        dialect_insert(conn, _mailbox)
        .values(account=account, folder=folder, last_uid=0, created_at=now, updated_at=now)
        .on_conflict_do_nothing(index_elements=["account", "folder"])
    )
    row = conn.execute(
        sa.select(
            _mailbox.c.id, _mailbox.c.account, _mailbox.c.folder, _mailbox.c.uidvalidity, _mailbox.c.last_uid
        ).where(_mailbox.c.account == account, _mailbox.c.folder == folder)
    ).one()
    return Cursor(*row)
