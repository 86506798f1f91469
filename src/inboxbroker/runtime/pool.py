"""Worker processes for the pure stages of a large batch (a backlog import, a watch catching up).

Parsing, triage and extraction are pure and take about half of a backlog import; the rest (the store,
drafting) reads and writes the database and stays in the run's own process. So a batch big enough to pay
for the workers' start (a second each: the model and the stages' imports) sends each group's raw messages to
``processes`` workers and gets ``Outcome`` values back, while the run stores the group before it.

What the run promises does not change:

- Outcomes are stored by the run, in ledger order, a group's attempt counted as it is stored: a killed run
  holds one group against its messages, as without workers. The workers start, and load the model, before
  any group is handed out (``wait_ready``).
- A worker that dies (the OOM killer, a crash inside a library on one hostile message) breaks the pool:
  ``PoolBroken``. The run counts that group an attempt and does its messages one at a time in its own
  process, as it does with the messages a killed run had in hand, so a message that kills whatever reads it
  is quarantined after ``limits.max_attempts`` like before, and the rest of the batch goes on without the
  pool.
- Workers are spawned, not forked: a fork would inherit the run's lock files and database connections. They
  ignore SIGINT (Ctrl-C reaches the whole process group; stopping is the run's to decide), die of SIGTERM
  (how the executor stops a broken pool, and how systemd stops a unit: the run then leaves the group in hand
  ``new`` for the next run), and leave as soon as the run's process is gone, even when it was SIGKILLed.
- A worker killed while it writes a group's outcomes back leaves half a message in the result pipe. The
  executor (CPython 3.11) then reads on for the rest, which never comes, since the run and the other workers
  hold that pipe's writing end too: the run waited for ever (seen: ``watch`` stopped by SIGTERM to its whole
  unit, about one stop in twenty under load). So the run waits for outcomes a second at a time, and when a
  worker is dead with outcomes still due after a grace, it stops the other workers and closes its own
  writing end: the executor reads the end of the pipe and breaks the pool as for any dead worker.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from inboxbroker.errors import InboxBrokerError

if TYPE_CHECKING:
    from inboxbroker.mail.threads import ThreadIndex
    from inboxbroker.pipeline import Outcome, Pipeline, PipelineOptions

log = logging.getLogger(__name__)

MAX_AUTO_PROCESSES = 4
MIN_BATCH = 400  # pending messages below which the workers' start costs more than they save
PARENT_CHECK_SECONDS = 0.5
READY_TIMEOUT = 120.0
READY_HOLD_SECONDS = 0.05
WAIT_STEP_SECONDS = 1.0  # how often a run waiting for outcomes looks for a dead worker
DEAD_GRACE_SECONDS = 2.0  # how long the executor may take to notice a dead worker on its own


class PoolBroken(InboxBrokerError):
    """A worker process died with messages in hand."""


def auto_processes(setting: int) -> int:
    """Workers to use: the setting, or with 0 the machine's cores (at most four); 1 means none."""
    if setting > 0:
        return setting
    return max(1, min(os.cpu_count() or 1, MAX_AUTO_PROCESSES))


