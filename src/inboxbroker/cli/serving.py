"""``serve``: the coordinators' review web page (``review/web``), served by waitress until stopped."""

from __future__ import annotations

import click

from inboxbroker.cli.base import Context, handle_errors, pass_ctx


@click.command()
@click.option("--host", default=None, help="Address to listen on (default: web.host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default: web.port).")
@pass_ctx
@handle_errors
def serve(ctx: Context, host: str | None, port: int | None) -> None:
    """Serve the review web page; log in with an account made by `inboxbroker users add`."""
    from inboxbroker.review.web.server import serve as run_server

    with ctx.open_store() as store:
        if not store.users.users():
            click.echo("note: there are no accounts yet; add one with `inboxbroker users add NAME`", err=True)
        run_server(ctx.settings, store, host, port, announce=click.echo)
