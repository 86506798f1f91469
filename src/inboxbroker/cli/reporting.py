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
from inboxbroker.wording import agree, plural


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
    if summary.drafted or summary.needs_attention:
        attention = summary.needs_attention
        click.echo(
            f"drafted {plural(summary.drafted, 'reply', 'replies')} for review (`inboxbroker drafts list`); "
            f"{plural(attention, 'request')} {agree(attention, 'needs', 'need')} attention (`inboxbroker requests list`)"
        )
    if summary.needs_triage:
        triage = summary.needs_triage
        click.echo(
            f"{plural(triage, 'message')} may be {'a request' if triage == 1 else 'requests'}: triage was unsure, "
            "a person decides (`inboxbroker requests list`, `requests reclassify ID LABEL`)"
        )
    if summary.sent or summary.not_sent or summary.smtp_unreachable:
        click.echo(
            f"sent {plural(summary.sent, 'approved reply', 'approved replies')}; "
            f"{summary.not_sent} could not be sent"
            + (" (the SMTP server could not be reached)" if summary.smtp_unreachable else "")
        )
    if summary.dry_run and summary.would_quarantine:
        print_would_quarantine(summary.would_quarantine)
    elif summary.quarantined:
        click.echo("See `inboxbroker quarantine list` for the reasons; `quarantine retry` re-runs them.")


WOULD_QUARANTINE_LINES = 20


def print_would_quarantine(items: list[tuple[str, str]]) -> None:
    """A dry run's quarantine reasons, here because it stores nothing for `quarantine list` to show."""
    click.echo("Would be quarantined (a dry run stores nothing, so `quarantine list` does not show these):")
    for subject, reason in items[:WOULD_QUARANTINE_LINES]:
        click.echo(f"  {subject!r}: {reason}" if subject else f"  (no subject): {reason}")
    if len(items) > WOULD_QUARANTINE_LINES:
        click.echo(f"  … and {len(items) - WOULD_QUARANTINE_LINES} more")


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
    table.add_row("last run", _last_run(last) if last else "never")
    Console().print(table)


# What each exit code of the README's list means, for a person reading `stats` (scripts read `--json`).
EXIT_MEANINGS = {
    0: "done",
    1: "some mail quarantined or drafts not sent",
    2: "usage or config error",
    69: "a server could not be reached",
}


def _last_run(last: dict[str, Any]) -> str:
    code = last.get("exit_code")
    if code is None:
        return f"{last['started_at']} ({last['source']}, still running or killed)"
    meaning = EXIT_MEANINGS.get(code)
    return f"{last['started_at']} ({last['source']}, exit {code}{': ' + meaning if meaning else ''})"


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


def print_drafts(rows: list[Any], *, as_json: bool) -> None:
    for draft in rows:
        if as_json:
            click.echo(json.dumps(draft.as_json(), ensure_ascii=False))
            continue
        host = f"  with {draft.interviewer}" if draft.interviewer else ""
        click.echo(f"{draft.id:>5}  {draft.state:<8} {draft.template:<20} to {', '.join(draft.to)}{host}")
        click.echo(f"       {draft.subject}")
        if draft.match_reason:
            click.echo(f"       why {draft.interviewer}: {draft.match_reason}")
        for slot in draft.slots:
            click.echo(f"       slot {slot['start']} – {slot['end']}")
    if not rows and not as_json:
        click.echo("No drafts.")


def print_draft(draft: Any) -> None:
    lines = [
        f"Draft {draft.id} ({draft.state}) for request {draft.request_id}: {draft.purpose}, template {draft.template}",
        f"To:      {', '.join(draft.to)}",
    ]
    if draft.cc:
        lines.append(f"Cc:      {', '.join(draft.cc)}")
    lines += [f"Subject: {draft.subject}", f"Why:     {draft.rule}"]
    if draft.interviewer:
        email = f" <{draft.interviewer_email}>" if draft.interviewer_email else ""
        lines.append(f"Host:    {draft.interviewer}{email}")
    if draft.match_reason:
        lines.append(f"Matched: {draft.match_reason}")
    lines += [f"Slot:    {slot['start']} – {slot['end']}" for slot in draft.slots]
    if draft.ics:
        lines.append(f"Invite:  attached (METHOD:{ics_method(draft.ics)})")
    lines += ["", draft.text]
    click.echo("\n".join(lines))


def ics_method(ics: str) -> str:
    """The METHOD of a draft's VCALENDAR (REQUEST for an invite, CANCEL for a cancellation)."""
    for line in ics.splitlines():
        name, _, value = line.partition(":")
        if name.upper() == "METHOD" and value:
            return value.strip()
    return "REQUEST"


def print_cancellation(meeting_id: int, done: Any) -> None:
    """What ``meetings cancel`` did: the CANCEL draft, the drafts it withdrew, any caught being sent."""
    click.echo(
        f"Meeting {meeting_id} cancelled; draft {done.draft_id} tells the requester once it is approved."
    )
    if done.withdrawn:
        listed = ", ".join(f"{i} (was {state})" for i, state in sorted(done.withdrawn.items()))
        click.echo(f"Withdrawn, never to be sent: draft {listed}; they were about this meeting.")
    for draft_id in done.in_flight:
        click.echo(
            f"Draft {draft_id} was being sent: if it went out, the CANCEL in draft {done.draft_id} replaces it "
            "in their calendar; if not, it is withdrawn before it goes."
        )


def print_interviewers(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        free = row["next_free_slot"]["start"] if row["next_free_slot"] else (row["calendar_error"] or "none")
        click.echo(
            f"{row['name']:<24} {row['used']}/{row['capacity']} this month "
            f"({plural(row['meetings'], 'meeting')}, {row['holds']} held)  next free: {free}"
        )
    if not rows:
        click.echo("No interviewers are configured: add [[interviewers]] entries to the config.")


def print_meetings(rows: list[Any], *, as_json: bool) -> None:
    for meeting in rows:
        if as_json:
            click.echo(json.dumps(meeting.as_json(), ensure_ascii=False))
            continue
        answer = f", {meeting.partstat.lower()}" if meeting.partstat else ""
        click.echo(
            f"{meeting.id:>5}  {meeting.start.isoformat()}  {meeting.state}{answer}  "
            f"{meeting.interviewer} with {meeting.requester_email}"
        )
    if not rows and not as_json:
        click.echo("No meetings.")
