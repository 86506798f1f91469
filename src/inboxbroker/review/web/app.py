"""The application factory: configuration, CSRF, the log-in gate, security headers and the one error handler.

Everything here is about HTTP — who may see a page and how it is sent; what a page shows and what an action
does is the routes' and ``ReviewService``'s. Each request gets a service acting as the logged-in user.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from flask import Flask, Response, g, redirect, render_template, request, session, url_for
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response as BaseResponse

from inboxbroker.errors import DraftNotFoundError, InboxBrokerError, UsageError
from inboxbroker.review.web import present
from inboxbroker.review.web.context import EXTENSION, store_of
from inboxbroker.review.web.signing import session_key
from inboxbroker.settings.config import Settings
from inboxbroker.store.ledger import Store

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; "
    "form-action 'self'; base-uri 'none'; object-src 'none'"
)
OPEN_ENDPOINTS = {"auth.login", "auth.login_post", "static"}


def create_app(
    settings: Settings,
    store: Store,
    *,
    clock: Callable[[], datetime] | None = None,
    env: dict[str, str] | None = None,
) -> Flask:
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=session_key(settings, env),
        SESSION_COOKIE_NAME="inboxbroker_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.web.behind_tls,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=settings.web.session_hours),
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session that holds it
        WTF_CSRF_SSL_STRICT=settings.web.behind_tls,
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,  # a draft is text; nothing bigger is ever posted
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.extensions[EXTENSION] = (settings, store, clock)
    # Before CSRF: without a session a POST is answered 401 (log in) rather than 400 (bad form).
    app.before_request(_require_login)
    CSRFProtect(app)
    present.register(app)

    from inboxbroker.review.web import auth, routes

    app.register_blueprint(auth.blueprint)
    app.register_blueprint(routes.blueprint)
    app.after_request(_secure_headers)
    app.register_error_handler(Exception, _error)
    return app


def _require_login() -> BaseResponse | None:
    g.user = session.get("user")
    if g.user is not None and g.user not in {u.name for u in store_of().users.users()}:
        session.clear()  # the account was removed since: its cookie no longer lets anyone in
        g.user = None
    if g.user is not None or request.endpoint in OPEN_ENDPOINTS:
        return None
    if request.method in ("GET", "HEAD"):
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    return Response("Log in first.\n", 401, {"WWW-Authenticate": 'Cookie realm="inboxbroker"'})


def _secure_headers(response: BaseResponse) -> BaseResponse:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers["Referrer-Policy"] = "no-referrer"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    if request.endpoint != "static":  # every page but the stylesheet, script and icons names people
        headers["Cache-Control"] = "no-store"
        headers.pop("Expires", None)
    return response


def _error(exc: Exception) -> Any:
    """The one error handler: our errors and HTTP errors as a short page; anything else as a plain 500."""
    if isinstance(exc, CSRFError):
        return _page(
            400, "The form had expired or did not come from this page. Go back, reload it and try again."
        )
    if isinstance(exc, HTTPException):
        if exc.code is not None and exc.code < 400:
            return exc
        return _page(exc.code or 500, exc.description or exc.name)
    if isinstance(exc, DraftNotFoundError):
        return _page(404, str(exc))
    if isinstance(exc, UsageError):
        return _page(409, str(exc))
    if isinstance(exc, InboxBrokerError):
        return _page(503, str(exc))
    from flask import current_app

    current_app.logger.exception("unexpected error on %s", request.path)
    return _page(500, "Something went wrong on the server; the log says what.")


def _page(status: int, message: str) -> tuple[str, int]:
    return render_template("error.html", status=status, message=message), status
