"""``send``: send the approved drafts that are due, exactly once (``runtime/sender.py`` does the work).

Prints one line per draft (or JSON Lines with ``--json``); exits 1 when a draft could not be sent, 69
when the SMTP server could not be reached and 2 when it refused our login (DESIGN §5).
"""

from __future__ import annotations

import sys

import click

from inboxbroker.cli.base import Context, emit_json, handle_errors, pass_ctx
from inboxbroker.wording import agree, plural


@click.command()
@click.option("--dry-run", is_flag=True, help="Say what would be sent; connect to nothing, change nothing.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines, one object per draft.")
@pass_ctx
@handle_errors
def send(ctx: Context, dry_run: bool, as_json: bool) -> None:
    """Send approved drafts (nothing unapproved is ever sent, nothing approved twice)."""
    from inboxbroker.runtime.sender import send_approved

    with ctx.open_store() as store:
        summary = send_approved(ctx.settings, store, dry_run=dry_run)
    for result in summary.results:
        if as_json:
            emit_json(result.as_json())
            continue
        to = ", ".join(result.to + result.cc)
        line = f"draft {result.draft_id}: {result.outcome} — {result.subject!r} to {to}"
        click.echo(line + (f"\n    {result.detail}" if result.detail else ""))
    if not as_json:
        if not summary.results:
            click.echo("No approved drafts are due.")
        if summary.waiting:
            waiting = summary.waiting
            click.echo(
                f"{plural(waiting, 'approved draft')} {agree(waiting, 'waits', 'wait')} for a later send "
                "after temporary failures."
            )
        for note in summary.notes:
            click.echo(f"note: {note}")
    if summary.unreachable is not None:
        click.echo(f"Error: {summary.unreachable}", err=True)
    sys.exit(summary.exit_code)
