"""Sending approved drafts exactly once (DESIGN §4.5): ``approved → sending → sent``, the Sent folder as witness.

The order of effects is what keeps a reply from going out twice or not at all:

1. claim the draft (``approved → sending``, its own commit) and make sure the Sent folder is open;
2. record that it is handed over (its own commit), then hand the stored bytes, with a Date header set now,
   to SMTP;
3. right after the server accepts, APPEND the same bytes to the Sent folder (unless the server filed a copy
   itself, as Gmail does);
4. mark it ``sent`` (and its request answered).

Just before 2, ``handed_over_at`` is committed. A kill between 2 and 4 leaves the draft ``sending`` with it.
The next send looks for its Message-ID in the Sent folder first: found, it is marked sent without being sent
again. Absent, it is sent only when it was never handed over (the kill came before the SMTP transaction);
handed over and absent, the server may have taken it in the moment before the APPEND, so it becomes ``failed``
with the reason, for a person to decide — no reply is ever sent twice by guesswork. Without a Sent folder to
look in, a draft left ``sending`` is not guessed about either: it becomes ``failed`` for a person.

Temporary failures (4xx, a dropped connection, a timeout) are tried ``send.tries`` times with short waits,
then the draft stays approved with ``next_attempt_at`` (exponential backoff); when the connection broke after
the whole message was handed over, the Sent folder is searched before the next try. A 5xx makes the draft
``failed`` with the server's words. Nothing that is not approved is ever read here (``Store.outbox``).

A draft whose meeting was cancelled (``meetings cancel``) is ``withdrawn``: rejected rather than sent, when
the cancel caught it ``sending`` and it had not yet been handed to the server, or a failure gave it back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, getaddresses, parseaddr
from typing import TYPE_CHECKING, Any

from inboxbroker.errors import (
    SendRefusedError,
    SendTemporaryError,
    SmtpAuthError,
    SmtpConnectionError,
    SourceError,
    UsageError,
)
from inboxbroker.runtime.locks import work_lock
from inboxbroker.runtime.mailboxes import open_mailbox

if TYPE_CHECKING:
    from inboxbroker.outbox.smtp import SmtpOutbox
    from inboxbroker.settings.config import ImapAccount, Settings, SmtpSettings
    from inboxbroker.sources.imap import ImapMailbox
    from inboxbroker.store.ledger import Store
    from inboxbroker.store.outbox import OutgoingDraft

log = logging.getLogger(__name__)

SENT_FLAGS = ("\\Seen",)
WITHDRAWN = "its meeting was cancelled; rejected, not sent"


@dataclass(frozen=True)
class SendResult:
    """What became of one draft: ``sent``, ``already sent`` (found in the Sent folder), ``deferred``,
    ``refused``, ``needs a person``, ``unchecked`` (left ``sending``), ``withdrawn`` (its meeting was
    cancelled), or in a dry run ``would send`` and ``would check``."""

    draft_id: int
    outcome: str
    to: list[str]
    cc: list[str]
    subject: str
    message_id: str
    detail: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.draft_id,
            "outcome": self.outcome,
            "to": self.to,
            "cc": self.cc,
            "subject": self.subject,
            "message_id": self.message_id,
            "detail": self.detail,
        }


NOT_SENT = frozenset({"deferred", "refused", "needs a person", "unchecked"})


@dataclass
class SendSummary:
    results: list[SendResult] = field(default_factory=list)
    dry_run: bool = False
    waiting: int = 0  # approved drafts waiting for a later send after temporary failures
    unreachable: str | None = None  # the SMTP server could not be reached: the send stopped there
    notes: list[str] = field(default_factory=list)

    def count(self, *outcomes: str) -> int:
        return sum(1 for r in self.results if r.outcome in outcomes)

    @property
    def sent(self) -> int:
        return self.count("sent", "already sent")

    @property
    def not_sent(self) -> int:
        return self.count(*NOT_SENT)

    @property
    def exit_code(self) -> int:
        """69 when the SMTP server could not be reached, 1 when a draft could not be sent, else 0."""
        if self.unreachable is not None:
            return 69
        return 1 if self.not_sent else 0


def send_approved(
    settings: Settings,
    store: Store,
    *,
    dry_run: bool = False,
    now: Callable[[], datetime] | None = None,
    mailbox_factory: Callable[[ImapAccount], ImapMailbox] | None = None,
    outbox_factory: Callable[[SmtpSettings], SmtpOutbox] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> SendSummary:
    """Send every approved draft that is due, after settling the ones a crash left ``sending``."""
    clock = now or (lambda: datetime.now(UTC))
    summary = SendSummary(dry_run=dry_run)
    summary.waiting = len(store.outbox.waiting(clock()))
    if dry_run:
        for draft in store.outbox.in_sending():
            summary.results.append(_result(draft, "would check", "look for it in the Sent folder first"))
        for draft in store.outbox.due(clock()):
            summary.results.append(_result(draft, "would send"))
        return summary
    if settings.smtp is None:
        if store.outbox.in_sending() or store.outbox.due(clock()):
            raise UsageError("approved drafts wait, but there is no [smtp] table in the config to send them")
        return summary
    smtp = settings.smtp
    # One sender at a time (this machine and, on PostgreSQL, every worker): settling a draft left `sending`
    # must never race the process sending it now. Held elsewhere: LockHeldError (exit 75).
    with work_lock(settings.runtime.lock_dir, store, "sending"):
        sent = SentFolder(settings, mailbox_factory or open_mailbox, summary.notes)
        outbox = (outbox_factory or _open_outbox)(smtp)
        sender = _Sender(settings, store, sent, outbox, clock, sleep, summary)
        try:
            for draft in store.outbox.withdraw_cancelled():
                summary.results.append(_result(draft, "withdrawn", WITHDRAWN))
            sender.recover()
            if summary.unreachable is None:  # no server: the rest would only fail the same way
                sender.send_due()
        finally:
            outbox.close()
            sent.close()
    return summary


def _open_outbox(smtp: SmtpSettings) -> SmtpOutbox:
    from inboxbroker.outbox.smtp import SmtpOutbox
    from inboxbroker.settings.credentials import smtp_oauth2_token, smtp_password

    token = smtp_oauth2_token(smtp) if smtp.oauth2_token_command else None
    password = None if token or not smtp.username else smtp_password(smtp)
    return SmtpOutbox(smtp, password, token)


class _Sender:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        sent: SentFolder,
        outbox: SmtpOutbox,
        clock: Callable[[], datetime],
        sleep: Callable[[float], None],
        summary: SendSummary,
    ) -> None:
        assert settings.smtp is not None
        self.settings = settings
        self.store = store
        self.sent = sent
        self.outbox = outbox
        self.clock = clock
        self.sleep = sleep
        self.summary = summary
        self.envelope_from = parseaddr(settings.smtp.from_)[1]

    def recover(self) -> None:
        """Drafts a crash left ``sending``: found in the Sent folder → sent; absent and never handed to the
        SMTP server → sent now; absent after it was handed over → ``failed``, for a person to decide."""
        for draft in self.store.outbox.in_sending():
            try:
                if not self.sent.ready():
                    reason = (
                        "a send of it was cut short and there is no Sent folder to tell whether it went out "
                        f"({self.sent.why_not}); approve it again to send it (it may then arrive twice)"
                    )
                    self.store.outbox.mark_failed(draft.id, reason)
                    self._record(draft, "needs a person", reason)
                    continue
                found = self.sent.contains(draft.message_id_header)
            except SourceError as exc:
                # The witness is out of reach for now: leave it ``sending``; the next send asks again.
                self._record(draft, "unchecked", f"cannot look in the Sent folder: {exc}")
                continue
            if found:
                at = self.clock()
                self.store.outbox.mark_sent(
                    draft.id, at=at, detail={"found_in": self.sent.folder, "sent_again": False}
                )
                self._record(draft, "already sent", f"found in {self.sent.folder}; not sent again")
            elif draft.handed_over_at is not None:
                # Cut short inside the SMTP transaction or before the copy: the server may have taken it.
                # Sending it again could deliver it twice; a person can ask, or approve it again.
                reason = (
                    f"a send of it was cut short after it was handed to the SMTP server "
                    f"({draft.handed_over_at.isoformat(timespec='seconds')}) and it is not in "
                    f"{self.sent.folder}: it may have gone out; approve it again to send it (it may then arrive "
                    "twice)"
                )
                self.store.outbox.mark_failed(draft.id, reason)
                self._record(draft, "needs a person", reason)
            elif not self._deliver(draft, check_first=False):
                return

    def send_due(self) -> None:
        tried: list[int] = []
        while (draft := self.store.outbox.claim_next(self.clock(), skip=tuple(tried))) is not None:
            tried.append(draft.id)
            if not self._deliver(draft, check_first=False):
                return

    def _deliver(self, draft: OutgoingDraft, *, check_first: bool) -> bool:
        """Send one claimed draft with the in-run retries; False when the run must stop (SMTP unreachable)."""
        send = self.settings.send
        recipients = recipients_of(draft)
        self._open_sent_folder()
        wait = send.retry_wait_seconds
        error: Exception | None = None
        for attempt in range(1, send.tries + 1):
            if check_first and self._already_in_sent(draft):
                return True
            at = self.clock()
            message = with_date(draft.mime, at)
            if not self.store.outbox.hand_over(draft.id, at=at):
                self._record(draft, "withdrawn", WITHDRAWN)
                return True
            try:
                reply = self.outbox.send(self.envelope_from, recipients, message)
            except SendRefusedError as exc:
                self.store.outbox.mark_failed(draft.id, str(exc))
                self._record(draft, "refused", str(exc))
                return True
            except SendTemporaryError as exc:
                error, check_first = exc, check_first or exc.maybe_delivered
            except SmtpConnectionError as exc:
                error = exc
            except SmtpAuthError as exc:
                # Our login, not this draft: it goes back to the queue untouched and the send stops.
                self.store.outbox.release(draft.id, str(exc))
                raise
            else:
                copy = self.sent.keep(message, draft.message_id_header, at)
                self.store.outbox.mark_sent(
                    draft.id, at=at, detail={"reply": reply, "recipients": recipients, "copy": copy}
                )
                log.info("sent draft %d (%s)", draft.id, draft.message_id_header)
                self._record(draft, "sent", f"{reply}; {copy}")
                return True
            log.warning("draft %d, try %d of %d: %s", draft.id, attempt, send.tries, error)
            if attempt < send.tries:
                self.sleep(wait)
                wait *= 2
        later = self.clock() + backoff(draft.send_attempts, send.retry_after_minutes, send.retry_max_minutes)
        self.store.outbox.mark_temporary(draft.id, str(error), next_attempt_at=later)
        self._record(
            draft, "deferred", f"{error}; will be retried after {later.isoformat(timespec='minutes')}"
        )
        if isinstance(error, SmtpConnectionError):
            self.summary.unreachable = str(error)
            return False
        return True

    def _open_sent_folder(self) -> None:
        # Opened before the message goes out, so the copy after the server's acceptance is one command.
        try:
            self.sent.ready()
        except SourceError as exc:
            self.sent.note_once(f"the Sent folder cannot be opened now: {exc}")

    def _already_in_sent(self, draft: OutgoingDraft) -> bool:
        try:
            found = self.sent.ready() and self.sent.contains(draft.message_id_header)
        except SourceError:
            return False  # no witness: treat the broken send as lost, as any SMTP client would
        if found:
            self.store.outbox.mark_sent(
                draft.id, at=self.clock(), detail={"found_in": self.sent.folder, "sent_again": False}
            )
            self._record(draft, "already sent", f"the server filed it in {self.sent.folder}; not sent again")
        return found

    def _record(self, draft: OutgoingDraft, outcome: str, detail: str = "") -> None:
        self.summary.results.append(_result(draft, outcome, detail))


def _result(draft: OutgoingDraft, outcome: str, detail: str = "") -> SendResult:
    return SendResult(draft.id, outcome, draft.to, draft.cc, draft.subject, draft.message_id_header, detail)


class SentFolder:
    """The Sent folder of the configured IMAP account: the witness of what went out, and where copies go.

    Opened on first use; ``ready()`` is False (with ``why_not``) when there is no account or no folder.
    """

    def __init__(
        self, settings: Settings, factory: Callable[[ImapAccount], ImapMailbox], notes: list[str]
    ) -> None:
        self._account = _sent_account(settings)
        self._configured = settings.send.sent_folder
        self._factory = factory
        self._notes = notes
        self._box: ImapMailbox | None = None
        self.folder: str | None = None
        self.why_not = "" if self._account else "no [imap] account is configured"

    def note_once(self, text: str) -> None:
        if text not in self._notes:
            self._notes.append(text)
            log.warning("%s", text)

    def ready(self) -> bool:
        """Connect and find the folder; raises SourceError when the IMAP server fails."""
        if self._account is None:
            return False
        if self._box is None:
            box = self._factory(self._account)
            try:
                self.folder = self._configured or box.special_folder("\\Sent")
            except BaseException:
                box.close()
                raise
            self._box = box
            if self.folder is None:
                self.why_not = f"{self._account.name} marks no folder \\Sent; set send.sent_folder"
        return self.folder is not None

    def contains(self, message_id: str) -> bool:
        assert self._box is not None and self.folder is not None
        try:
            return bool(self._box.find_message_id(self.folder, message_id))
        except SourceError:
            self.close()  # a broken connection is opened afresh on the next use
            raise

    def keep(self, message: bytes, message_id: str, at: datetime) -> str:
        """Append the sent bytes unless the server already filed them; never raises (the mail is out)."""
        try:
            if not self.ready():
                self.note_once(f"no copy of sent replies is kept: {self.why_not}")
                return "no copy kept"
            if self.contains(message_id):
                return f"the server filed a copy in {self.folder}"
            assert self._box is not None and self.folder is not None
            self._box.append(self.folder, SENT_FLAGS, at, message)
            return f"copy in {self.folder}"
        except SourceError as exc:
            self.close()
            log.warning("sent %s, but the copy to the Sent folder failed: %s", message_id, exc)
            return f"sent, but no copy kept ({exc})"

    def close(self) -> None:
        box, self._box = self._box, None
        if box is not None:
            box.close()


def _sent_account(settings: Settings) -> ImapAccount | None:
    if not settings.imap:
        return None
    wanted = settings.send.sent_account
    return next((a for a in settings.imap if a.name == wanted), None) if wanted else settings.imap[0]


def recipients_of(draft: OutgoingDraft) -> list[str]:
    """The envelope recipients: the draft's To and Cc (a draft has no Bcc), each address once."""
    seen: dict[str, str] = {}
    for _, address in getaddresses([*draft.to, *draft.cc]):
        if address and address.lower() not in seen:
            seen[address.lower()] = address
    return list(seen.values())


def backoff(failed_before: int, first_minutes: float, max_minutes: float) -> timedelta:
    """How long a draft waits after its ``failed_before + 1``-th failed send: doubling, capped."""
    return timedelta(minutes=min(first_minutes * 2 ** min(failed_before, 30), max_minutes))


def with_date(mime: bytes, at: datetime) -> bytes:
    """``mime`` with a Date header for ``at`` put first, every other byte as stored.

    A Date already in the header block (a stored draft has none) is replaced: a message has one Date.
    """
    newline = b"\r\n" if b"\r\n" in mime[: mime.find(b"\n") + 1] else b"\n"
    end = mime.find(newline * 2)
    head, body = (mime, b"") if end < 0 else (mime[: end + len(newline)], mime[end + len(newline) :])
    kept: list[bytes] = []
    skipping = False
    for line in head.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t"):  # a folded continuation belongs to the header before it
            if not skipping:
                kept.append(line)
            continue
        skipping = line.lower().startswith(b"date:")
        if not skipping:
            kept.append(line)
    date = b"Date: " + format_datetime(at.astimezone(UTC)).encode("ascii") + newline
    return date + b"".join(kept) + body
