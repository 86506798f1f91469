"""``inboxbroker demo``: the whole pipeline on the bundled sample mailbox, into a fresh local database."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from inboxbroker.bundled import sample_inbox
from inboxbroker.errors import UsageError


def find_sample_inbox() -> Path:
    sample = sample_inbox()
    if (sample / "cur").is_dir() or (sample / "new").is_dir():
        return sample
    raise UsageError(
        f"the sample mailbox is missing from the installed package ({sample}); reinstall inboxbroker"
    )


def run_demo(keep: Path | None = None) -> int:
    from rich.console import Console

    from inboxbroker.cli.reporting import make_progress, print_stats
    from inboxbroker.runtime.runner import Runner, RunOptions
    from inboxbroker.settings.config import parse_config
    from inboxbroker.store.ledger import Store

    sample = find_sample_inbox()
    workdir = keep or Path(tempfile.mkdtemp(prefix="inboxbroker-demo-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "demo.sqlite3"
    if db.exists():
        db.unlink()
    settings = parse_config(
        {"store": {"url": f"sqlite:///{db}"}, "runtime": {"state_dir": str(workdir)}},
        base_dir=workdir,
    )
    config = workdir / "inboxbroker.toml"
    if keep is not None:
        # A kept demo is a working set-up: the other commands can read it at once.
        config.write_text(
            f'[store]\nurl = "sqlite:///{db}"\n\n[runtime]\nstate_dir = "{workdir}"\n', encoding="utf-8"
        )
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(f"[bold]inboxbroker demo[/bold]: processing {sample} into {db}\n")
    try:
        with Store.open(settings.store.url) as store:
            summary = Runner(settings, store, progress=make_progress()).run(
                RunOptions(source=f"maildir:{sample}")
            )
            console.print(_message_table(store.messages()))
            print_stats(store.stats(), as_json=False)
    finally:
        if keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    console.print(
        f"\n{summary.fetched} messages read, {summary.processed} processed, "
        f"{summary.quarantined} quarantined (kept raw in the ledger with the reason)."
    )
    if keep is None:
        console.print("The demo database was removed; use `inboxbroker demo --keep DIR` to keep it.")
    else:
        console.print(
            f"Kept: {db}. Look around with `inboxbroker --config {config} stats` or `quarantine list`."
        )
    # The malformed sample message is quarantined on purpose: that is the demo working, not failing.
    return 0


def _message_table(rows: list[Any]) -> Any:
    from rich.table import Table

    table = Table(title="What the pipeline made of each message", show_lines=False)
    for column in ("#", "label", "p", "requester", "forwarded by", "subject", "details"):
        table.add_column(column, overflow="fold")
    for row in rows:
        trace = row.trace or {}
        unwrap = trace.get("unwrap", {})
        classify = trace.get("classify", {})
        extract = trace.get("extract") or {}
        details = []
        if extract.get("availability"):
            details.append(f"{len(extract['availability'])} proposed time(s)")
        if extract.get("resume"):
            details.append("résumé")
        if extract.get("duration_minutes"):
            details.append(f"{extract['duration_minutes']} min")
        if row.state == "quarantined":
            details.append(f"quarantined: {row.error}")
        if trace.get("guards"):
            details.append(trace["guards"][0])
        requester = (
            (extract.get("requester") or {}).get("name")
            or unwrap.get("requester")
            or (trace.get("parse") or {}).get("from")
            or ""
        )
        table.add_row(
            str(row.id),
            row.label or row.state,
            f"{classify['probability']:.2f}" if classify else "",
            requester,
            unwrap.get("forwarder") or "",
            (row.subject or "")[:50],
            "; ".join(details),
        )
    return table
