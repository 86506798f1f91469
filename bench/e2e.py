"""The backlog import end to end: ``run --source eml:`` against a bare parse + text walk of the same mail.

A user importing a mailbox's backlog feels this: every stage (ledger, parse, guards, unwrap, triage,
extraction with résumés, drafting, store) over a generated backlog of 10,000 messages (``bench.backlog``;
``--quick``: 3,000), in a fresh SQLite store, as one ``inboxbroker run`` with drafting on and its default worker processes. The baseline, in the
same run, is ``email.message_from_bytes(raw)`` plus a walk decoding every text part — what any tool reading
the mail at all must pay (in one process: the ratio counts what the workers buy). Goal: ``e2e_cost_over_parse`` ≤ 2.

Also: résumé text extraction alone (every résumé in the backlog through ``document_text``), and the peak
RSS of the run and its worker processes together at 1,000 and 10,000 messages (100,000 with ``--full``):
memory must stay flat as the mailbox grows, so the 10k figure is compared with the 1k one (goal ≤ 1.5×).

    python -m bench.e2e [--messages N] [--full]

Where its time goes: ``inboxbroker --profile FILE run --source eml:DIR`` on the same backlog.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

from bench.backlog import write_backlog
from bench.figures import Figure

GOAL_COST, GOAL_RSS = 2.0, 1.5
INTERVIEWERS = (
    ("Rachel Kim", "rachel.kim@example.org", "America/Los_Angeles", "Mon-Fri 09:00-17:00", "data science"),
    ("Tom Becker", "tom.becker@example.org", "Europe/Berlin", "Mon-Thu 09:00-17:00", "product management"),
    ("Ananya Rao", "ananya.rao@example.org", "Asia/Kolkata", "Mon-Fri 10:00-18:00", "software engineering"),
)


def config_for(work: Path) -> Path:
    people = "".join(
        f'[[interviewers]]\nname = "{name}"\nemail = "{mail}"\ntimezone = "{zone}"\n'
        f'working_hours = "{hours}"\ntopics = ["{topic}"]\ncapacity_per_month = 400\n'
        for name, mail, zone, hours, topic in INTERVIEWERS
    )
    work.mkdir(parents=True, exist_ok=True)
    config = work / "inboxbroker.toml"
    config.write_text(
        f'[store]\nurl = "sqlite:///{work / "ledger.sqlite3"}"\n[runtime]\nstate_dir = "{work}"\n'
        '[drafting]\nenabled = true\nfrom = "Interview Programme <interviews@example.org>"\n' + people
    )
    return config


def bare_parse_walk(paths: list[Path]) -> float:
    """Seconds to parse every message and decode its text parts (the baseline)."""
    raws = [p.read_bytes() for p in paths]
    started = time.perf_counter()
    for raw in raws:
        msg = email.message_from_bytes(raw)
        for part in msg.walk():
            if part.get_content_maintype() == "text":
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes):
                    payload.decode(part.get_content_charset() or "utf-8", "replace")
    return time.perf_counter() - started


def run_import(folder: Path, work: Path) -> tuple[float, float, dict]:
    """(wall seconds, peak RSS in MB, summary) of one ``inboxbroker run --source eml:FOLDER`` process.

    The peak is of the run and its worker processes together (``runtime.processes``), sampled from /proc
    every 20 ms; the run's own peak from ``wait4`` is the floor where /proc is not there to read.
    """
    env = {k: v for k, v in os.environ.items() if k != "INBOXBROKER_CONFIG"}
    command = [sys.executable, "-m", "inboxbroker", "--config", str(config_for(work))]
    command += ["run", "--source", f"eml:{folder}", "--json"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        tree = TreeMemory(process.pid)
        tree.start()
        # wait4, not wait: it returns the child's own resource usage, peak RSS included.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        tree.done.set()
        tree.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if process.returncode not in (0, 1):
            raise SystemExit(f"run failed ({process.returncode}):\n{err.read().decode()[-3000:]}")
        summary = json.loads(out.read().decode().strip().splitlines()[-1])
    return seconds, max(usage.ru_maxrss / 1024, tree.peak_mb), summary


class TreeMemory(threading.Thread):
    """The largest sum of RSS over a process and its descendants seen while it runs."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_mb, self.done = pid, 0.0, threading.Event()

    def run(self) -> None:
        page_kb = os.sysconf("SC_PAGE_SIZE") / 1024
        while not self.done.wait(0.02):
            total = sum(_rss_pages(pid) for pid in _tree(self.pid))
            self.peak_mb = max(self.peak_mb, total * page_kb / 1024)


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                todo += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    return found


