"""``drafts``, ``interviewers`` and ``meetings``: the read side of the review queue and the calendar.

Each command loads the settings, calls one service or store function and prints; ``--json`` prints JSON Lines
(DESIGN §5). Approving, editing and sending drafts belong to the review commands.
"""

from __future__ import annotations

import sys

import click

from inboxbroker.cli.base import Context, emit_json, handle_errors, login_name, pass_ctx


@click.group()
@click.option("--as", "actor", default=None, metavar="NAME", help="Who acts (default: your login name).")
@pass_ctx
def drafts(ctx: Context, actor: str | None) -> None:
    """Drafted replies waiting for a person (nothing is sent without approval)."""
    ctx.actor = actor


@drafts.command("list")
@click.option(
    "--state",
    type=click.Choice(["pending", "approved", "sending", "sent", "rejected", "failed"]),
    default=None,
)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines.")
@pass_ctx
@handle_errors
def drafts_list(ctx: Context, state: str | None, as_json: bool) -> None:
    """Drafts, newest first: to whom, which interviewer and why, the slots offered."""
    from inboxbroker.cli.reporting import print_drafts

    with ctx.open_store() as store:
        print_drafts(store.drafts.drafts(state=state), as_json=as_json)


@drafts.command("show")
@click.argument("draft_id", type=int)
@click.option("--raw", is_flag=True, help="The complete MIME message exactly as it would be handed to SMTP.")
@pass_ctx
@handle_errors
def drafts_show(ctx: Context, draft_id: int, raw: bool) -> None:
    """One draft: its headers, why it says what it says, its slots, text and invite."""
    from inboxbroker.cli.reporting import print_draft

    with ctx.open_store() as store:
        draft = store.drafts.draft(draft_id)
    if raw:
        sys.stdout.buffer.write(draft.mime or b"")
        sys.stdout.buffer.flush()
        return
    print_draft(draft)


@click.group()
def interviewers() -> None:
    """The people who take interviews, their load and free time."""


@interviewers.command("list")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines.")
@pass_ctx
@handle_errors
def interviewers_list(ctx: Context, as_json: bool) -> None:
    """Each interviewer: meetings and holds this month against capacity, and their next free slot."""
    from inboxbroker.cli.reporting import print_interviewers
    from inboxbroker.runtime.meetings import interviewer_overview

    with ctx.open_store() as store:
        rows = interviewer_overview(ctx.settings, store)
    if as_json:
        for row in rows:
            emit_json(row)
    else:
        print_interviewers(rows)


@click.group()
def meetings() -> None:
    """Booked and proposed conversations; cancelling one drafts an iTIP CANCEL."""


@meetings.command("list")
@click.option("--all", "show_all", is_flag=True, help="Also held, released and cancelled ones.")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines.")
@pass_ctx
@handle_errors
def meetings_list(ctx: Context, show_all: bool, as_json: bool) -> None:
    """Meetings in time order (tentative and confirmed unless --all)."""
    from inboxbroker.cli.reporting import print_meetings

    with ctx.open_store() as store:
        rows = store.meetings.find(None if show_all else ("tentative", "confirmed"))
    print_meetings(rows, as_json=as_json)


@meetings.command("cancel")
@click.argument("meeting_id", type=int)
@click.option("--as", "actor", default=None, metavar="NAME", help="Who acts (default: your login name).")
@pass_ctx
@handle_errors
def meetings_cancel(ctx: Context, meeting_id: int, actor: str | None) -> None:
    """Cancel a meeting: its time is freed, its unsent invite withdrawn, a METHOD:CANCEL draft waits for approval."""
    from inboxbroker.cli.reporting import print_cancellation
    from inboxbroker.runtime.meetings import cancel_meeting

    with ctx.open_store() as store:
        done = cancel_meeting(ctx.settings, store, meeting_id, actor or login_name())
    print_cancellation(meeting_id, done)
