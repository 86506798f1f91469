"""One exception tree for inboxbroker.

Only ``cli/commands.py`` turns these into exit codes (DESIGN §5): 1 bad mail (the default), 2 a config or
usage error (a login the server refuses included), 69 a server that could not be reached, 75 the lock is held. Every message should name the fix.
"""

from __future__ import annotations


class InboxBrokerError(Exception):
    """Base class of every error inboxbroker raises on purpose."""

    exit_code = 1


class ConfigError(InboxBrokerError):
    """Raised when the configuration file is missing, unreadable or has a bad value.

    ``key`` is the dotted key path (``imap.port``) so the message can point at the line to fix.
    """

    exit_code = 2

    def __init__(self, key: str, problem: str) -> None:
        self.key = key
        self.problem = problem
        super().__init__(f"{key}: {problem}" if key else problem)


class SecretError(ConfigError):
    """Raised when a password, token or password_command cannot produce a secret."""


class UsageError(InboxBrokerError):
    """Raised when a command is called with arguments that cannot work together."""

    exit_code = 2


class LockHeldError(InboxBrokerError):
    """Raised when another run holds the per-mailbox lock (cron overlap)."""

    exit_code = 75


class UnreachableError(InboxBrokerError):
    """Base of the errors raised when a server (IMAP, SMTP, database) cannot be reached or drops us.

    Its own exit code (69, sysexits' EX_UNAVAILABLE), so monitoring can tell a dead server from bad mail (1)
    and from a config to fix (2). Never raised itself: the subclasses say which server.
    """

    exit_code = 69


class StoreError(InboxBrokerError):
    """Raised when the database cannot be opened, migrated or written."""


class StoreUnavailableError(StoreError):
    """Raised when the database cannot be reached, stays locked past the busy timeout, or refuses a write
    for a reason of its own (disk full, server gone): the run stops and the mail stays ``new``."""


class OutcomeStoreError(StoreError):
    """Raised when one message's outcome cannot be written although the store itself works.

    The data of that one message is at fault (a value the database refuses, a bug in building its rows):
    the runner quarantines the message with this reason and goes on with the rest.
    """


class StoreUnreachableError(StoreError, UnreachableError):
    """Raised when no database server answers at the host and port of ``store.url`` (refused, timed out,
    unknown host); a server that answers and refuses (a wrong password, no such database) is a StoreError.
    """

    exit_code = 69


class SourceError(InboxBrokerError):
    """Raised when a mail source (IMAP server, Maildir, mbox, .eml folder) cannot be read."""


class ImapConnectionError(SourceError, UnreachableError):
    """Raised when the IMAP server cannot be reached, refuses TLS, or drops the connection."""

    exit_code = 69


class ImapAuthError(SourceError):
    """Raised when the IMAP server rejects the login or XOAUTH2 token, or there is no secret to log in with.

    Exit 2, as a config error: the username, password or token is the thing to fix. Not 1, which monitoring
    reads as bad mail in the quarantine, nor 69, which says the server could not be reached.
    """

    exit_code = 2


class SmtpConnectionError(UnreachableError):
    """Raised when the SMTP server cannot be reached, TLS with it fails, or it drops the connection."""


class SmtpAuthError(InboxBrokerError):
    """Raised when the SMTP server refuses the login or the XOAUTH2 token (any reply but 235 to AUTH).

    Exit 2, as ``ImapAuthError``: the credentials are to fix; no draft was tried, so not 1.
    """

    exit_code = 2


class SendTemporaryError(InboxBrokerError):
    """Raised by ``outbox.smtp`` when the SMTP server put a message off for now: a 4xx reply, a dropped
    connection or a timeout. The draft stays approved and is tried again later, with backoff.

    ``code`` and ``reply`` are the server's code and words when it answered (None after a drop or a timeout);
    ``maybe_delivered`` is True when the connection broke after the whole message had been handed over, so
    the server may have accepted it: before it is sent again, the Sent folder is searched for it.
    """

    def __init__(
        self, message: str, *, code: int | None = None, reply: str = "", maybe_delivered: bool = False
    ) -> None:
        self.code = code
        self.reply = reply
        self.maybe_delivered = maybe_delivered
        super().__init__(message)


class SendRefusedError(InboxBrokerError):
    """Raised by ``outbox.smtp`` when the SMTP server refused a message for good (a 5xx reply to the sender,
    a recipient or the data). The draft becomes ``failed`` with ``code`` and ``reply``, the server's words,
    for a person to read; it is never retried on its own.
    """

    def __init__(self, message: str, *, code: int | None, reply: str) -> None:
        self.code = code
        self.reply = reply
        super().__init__(message)


class MessageError(InboxBrokerError):
    """Raised by a pipeline stage for one message; the runner quarantines the message with this reason."""


class ModelError(InboxBrokerError):
    """Raised when the shipped classifier cannot be loaded (tampered, or trained by another scikit-learn)."""

    exit_code = 2


class CalendarReplyError(MessageError):
    """Raised when an iTIP REPLY from a calendar client is not a readable VCALENDAR with METHOD:REPLY,
    one VEVENT, its UID, one ATTENDEE and a PARTSTAT of ACCEPTED, DECLINED or TENTATIVE."""


class ExtractionLimitError(MessageError):
    """Raised when an attachment exceeds a size, page, time or decompression limit, or cannot be read.

    ``limit`` names the limit that refused it ("size limit", "page limit", "time limit", "zip bomb"), or is
    None for a damaged or encrypted document, so a trace can say which limit and why.
    """

    def __init__(self, message: str, *, limit: str | None = None) -> None:
        self.limit = limit
        super().__init__(message)


class CalendarError(InboxBrokerError):
    """Raised when an interviewer's busy calendar cannot be read (file, https URL, CalDAV) or understood:
    unparseable, or over a size, event or recurrence limit (a hostile file is refused, not parsed for minutes).

    Drafting for that interviewer waits for the next run rather than offer slots that may be taken.
    """


class TemplateError(InboxBrokerError):
    """Raised when a reply template cannot be loaded or rendered (missing file, syntax error, undefined variable).

    The message names the template file and line, so a coordinator who edited it knows where to look;
    ``path`` and ``line`` carry the same for a program (``line`` is None when no line is known).
    """

    exit_code = 2

    def __init__(self, path: str, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        where = f"{path}, line {line}" if line is not None else path
        super().__init__(f"{where}: {problem}")


class DraftNotFoundError(UsageError):
    """Raised when a review command names a draft (or request) id that is not in the store."""


class DraftNotPendingError(UsageError):
    """Raised when a review action needs a draft in another state: editing or reassigning one that is no
    longer pending, approving a rejected one or one whose meeting was cancelled, rejecting one already sent.
    The message names its state (or the cancelled meeting)."""


class DraftChangedError(UsageError):
    """Raised when a draft changed (another coordinator edited, approved or rejected it) between reading it
    and saving an edit to it: nothing is saved, and looking at it again shows what changed."""


class DraftEditError(UsageError):
    """Raised when an edit cannot be saved as written: an empty body, a subject of several lines, a Cc that is
    not an address, a slot the interviewer is not free for. The draft stays as it was; the message says why."""


class UnknownLabelError(UsageError):
    """Raised when a reclassification names a label that is not one of DESIGN §5's labels."""


class UnknownInterviewerError(UsageError):
    """Raised when a reassignment names an email that is not one of the configured ``[[interviewers]]``."""


class UserError(UsageError):
    """Raised for a web-page account that cannot be added, changed or removed as asked: a name taken or
    unknown, a name with control characters, a password too short or not confirmed."""
