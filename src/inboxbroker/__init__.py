"""inboxbroker: run an informational-interview programme from a shared mailbox."""

__version__ = "0.1.0"
