"""Run locks: an overlapping cron run exits at once (code 75) instead of racing; workers share the work.

The lock is an advisory ``flock`` on a file per mailbox (or per stage: drafting, sending). The kernel drops
it when its holder dies, however it dies (SIGKILL included), so a "stale" lock is simply taken over by the
next run; the pid written into the file is only there to tell a person who holds it. On a PostgreSQL store
``work_lock`` also takes an advisory lock (``store/leases.py``), so workers on other machines keep out too.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from inboxbroker.errors import LockHeldError

if TYPE_CHECKING:
    from inboxbroker.store.ledger import Store


def lock_path(lock_dir: Path, mailbox: str) -> Path:
    # Mailbox names hold '@', '/', ':' — keep the file name readable but safe, and unique by hash.
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", mailbox)[:60]
    digest = hashlib.sha256(mailbox.encode()).hexdigest()[:10]
    return lock_dir / f"{readable}.{digest}.lock"


@contextmanager
def mailbox_lock(lock_dir: Path, mailbox: str) -> Iterator[Path]:
    """Hold the lock for ``mailbox`` or raise LockHeldError naming the holder."""
    lock_dir.mkdir(parents=True, exist_ok=True)
    path = lock_path(lock_dir, mailbox)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
            raise LockHeldError(
                f"another inboxbroker run (pid {holder}) is processing {mailbox}; "
                f"this run exits without doing anything (lock file {path})"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield path
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextmanager
def work_lock(lock_dir: Path, store: Store, name: str) -> Iterator[None]:
    """Hold ``name`` on this machine (file lock) and, on PostgreSQL, across machines; or raise LockHeldError."""
    with mailbox_lock(lock_dir, name), store.lease(name) as held:
        if not held:
            raise LockHeldError(f"another inboxbroker worker is processing {name} (its PostgreSQL lease)")
        yield
