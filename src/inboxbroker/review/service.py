"""The review queue's one service: list, show, edit, approve, reject, reclassify, reassign.

The command line and the web page both call this and hold no review logic of their own. Every action names
its actor and is one commit with its ``audit`` row (``store/review.py``). Nothing here sends mail: approving
only makes a draft ``approved`` for the sender.

An edit keeps the draft's Message-ID and rebuilds its MIME from the coordinator's words taken as data; no
template is rendered again, so what they wrote is exactly what goes out. The HTML alternative was rendered
from the template's words, so an edited body goes out as text only rather than as two bodies that disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from inboxbroker.domain import Interval, Label
from inboxbroker.errors import (
    DraftChangedError,
    DraftEditError,
    DraftNotFoundError,
    DraftNotPendingError,
    StoreError,
    UnknownInterviewerError,
    UnknownLabelError,
    UsageError,
)
from inboxbroker.review import editing
from inboxbroker.review.results import Approved, Download, QueueItem, Reassigned, Reclassified
from inboxbroker.review.slotedit import new_slots
from inboxbroker.review.slots import free_slots, slot_line
from inboxbroker.review.views import DraftView, build_view
from inboxbroker.store.drafts import DRAFTABLE_LABELS, DraftRow
from inboxbroker.store.review import DraftExtra, OwnMeeting, SlotChange, WaitingRequest
from inboxbroker.store.schema import DRAFT_STATES

if TYPE_CHECKING:
    from inboxbroker.runtime.drafting import Drafter
    from inboxbroker.settings.answering import Interviewer
    from inboxbroker.settings.config import Settings
    from inboxbroker.store.ledger import Store

LABELS = tuple(label.value for label in Label)
EDITABLE = ("pending", "failed")  # a failed one, edited, goes back to the queue to be approved again
SLOT_TEMPLATES = ("propose_slots", "confirm_slot")
ACTIVE_TYPES = {"text/html", "application/xhtml+xml", "image/svg+xml", "text/xml", "application/xml"}


class ReviewService:
    def __init__(
        self, settings: Settings, store: Store, actor: str, *, clock: Callable[[], datetime] | None = None
    ) -> None:
        if not actor or not actor.strip() or not actor.isprintable():
            raise UsageError("who is acting must be named (--as NAME)")
        self.settings = settings
        self.store = store
        self.actor = actor.strip()
        self.clock = clock or (lambda: datetime.now(UTC))
        self._drafter: Drafter | None = None

    # -- reading ---------------------------------------------------------------------------------------

    def queue(
        self,
        state: str | None = None,
        label: str | None = None,
        interviewer: str | None = None,
        forwarded_by: str | None = None,
        older_than: timedelta | None = None,
        newer_than: timedelta | None = None,
        limit: int = 200,
    ) -> list[QueueItem]:
        """Drafts newest request first; ``older_than``/``newer_than`` filter on how long the request waits."""
        if state is not None and state not in DRAFT_STATES:
            raise UsageError(f"no draft state {state!r}; use one of {', '.join(DRAFT_STATES)}")
        if label is not None:
            _check_label(label)
        now = self.clock()
        rows = self.store.review.queue(
            state=state,
            label=label,
            interviewer=interviewer,
            forwarded_by=forwarded_by,
            received_before=now - older_than if older_than is not None else None,
            received_after=now - newer_than if newer_than is not None else None,
            limit=limit,
        )
        return [QueueItem(row, now - row.received_at) for row in rows]

    def waiting(self, limit: int = 200) -> list[WaitingRequest]:
        """Requests no draft answers yet that wait for a person (``requests list``), the longest wait first."""
        return self.store.review.waiting(limit=limit)

    def counts(self) -> dict[str, int]:
        return self.store.review.counts()

    def show(self, draft_id: int) -> DraftView:
        draft, extra = self._draft(draft_id)
        review = self.store.review
        host = self._configured(extra.interviewer_email)
        return build_view(
            draft,
            extra,
            review.request(draft.request_id),
            review.own_meetings(draft_id),
            review.audit("draft", draft_id),
            host.timezone if host else None,
        )

    def free_slots(self, draft_id: int) -> list[Interval]:
        """Every slot this draft's interviewer is free for, besides the ones it offers (for choosing)."""
        draft, extra = self._draft(draft_id)
        host = self.slot_host(draft, extra)
        own = self.store.review.own_meetings(draft_id)
        duration = editing.duration(draft) or timedelta(minutes=self.settings.scheduling.default_minutes)
        spans = self.free_time(host, duration, own)
        step = timedelta(minutes=self.settings.scheduling.step_minutes)
        offered = {Interval(m.start, m.end) for m in own}
        return [s for s in free_slots(spans, duration, step, ZoneInfo(host.timezone)) if s not in offered]

    def attachment(self, draft_id: int, attachment_id: int) -> Download:
        """An attachment of the request this draft answers (no other: ids in a URL are easy to change)."""
        from inboxbroker.mail.sniff import sanitize_filename

        draft = self._draft(draft_id)[0]
        if attachment_id not in {a.id for a in self.store.review.request(draft.request_id).attachments}:
            raise DraftNotFoundError(f"draft {draft_id}'s request has no attachment {attachment_id}")
        found = self.store.review.attachment(attachment_id)
        kind = found.info.sniffed_type or found.info.declared_type or "application/octet-stream"
        # A type a browser would render as a page (HTML, SVG, XML) is handed over as plain bytes instead.
        if kind in ACTIVE_TYPES or not kind.isascii() or "/" not in kind:
            kind = "application/octet-stream"
        name = sanitize_filename(found.info.filename, attachment_id, kind)
        return Download(name, kind, found.content)

    # -- acting ----------------------------------------------------------------------------------------

    def approve(self, *ids: int) -> Approved:
        """Pending (or failed) → approved, all or none; ones approved already are reported, not an error."""
        approved, already = self.store.review.approve(_ids(ids), self.actor)
        return Approved(approved, already)

    def reject(self, *ids: int, reason: str) -> dict[int, int]:
        """Reject all or none and free the time they held; returns draft id → meetings released."""
        if not reason or not reason.strip():
            raise UsageError("say why the draft is rejected (--reason TEXT)")
        return self.store.review.reject(_ids(ids), reason.strip(), self.actor)

    def edit(
        self,
        draft_id: int,
        *,
        subject: str | None = None,
        body: str | None = None,
        cc: Sequence[str] | None = None,
        slots: Sequence[Interval] | None = None,
        version: str | None = None,
    ) -> list[str]:
        """Save what changed (None: keep it); returns the names of the parts changed, [] when nothing did.

        ``version`` (``DraftView.version``) refuses an edit made on a view someone else changed since.
        """
        draft, extra = self._draft(draft_id)
        if extra.state not in EDITABLE:
            raise DraftNotPendingError(f"draft {draft_id} is {extra.state}; only a pending one can be edited")
        if version is not None and version != extra.version:
            raise DraftChangedError(f"draft {draft_id} changed since you opened it; look at it again")
        changed: list[str] = []
        new_subject = editing.check_subject(subject) if subject is not None else draft.subject
        if new_subject != draft.subject:
            changed.append("subject")
        new_body = editing.check_body(body) if body is not None else draft.text
        if new_body.rstrip() != draft.text.replace("\r\n", "\n").rstrip():
            changed.append("body")
        new_cc = (
            [editing.check_address(c) for c in cc]
            if cc is not None
            else [editing.address(c) for c in draft.cc]
        )
        if [a.email for a in new_cc] != [editing.address(c).email for c in draft.cc]:
            changed.append("cc")
        change, ics = SlotChange(), draft.ics
        wanted = sorted(set(slots), key=lambda s: s.start) if slots is not None else None
        if wanted is not None and wanted != editing.intervals(draft):
            change, ics = new_slots(self, draft, extra, wanted)
            changed.append("slots")
            if "body" not in changed:
                zone = self.slot_host(draft, extra).timezone
                listed = "; ".join(slot_line(s, zone) for s in wanted)
                raise DraftEditError(
                    f"the slots changed but the body still names the old times; write the new ones in it ({listed})"
                )
        if not changed:
            return []
        text = new_body if "body" in changed else draft.text
        html = None if "body" in changed else extra.html
        mime = editing.rebuild(draft, new_subject, text, html, new_cc, ics)
        values: dict[str, Any] = {
            "subject": new_subject,
            "text": text,
            "html": html,
            "cc_addrs": [str(a) for a in new_cc],
            "ics": ics,
            "mime": mime,
            "state": "pending",
            "slots": editing.slots_json(wanted) if "slots" in changed and wanted is not None else draft.slots,
        }
        detail = {"changed": changed, "from_state": extra.state}
        self.store.review.save_edit(draft_id, extra.version, values, change, self.actor, "edit", detail)
        return changed

    def as_text(self, draft_id: int) -> tuple[str, str]:
        """The draft as a file to edit (``review.text``) with the free slots listed, and its version."""
        from inboxbroker.errors import CalendarError
        from inboxbroker.review.text import draft_as_text

        draft, extra = self._draft(draft_id)
        if extra.state not in EDITABLE:
            raise DraftNotPendingError(f"draft {draft_id} is {extra.state}; only a pending one can be edited")
        zone, free = None, []
        if draft.template in SLOT_TEMPLATES and extra.interviewer_email is not None:
            zone = self.slot_host(draft, extra).timezone
            try:
                free = self.free_slots(draft_id)
            except CalendarError:
                free = []  # the file still lists the offered slots; saving checks the calendar again
        text = draft_as_text(
            draft.subject, draft.cc, editing.intervals(draft), draft.text, zone=zone, free=free
        )
        return text, extra.version

    def edit_text(self, draft_id: int, text: str, version: str | None = None) -> list[str]:
        """Save a draft edited as text (``as_text``); a file that cannot be read changes nothing."""
        from inboxbroker.review.text import parse_draft_text

        draft = self._draft(draft_id)[0]
        edited = parse_draft_text(text, offers_slots=draft.template in SLOT_TEMPLATES)
        return self.edit(
            draft_id,
            subject=edited.subject,
            body=edited.body,
            cc=edited.cc,
            slots=edited.slots,
            version=version,
        )

    def reclassify(
        self,
        label: str,
        *,
        draft_id: int | None = None,
        request_id: int | None = None,
        note: str | None = None,
    ) -> Reclassified:
        """Correct a request's label (a ``feedback`` row for ``train``); an unanswerable one closes it."""
        _check_label(label)
        if (draft_id is None) == (request_id is None):
            raise UsageError("name either a draft or a request to reclassify")
        if draft_id is not None:
            request_id = self._draft(draft_id)[0].request_id
        assert request_id is not None
        old, rejected = self.store.review.reclassify(
            request_id, label, note, self.actor, answerable=label in DRAFTABLE_LABELS
        )
        return Reclassified(request_id, old, label, rejected)

    def retry_requests(self, request_ids: Sequence[int] | None) -> list[int]:
        """Requests drafting left to a person go back to drafting (all of them for None); see the store's."""
        return self.store.review.retry_requests(
            None if request_ids is None else _ids(request_ids), self.actor
        )

    def reassign(self, draft_id: int, interviewer_email: str) -> Reassigned:
        """Give a pending reply to another interviewer: composed again from its template with their free slots.

        The draft keeps its id and Message-ID (it was never sent, so nothing can have seen the old one); its
        old holds are released and the new ones held in the same commit. A pending note to the forwarding
        manager is composed again with it, since it names the host.
        """
        from inboxbroker.drafting import plan
        from inboxbroker.scheduling.matching import Match

        draft, extra = self._draft(draft_id)
        if draft.purpose != "reply" or extra.state != "pending":
            raise DraftNotPendingError(
                f"draft {draft_id} is a {extra.state} {draft.purpose}; only a pending reply"
            )
        host = self._configured(interviewer_email)
        if host is None:
            known = ", ".join(i.email for i in self.settings.interviewers) or "none are configured"
            raise UnknownInterviewerError(f"{interviewer_email!r} is not an interviewer ({known})")
        if (extra.interviewer_email or "").lower() == host.email.lower():
            raise UsageError(f"draft {draft_id} is already {host.name}'s")
        now = self.clock()
        drafter = self.drafter
        request = self.store.review.request_to_draft(draft.request_id)
        facts, thread, requester, forwarder = drafter.facts(request)
        if requester is None:
            raise DraftEditError(f"request {request.id} has no requester address to answer")
        own = self.store.review.own_meetings(draft_id)
        person = self._time_of(host, own, now)
        found, duration = plan.plan_slots(
            facts, person, drafter.busy_of(host, now), now=now, limits=_limits(self.settings)
        )
        was = draft.interviewer or "nobody"
        match = Match(host.email, host.name, 0.0, f"reassigned by {self.actor} from {was}")
        answer = plan.answer_with_slots(match, found, duration)
        if isinstance(answer, plan.Unanswerable):
            raise DraftEditError(answer.reason)
        note = next(
            (
                d
                for d in self.store.drafts.drafts(state="pending", request_id=draft.request_id)
                if d.purpose == "forwarder_note"
            ),
            None,
        )
        drafts, holds = drafter.compose_drafts(
            request,
            answer,
            facts,
            thread,
            requester,
            forwarder,
            host,
            now,
            reply_id=draft.message_id_header,
            note_id=note.message_id_header if note else None,
        )
        new_holds = [
            {
                "request_id": draft.request_id,
                "interviewer_id": h.interviewer_id,
                "ical_uid": h.ical_uid,
                "sequence": h.sequence,
                "start_utc": h.start,
                "end_utc": h.end,
                "timezone": h.timezone,
                "state": h.state,
            }
            for h in holds
        ]
        change = SlotChange(release=[m.id for m in own], hold=new_holds)
        also = [(note.id, editing.draft_values(d)) for d in drafts[1:2] if note is not None]
        detail = {
            "from": extra.interviewer_email,
            "to": host.email,
            "slots": editing.slots_json(list(answer.slots)),
        }
        self.store.review.save_edit(
            draft_id,
            extra.version,
            editing.draft_values(drafts[0]),
            change,
            self.actor,
            "reassign",
            detail,
            also=also,
        )
        return Reassigned(draft_id, host.name, answer.template, list(answer.slots))

    # -- helpers ---------------------------------------------------------------------------------------

    @property
    def drafter(self) -> Drafter:
        """Drafting's machinery (templates, load, busy calendars), made once per service."""
        if self._drafter is None:
            from inboxbroker.runtime.drafting import Drafter

            self._drafter = Drafter(self.settings, self.store, clock=self.clock)
            self._drafter.prepare()
        return self._drafter

    def _draft(self, draft_id: int) -> tuple[DraftRow, DraftExtra]:
        extra = self.store.review.extra(draft_id)
        try:
            return self.store.drafts.draft(draft_id), extra
        except StoreError as exc:  # deleted between the two reads
            raise DraftNotFoundError(str(exc)) from exc

    def _configured(self, email: str | None) -> Interviewer | None:
        wanted = (email or "").strip().lower()
        return next((i for i in self.settings.interviewers if i.email.lower() == wanted), None)

    def slot_host(self, draft: DraftRow, extra: DraftExtra) -> Interviewer:
        if draft.template not in SLOT_TEMPLATES or extra.interviewer_email is None:
            raise DraftEditError(f"draft {draft.id} ({draft.template}) offers no slots to change")
        host = self._configured(extra.interviewer_email)
        if host is None:
            raise DraftEditError(
                f"{extra.interviewer_email} is no longer a configured interviewer; reassign it"
            )
        return host

    def _time_of(self, host: Interviewer, own: Sequence[OwnMeeting], now: datetime) -> Any:
        """The interviewer's load as drafting sees it, minus this draft's own holds (they are its to move)."""
        mine = {Interval(m.start, m.end) for m in own}
        person = next(p for p in self.drafter.interviewer_times(now) if p.email == host.email)
        return replace(
            person,
            booked=tuple(i for i in person.booked if i not in mine),
            held=tuple(i for i in person.held if i not in mine),
        )

    def free_time(self, host: Interviewer, duration: timedelta, own: Sequence[OwnMeeting]) -> list[Interval]:
        from inboxbroker.scheduling.slots import free_time

        now = self.clock()
        person = self._time_of(host, own, now)
        rules = replace(_limits(self.settings).rules(None), duration=duration)
        return free_time(
            windows=person.windows,
            tz=ZoneInfo(host.timezone),
            busy=self.drafter.busy_of(host, now),
            booked=person.booked,
            held=person.held,
            now=now,
            rules=rules,
        )


def _ids(ids: Sequence[int]) -> list[int]:
    if not ids:
        raise UsageError("name at least one draft id (`inboxbroker drafts list` shows them)")
    return list(dict.fromkeys(ids))


def _check_label(label: str) -> None:
    if label not in LABELS:
        raise UnknownLabelError(f"no label {label!r}; use one of {', '.join(LABELS)}")


def _limits(settings: Settings) -> Any:
    from inboxbroker.runtime.drafting import limits_of

    return limits_of(settings)
