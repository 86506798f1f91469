"""What the CLI prints: log set-up, the progress bar, run summaries, stats and quarantine listings.

A rich progress bar and tables on a terminal; plain log lines and JSON everywhere else (cron, pipes).
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

import click

from inboxbroker.runtime.runner import Progress, RunSummary


def setup_logging(verbose: int) -> None:
    level = logging.DEBUG if verbose else logging.INFO
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # Migrations are routine; their chatter would drown the run's own lines in cron logs.
    logging.getLogger("alembic").setLevel(logging.WARNING)


def _interactive() -> bool:
    return sys.stderr.isatty()


class RichProgress(Progress):
    """A live bar on a terminal; the runner never knows which kind it has."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        self.console = Console(stderr=True)
        self.bar = Bar(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
        )
        self.task: Any = None
        self.started = False

    def start(self, description: str, total: int | None = None) -> None:
        if not self.started:
            self.bar.start()
            self.started = True
        if self.task is not None:
            self.bar.remove_task(self.task)
        self.task = self.bar.add_task(description, total=total)

    def advance(self, n: int = 1) -> None:
        if self.task is not None:
            self.bar.advance(self.task, n)

    def note(self, text: str) -> None:
        self.console.log(text)

    def stop(self) -> None:
        if self.started:
            self.bar.stop()
            self.started = False


def make_progress() -> Progress:
    return RichProgress() if _interactive() else Progress()


def print_summary(summary: RunSummary, *, as_json: bool) -> None:
    data = {"source": summary.source, "dry_run": summary.dry_run, **summary.counts()}
    if as_json:
        click.echo(json.dumps(data))
        return
    labels = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_label.items())) or "none"
    prefix = "dry run: " if summary.dry_run else ""
    click.echo(
        f"{prefix}{summary.source}: fetched {summary.fetched}, stored {summary.stored} new "
        f"({summary.duplicates} already known), processed {summary.processed}, "
        f"quarantined {summary.quarantined}, mailbox actions {summary.actions}; labels: {labels}"
    )
    if summary.quarantined:
        click.echo("See `inboxbroker quarantine list` for the reasons; `quarantine retry` re-runs them.")


def print_stats(stats: dict[str, Any], *, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(stats, default=str))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="inboxbroker", show_header=False)
    table.add_row("messages", str(stats["messages"]))
    for state, n in sorted(stats["by_state"].items()):
        table.add_row(f"  {state}", str(n))
    for label, n in sorted(stats["by_label"].items()):
        table.add_row(f"  label {label}", str(n))
    for key in ("requests", "people", "resumes"):
        table.add_row(key, str(stats[key]))
    table.add_row("drafts", ", ".join(f"{k} {v}" for k, v in stats["drafts"].items()))
    last = stats.get("last_run")
    table.add_row(
        "last run", f"{last['started_at']} ({last['source']}, exit {last['exit_code']})" if last else "never"
    )
    Console().print(table)


def print_quarantine(items: list[Any], *, as_json: bool) -> None:
    for item in items:
        row = {
            "id": item.id,
            "mailbox": item.mailbox,
            "uid": item.uid,
            "subject": item.subject,
            "error": item.error,
            "received_at": item.received_at.isoformat() if item.received_at else None,
        }
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            click.echo(
                f"{item.id:>6}  {item.mailbox}  uid {item.uid}  {item.subject!r}\n        {item.error}"
            )
    if not items and not as_json:
        click.echo("Nothing is quarantined.")
