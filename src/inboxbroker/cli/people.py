"""``search``, ``people`` and ``purge``: finding people, their history and notes, erasure and retention.

Thin like every command: parse, call one store function, print; ``--json`` prints JSON Lines (DESIGN §5).
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import click

from inboxbroker.cli.base import AS_OPTION, Context, acting_user, emit_json, handle_errors, pass_ctx
from inboxbroker.errors import UsageError
from inboxbroker.wording import plural

CSV_COLUMNS = (
    "person",
    "email",
    "score",
    "organization",
    "role",
    "phone",
    "rating",
    "requests",
    "resumes",
    "snippet",
)


def _date(value: str | None, name: str) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError as exc:
        raise UsageError(f"{name}: expected a date like 2026-03-01, got {value!r}") from exc


@click.command()
@click.argument("query", required=False, default="")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines.")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--skill", default=None, help="A word among the résumé's skills.")
@click.option("--school", default=None, help="A word among the résumé's schools.")
@click.option("--org", "organization", default=None, help="Their organisation contains this.")
@click.option("--since", default=None, metavar="DATE", help="Wrote on or after this date.")
@click.option("--until", default=None, metavar="DATE", help="Wrote before this date.")
@click.option("--label", default=None, help="A request of theirs has this label.")
@click.option("--state", default=None, help="A request of theirs is in this state.")
@click.option("--interviewer", default=None, help="Has a meeting with this interviewer (name or address).")
@click.option("--met/--not-met", default=None, help="Had a confirmed meeting that has ended, or not.")
@click.option("--rating", "min_rating", type=click.IntRange(1, 5), default=None, help="Rated at least this.")
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the results to this CSV file.",
)
@click.option(
    "--rebuild", is_flag=True, help="Rebuild the search index from the tables, then search (if asked)."
)
@pass_ctx
@handle_errors
def search(
    ctx: Context,
    query: str,
    as_json: bool,
    limit: int,
    csv_path: Path | None,
    rebuild: bool,
    **filters: object,
) -> None:
    """Full-text search over people: résumés, requests, names, organisations and notes.

    Words, "phrases", prefix*, OR, NOT or -word; filters narrow the people found.
    """
    from inboxbroker.store.search import SearchFilters

    chosen = dict(filters)
    chosen["since"] = _date(filters["since"], "--since")  # type: ignore[arg-type]
    chosen["until"] = _date(filters["until"], "--until")  # type: ignore[arg-type]
    with ctx.open_store() as store:
        if rebuild:
            click.echo(
                f"Search index rebuilt: {plural(store.search.rebuild(), 'person', 'people')}.", err=as_json
            )
            if not query and not any(v is not None for v in chosen.values()):
                return
        hits = store.search.search(query, SearchFilters(**chosen), limit=limit)  # type: ignore[arg-type]
    rows = [hit.as_json() for hit in hits]
    if csv_path is not None:
        with csv_path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
    if as_json:
        for row in rows:
            emit_json(row)
        return
    if not rows:
        click.echo("Nobody found.")
    for row in rows:
        work = ", ".join(x for x in (row["role"], row["organization"]) if x)
        click.echo(
            f"{row['score']:7.3f}  {row['person'] or '?'} <{row['email']}>" + (f" — {work}" if work else "")
        )
        if row["snippet"]:
            click.echo(f"         {row['snippet']}")


@click.group()
@click.option("--as", "actor", default=None, metavar="NAME", help="Who acts (default: your login name).")
@pass_ctx
def people(ctx: Context, actor: str | None) -> None:
    """A person's record and history; notes; merging duplicates; erasure."""
    ctx.actor = actor


@people.command("show")
@click.argument("email")
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@pass_ctx
@handle_errors
def people_show(ctx: Context, email: str, as_json: bool) -> None:
    """Everything about one person: details, requests, drafts, meetings, résumés, notes."""
    with ctx.open_store() as store:
        record = store.people.show(email).as_json()
    if as_json:
        emit_json(record)
        return
    for key in ("email", "name", "phone", "organization", "role", "linkedin", "first_seen"):
        if record.get(key):
            click.echo(f"{key:12} {record[key]}")
    for section in ("requests", "drafts", "meetings", "resumes", "notes"):
        click.echo(f"{section}: {len(record[section])}")
        for item in record[section]:
            click.echo("  " + "  ".join(f"{k}={v}" for k, v in item.items() if v is not None))


@people.command("note")
@click.argument("email")
@click.argument("text")
@click.option("--rating", type=click.IntRange(1, 5), default=None, help="1 (poor) to 5 (excellent).")
@AS_OPTION
@pass_ctx
@handle_errors
def people_note(ctx: Context, email: str, text: str, rating: int | None, actor: str | None) -> None:
    """Add a note (and a rating) after the conversation; notes are searchable."""
    with ctx.open_store() as store:
        store.people.note(email, text, rating=rating, actor=acting_user(ctx, actor))
    click.echo(f"Noted for {email.strip().lower()}.")


@people.command("merge")
@click.argument("keep")
@click.argument("other")
@AS_OPTION
@pass_ctx
@handle_errors
def people_merge(ctx: Context, keep: str, other: str, actor: str | None) -> None:
    """Fold OTHER into KEEP: every message, request, résumé and note is kept, under KEEP."""
    with ctx.open_store() as store:
        moved = store.people.merge(keep, other, actor=acting_user(ctx, actor))
    click.echo(f"Merged {other} into {keep}: " + ", ".join(f"{n} {k}" for k, n in moved.items()))


@people.command("duplicates")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines.")
@pass_ctx
@handle_errors
def people_duplicates(ctx: Context, as_json: bool) -> None:
    """People who look like one human: same phone, a near-identical name, the same résumé."""
    with ctx.open_store() as store:
        pairs = store.people.duplicates()
    for pair in pairs:
        if as_json:
            emit_json({"a": pair.a, "b": pair.b, "reasons": list(pair.reasons)})
        else:
            click.echo(f"{pair.a}  {pair.b}  ({', '.join(pair.reasons)}); `people merge` joins them")
    if not pairs and not as_json:
        click.echo("No likely duplicates.")


@people.command("forget")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Do not ask.")
@AS_OPTION
@pass_ctx
@handle_errors
def people_forget(ctx: Context, email: str, yes: bool, actor: str | None) -> None:
    """Erase a person everywhere in the store; a re-sync of the same mail will not bring them back."""
    if not yes:
        click.confirm(
            f"Erase {email} and every message, résumé, request, draft and meeting of theirs? This cannot be undone",
            abort=True,
        )
    with ctx.open_store() as store:
        report = store.people.forget(email, actor=acting_user(ctx, actor))
    click.echo(f"Forgot {report.email}: " + ", ".join(f"{n} {k}" for k, n in report.counts.items()) + ".")
    click.echo(
        "The copies in the mailbox itself are yours to delete: inboxbroker does not touch the server's mail."
    )


@click.command()
@click.option("--dry-run", is_flag=True, help="Only say what would be removed.")
@pass_ctx
@handle_errors
def purge(ctx: Context, dry_run: bool) -> None:
    """Apply the [retention] settings (for cron): print what is removed."""
    retention = ctx.settings.retention
    with ctx.open_store() as store:
        plan = store.purge(
            now=datetime.now(UTC),
            resume_months=retention.resume_months,
            message_months=retention.message_months,
            rejected_draft_days=retention.rejected_draft_days,
            dry_run=dry_run,
        )
    click.echo("Would remove:" if dry_run else "Removed:")
    for line in plan.lines():
        click.echo(f"  {line}")
