"""The command line: load config, call one library function, print. The only place errors become exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from inboxbroker.cli.base import Context, handle_errors, pass_ctx


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_path", type=click.Path(dir_okay=False), envvar=None, help="Config file.")
@click.option("-v", "--verbose", count=True, help="Debug log output (overrides runtime.log_level).")
@click.option(
    "--profile",
    "profile_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write a cProfile report of this command to FILE (read it with `python -m pstats FILE`).",
)
@click.version_option(package_name="inboxbroker")
@click.pass_context
def main(ctx: click.Context, config_path: str | None, verbose: int, profile_path: str | None) -> None:
    """Run an informational-interview programme from a shared mailbox.

    Config comes from --config, then $INBOXBROKER_CONFIG, then ./inboxbroker.toml.
    """
    from inboxbroker.cli.reporting import setup_logging

    setup_logging(verbose)
    ctx.obj = Context(config_path, verbose)
    if profile_path is not None:
        from inboxbroker.cli.profiling import start_profile

        ctx.call_on_close(start_profile(profile_path))


@main.command()
@click.option(
    "--path", "target", default="inboxbroker.toml", show_default=True, type=click.Path(dir_okay=False)
)
@click.option("--force", is_flag=True, help="Overwrite an existing config file.")
@pass_ctx
@handle_errors
def init(ctx: Context, target: str, force: bool) -> None:
    """Write a starter config and create the database."""
    from inboxbroker.cli.initialise import initialise

    for line in initialise(Path(target), force=force, config_path=ctx.config_path):
        click.echo(line)


@main.command()
@pass_ctx
@handle_errors
def check(ctx: Context) -> None:
    """Try IMAP, SMTP and the database; say what is wrong and how to fix it.

    Exits 0 when every check passed and 1 when any failed, an unreachable server included: check reports
    every problem in one go instead of stopping at the first (69 is for `run` and the other commands).
    """
    from inboxbroker.cli.check import run_checks

    ok = True
    for result in run_checks(ctx.settings):
        click.echo(result.render())
        ok = ok and result.ok
    sys.exit(0 if ok else 1)


@main.command()
@click.option("--source", default=None, help="imap (default), maildir:PATH, mbox:PATH or eml:DIR.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Take at most N new messages.")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Fetch and classify, but store nothing and touch no mailbox; exits 1 if some mail would be quarantined.",
)
@click.option("--account", default=None, help="Only this configured IMAP account.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_ctx
@handle_errors
def run(
    ctx: Context, source: str | None, limit: int | None, dry_run: bool, account: str | None, as_json: bool
) -> None:
    """Process new mail once and exit (for cron)."""
    from inboxbroker.cli.reporting import make_progress, print_summary
    from inboxbroker.runtime.runner import Runner, RunOptions

    with ctx.open_store() as store:
        runner = Runner(ctx.settings, store, progress=make_progress())
        summary = runner.run(RunOptions(source=source, limit=limit, dry_run=dry_run, account=account))
    print_summary(summary, as_json=as_json)
    sys.exit(summary.exit_code)


@main.command()
@pass_ctx
@handle_errors
def watch(ctx: Context) -> None:
    """The daemon: IMAP IDLE with a periodic re-poll, reconnecting with backoff. Stops on SIGTERM/SIGINT."""
    from inboxbroker.runtime.watch import watch_forever

    with ctx.open_store() as store:
        sys.exit(watch_forever(ctx.settings, store))


@main.command()
@click.option(
    "--keep", type=click.Path(file_okay=False), default=None, help="Keep the demo database in this folder."
)
@handle_errors
def demo(keep: str | None) -> None:
    """Run the whole pipeline on the bundled sample mailbox into a fresh local database."""
    from inboxbroker.cli.demo import run_demo

    sys.exit(run_demo(Path(keep) if keep else None))


@main.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@pass_ctx
@handle_errors
def stats(ctx: Context, as_json: bool) -> None:
    """Counts by state and label, pending drafts, last run."""
    from inboxbroker.cli.reporting import print_stats

    with ctx.open_store() as store:
        print_stats(store.stats(), as_json=as_json)


@main.group()
def quarantine() -> None:
    """Messages that failed a stage, and re-running them."""


@quarantine.command("list")
@click.option("--json", "as_json", is_flag=True, help="JSON Lines.")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@pass_ctx
@handle_errors
def quarantine_list(ctx: Context, as_json: bool, limit: int | None) -> None:
    """List quarantined messages with their reasons."""
    from inboxbroker.cli.reporting import print_quarantine

    with ctx.open_store() as store:
        print_quarantine(store.quarantined(limit=limit), as_json=as_json)


@quarantine.command("retry")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all", "retry_all", is_flag=True, help="Retry every quarantined message.")
@pass_ctx
@handle_errors
def quarantine_retry(ctx: Context, ids: tuple[int, ...], retry_all: bool) -> None:
    """Re-run quarantined messages through the pipeline (by id, or --all).

    Ids that are not in the quarantine are named in an error (exit 2) after the others have been retried.
    """
    from inboxbroker.cli.reporting import make_progress, print_summary
    from inboxbroker.errors import UsageError
    from inboxbroker.runtime.runner import Runner

    if not ids and not retry_all:
        raise UsageError("give message ids (see `inboxbroker quarantine list`) or --all")
    wanted = list(dict.fromkeys(ids))
    missing: list[int] = []
    summary = None
    with ctx.open_store() as store:
        if wanted:
            # A typo'd id must not pass for "retried, nothing to report"; the good ids still get their run.
            known = {item.id for item in store.quarantined()}
            missing = [i for i in wanted if i not in known]
            wanted = [i for i in wanted if i in known]
        if wanted or not ids:
            runner = Runner(ctx.settings, store, progress=make_progress())
            summary = runner.retry(wanted or None)
    if summary is not None:
        print_summary(summary, as_json=False)
    if missing:
        raise UsageError(
            f"not in the quarantine: {', '.join(map(str, missing))}; "
            "`inboxbroker quarantine list` shows the ids there"
        )
    sys.exit(summary.exit_code if summary is not None else 0)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="JSON Lines.")
@pass_ctx
@handle_errors
def classify(ctx: Context, files: tuple[str, ...], as_json: bool) -> None:
    """Label each raw message file (no database): label, probability and the reasons."""
    from inboxbroker.cli.files import classify_files

    sys.exit(classify_files(ctx.settings, [Path(f) for f in files], as_json=as_json))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='JSON Lines, one object per file (schema: the README, under "What it makes of a message").',
)
@pass_ctx
@handle_errors
def extract(ctx: Context, files: tuple[str, ...], as_json: bool) -> None:
    """The requester's details, proposed times and résumé of each raw message file (no database)."""
    from inboxbroker.cli.files import extract_files

    sys.exit(extract_files(ctx.settings, [Path(f) for f in files], as_json=as_json))


