"""Start-up cost of a cron run that finds no new mail, against ``python -c pass``.

A run every few minutes should cost next to nothing when the inbox is quiet: heavy libraries
(scikit-learn, document parsers, Alembic) must load only when a message needs them.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from support.dovecot import DovecotServer

RUNS = 7


def wall(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    return time.perf_counter() - started


def main() -> None:
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
            "python -c pass": [sys.executable, "-c", "pass"],
            "import inboxbroker.cli": [sys.executable, "-c", "import inboxbroker.cli"],
            "inboxbroker run (IMAP, no new mail)": run,
        }
        times = {name: statistics.median(wall(cmd, env) for _ in range(RUNS)) for name, cmd in cases.items()}
    base = times["python -c pass"]
    print(f"median of {RUNS} runs each")
    for name, seconds in times.items():
        print(f"  {name:<38}{seconds * 1000:>8.0f} ms  {seconds / base:>6.1f}x python -c pass")


if __name__ == "__main__":
    main()
