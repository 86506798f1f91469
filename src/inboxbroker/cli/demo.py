"""``inboxbroker demo``: the whole pipeline on the bundled sample mailbox, into a fresh local database."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from inboxbroker.bundled import sample_inbox
from inboxbroker.errors import UsageError
from inboxbroker.wording import plural


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
    from inboxbroker.settings.config import load_config
    from inboxbroker.store.ledger import Store

    sample = find_sample_inbox()
    workdir = keep or Path(tempfile.mkdtemp(prefix="inboxbroker-demo-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "demo.sqlite3"
    if db.exists():
        db.unlink()
    config = workdir / "inboxbroker.toml"
    # Written even when not kept: the demo runs on exactly the config a user could start from.
    config.write_text(demo_config(db, workdir), encoding="utf-8")
    settings = load_config(config)
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(f"[bold]inboxbroker demo[/bold]: processing {sample} into {db}\n")
    try:
        with Store.open(settings.store.url) as store:
            summary = Runner(settings, store, progress=make_progress()).run(
                RunOptions(source=f"maildir:{sample}")
            )
            console.print(_message_table(store.messages()))
            console.print(_draft_table(store.drafts.drafts()))
            print_stats(store.stats(), as_json=False)
    finally:
        if keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    console.print(
        f"\n{plural(summary.fetched, 'message')} read, {summary.processed} processed, "
        f"{summary.quarantined} quarantined (kept raw in the ledger with the reason); "
        f"{plural(summary.drafted, 'reply', 'replies')} drafted for a person to review, none sent."
    )
    if keep is None:
        console.print("The demo database was removed; use `inboxbroker demo --keep DIR` to keep it.")
    else:
        console.print(
            f"Kept: {db}. Look around with `inboxbroker --config {config} drafts list`, `drafts show ID`, "
            "`interviewers list`, `stats` or `quarantine list`."
        )
    # The malformed sample message is quarantined on purpose: that is the demo working, not failing.
    return 0


# The sample mailbox's forwarding managers are interviewers (so they host what they forwarded), beside two
# who are matched by topic. Rachel Kim's busy time comes from a calendar shipped with the demo.
DEMO_INTERVIEWERS = """
[[interviewers]]
name = "Rachel Kim"
email = "rachel.kim@example.org"
topics = ["data science", "machine learning", "analytics"]
timezone = "America/Los_Angeles"
capacity_per_month = 4
busy_ics = "{calendars}/rachel-kim.ics"
video_link = "https://meet.example.org/rachel-kim"

[[interviewers]]
name = "Mei Lin"
email = "mei.lin@example.org"
topics = ["robotics", "hardware engineering"]
timezone = "Asia/Singapore"
working_hours = "Mon-Thu 10:00-16:00"
capacity_per_month = 3
location = "Singapore office, level 12"

[[interviewers]]
name = "Tom Berger"
email = "tom.berger@example.org"
topics = ["software engineering", "backend"]
timezone = "Europe/Berlin"
capacity_per_month = 3

[[interviewers]]
name = "Aisha Nwosu"
email = "aisha.nwosu@example.org"
topics = ["finance", "accounting"]
timezone = "Europe/London"
capacity_per_month = 2

[[interviewers]]
name = "Daniel Ortega"
email = "daniel.ortega@example.org"
topics = ["marketing", "brand"]
timezone = "America/New_York"
capacity_per_month = 2

[[interviewers]]
name = "Grace Okoye"
email = "grace.okoye@example.org"
topics = ["product management", "UX research", "design"]
timezone = "America/Chicago"
capacity_per_month = 3
"""


def demo_config(db: Path, workdir: Path) -> str:
    from inboxbroker.bundled import demo_dir

    return (
        f'[store]\nurl = "sqlite:///{db}"\n\n[runtime]\nstate_dir = "{workdir}"\n\n'
        '[drafting]\nfrom = "Interview Programme <interviews@example.org>"\n'
        'careers_address = "careers@example.org"\n' + DEMO_INTERVIEWERS.format(calendars=demo_dir())
    )


def _draft_table(rows: list[Any]) -> Any:
    from rich.table import Table

    table = Table(title="Drafted replies, waiting for a person (nothing is sent)", show_lines=True)
    for column in ("#", "request", "to", "template", "interviewer and why", "slots"):
        table.add_column(column, overflow="fold")
    for draft in sorted(rows, key=lambda d: d.id):
        host = f"{draft.interviewer}: {draft.match_reason}" if draft.interviewer else (draft.rule or "")
        slots = "\n".join(slot["start"][:16].replace("T", " ") + " UTC" for slot in _utc(draft.slots))
        table.add_row(str(draft.id), str(draft.request_id), ", ".join(draft.to), draft.template, host, slots)
    return table


def _utc(slots: list[dict[str, str]]) -> list[dict[str, str]]:
    from datetime import UTC, datetime

    return [{"start": datetime.fromisoformat(s["start"]).astimezone(UTC).isoformat()} for s in slots]


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
            details.append(plural(len(extract["availability"]), "proposed time"))
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
