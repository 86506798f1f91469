"""The daemon (``inboxbroker watch``): IMAP IDLE per folder, a periodic re-poll, reconnects with backoff.

One thread per watched folder holds an IDLE connection and only says "something arrived"; the main
thread does all the work through the same ``Runner`` as a cron run, so both modes share one code path
and one lock. IDLE is re-issued at least every ``watch.idle_seconds`` (29 minutes by default, under the
30-minute server timeout of RFC 2177); the re-poll catches anything IDLE missed.
"""

from __future__ import annotations

import logging
import queue
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import TYPE_CHECKING, Any

from inboxbroker.errors import InboxBrokerError, LockHeldError, UsageError
from inboxbroker.runtime.runner import Progress, Runner, RunOptions, open_mailbox

if TYPE_CHECKING:
    from inboxbroker.settings.config import ImapAccount, Settings, WatchSettings
    from inboxbroker.sources.imap import ImapMailbox
    from inboxbroker.store.ledger import Store

log = logging.getLogger(__name__)


class Backoff:
    """Exponential backoff between reconnects: initial, doubling, capped."""

    def __init__(self, initial: float, maximum: float) -> None:
        self.initial = initial
        self.maximum = maximum
        self.current = initial

    def next(self) -> float:
        delay = self.current
        self.current = min(self.current * 2, self.maximum)
        return delay

    def reset(self) -> None:
        self.current = self.initial


class IdleWatcher(threading.Thread):
    """Holds one IDLE connection on one folder and puts the account name on ``wake`` when mail arrives."""

    def __init__(
        self,
        account: ImapAccount,
        folder: str,
        wake: queue.Queue[str | None],
        stop: threading.Event,
        settings: WatchSettings,
        connect: Callable[[ImapAccount], ImapMailbox] = open_mailbox,
    ) -> None:
        super().__init__(name=f"idle:{account.name}/{folder}", daemon=True)
        self.account = account
        self.folder = folder
        self.wake = wake
        self.stop_event = stop
        self.settings = settings
        self.connect = connect
        self.backoff = Backoff(settings.backoff_initial_seconds, settings.backoff_max_seconds)
        self._box: ImapMailbox | None = None
        self._lock = threading.Lock()

    def run(self) -> None:
        while not self.stop_event.is_set():
            try:
                box = self.connect(self.account)
                with self._lock:
                    self._box = box
                try:
                    box.select(self.folder)
                    self.backoff.reset()
                    # Mail may have arrived while we were (re)connecting: ask for a batch at once.
                    self.wake.put(self.account.name)
                    while not self.stop_event.is_set():
                        if box.idle_wait(self.settings.idle_seconds):
                            self.wake.put(self.account.name)
                finally:
                    with self._lock:
                        self._box = None
                    box.close()
            except Exception as exc:
                if self.stop_event.is_set():
                    return
                delay = self.backoff.next()
                log.warning("%s: %s; reconnecting in %.0f s", self.name, exc, delay)
                self.stop_event.wait(delay)

    def interrupt(self) -> None:
        """Break out of IDLE from another thread (shutdown): closing the socket wakes the reader."""
        with self._lock:
            if self._box is not None:
                self._box.interrupt()


def watch_forever(
    settings: Settings,
    store: Store,
    *,
    stop: threading.Event | None = None,
    progress: Progress | None = None,
    install_signals: bool = True,
) -> int:
    """Run until SIGTERM/SIGINT (or ``stop`` is set); returns the exit code."""
    if not settings.imap:
        raise UsageError(
            "watch needs an [imap] account in the config (`inboxbroker init` writes a commented one)"
        )
    stop = stop or threading.Event()
    wake: queue.Queue[str | None] = queue.Queue()
    watchers = [
        IdleWatcher(account, folder, wake, stop, settings.watch)
        for account in settings.imap
        for folder in account.folders
    ]

    def shutdown(signum: int, frame: FrameType | None) -> None:
        log.info("signal %d: finishing the current message and stopping", signum)
        stop.set()
        wake.put(None)
        for watcher in watchers:
            watcher.interrupt()

    previous: dict[signal.Signals, Any] = {}
    if install_signals:
        for sig in (signal.SIGTERM, signal.SIGINT):
            previous[sig] = signal.signal(sig, shutdown)
    runner = Runner(settings, store, progress=progress, stop=stop)
    backoff = Backoff(settings.watch.backoff_initial_seconds, settings.watch.backoff_max_seconds)
    for watcher in watchers:
        watcher.start()
    try:
        while not stop.is_set():
            try:
                summary = runner.run(RunOptions(source="imap"))
                backoff.reset()
                if summary.fetched or summary.actions or summary.sent or summary.not_sent:
                    log.info(
                        "batch: %d fetched, %d processed, %d quarantined, %d sent, %d not sent",
                        summary.fetched,
                        summary.processed,
                        summary.quarantined,
                        summary.sent,
                        summary.not_sent,
                    )
            except LockHeldError as exc:
                log.warning("%s", exc)
            except InboxBrokerError as exc:
                if isinstance(exc, UsageError):
                    raise
                delay = backoff.next()
                log.warning("batch failed: %s; retrying in %.0f s", exc, delay)
                stop.wait(delay)
                continue
            _wait_for_work(wake, settings.watch.poll_seconds)
    finally:
        stop.set()
        for watcher in watchers:
            watcher.interrupt()
        for watcher in watchers:
            watcher.join(timeout=5)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def _wait_for_work(wake: queue.Queue[str | None], poll_seconds: float) -> None:
    """Block until an IDLE watcher announces mail, a signal arrives, or the re-poll is due."""
    try:
        wake.get(timeout=poll_seconds)
    except queue.Empty:
        return
    # Coalesce a burst of announcements into one batch.
    while True:
        try:
            wake.get_nowait()
        except queue.Empty:
            return
