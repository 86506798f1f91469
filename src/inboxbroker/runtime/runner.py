"""One batch of mail through the ledger and the pipeline (``run``), exactly once, whatever fails.

The order of effects is what makes a crash harmless (DESIGN.md §4):

1. fetch a batch with BODY.PEEK[] and commit the raw bytes *and* the advanced cursor in one transaction;
2. run the pure pipeline on every ledger row still ``new`` and commit its outcome (or quarantine it);
3. only then flag/move the mail on the server, batched, and record that the action was done.

A kill between 1 and 2 leaves rows ``new`` (the next run processes them); between 2 and 3 leaves actions
``pending`` (the next run applies them); a repeated fetch is absorbed by the ledger's unique keys.
"""

from __future__ import annotations

import logging
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from itertools import groupby, islice
from typing import TYPE_CHECKING, Any

from inboxbroker.domain import RequestState
from inboxbroker.errors import InboxBrokerError, LockHeldError, OutcomeStoreError, UsageError
from inboxbroker.pipeline import Outcome, Pipeline, PipelineOptions
from inboxbroker.runtime.locks import work_lock
from inboxbroker.runtime.mailboxes import open_mailbox
from inboxbroker.runtime.readahead import ReadAhead
from inboxbroker.wording import plural

if TYPE_CHECKING:
    from inboxbroker.runtime.pool import PurePool
    from inboxbroker.settings.config import ImapAccount, Settings
    from inboxbroker.sources.imap import ImapMailbox
    from inboxbroker.store.ledger import Store
    from inboxbroker.store.outcomes import CalendarAnswer, OutcomeRecord, ThreadReplyRecord

log = logging.getLogger(__name__)

PROCESS_CHUNK = 100
# Outcomes committed together. One commit (with its fsync) per message was a third of a backlog import; a kill
# now costs at most this many messages' work, which the next run redoes.
GROUP = 50
GROUPS_OUT = 2  # groups at the worker processes at once (see Runner._hand_out)
LOCAL_CHUNK = 200


