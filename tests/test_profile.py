"""``--profile FILE`` writes a report a person can read with the standard library's pstats."""

from __future__ import annotations

import os
import pstats
import subprocess
import sys
from pathlib import Path

from support.mailgen import request_message


def test_profile_of_a_run_names_the_runner_and_is_written_even_when_the_run_exits_non_zero(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.eml").write_bytes(request_message(1))
    (folder / "b.eml").write_bytes(b"\x00" * 10)  # quarantined: exit 1
    config = tmp_path / "inboxbroker.toml"
    config.write_text(
        f'[store]\nurl = "sqlite:///{tmp_path / "l.sqlite3"}"\n[runtime]\nstate_dir = "{tmp_path}"\n'
    )
    report = tmp_path / "reports" / "run.prof"
    env = {k: v for k, v in os.environ.items() if k != "INBOXBROKER_CONFIG"}
    result = subprocess.run(
        [sys.executable, "-m", "inboxbroker", "--profile", str(report), "--config", str(config),
         "run", "--source", f"eml:{folder}"],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr[-2000:]
    assert f"profile written to {report}" in result.stderr
    functions = {name for _, _, name in pstats.Stats(str(report)).stats}  # type: ignore[attr-defined]
    assert {"_process_pending", "process"} <= functions