def _rss_pages(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def resume_seconds(paths: list[Path]) -> tuple[float, int]:
    """Seconds to read the text of every résumé in the backlog, and how many there were."""
    from inboxbroker.extract.documents import document_text
    from inboxbroker.mail.parse import parse_message

    attachments = []
    for path in paths:
        raw = path.read_bytes()
        if b"_Resume." not in raw:
            continue
        attachments += [a for a in parse_message(raw).attachments if "_Resume." in a.filename]
    started = time.perf_counter()
    for attachment in attachments:
        document_text(attachment)
    return time.perf_counter() - started, len(attachments)


def measure(cost_at: int, rss_at: tuple[int, ...]) -> dict[str, Figure]:
    """The import's cost at ``cost_at`` messages; its peak RSS at each size, the smallest one the baseline.

    Sizes run smallest first, each in a fresh store; only ``cost_at`` is also parsed bare (the baseline of
    the cost figures), so a 100,000-message memory run is not parsed twice.
    """
    figures: dict[str, Figure] = {}
    sizes = sorted({cost_at, *rss_at})
    base_rss = 0.0
    with tempfile.TemporaryDirectory(prefix="inboxbroker-e2e-") as tmp:
        root = Path(tmp)
        for size in sizes:
            folder = root / f"backlog-{size}"
            paths = write_backlog(folder, size)
            wall, rss, summary = run_import(folder, root / f"run-{size}")
            line = f"{size} messages: run {wall:.1f} s ({size / wall:.0f} msg/s), peak {rss:.0f} MB"
            if size == cost_at:
                parse_s = bare_parse_walk(paths)
                figures |= _cost_figures(paths, wall, parse_s)
                line += (
                    f"; bare parse + walk {parse_s:.1f} s → {wall / parse_s:.2f}× (goal ≤ {GOAL_COST}); "
                    f"résumé text {figures['resume_text_share_of_e2e'].value:.0%} of the run; "
                    f"labels {summary.get('by_label')}, drafted {summary.get('drafted')}"
                )
            if size == sizes[0]:
                base_rss = rss
                figures[f"peak_rss_mb_{_k(size)}"] = Figure(rss, rss, "MB", "itself")
            else:
                figures[f"peak_rss_mb_{_k(size)}"] = Figure(
                    rss, base_rss, "MB", f"peak at {_k(sizes[0])}", goal=GOAL_RSS
                )
            print(line, flush=True)
            shutil.rmtree(folder)
            shutil.rmtree(root / f"run-{size}")
    return figures


def _cost_figures(paths: list[Path], wall: float, parse_s: float) -> dict[str, Figure]:
    messages = len(paths)
    resume_s, resumes = resume_seconds(paths)
    note = f"{messages:,} messages"
    return {
        "e2e_msgs_per_s": Figure(
            messages / wall, messages / parse_s, "msg/s", "bare parse + walk", note=note
        ),
        "e2e_cost_over_parse": Figure(
            wall / parse_s, 1.0, "x", "bare parse + walk", goal=GOAL_COST, note=note
        ),
        "resume_text_share_of_e2e": Figure(resume_s / wall, 1.0, "share", f"{resumes} résumés", note=note),
    }


def _k(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def figures(quick: bool) -> dict[str, Figure]:
    """The same keys either way: the issue's 10,000 messages for the cost (beside 1,000 for memory), or with
    ``--quick`` 3,000 standing in for 10,000, and the figures' notes say so."""
    if not quick:
        return measure(10_000, rss_at=(1000,))
    found = measure(3000, rss_at=(1000,))
    small = found.pop("peak_rss_mb_3k")
    found["peak_rss_mb_10k"] = replace(small, note="QUICK: measured at 3,000 messages")
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000, help="the cost figures' backlog size")
    parser.add_argument("--full", action="store_true", help="peak RSS at 100k messages too")
    args = parser.parse_args(argv)
    sizes = (1000, 100_000) if args.full else (1000,)
    for name, figure in measure(args.messages, rss_at=sizes).items():
        print(f"  {name:<28} {figure.describe()}")


if __name__ == "__main__":
    main()
