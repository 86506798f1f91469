"""Serve the review page with waitress, a production WSGI server (never Flask's development server)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import waitress
from waitress.server import BaseWSGIServer, MultiSocketServer

from inboxbroker.settings.config import Settings
from inboxbroker.store.ledger import Store


def make_server(
    settings: Settings, store: Store, host: str | None = None, port: int | None = None
) -> BaseWSGIServer | MultiSocketServer:
    """A bound, not yet running server (``.run()`` serves until stopped, ``.close()`` stops it)."""
    from inboxbroker.review.web.app import create_app

    app = create_app(settings, store)
    # Behind a proxy the scheme and client come from its headers; they are trusted only when told it is there.
    proxy: dict[str, Any] = (
        {
            "trusted_proxy": "127.0.0.1",
            "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for"},
            "clear_untrusted_proxy_headers": True,
        }
        if settings.web.behind_tls
        else {}
    )
    return waitress.create_server(
        app,
        host=host or settings.web.host,
        port=settings.web.port if port is None else port,
        threads=settings.web.threads,
        ident="inboxbroker",
        **proxy,
    )


def serve(
    settings: Settings,
    store: Store,
    host: str | None = None,
    port: int | None = None,
    announce: Callable[[str], None] = print,
) -> None:
    server = make_server(settings, store, host, port)
    announce(f"Review page on http://{server.effective_host}:{server.effective_port}/ (Ctrl-C stops it)")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
