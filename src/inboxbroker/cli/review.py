"""``drafts approve/reject/edit/reclassify/reassign`` and ``users``: the review queue's actions.

Each command calls one ``ReviewService`` (or ``Store.users``) method and prints what happened; the service
holds every rule. Who acts is recorded: ``--as NAME`` on ``drafts`` or on the command, else the login name.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from inboxbroker.cli.answering import drafts
from inboxbroker.cli.base import (
    AS_OPTION,
    Context,
    acting_user,
    emit_json,
    handle_errors,
    login_name,
    pass_ctx,
)
from inboxbroker.wording import plural


def review_service(ctx: Context, store: Any, actor: str | None) -> Any:
    from inboxbroker.review.service import ReviewService

    return ReviewService(ctx.settings, store, acting_user(ctx, actor))


@drafts.command("approve")
@click.argument("ids", nargs=-1, type=int, required=True)
@AS_OPTION
@pass_ctx
@handle_errors
def drafts_approve(ctx: Context, ids: tuple[int, ...], actor: str | None) -> None:
    """Approve drafts for sending (all or none; ones approved already are named)."""
    with ctx.open_store() as store:
        result = review_service(ctx, store, actor).approve(*ids)
    if result.approved:
        click.echo(f"Approved: {', '.join(map(str, result.approved))}.")
    if result.already:
        click.echo(f"Approved already: {', '.join(map(str, result.already))}.")


@drafts.command("reject")
@click.argument("ids", nargs=-1, type=int, required=True)
@click.option("--reason", required=True, help="Why (kept with the draft and in the audit).")
@AS_OPTION
@pass_ctx
@handle_errors
def drafts_reject(ctx: Context, ids: tuple[int, ...], reason: str, actor: str | None) -> None:
    """Reject drafts (all or none); the slots they held are free again."""
    with ctx.open_store() as store:
        released = review_service(ctx, store, actor).reject(*ids, reason=reason)
    for draft_id, count in released.items():
        click.echo(f"Rejected {draft_id}; {plural(count, 'held slot')} released.")


@drafts.command("edit")
@click.argument("draft_id", type=int)
@AS_OPTION
@pass_ctx
@handle_errors
def drafts_edit(ctx: Context, draft_id: int, actor: str | None) -> None:
    """Edit a pending draft in $EDITOR: Subject, Cc and Slot lines, a blank line, the body.

    A file that is not valid (an empty body, a Cc that is not an address, a slot the interviewer is not
    free for) is refused with the reason and the draft stays as it was.
    """
    with ctx.open_store() as store:
        service = review_service(ctx, store, actor)
        text, version = service.as_text(draft_id)
        edited = click.edit(text, extension=".txt", require_save=True)
        if edited is None or edited == text:
            click.echo(f"Draft {draft_id} unchanged.")
            return
        changed = service.edit_text(draft_id, edited, version)
    click.echo(
        f"Draft {draft_id}: {', '.join(changed)} changed." if changed else f"Draft {draft_id} unchanged."
    )


@drafts.command("reclassify")
@click.argument("draft_id", type=int)
@click.argument("label")
@click.option("--note", default=None, help="Why (kept with the correction).")
@AS_OPTION
@pass_ctx
@handle_errors
def drafts_reclassify(ctx: Context, draft_id: int, label: str, note: str | None, actor: str | None) -> None:
    """Correct the label of a draft's request; `train` learns from it. A label not answered rejects the draft."""
    with ctx.open_store() as store:
        result = review_service(ctx, store, actor).reclassify(label, draft_id=draft_id, note=note)
    click.echo(f"Request {result.request_id}: {result.old_label} → {result.label}.")
    if result.rejected:
        drafts = "draft" if len(result.rejected) == 1 else "drafts"
        click.echo(f"Rejected {drafts} {', '.join(map(str, result.rejected))}: {label} is not answered.")


@drafts.command("reassign")
@click.argument("draft_id", type=int)
@click.argument("email")
@AS_OPTION
@pass_ctx
@handle_errors
def drafts_reassign(ctx: Context, draft_id: int, email: str, actor: str | None) -> None:
    """Give a pending reply to another interviewer: written again with their free slots."""
    with ctx.open_store() as store:
        result = review_service(ctx, store, actor).reassign(draft_id, email)
    click.echo(
        f"Draft {draft_id} is now {result.interviewer}'s "
        f"({result.template}, {plural(len(result.slots), 'slot')})."
    )


@click.group()
def users() -> None:
    """Accounts of the review web page (passwords are stored only as argon2id hashes)."""


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


@users.command("add")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@pass_ctx
@handle_errors
def users_add(ctx: Context, name: str, password_stdin: bool) -> None:
    """Add an account; the password is asked for twice (or read from stdin)."""
    password = _password(password_stdin)
    with ctx.open_store() as store:
        store.users.add(name, password, actor=login_name())
    click.echo(f"Account {name} added.")


@users.command("list")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines.")
@pass_ctx
@handle_errors
def users_list(ctx: Context, as_json: bool) -> None:
    """Accounts, with their last log-in and any lockout."""
    with ctx.open_store() as store:
        rows = store.users.users()
    for row in rows:
        if as_json:
            emit_json(row.as_json())
        else:
            locked = f", locked until {row.locked_until:%Y-%m-%d %H:%M} UTC" if row.locked_until else ""
            last = f"{row.last_login_at:%Y-%m-%d %H:%M} UTC" if row.last_login_at else "never"
            click.echo(f"{row.name}  (last log-in {last}{locked})")


@users.command("remove")
@click.argument("name")
@pass_ctx
@handle_errors
def users_remove(ctx: Context, name: str) -> None:
    """Remove an account."""
    with ctx.open_store() as store:
        store.users.remove(name, actor=login_name())
    click.echo(f"Account {name} removed.")


@users.command("passwd")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@pass_ctx
@handle_errors
def users_passwd(ctx: Context, name: str, password_stdin: bool) -> None:
    """Set a new password (it also lifts a lockout)."""
    password = _password(password_stdin)
    with ctx.open_store() as store:
        store.users.set_password(name, password, actor=login_name())
    click.echo(f"Password of {name} changed.")
