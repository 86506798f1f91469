"""The queue, a request's page and their forms: each route calls ``ReviewService`` and picks a response.

Every action is a plain HTML form posted here and answered with a redirect (so a reload never repeats it)
and a one-line message; a refused edit shows the page again with what was typed, so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from werkzeug.wrappers import Response

from inboxbroker.errors import CalendarError, UsageError
from inboxbroker.review.service import LABELS, SLOT_TEMPLATES
from inboxbroker.review.slots import slot_line
from inboxbroker.review.web.context import service, settings_of
from inboxbroker.review.web.present import QueueFilter, edit_args, local_path, slot_value
from inboxbroker.store.schema import DRAFT_STATES
from inboxbroker.wording import plural

blueprint = Blueprint("review", __name__)


@blueprint.get("/")
def queue() -> str:
    chosen = QueueFilter.from_args(request.args)
    review = service()
    return render_template(
        "queue.html",
        items=review.queue(**chosen.service_args()),
        counts=review.counts(),
        chosen=chosen,
        states=DRAFT_STATES,
        labels=LABELS,
        interviewers=settings_of().interviewers,
    )


@blueprint.post("/approve")
def approve_many() -> Response:
    ids = request.form.getlist("ids", type=int)
    return _act(lambda: _approved(service().approve(*ids)))


@blueprint.post("/reject")
def reject_many() -> Response:
    ids = request.form.getlist("ids", type=int)
    return _act(lambda: _rejected(service().reject(*ids, reason=request.form.get("reason", ""))))


@blueprint.get("/drafts/<int:draft_id>")
def draft(draft_id: int) -> str:
    return _draft_page(draft_id)


@blueprint.post("/drafts/<int:draft_id>/approve")
def approve(draft_id: int) -> Response:
    return _act(lambda: _approved(service().approve(draft_id)), draft_id)


@blueprint.post("/drafts/<int:draft_id>/reject")
def reject(draft_id: int) -> Response:
    return _act(
        lambda: _rejected(service().reject(draft_id, reason=request.form.get("reason", ""))), draft_id
    )


@blueprint.post("/drafts/<int:draft_id>/edit")
def edit(draft_id: int) -> Response | tuple[str, int]:
    review = service()
    offers_slots = review.show(draft_id).draft.template in SLOT_TEMPLATES
    try:
        changed = review.edit(draft_id, **edit_args(request.form, offers_slots))
    except UsageError as exc:
        return _draft_page(draft_id, typed=request.form, error=str(exc)), 422
    flash(f"Draft {draft_id}: {', '.join(changed)} saved." if changed else "Nothing changed.")
    return redirect(url_for("review.draft", draft_id=draft_id))


@blueprint.post("/drafts/<int:draft_id>/reclassify")
def reclassify(draft_id: int) -> Response:
    def act() -> str:
        done = service().reclassify(
            request.form.get("label", ""), draft_id=draft_id, note=request.form.get("note") or None
        )
        closed = f"; draft {', '.join(map(str, done.rejected))} rejected" if done.rejected else ""
        return f"Request {done.request_id} relabelled {done.old_label} → {done.label}{closed}."

    return _act(act, draft_id)


@blueprint.post("/drafts/<int:draft_id>/reassign")
def reassign(draft_id: int) -> Response:
    def act() -> str:
        done = service().reassign(draft_id, request.form.get("interviewer", ""))
        return f"Draft {draft_id} is now {done.interviewer}'s, written again with {plural(len(done.slots), 'slot')}."

    return _act(act, draft_id)


@blueprint.get("/requests")
def waiting() -> str:
    """Requests a run left to a person (unsure triage, or drafting could not answer), with why."""
    return render_template("requests.html", items=service().waiting(), labels=LABELS)


@blueprint.post("/requests/<int:request_id>/reclassify")
def reclassify_request(request_id: int) -> Response:
    def act() -> str:
        done = service().reclassify(
            request.form.get("label", ""), request_id=request_id, note=request.form.get("note") or None
        )
        return f"Request {done.request_id} relabelled {done.old_label} → {done.label}."

    return _act(act, fallback=url_for("review.waiting"))


@blueprint.post("/requests/retry")
def retry_requests() -> Response:
    ids = request.form.getlist("ids", type=int)

    def act() -> str:
        moved = service().retry_requests(ids)
        return f"The next run drafts {plural(len(moved), 'request')} again: {', '.join(map(str, moved))}."

    return _act(act, fallback=url_for("review.waiting"))


@blueprint.get("/drafts/<int:draft_id>/attachments/<int:attachment_id>")
def attachment(draft_id: int, attachment_id: int) -> Response:
    found = service().attachment(draft_id, attachment_id)
    response = send_file(
        BytesIO(found.content),
        mimetype=found.content_type,
        as_attachment=True,
        download_name=found.filename,
        max_age=0,
    )
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


# -- choosing the response ---------------------------------------------------------------------------------


def _act(action: Callable[[], str], draft_id: int | None = None, fallback: str | None = None) -> Response:
    """Run an action, say what happened (or why not), and go back where the form was."""
    try:
        flash(action())
    except UsageError as exc:
        flash(str(exc), "error")
    if fallback is None:
        fallback = url_for("review.draft", draft_id=draft_id) if draft_id else url_for("review.queue")
    return redirect(local_path(request.form.get("next"), fallback))


def _approved(result: Any) -> str:
    parts = []
    if result.approved:
        parts.append(f"Approved {_ids(result.approved)}; it goes out with the next send.")
    if result.already:
        parts.append(f"{_ids(result.already)} was approved already.")
    return " ".join(parts)


def _rejected(released: dict[int, int]) -> str:
    slots = sum(released.values())
    return f"Rejected {_ids(list(released))}; {plural(slots, 'held slot')} free again."


def _ids(ids: list[int]) -> str:
    return ("draft " if len(ids) == 1 else "drafts ") + ", ".join(map(str, ids))


def _draft_page(draft_id: int, typed: Any = None, error: str | None = None) -> str:
    review = service()
    view = review.show(draft_id)
    free: list[tuple[str, str]] = []
    calendar_note = None
    if view.draft.template in SLOT_TEMPLATES and view.extra.state in ("pending", "failed"):
        try:
            zone = review.slot_host(view.draft, view.extra).timezone
            free = [(slot_value(s.start, s.end), slot_line(s, zone)) for s in review.free_slots(draft_id)]
        except (CalendarError, UsageError) as exc:
            calendar_note = f"Other free slots cannot be listed: {exc}"
    return render_template(
        "draft.html",
        view=view,
        free=free,
        calendar_note=calendar_note,
        typed=typed,
        error=error,
        labels=LABELS,
        interviewers=settings_of().interviewers,
        editable=view.extra.state in ("pending", "failed"),
        offers_slots=view.draft.template in SLOT_TEMPLATES,
    )
