"""``requests``: the requests no draft answers yet, waiting for a person, and what a coordinator does with them.

A run leaves a request to a person when triage was unsure (``needs_triage``) or drafting could not answer it
(``needs_attention``: no interviewer for the topic, no free slot, a template error — the reason is kept). The
review queue lists drafts; these are the rest of a coordinator's work, so they are listed here with why.
"""

from __future__ import annotations

import click

from inboxbroker.cli.base import AS_OPTION, Context, emit_json, handle_errors, pass_ctx
from inboxbroker.cli.review import review_service
from inboxbroker.errors import UsageError
from inboxbroker.wording import plural

# store.review.WAITING_STATES, written out: importing the store here would load SQLAlchemy for every command.
STATES = ("needs_triage", "needs_attention")


@click.group()
@AS_OPTION
@pass_ctx
def requests(ctx: Context, actor: str | None) -> None:
    """Requests waiting for a person: unsure triage, or drafting could not answer them (with why)."""
    ctx.actor = actor


@requests.command("list")
@click.option(
    "--state", "states", type=click.Choice(STATES), multiple=True, help="Only these (default: both)."
)
@click.option("--limit", type=click.IntRange(1, 10_000), default=200, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines.")
@pass_ctx
@handle_errors
def requests_list(ctx: Context, states: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Oldest first: who asked, what about, and why it waits."""
    with ctx.open_store() as store:
        rows = store.review.waiting(states or STATES, limit=limit)
    for row in rows:
        if as_json:
            emit_json(
                {
                    "id": row.id,
                    "state": row.state,
                    "reason": row.reason,
                    "label": row.label,
                    "probability": row.probability,
                    "subject": row.subject,
                    "requester": {"name": row.requester_name, "email": row.requester_email},
                    "forwarded_by": row.forwarder_email,
                    "topic": row.topic,
                    "received_at": row.received_at.isoformat(),
                }
            )
            continue
        who = f"{row.requester_name or ''} <{row.requester_email or 'address unknown'}>".strip()
        sure = f" {row.probability:.2f}" if row.probability is not None else ""
        click.echo(f"#{row.id}  {row.received_at:%Y-%m-%d}  {row.state}  {row.label}{sure}  {who}")
        click.echo(f"      {row.subject or '(no subject)'}")
        if row.reason:
            click.echo(f"      why: {row.reason}")
    if not rows and not as_json:
        click.echo("No request is waiting for a person.")


@requests.command("reclassify")
@click.argument("request_id", type=int)
@click.argument("label")
@click.option("--note", default=None, help="Why (kept with the correction).")
@AS_OPTION
@pass_ctx
@handle_errors
def requests_reclassify(
    ctx: Context, request_id: int, label: str, note: str | None, actor: str | None
) -> None:
    """Settle a request's label: a request or application is drafted by the next run; other labels close it."""
    with ctx.open_store() as store:
        result = review_service(ctx, store, actor).reclassify(label, request_id=request_id, note=note)
    click.echo(f"Request {result.request_id}: {result.old_label} → {result.label}.")


@requests.command("retry")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all", "every", is_flag=True, help="Every request in needs_attention.")
@AS_OPTION
@pass_ctx
@handle_errors
def requests_retry(ctx: Context, ids: tuple[int, ...], every: bool, actor: str | None) -> None:
    """Draft these again on the next run (after adding an interviewer, raising capacity, fixing a calendar)."""
    if bool(ids) == every:
        raise UsageError("name the requests to retry, or pass --all")
    with ctx.open_store() as store:
        moved = review_service(ctx, store, actor).retry_requests(list(ids) if ids else None)
    if moved:
        click.echo(
            f"The next run drafts {plural(len(moved), 'request')} again: {', '.join(map(str, moved))}."
        )
    else:
        click.echo("No request is waiting in needs_attention.")
