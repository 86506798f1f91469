"""Start-up cost of a cron run that finds no new mail, against ``python -c pass``.

A run every few minutes should cost next to nothing when the inbox is quiet: heavy libraries
(scikit-learn, document parsers, Alembic) must load only when a message needs them. ``figures(quick)``
(``python -m bench``) gives ``idle_run_s`` beside ``python -c pass``; ``--quick`` takes the median of 3 runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.figures import Figure
from support.dovecot import DovecotServer

RUNS, QUICK_RUNS = 7, 3
BARE, IDLE = "python -c pass", "inboxbroker run (IMAP, no new mail)"


def wall(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return time.perf_counter() - started


def measure(runs: int = RUNS) -> dict[str, float]:
    """Median wall seconds of each command over ``runs`` runs, after one run that creates the database."""
    with tempfile.TemporaryDirectory() as tmp, DovecotServer() as server:
        mailbox = server.user_for("startup")
        with mailbox.client() as client:
            client.select_folder("INBOX")  # creates the Maildir
        work = Path(tmp)
        config = work / "inboxbroker.toml"
        config.write_text(
            f'[imap]\nhost = "{mailbox.host}"\nport = {mailbox.port}\nsecurity = "none"\ninsecure = true\n'
            f'username = "{mailbox.user}"\npassword_env = "BENCH_IMAP_PASSWORD"\n'
            f'[store]\nurl = "sqlite:///{work / "ledger.sqlite3"}"\n[runtime]\nstate_dir = "{work}"\n'
        )
        env = {**os.environ, "BENCH_IMAP_PASSWORD": mailbox.password}
        run = [sys.executable, "-m", "inboxbroker", "--config", str(config), "run"]
        wall(run, env)  # first run creates the database; later runs are the steady state
        cases = {
            BARE: [sys.executable, "-c", "pass"],
            "import inboxbroker.cli": [sys.executable, "-c", "import inboxbroker.cli"],
            IDLE: run,
        }
        return {name: statistics.median(wall(cmd, env) for _ in range(runs)) for name, cmd in cases.items()}


def figures(quick: bool) -> dict[str, Figure]:
    runs = QUICK_RUNS if quick else RUNS
    times = measure(runs)
    print(
        f"idle run {times[IDLE] * 1000:.0f} ms, python -c pass {times[BARE] * 1000:.0f} ms (median of {runs})"
    )
    note = f"IMAP on loopback, SQLite ledger; median of {runs}"
    return {"idle_run_s": Figure(times[IDLE], times[BARE], "s", BARE, note=note)}


def main() -> None:
    times = measure()
    base = times[BARE]
    print(f"median of {RUNS} runs each")
    for name, seconds in times.items():
        print(f"  {name:<38}{seconds * 1000:>8.0f} ms  {seconds / base:>6.1f}x python -c pass")


if __name__ == "__main__":
    main()
