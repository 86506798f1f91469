"""Opening a configured IMAP account: the secret is resolved only now, and never kept in settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from inboxbroker.settings.config import ImapAccount
    from inboxbroker.sources.imap import ImapMailbox


def open_mailbox(account: ImapAccount) -> ImapMailbox:
    """Connect to one configured account, resolving its secret only now (never kept in settings)."""
    from inboxbroker.settings.credentials import imap_oauth2_token, imap_password
    from inboxbroker.sources.imap import ImapMailbox, ImapParams

    token = imap_oauth2_token(account) if account.oauth2_token_command else None
    password = None if token else imap_password(account)
    params = ImapParams(
        host=account.host,
        port=account.port,
        security=account.security,
        insecure=account.insecure,
        ca_file=str(account.ca_file) if account.ca_file else None,
        username=account.username,
        password=password,
        oauth2_token=token,
        timeout=account.timeout_seconds,
    )
    box = ImapMailbox(params)
    box.connect()
    return box
