"""The runtime: one batch (``run``), the daemon (``watch``), the per-mailbox lock and read-ahead."""