class PurePool:
    """``processes`` spawned workers, each with its own ``Pipeline`` built from the run's options."""

    def __init__(
        self,
        options: PipelineOptions,
        threads: ThreadIndex | None,
        processes: int,
        log_level: int = logging.INFO,
    ) -> None:
        self.processes = processes
        self._executor = ProcessPoolExecutor(
            max_workers=processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(options, threads, os.getpid(), log_level),
        )
        self._checks: list[Future[int]] = []

    def start(self) -> None:
        """Have the workers start and load the model now, while the run does something else (the intake)."""
        if not self._checks:
            self._checks = [self._executor.submit(_ready) for _ in range(self.processes)]

    def started(self) -> bool:
        """Whether every worker ``start`` asked for is up (or failed to come up): ``wait_ready`` won't wait."""
        return bool(self._checks) and all(check.done() for check in self._checks)

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        """Return once every worker has started and loaded the model; raises ``PoolBroken`` if one cannot.

        A worker that cannot start (a broken install, no memory) is found here, before any group is handed
        out, and the run works in its own process instead of counting a group against messages it never read.
        """
        deadline = time.monotonic() + timeout
        ready: set[int] = set()
        checks, self._checks = self._checks, []
        try:
            while len(ready) < self.processes:
                # Each check holds its worker a moment, so the others' checks reach the others.
                checks = checks or [self._executor.submit(_ready) for _ in range(self.processes - len(ready))]
                for check in checks:
                    ready.add(check.result(timeout=max(0.0, deadline - time.monotonic())))
                checks = []
        except BrokenProcessPool as exc:
            raise PoolBroken(f"a worker process died while starting: {exc}") from None
        except TimeoutError:
            raise PoolBroken(f"the worker processes did not start within {timeout:.0f} s") from None

    def submit(self, raws: Sequence[bytes]) -> Callable[[], list[Outcome]]:
        """Hand the messages out, a slice per worker; the returned call waits for their outcomes, in order."""
        size = -(-len(raws) // self.processes) or 1
        try:
            futures: list[Future[list[Outcome]]] = [
                self._executor.submit(_process_slice, list(raws[i : i + size]))
                for i in range(0, len(raws), size)
            ]
        except BrokenProcessPool as exc:
            raise PoolBroken(f"a worker process died: {exc}") from None

        def result() -> list[Outcome]:
            outcomes: list[Outcome] = []
            try:
                for future in futures:
                    outcomes.extend(self._result_of(future))
            except BrokenProcessPool as exc:
                raise PoolBroken(f"a worker process died: {exc}") from None
            return outcomes

        return result

    def _result_of(self, future: Future[list[Outcome]]) -> list[Outcome]:
        dead_since: float | None = None
        while True:
            try:
                return future.result(timeout=WAIT_STEP_SECONDS)
            except TimeoutError:
                if not self._a_worker_died():
                    dead_since = None
                    continue
                now = time.monotonic()
                dead_since = dead_since or now
                if now - dead_since >= DEAD_GRACE_SECONDS:
                    self._end_half_sent_result()

    def _a_worker_died(self) -> bool:
        processes = getattr(self._executor, "_processes", None) or {}
        return any(p.exitcode is not None for p in list(processes.values()))

    def _end_half_sent_result(self) -> None:
        """Leave the result pipe without a writer (see the module's docstring): the executor's reader, stuck on
        the rest of a dead worker's last message, then reads the end of the pipe and breaks the pool.

        The other workers hold writing ends too, so they are stopped first, as the executor itself stops the
        workers of a broken pool (their groups are done again in the run's own process).
        """
        queue = getattr(self._executor, "_result_queue", None)
        writer = getattr(queue, "_writer", None)
        if writer is None or writer.closed:
            return
        log.warning("a worker process died while sending its outcomes: breaking the pool")
        processes = getattr(self._executor, "_processes", None) or {}
        for process in list(processes.values()):
            if process.exitcode is None:
                process.terminate()
        for process in list(processes.values()):
            process.join(DEAD_GRACE_SECONDS)
        writer.close()

    def close(self) -> None:
        manager = getattr(self._executor, "_executor_manager_thread", None)
        if manager is not None and self._a_worker_died():
            # shutdown() joins the executor's thread: it ends by itself once it noticed the dead worker, but
            # a half-sent result holds it for ever.
            manager.join(DEAD_GRACE_SECONDS)
            if manager.is_alive():
                self._end_half_sent_result()
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> PurePool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- in the worker ---------------------------------------------------------------------------------------

_pipeline: Pipeline | None = None


def _start_worker(options: PipelineOptions, threads: ThreadIndex | None, parent: int, log_level: int) -> None:
    global _pipeline
    from inboxbroker.pipeline import Pipeline

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_leave_with, args=(parent,), name="parent-watch", daemon=True).start()
    logging.basicConfig(level=log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    _pipeline = Pipeline(options, threads=threads)
    _pipeline.warm_up()


def _leave_with(parent: int) -> None:
    # The executor's queues cannot tell a worker its parent died: the worker holds their other ends itself.
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _ready() -> int:
    time.sleep(READY_HOLD_SECONDS)
    return os.getpid()


def _process_slice(raws: list[bytes]) -> list[Outcome]:
    assert _pipeline is not None, "the worker was not started"
    return [_pipeline.process(raw) for raw in raws]
