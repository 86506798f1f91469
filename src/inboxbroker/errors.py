"""One exception tree for inboxbroker.

Only ``cli.py`` turns these into exit codes; every message should name the fix.
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


class StoreError(InboxBrokerError):
    """Raised when the database cannot be opened, migrated or written."""


class OutcomeStoreError(StoreError):
    """Raised when one message's outcome cannot be written although the store itself works.

    The data of that one message is at fault (a value the database refuses, a bug in building its rows):
    the runner quarantines the message with this reason and goes on with the rest.
    """


class SourceError(InboxBrokerError):
    """Raised when a mail source (IMAP server, Maildir, mbox, .eml folder) cannot be read."""


class ImapConnectionError(SourceError):
    """Raised when the IMAP server cannot be reached, refuses TLS, or drops the connection."""


class ImapAuthError(SourceError):
    """Raised when the IMAP server rejects the login or XOAUTH2 token."""


class MessageError(InboxBrokerError):
    """Raised by a pipeline stage for one message; the runner quarantines the message with this reason."""


class ModelError(InboxBrokerError):
    """Raised when the shipped classifier cannot be loaded (tampered, or trained by another scikit-learn)."""

    exit_code = 2


class CalendarError(InboxBrokerError):
    """Raised when a busy calendar (.ics data) cannot be read: unparseable, or over a size, event or recurrence limit.

    A calendar is outside data: a huge or hostile file is refused with this error rather than parsed for minutes.
    The message names the limit or the problem, so the coordinator can fix or trim the calendar.
    """


class ExtractionLimitError(MessageError):
    """Raised when an attachment exceeds a size, page, time or decompression limit."""
