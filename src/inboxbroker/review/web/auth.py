"""Log-in and log-out. Accounts and their lockout are ``Store.users``'; this only sets and clears the cookie."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from inboxbroker.review.web.context import store_of
from inboxbroker.review.web.present import local_path

blueprint = Blueprint("auth", __name__)

WRONG = "Wrong name or password."
# The same words whoever asks: they say nothing about whether the name is an account.
LOCKED = "Too many wrong passwords: log-in is locked for a while. Try again later."


@blueprint.get("/login")
def login() -> str | Response:
    if g.user is not None:
        return redirect(local_path(request.args.get("next"), url_for("review.queue")))
    return render_template("login.html", next=request.args.get("next", ""), name="", message=None)


@blueprint.post("/login")
def login_post() -> tuple[str, int] | Response:
    name = request.form.get("name", "").strip()
    result = store_of().users.verify(name, request.form.get("password", ""))
    if not result.ok:
        message = LOCKED if result.locked else WRONG
        page = render_template("login.html", next=request.form.get("next", ""), name=name, message=message)
        return page, 401
    session.clear()  # a fresh session: nothing set before the log-in (a planted cookie) carries over
    session.permanent = True
    session["user"] = result.name
    return redirect(local_path(request.form.get("next"), url_for("review.queue")))


@blueprint.post("/logout")
def logout() -> Response:
    session.clear()
    return redirect(url_for("auth.login"))