@dataclass
class RunSummary:
    """What one run did; its counts are stored as the run's record and printed at the end."""

    source: str = ""
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    processed: int = 0
    quarantined: int = 0
    actions: int = 0
    by_label: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    drafted: int = 0
    needs_attention: int = 0
    needs_triage: int = 0  # triage was unsure: a person says what it is (`requests list`)
    sent: int = 0  # with [send] auto = true: approved drafts sent at the end of the batch
    not_sent: int = 0
    smtp_unreachable: bool = False
    dry_run: bool = False
    # A dry run stores nothing, so `quarantine list` cannot show why: (subject, reason) of each message it
    # would have quarantined, for the summary to name.
    would_quarantine: list[tuple[str, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.smtp_unreachable:
            return 69
        return 1 if self.quarantined or self.not_sent else 0

    def counts(self) -> dict[str, Any]:
        return {
            "fetched": self.fetched,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "processed": self.processed,
            "quarantined": self.quarantined,
            "actions": self.actions,
            "by_label": dict(self.by_label),
            "drafted": self.drafted,
            "needs_attention": self.needs_attention,
            "needs_triage": self.needs_triage,
            "sent": self.sent,
            "not_sent": self.not_sent,
        }


class Progress:
    """Where the runner reports what it is doing; the CLI supplies a rich bar on a terminal."""

    def start(self, description: str, total: int | None = None) -> None:
        log.info("%s", description)

    def advance(self, n: int = 1) -> None:
        pass

    def note(self, text: str) -> None:
        log.info("%s", text)

    def stop(self) -> None:
        pass


@dataclass
class RunOptions:
    source: str | None = None  # None or "imap": the configured accounts; else maildir:/mbox:/eml:
    limit: int | None = None
    dry_run: bool = False
    account: str | None = None  # restrict to one configured account


def pipeline_for(settings: Settings) -> Pipeline:
    own = {a.username.lower() for a in settings.imap if a.username}
    if settings.smtp is not None:
        own.add(_bare_address(settings.smtp.from_))
    return Pipeline(
        PipelineOptions(
            own_addresses=frozenset(a for a in own if a),
            threshold=settings.triage.threshold,
            possible_request=settings.triage.possible_request,
            max_message_bytes=settings.limits.max_message_bytes,
            max_attachment_bytes=settings.limits.max_attachment_bytes,
            model_dir=settings.triage.model_dir,
            max_resume_pages=settings.limits.max_resume_pages,
            extract_timeout_seconds=settings.limits.extract_timeout_seconds,
        )
    )


def _bare_address(value: str) -> str:
    from email.utils import parseaddr

    return parseaddr(value)[1].lower()


class Runner:
    """Runs batches for one configuration; ``watch`` reuses one Runner for its whole life."""

    def __init__(
        self,
        settings: Settings,
        store: Store,
        *,
        progress: Progress | None = None,
        mailbox_factory: Callable[[ImapAccount], ImapMailbox] | None = None,
        stop: threading.Event | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.settings = settings
        # Set by watch's signal handler: finish the message in hand, then leave; the ledger has the rest.
        self.stop = stop or threading.Event()
        self.store = store
        store.use_state_dir(settings.runtime.state_dir)  # the tombstone key: forgotten mail is skipped
        self.progress = progress or Progress()
        self.pipeline = pipeline_for(settings)
        self._mailbox_factory = mailbox_factory or open_mailbox
        self._pool: PurePool | None = None  # workers for the pure stages while a large batch is worked on
        self._starting: PurePool | None = None  # the same, started during the intake (_start_pool_early)
        self.clock = clock or (lambda: datetime.now(UTC))

    # -- entry points -------------------------------------------------------------------------

    def run(self, options: RunOptions) -> RunSummary:
        source = options.source or "imap"
        summary = RunSummary(source=source, dry_run=options.dry_run)
        self.pipeline.threads = self.store.thread_index  # read when the first message needs it
        run_id = None if options.dry_run else self.store.start_run(source)
        failed: int | None = None  # the exit code of the error that ends the run, if one does
        try:
            if source == "imap":
                self._run_accounts(self._accounts(options.account), options, summary)
            else:
                self._run_local(source, options, summary)
            if not options.dry_run and not self.stop.is_set():
                self.draft(summary)
            if self.settings.send.auto and not options.dry_run and not self.stop.is_set():
                self.send(summary)
        except LockHeldError:
            # Every mailbox was held, so this run did nothing (exit 75). Its record is dropped rather than
            # finished with 75: the run holding the lock started earlier and is still going, and `stats` shows
            # the newest record as the last run, so a 75 would hide that run's own exit code for good once it
            # ends (and `watch` would add a record per poll while a cron run works). The 75 is for the caller.
            if run_id is not None:
                self.store.discard_run(run_id)
                run_id = None
            raise
        except InboxBrokerError as exc:
            failed = exc.exit_code
            raise
        except BaseException:
            failed = 1  # a bug's traceback, or Ctrl-C (click's "Aborted!"): the process exits 1
            raise
        finally:
            self.progress.stop()
            if run_id is not None:
                self._finish_run(run_id, summary, failed)
        return summary

    def _finish_run(self, run_id: int, summary: RunSummary, failed: int | None) -> None:
        """Record the run with the exit code the process ends with: the error's when one stopped it."""
        try:
            self.store.finish_run(run_id, summary.counts(), summary.exit_code if failed is None else failed)
        except InboxBrokerError as exc:
            if failed is None:
                raise
            # The store may be what failed; the error that stopped the run is the one to report.
            log.warning("could not record the end of run %d: %s", run_id, exc)

    def retry(self, ids: list[int] | None) -> RunSummary:
        """Put quarantined messages back to ``new`` and run them through the pipeline again."""
        summary = RunSummary(source="quarantine retry")
        self.pipeline.threads = self.store.thread_index  # read when the first message needs it
        run_id = self.store.start_run(summary.source)
        failed: int | None = None
        try:
            self.store.requeue(ids)
            self._process_pending(None, summary)
            self.draft(summary)
        except InboxBrokerError as exc:
            failed = exc.exit_code
            raise
        except BaseException:
            failed = 1
            raise
        finally:
            self.progress.stop()
            self._finish_run(run_id, summary, failed)
        return summary

    def draft(self, summary: RunSummary) -> None:
        """Draft replies to the requests still ``new`` (after the outcomes are committed: see runtime/drafting).

        One worker drafts at a time: two choosing slots at once could offer the same hour twice. A worker
        that finds drafting taken leaves this batch's requests to the one drafting, which drafts them all.
        """
        from inboxbroker.runtime.drafting import (
            ATTENTION_LINES,
            Drafter,
            attention_lines,
            drafting_off_reason,
        )
        from inboxbroker.runtime.replies import answer_replies

        try:
            with work_lock(self.settings.runtime.lock_dir, self.store, "drafting"):
                drafter = Drafter(self.settings, self.store, clock=self.clock)
                result = drafter.run()
                if drafting_off_reason(self.settings) is None:
                    answer_replies(drafter, result, self.clock())
        except LockHeldError:
            self.progress.note("drafting: another worker is drafting; it takes this batch's requests too")
            return
        summary.drafted += result.drafted
        summary.needs_attention += result.needs_attention
        for note in result.notes:
            self.progress.note(note)
        if len(result.attention) > ATTENTION_LINES:
            for request_id, reason in result.attention:
                log.debug("request %s needs attention: %s", request_id, reason)
        for line in attention_lines(result.attention):
            self.progress.note(line)

    def send(self, summary: RunSummary) -> None:
        """Send the approved drafts that are due (``[send] auto = true``), after this batch's drafting."""
        from inboxbroker.runtime.sender import send_approved

        try:
            sent = send_approved(
                self.settings, self.store, now=self.clock, mailbox_factory=self._mailbox_factory
            )
        except LockHeldError:
            self.progress.note("sending: another worker is sending approved drafts")
            return
        summary.sent += sent.sent
        summary.not_sent += sent.not_sent
        summary.smtp_unreachable = summary.smtp_unreachable or sent.unreachable is not None
        for result in sent.results:
            if result.outcome != "sent":
                self.progress.note(f"draft {result.draft_id}: {result.outcome}: {result.detail}")
        for note in sent.notes:
            self.progress.note(note)

    def _accounts(self, only: str | None) -> list[ImapAccount]:
        accounts = list(self.settings.imap)
        if not accounts:
            raise UsageError(
                "no IMAP account is configured: add an [imap] section to the config "
                "(`inboxbroker init` writes a commented one) or use --source maildir:PATH|mbox:PATH|eml:DIR"
            )
        if only is not None:
            accounts = [a for a in accounts if a.name == only]
            if not accounts:
                names = ", ".join(a.name for a in self.settings.imap)
                raise UsageError(f"no IMAP account named {only!r}; configured: {names}")
        return accounts

    # -- IMAP ---------------------------------------------------------------------------------

    def _run_accounts(self, accounts: list[ImapAccount], options: RunOptions, summary: RunSummary) -> None:
        """Each mailbox under its lock; one held by another run or worker is skipped, the others go on.

        Only when every mailbox is held does the run give up with ``LockHeldError`` (exit 75): an
        overlapping cron run then does nothing, as before there were several mailboxes.
        """
        held: list[LockHeldError] = []
        for account in accounts:
            if self.stop.is_set():
                return
            try:
                self._run_account(account, options, summary)
            except LockHeldError as exc:
                held.append(exc)
                self.progress.note(f"{account.name}: skipped: {exc}")
        if held and len(held) == len(accounts):
            raise held[0]

    def _run_account(self, account: ImapAccount, options: RunOptions, summary: RunSummary) -> None:
        with (
            work_lock(self.settings.runtime.lock_dir, self.store, f"imap:{account.name}"),
            self._mailbox_factory(account) as box,
        ):
            for folder in account.folders:
                if options.limit is not None and summary.fetched >= options.limit:
                    break
                with self._early_pool():
                    self._run_folder(box, account, folder, options, summary)

    def _run_folder(
        self,
        box: ImapMailbox,
        account: ImapAccount,
        folder: str,
        options: RunOptions,
        summary: RunSummary,
    ) -> None:
        status = box.select(folder)
        cursor = self.store.mailbox(account.name, folder)
        after_uid = cursor.last_uid
        since: date | None = None
        if cursor.uidvalidity != status.uidvalidity:
            if cursor.uidvalidity is None:
                if account.since_days:
                    since = (datetime.now(UTC) - timedelta(days=account.since_days)).date()
            else:
                # The server renumbered the folder: start from UID 1; the ledger re-matches known mail
                # by content hash, so nothing already processed is processed again.
                self.progress.note(
                    f"{account.name}/{folder}: UIDVALIDITY changed "
                    f"({cursor.uidvalidity} → {status.uidvalidity}); re-matching by content hash"
                )
            if not options.dry_run:
                self.store.reset_cursor(cursor.id, status.uidvalidity)
            after_uid = 0

        if not options.dry_run:
            # Actions a killed run committed but never applied come first.
            self._apply_actions(box, account, cursor.id, status.uidvalidity, summary)

        remaining = None if options.limit is None else options.limit - summary.fetched
        stored_before = summary.stored  # this folder's new mail decides whether workers are worth it
        self.progress.start(f"{account.name}/{folder}: fetching new mail", total=None)
        last_seen = after_uid
        # The next batch is fetched while this one is committed; the reader is joined before `box` is reused.
        with ReadAhead(box.fetch_new(after_uid, since=since, batch_size=account.batch_size)) as batches:
            for fetched in batches:
                batch = fetched if remaining is None else fetched[:remaining]
                if remaining is not None:
                    remaining -= len(batch)
                if not batch:
                    break
                summary.fetched += len(batch)
                last_seen = batch[-1].uid
                if options.dry_run:
                    self._dry_process((f.raw for f in batch), summary)
                else:
                    self._ingest(cursor.id, status.uidvalidity, batch, summary)
                    self._start_pool_early(summary.stored - stored_before)
                self.progress.advance(len(batch))
                if remaining == 0 or self.stop.is_set():
                    break
        if options.dry_run:
            return
        if since is not None and remaining is None and status.uidnext - 1 > last_seen:
            # First run with a cutoff: older mail stays unread by us, and the cursor moves past it.
            self.store.ingest_batch(cursor.id, status.uidvalidity, [], status.uidnext - 1)
        self._process_pending(cursor.id, summary)
        self._apply_actions(box, account, cursor.id, status.uidvalidity, summary)

    def _ingest(self, mailbox_id: int, uidvalidity: int, batch: list[Any], summary: RunSummary) -> None:
        from inboxbroker.store.ledger import RawItem

        items = [RawItem(uid=f.uid, raw=f.raw, internaldate=f.internaldate, source_key=None) for f in batch]
        results = self.store.ingest_batch(mailbox_id, uidvalidity, items, batch[-1].uid)
        new = sum(1 for r in results if r.is_new)
        summary.stored += new
        summary.duplicates += len(results) - new

    def _apply_actions(
        self, box: ImapMailbox, account: ImapAccount, mailbox_id: int, uidvalidity: int, summary: RunSummary
    ) -> None:
        pending = self.store.pending_actions(mailbox_id, uidvalidity)
        if not pending:
            return
        by_action: dict[str, list[int]] = defaultdict(list)
        ids: list[int] = []
        for item in pending:
            spec = account.on_quarantined if item.state == "quarantined" else account.on_processed
            ids.append(item.message_id)
            if spec != "none" and item.uid is not None:
                by_action[spec].append(item.uid)
        if by_action:
            box.apply_actions(by_action)
        self.store.mark_actions_done(ids)
        summary.actions += sum(len(uids) for uids in by_action.values())

    # -- local sources ------------------------------------------------------------------------

    def _run_local(self, spec: str, options: RunOptions, summary: RunSummary) -> None:
        from inboxbroker.sources.local import iter_local, parse_spec

        kind, path = parse_spec(spec)
        source = f"{kind}:{path}"  # one ledger mailbox per folder, however the path was spelt
        items = iter_local(spec)
        if options.limit is not None:
            items = islice(items, options.limit)
        if options.dry_run:
            self._dry_process((item.raw for item in items), summary, count_fetched=True)
            return
        with work_lock(self.settings.runtime.lock_dir, self.store, source), self._early_pool():
            self.progress.start(f"{source}: reading", total=None)
            reading = True

            def intake() -> bool:
                """Store the source's next chunk; False once it has none left."""
                chunk = list(islice(items, LOCAL_CHUNK))
                if not chunk:
                    return False
                summary.fetched += len(chunk)
                results = self.store.ingest_many_local(source, [(i.key, i.raw) for i in chunk])
                new = sum(1 for r in results if r.is_new)
                summary.stored += new
                summary.duplicates += len(results) - new
                if reading:
                    self.progress.advance(len(chunk))
                self._start_pool_early(summary.stored)
                return True

            # The intake alone until workers are worth having and have started; then the two take turns,
            # so that reading a large backlog no longer leaves the workers' cores idle (a tenth of the run).
            more = True
            while more and not (self._starting is not None and self._starting.started()):
                more = intake()
            reading = False
            self._process_pending(None, summary, local_source=source, intake=intake if more else None)

    # -- processing ---------------------------------------------------------------------------

    def _process_pending(
        self,
        mailbox_id: int | None,
        summary: RunSummary,
        local_source: str | None = None,
        intake: Callable[[], bool] | None = None,
    ) -> None:
        """Run the pipeline over ledger rows still ``new``, their outcomes committed a group at a time.

        The stages are pure, so a group's outcomes share one commit (DESIGN §4): a kill loses at most the
        group in hand, which the next run does again. Each group's attempts are counted in a commit before
        the pipeline sees it, so rows a killed process had in hand come back with a count: those suspects
        go through alone, each in its own commit, and only the one that keeps stopping the pipeline reaches
        ``limits.max_attempts`` and is quarantined instead of tried for ever.

        ``intake``, when given, stores more of the source each time it is called (False once there is no
        more): it is called once per page, so the reading goes on while the workers are busy.

        A large batch hands the pure stages to worker processes (``runtime.pool``): the next group is
        worked on there while this one is stored. Its attempts are counted when its outcomes are back and
        about to be stored, or when a worker dies with it in hand (see ``_hand_out``).
        """
        self.progress.start("processing", total=None)
        if local_source is not None:
            mailbox_id = self.store.mailbox("local", local_source).id
        handed: list[_Handed] = []  # groups out at the workers (GROUPS_OUT at most), stored in ledger order
        finished = False
        try:
            self._drain(mailbox_id, summary, handed, intake)
            finished = True
        finally:
            try:
                # A group still at the workers is stored when the batch ended well; when the run is
                # failing it is dropped, as nothing was counted against it (see _hand_out).
                while handed and finished:
                    self._finish_handed(handed.pop(0), summary)
            finally:
                if self._pool is not None:
                    self._pool.close()
                    self._pool = None

    def _drain(
        self,
        mailbox_id: int | None,
        summary: RunSummary,
        handed: list[_Handed],
        intake: Callable[[], bool] | None = None,
    ) -> None:
        after = 0  # the last row read: groups still out at the workers are `new` until stored
        more = intake is not None
        while True:
            if more and not self.stop.is_set():
                assert intake is not None
                more = intake()  # stored rows come after `after` in ledger order: this loop reaches them
            pending = self.store.pending(limit=PROCESS_CHUNK, mailbox_id=mailbox_id, after=after)
            chunk = list(islice(pending, PROCESS_CHUNK))
            if not chunk:
                if more and not self.stop.is_set():
                    continue
                return
            if not after:
                self.pipeline.warm_up()
                self._pool = self._pool_for(mailbox_id)
            after = chunk[-1].id
            # In ledger order, runs of fresh rows in groups and suspects alone: a nudge must not be stored
            # before the request it follows.
            for fresh, run in groupby(chunk, key=lambda m: m.attempts == 0):
                rows = list(run)
                pieces: list[Any] = (
                    [rows[i : i + GROUP] for i in range(0, len(rows), GROUP)] if fresh else rows
                )
                for piece in pieces:
                    if self.stop.is_set():
                        return
                    if fresh and self._pool is not None:
                        self._hand_out(piece, handed, summary)
                        continue
                    while handed:
                        self._finish_handed(handed.pop(0), summary)
                    if fresh:
                        self._process_group(piece, summary)
                    else:
                        self._process_alone(piece, summary)

    @contextmanager
    def _early_pool(self) -> Iterator[None]:
        """The scope of one intake and its processing: workers started early and never used are stopped."""
        try:
            yield
        finally:
            if self._starting is not None:
                self._starting.close()
                self._starting = None

    def _start_pool_early(self, stored: int) -> None:
        """Once the intake has stored enough new mail for workers, start them while it goes on.

        Their start (spawn, imports, the model: about a second) then overlaps the rest of the intake instead
        of coming after it; ``_pool_for`` waits for them to be ready before any group is handed out.
        """
        from inboxbroker.runtime.pool import MIN_BATCH, PurePool, auto_processes

        processes = auto_processes(self.settings.runtime.processes)
        # Not once processing has its workers: the intake goes on beside them (see _run_local).
        if self._starting is not None or self._pool is not None or stored < MIN_BATCH or processes < 2:
            return
        level = logging.getLogger().getEffectiveLevel()
        self._starting = PurePool(self.pipeline.options, self.pipeline.thread_index(), processes, level)
        self._starting.start()

    def _pool_for(self, mailbox_id: int | None) -> PurePool | None:
        """Worker processes when enough is waiting to pay for their start, else None (all in this process)."""
        from inboxbroker.runtime.pool import MIN_BATCH, PoolBroken, PurePool, auto_processes

        processes = auto_processes(self.settings.runtime.processes)
        if processes < 2:
            return None
        waiting = self.store.count_pending(mailbox_id)
        if waiting < MIN_BATCH:
            return None
        level = logging.getLogger().getEffectiveLevel()
        pool, self._starting = self._starting, None
        pool = pool or PurePool(self.pipeline.options, self.pipeline.thread_index(), processes, level)
        try:
            pool.wait_ready()  # before any attempt is counted (see PurePool.wait_ready)
        except PoolBroken as exc:
            pool.close()
            self.progress.note(f"{exc}: this batch is worked on in this process")
            return None
        workers = plural(processes, "worker process", "worker processes")
        self.progress.note(f"{plural(waiting, 'message')} waiting: parsing and triage in {workers}")
        return pool

    def _hand_out(self, rows: list[Any], handed: list[_Handed], summary: RunSummary) -> None:
        """Give the group to the workers, then store the oldest group out there if more than ``GROUPS_OUT`` are.

        Two out at once keep both workers busy while this process stores: with one, a worker that finished
        its half of a group waited for the next hand-out, and the run used 1.6 of 2 cores.

        No attempt is counted for a group at the workers: a message that kills a worker kills no run (the
        pool breaks, and the group is counted then: ``_alone_after_a_broken_pool``). Counting it here would
        hold a kill of the run against two groups instead of the one being stored, and the next run would
        redo twice as many one at a time.
        """
        from inboxbroker.runtime.pool import PoolBroken

        assert self._pool is not None
        try:
            waiting = self._pool.submit([row.raw for row in rows])
        except PoolBroken as exc:
            self._lose_pool(exc)
            while handed:
                self._finish_handed(handed.pop(0), summary)
            self._process_group(rows, summary)
            return
        handed.append(_Handed(rows, waiting))
        while len(handed) > GROUPS_OUT:
            self._finish_handed(handed.pop(0), summary)

    def _finish_handed(self, group: _Handed, summary: RunSummary) -> None:
        """Wait for a group's outcomes and store them; the attempt counted first is the run's own part."""
        from inboxbroker.runtime.pool import PoolBroken

        try:
            outcomes = group.waiting()
        except PoolBroken as exc:
            self._lose_pool(exc)
            self._alone_after_a_broken_pool(group.rows, summary)
            return
        self.store.begin_attempt([row.id for row in group.rows])
        self._store_group(list(zip(group.rows, outcomes, strict=True)), summary)

    def _lose_pool(self, exc: Exception) -> None:
        if self._pool is not None:
            self.progress.note(f"{exc}: the rest of this batch is worked on in this process")
            log.warning("%s: the rest of this batch is worked on in this process", exc)
            self._pool.close()
            self._pool = None

    def _alone_after_a_broken_pool(self, rows: list[Any], summary: RunSummary) -> None:
        """A dead worker had these in hand: that counts an attempt against each, then each goes through alone.

        Unless the run is stopping: the workers were stopped with it (systemd signals the whole unit), which
        says nothing about these messages, so they wait for the next run as they were.
        """
        if self.stop.is_set():
            return
        self.store.begin_attempt([row.id for row in rows])
        for i, row in enumerate(rows):
            if self.stop.is_set():
                self.store.release_attempt([r.id for r in rows[i:]])
                return
            self._process_alone(replace(row, attempts=row.attempts + 1), summary)

    def _process_group(self, rows: list[Any], summary: RunSummary) -> None:
        """Fresh rows through the pipeline, their outcomes stored in one commit."""
        ids = [row.id for row in rows]
        self.store.begin_attempt(ids)
        done: list[tuple[Any, Outcome]] = []
        try:
            for row in rows:
                if self.stop.is_set():  # watch was told to stop: keep what is done, leave the rest `new`
                    break
                done.append((row, self.pipeline.process(row.raw)))
        finally:
            # Also when the pipeline failed for a reason not the messages' own (the model cannot load):
            # what is done is kept, and the attempts of the rest are not held against them.
            if done:
                self._store_group(done, summary)
            self.store.release_attempt(ids[len(done) :])

    def _store_group(self, done: list[tuple[Any, Outcome]], summary: RunSummary) -> None:
        from inboxbroker.store.ledger import Finished, processed_values, quarantined_values

        items = []
        for row, outcome in done:
            is_imap = row.uid is not None
            if outcome.quarantine_reason is not None:
                values = quarantined_values(outcome.quarantine_reason, outcome.trace)
                items.append(Finished(row.id, values, is_imap))
            else:
                values = processed_values(outcome.label, outcome.trace)
                record, answer = outcome_record(outcome), calendar_answer(outcome)
                items.append(Finished(row.id, values, is_imap, record, answer))
        results = self.store.finish_group(items)
        for (row, outcome), result in zip(done, results, strict=True):
            if isinstance(result, OutcomeStoreError):
                reason = f"store: {result}"
                self._quarantine(row.id, reason, {"quarantine": reason}, row.uid is not None, summary)
            else:
                self._count(row.id, outcome, summary)
        self.progress.advance(len(done))

    def _process_alone(self, row: Any, summary: RunSummary) -> None:
        """A row a killed process had in hand, in commits of its own (see ``_process_pending``)."""
        is_imap = row.uid is not None
        if row.attempts >= self.settings.limits.max_attempts:
            reason = (
                f"stopped the pipeline {plural(row.attempts, 'time')} (the process crashed or was killed "
                f"while this message was in hand); `inboxbroker quarantine retry {row.id}` tries it again"
            )
            self._quarantine(row.id, reason, {"quarantine": reason}, is_imap, summary)
            self.progress.advance()
            return
        self.store.begin_attempt(row.id)
        try:
            outcome = self.pipeline.process(row.raw)
        except InboxBrokerError:
            # Systemic (the model cannot load): not this message's doing, so the attempt does not count.
            self.store.release_attempt(row.id)
            raise
        self._store_group([(row, outcome)], summary)

    def _count(self, message_id: int, outcome: Outcome, summary: RunSummary) -> None:
        if outcome.quarantine_reason is not None:
            summary.quarantined += 1
            self.progress.note(f"quarantined message {message_id}: {outcome.quarantine_reason}")
            return
        summary.processed += 1
        if outcome.label:
            summary.by_label[outcome.label] += 1
        if outcome.request_state is RequestState.NEEDS_TRIAGE:
            summary.needs_triage += 1

    def _quarantine(
        self,
        message_id: int,
        reason: str,
        trace: dict[str, Any] | None,
        is_imap: bool,
        summary: RunSummary,
    ) -> None:
        self.store.mark_quarantined(message_id, reason=reason, trace=trace, action=is_imap)
        summary.quarantined += 1
        self.progress.note(f"quarantined message {message_id}: {reason}")

    def _dry_process(self, raws: Iterable[bytes], summary: RunSummary, count_fetched: bool = False) -> None:
        for raw in raws:
            if count_fetched:
                summary.fetched += 1
            outcome = self.pipeline.process(raw)
            if outcome.quarantine_reason is not None:
                summary.quarantined += 1
                summary.would_quarantine.append((outcome.subject, outcome.quarantine_reason))
                self.progress.note(f"would quarantine: {outcome.quarantine_reason}")
            else:
                summary.processed += 1
                if outcome.label:
                    summary.by_label[outcome.label] += 1
                self.progress.note(f"would file as {outcome.label}: {outcome.subject!r}")


@dataclass(frozen=True)
class _Handed:
    """A group out at the worker processes: its ledger rows and the call that waits for their outcomes."""

    rows: list[Any]
    waiting: Callable[[], list[Outcome]]


def outcome_record(outcome: Outcome) -> OutcomeRecord | ThreadReplyRecord | None:
    """The rows a processed message adds beyond its label and trace: requests, and replies in our threads."""
    from inboxbroker.domain import Label, Person
    from inboxbroker.store.outcomes import OutcomeRecord, ThreadReplyRecord

    thread = outcome.trace.get("thread")
    if outcome.decision is not None and outcome.decision.label is Label.THREAD_REPLY and thread:
        sender = outcome.message.from_ if outcome.message is not None else None
        return ThreadReplyRecord(
            parent_request_id=int(thread["request_id"]),
            sender=Person(name=sender.name or None, email=sender.email) if sender else Person(None, None),
            probability=outcome.decision.probability,
            model_version=outcome.decision.model_version,
        )
    if outcome.extraction is None or outcome.decision is None:
        return None
    decision = outcome.decision
    return OutcomeRecord(
        label=decision.label.value,
        probability=decision.probability,
        model_version=decision.model_version,
        rule_hits=decision.reasons if decision.source == "rule" else (),
        request_state=(outcome.request_state or RequestState.NEW).value,
        extraction=outcome.extraction,
        extraction_json=_with_reply_source(outcome),
        subject=(outcome.unwrapped.original.subject if outcome.unwrapped else outcome.subject) or None,
    )


def _with_reply_source(outcome: Outcome) -> dict[str, Any]:
    """The request's extraction, plus what drafting needs of the message so that it need not parse it again."""
    from inboxbroker.drafting.source import reply_source, to_json
    from inboxbroker.store.drafts import REPLY_SOURCE

    found = dict(outcome.trace.get("extract", {}))
    if outcome.unwrapped is not None:
        found[REPLY_SOURCE] = to_json(reply_source(outcome.unwrapped))
    return found


def calendar_answer(outcome: Outcome) -> CalendarAnswer | None:
    from inboxbroker.store.outcomes import CalendarAnswer

    reply = outcome.calendar_reply
    if reply is None:
        return None
    return CalendarAnswer(reply.uid, reply.attendee_email, reply.partstat, reply.sequence)
