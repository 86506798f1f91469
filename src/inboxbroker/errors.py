"""One exception tree for inboxbroker.

Only ``cli/commands.py`` turns these into exit codes (DESIGN §5): 1 bad mail (the default), 2 a config or
usage error, 69 a server that could not be reached, 75 the lock is held. Every message should name the fix.
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
    """Raised when the IMAP server rejects the login or XOAUTH2 token."""


class SmtpConnectionError(UnreachableError):
    """Raised when the SMTP server cannot be reached, TLS with it fails, or it drops the connection."""


class SmtpAuthError(InboxBrokerError):
    """Raised when the SMTP server refuses the login or the XOAUTH2 token (any reply but 235 to AUTH)."""


class MessageError(InboxBrokerError):
    """Raised by a pipeline stage for one message; the runner quarantines the message with this reason."""


class ModelError(InboxBrokerError):
    """Raised when the shipped classifier cannot be loaded (tampered, or trained by another scikit-learn)."""

    exit_code = 2


class ExtractionLimitError(MessageError):
    """Raised when an attachment exceeds a size, page, time or decompression limit, or cannot be read.

    ``limit`` names the limit that refused it ("size limit", "page limit", "time limit", "zip bomb"), or is
    None for a damaged or encrypted document, so a trace can say which limit and why.
    """

    def __init__(self, message: str, *, limit: str | None = None) -> None:
        self.limit = limit
        super().__init__(message)