@main.command()
@click.option(
    "--data",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder with one subfolder of .eml files per label (repeatable).",
)
@click.option(
    "--imap-folder",
    "imap_folders",
    multiple=True,
    metavar="LABEL=FOLDER",
    help="Also learn from every message of this IMAP folder (repeatable).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the model (default: triage.model_dir, else STATE_DIR/model).",
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--no-feedback", is_flag=True, help="Ignore coordinators' corrections stored in the database.")
@click.option("--no-shipped", is_flag=True, help="Leave out our corpus (models/training of a checkout).")
@pass_ctx
@handle_errors
def train(
    ctx: Context,
    data: tuple[Path, ...],
    imap_folders: tuple[str, ...],
    out: Path | None,
    seed: int,
    no_feedback: bool,
    no_shipped: bool,
) -> None:
    """Fit the classifier on the shipped corpus, your labelled mail and coordinators' corrections."""
    from inboxbroker.cli.training import train as run_training

    with ctx.open_store() as store:
        report, target, feedback = run_training(
            ctx.settings,
            store,
            data=data,
            imap_folders=imap_folders,
            out=out,
            seed=seed,
            use_feedback=not no_feedback,
            shipped=not no_shipped,
        )
    click.echo(str(report))
    click.echo(f"\nModel written to {target} ({feedback} feedback corrections included).")
    if ctx.settings.triage.model_dir != target:
        click.echo(f'Use it by setting, in the config:\n[triage]\nmodel_dir = "{target}"')


@main.command()
@click.option(
    "--data",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Score the current model on this folder-per-label set (default: the shipped corpus, see --split).",
)
@click.option(
    "--split",
    type=click.Choice(["grouped", "random"]),
    default="grouped",
    show_default=True,
    help="Without --data: hold out each family of mail in turn (kinds never seen), or a random 20%.",
)
@click.option(
    "--folds",
    type=click.IntRange(min=0),
    default=5,
    show_default=True,
    help="Grouped split: folds the families are dealt into (0: one per family, slowest).",
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object.")
@pass_ctx
@handle_errors
def evaluate(ctx: Context, data: tuple[Path, ...], split: str, folds: int, seed: int, as_json: bool) -> None:
    """Precision, recall and F1 per label, and the confusion matrix.

    Without --data, on the shipped training corpus with each family of mail held out in turn: precision and
    recall of interview requests on kinds the model never saw, the worst families, and what each needs_triage
    threshold would draft and send to triage. Takes a few minutes (one model per fold).
    """
    from inboxbroker.cli.training import evaluate as run_evaluation

    def progress(done: int, total: int) -> None:
        if not as_json:
            click.echo(f"fold {done}/{total} done", err=True)

    report = run_evaluation(
        ctx.settings, data=data, seed=seed, grouped=split == "grouped", folds=folds, progress=progress
    )
    click.echo(json.dumps(report.as_dict()) if as_json else str(report))


from inboxbroker.cli.answering import drafts, interviewers, meetings  # noqa: E402 (after main exists)
from inboxbroker.cli.people import people, purge, search  # noqa: E402
from inboxbroker.cli.review import users  # noqa: E402 (adds the review commands to `drafts`)
from inboxbroker.cli.sending import send  # noqa: E402
from inboxbroker.cli.serving import serve  # noqa: E402
from inboxbroker.cli.waiting import requests  # noqa: E402

for _group in (drafts, requests, interviewers, meetings, users, send, serve, search, people, purge):
    main.add_command(_group)


if __name__ == "__main__":  # pragma: no cover
    main()
