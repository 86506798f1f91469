"""The drafting stage of a run: every request still ``new`` gets its reply drafted, exactly once.

It runs after the pipeline's outcomes are committed, one request at a time, because unlike the pure stages
it reads the store (interviewers' load, slots other drafts hold). Each request's draft, its held slots and
the request's move to ``drafted`` are one commit (``DraftStore.save_draft``), and the work queue is simply
"requests still ``new`` without a reply", so a run killed at any point and run again drafts each request
once. A request that cannot be drafted goes to ``needs_attention`` with the reason; one whose interviewer's
calendar cannot be read stays ``new`` (with the reason shown) and is tried again by the next run.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import make_msgid, parseaddr
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from inboxbroker.domain import Address, Interval
from inboxbroker.errors import CalendarError, InboxBrokerError, TemplateError
from inboxbroker.wording import plural

if TYPE_CHECKING:
    from inboxbroker.drafting.compose import Composed, Host, Thread, Wording
    from inboxbroker.drafting.plan import Answer, InterviewerTime, Limits, RequestFacts
    from inboxbroker.drafting.render import TemplateSet
    from inboxbroker.drafting.source import ReplySource
    from inboxbroker.settings.answering import Interviewer
    from inboxbroker.settings.config import Settings
    from inboxbroker.store.drafts import NewDraft, NewMeeting, RequestToDraft
    from inboxbroker.store.ledger import Store
    from inboxbroker.store.meetings import Load

log = logging.getLogger(__name__)

# How long the interviewers' load read from the store is reused. This run's own holds are added to it as they
# are saved; the limit bounds how late it sees holds made elsewhere meanwhile (a coordinator reassigning a
# draft), as a fresh read per request did, at a read per few hundred requests instead of one per request.
LOAD_REUSE = timedelta(seconds=2)
ATTENTION_GROUP = 50
ATTENTION_LINES = 10  # requests left to a person named one a line; beyond that, counted by reason
ATTENTION_REASONS = 8


@dataclass
class _CachedLoad:
    load: Load
    month: Interval
    window: Interval
    read_at: datetime  # by the drafting clock
    read_mono: float


@dataclass
class DraftingSummary:
    drafted: int = 0
    needs_attention: int = 0
    waiting: int = 0
    notes: list[str] = field(default_factory=list)
    attention: list[tuple[int, str]] = field(default_factory=list)  # (request id, why) moved this run

    def counts(self) -> dict[str, int]:
        return {"drafted": self.drafted, "needs_attention": self.needs_attention, "waiting": self.waiting}


def attention_lines(moved: list[tuple[int, str]], *, each_up_to: int = ATTENTION_LINES) -> list[str]:
    """What the run says about requests it left to a person: one line each, or a line per reason for many.

    A backlog import leaves hundreds (full calendars, job applications with no careers address); a line each
    would bury everything else the run has to say. ``inboxbroker requests list`` lists them all.
    """
    if len(moved) <= each_up_to:
        return [f"request {request_id} needs attention: {reason}" for request_id, reason in moved]
    by_reason: dict[str, list[int]] = {}
    for request_id, reason in moved:
        by_reason.setdefault(reason, []).append(request_id)
    ranked = sorted(by_reason.items(), key=lambda item: (-len(item[1]), item[0]))
    lines = [f"{len(moved)} requests need attention (`inboxbroker requests list` shows them all):"]
    for reason, ids in ranked[:ATTENTION_REASONS]:
        shown = ", ".join(map(str, ids[:3])) + (", …" if len(ids) > 3 else "")
        lines.append(f"  {len(ids)} × {reason} (request {shown})")
    if len(ranked) > ATTENTION_REASONS:
        rest = sum(len(ids) for _, ids in ranked[ATTENTION_REASONS:])
        lines.append(f"  {rest} more, for {plural(len(ranked) - ATTENTION_REASONS, 'other reason')}")
    return lines


def drafting_off_reason(settings: Settings) -> str | None:
    """Why drafting cannot run with these settings, or None when it can."""
    if not settings.drafting.enabled:
        return "drafting.enabled is false"
    if not settings.interviewers:
        return "no [[interviewers]] are configured"
    if sender_of(settings) is None:
        return "no From address: set [smtp] from or [drafting] from"
    return None


def sender_of(settings: Settings) -> str | None:
    if settings.drafting.from_:
        return settings.drafting.from_
    return settings.smtp.from_ if settings.smtp is not None else None


def limits_of(settings: Settings) -> Limits:
    from inboxbroker.drafting.plan import Limits

    s = settings.scheduling
    return Limits(
        default_minutes=s.default_minutes,
        min_minutes=s.min_minutes,
        max_minutes=s.max_minutes,
        buffer_minutes=s.buffer_minutes,
        notice_hours=s.notice_hours,
        horizon_days=s.horizon_days,
        slots=s.slots,
        step_minutes=s.step_minutes,
    )


class Drafter:
    """Drafts replies for one run; busy calendars are read once per run and templates compiled once."""

    def __init__(
        self, settings: Settings, store: Store, *, clock: Callable[[], datetime] | None = None
    ) -> None:
        self.settings = settings
        self.store = store
        self.clock = clock or (lambda: datetime.now(UTC))
        self._templates: TemplateSet | None = None
        self._busy: dict[str, list[Interval] | CalendarError] = {}
        self._ids: dict[str, int] = {}
        self._seen: set[int] = set()  # a request left `new` (waiting for a calendar) is tried once a run
        self._load: _CachedLoad | None = None
        self._attention_due: list[tuple[int, str]] = []  # requests to move to needs_attention, with why

    # -- entry point -------------------------------------------------------------------------------

    def run(self, limit: int | None = None) -> DraftingSummary:
        summary = DraftingSummary()
        reason = drafting_off_reason(self.settings)
        if reason is not None:
            summary.notes.append(f"drafting skipped: {reason}")
            return summary
        self.prepare()
        done = 0
        while True:
            # Before each read: a request whose move is still queued is `new` in the store and would be read
            # again, and a batch of nothing but those would end the run early.
            self.flush_attention(summary)
            batch = self.store.drafts.requests_to_draft(limit=100)
            batch = [r for r in batch if r.id not in self._seen]
            if not batch:
                return summary
            for request in batch:
                self._seen.add(request.id)
                self.draft_one(request, summary)
                done += 1
                if limit is not None and done >= limit:
                    self.flush_attention(summary)
                    return summary

    def prepare(self) -> None:
        """Bring the interviewer table in step with the config (once per run)."""
        self._ids = self.store.interviewers.sync(self.settings.interviewers)

    @property
    def templates(self) -> TemplateSet:
        if self._templates is None:
            from inboxbroker.drafting.render import TemplateSet

            self._templates = TemplateSet(templates_folder(self.settings))
        return self._templates

    # -- one request -------------------------------------------------------------------------------

    def draft_one(self, request: RequestToDraft, summary: DraftingSummary) -> None:
        try:
            outcome = self._draft(request)
        except TemplateError as exc:
            self._attention(request, f"template: {exc}", summary)
            return
        except CalendarError as exc:
            reason = f"waiting for a calendar: {exc}"
            self.store.drafts.set_request_state(request.id, "new", reason)
            summary.waiting += 1
            summary.notes.append(f"request {request.id}: {reason}")
            return
        except InboxBrokerError:
            raise  # systemic (the store is gone): stop the run, the request stays `new`
        except Exception as exc:  # a bug or hostile input must cost one request, visibly, not the run
            log.exception("drafting request %s failed", request.id)
            self._attention(request, f"drafting failed: {type(exc).__name__}: {exc}", summary)
            return
        if isinstance(outcome, str):
            self._attention(request, outcome, summary)
        elif outcome:
            summary.drafted += 1

    def _attention(self, request: RequestToDraft, reason: str, summary: DraftingSummary) -> None:
        # Queued and moved ATTENTION_GROUP at a time: a backlog's full calendars and job applications were a
        # commit each. A kill loses only queued moves, and the next run reaches the same reasons again.
        self._attention_due.append((request.id, reason))
        if len(self._attention_due) >= ATTENTION_GROUP:
            self.flush_attention(summary)

    def flush_attention(self, summary: DraftingSummary) -> None:
        """Move the queued requests to ``needs_attention`` (those still ``new``), in one commit."""
        due, self._attention_due = self._attention_due, []
        if not due:
            return
        moved = self.store.drafts.set_request_states(due, "needs_attention")
        for request_id, reason in due:
            if request_id in moved:
                summary.needs_attention += 1
                summary.attention.append((request_id, reason))

    def _draft(self, request: RequestToDraft) -> bool | str:
        """True when drafted, False when another process got there first, or the reason it cannot be."""
        from inboxbroker.drafting import plan
        from inboxbroker.drafting.plan import Unanswerable

        now = self.clock()
        facts, thread, requester, forwarder = self.facts(request)
        if requester is None:
            return "the requester's address is unknown"
        careers = self.settings.drafting.careers_address
        answer: Answer | Unanswerable | None = plan.choose_template(facts, careers_address=careers)
        host: Interviewer | None = None
        if answer is None:
            people = self.interviewer_times(now)
            match = plan.choose_interviewer(facts, people)
            if match is None:
                answer = plan.decline(people)
            elif (ask := plan.needs_topic(facts, match)) is not None:
                answer = ask
            else:
                host = self.interviewer(match.email)
                person = next(p for p in people if p.email == match.email)
                busy = self.busy_of(host, now)
                slots, duration = plan.plan_slots(
                    facts, person, busy, now=now, limits=limits_of(self.settings)
                )
                answer = plan.answer_with_slots(match, slots, duration)
        if isinstance(answer, Unanswerable):
            return answer.reason
        return self._save(request, answer, facts, thread, requester, forwarder, host, now)

    def _save(
        self,
        request: RequestToDraft,
        answer: Answer,
        facts: RequestFacts,
        thread: Thread,
        requester: Address,
        forwarder: Address | None,
        interviewer: Interviewer | None,
        now: datetime,
    ) -> bool:
        drafts, holds = self.compose_drafts(
            request, answer, facts, thread, requester, forwarder, interviewer, now
        )
        saved = self.store.drafts.save_draft(drafts, holds) is not None
        if saved:
            self._count_holds(holds)
        else:
            self._load = None  # another process changed this request: read the load afresh
        return saved

    def compose_drafts(
        self,
        request: RequestToDraft,
        answer: Answer,
        facts: RequestFacts,
        thread: Thread,
        requester: Address,
        forwarder: Address | None,
        interviewer: Interviewer | None,
        now: datetime,
        *,
        reply_id: str | None = None,
        note_id: str | None = None,
    ) -> tuple[list[NewDraft], list[NewMeeting]]:
        """The reply (and the forwarder's note) with the slots they hold, not yet saved.

        ``reply_id``/``note_id`` keep the Message-IDs of drafts being recomposed (a reassignment); by default
        fresh ones are made. Invite UIDs are always fresh: a new composition is a new meeting.
        """
        from inboxbroker.drafting.compose import Host, compose_note, compose_reply, context_for

        wording = self.wording()
        host = (
            Host(
                interviewer.name,
                interviewer.email,
                interviewer.timezone,
                interviewer.location,
                interviewer.video_link,
            )
            if interviewer is not None
            else None
        )
        domain = parseaddr(wording.sender)[1].rpartition("@")[2] or "inboxbroker.invalid"
        uids = [f"{uuid.uuid4()}@{domain}" for _ in answer.slots]
        reply_id = reply_id or make_msgid(domain=domain)
        context = context_for(
            answer,
            requester=requester,
            requester_zone=request.timezone,
            forwarder=forwarder,
            host=host,
            topic=facts.topic,
            role=facts.role,
            meeting_format=request.format,
            wording=wording,
        )
        reply = compose_reply(
            answer,
            templates=self.templates,
            context=context,
            requester=requester,
            forwarder=forwarder,
            host=host,
            thread=thread,
            wording=wording,
            message_id=reply_id,
            invite_uid=uids[0] if uids else None,
            now=now,
        )
        interviewer_id = self._ids.get(interviewer.email) if interviewer else None
        drafts = [self.new_draft(request.id, "reply", answer, reply, reply_id, interviewer_id)]
        if self.settings.drafting.notify_forwarder and forwarder is not None and host is not None:
            note_id = note_id or make_msgid(domain=domain)
            note = compose_note(
                templates=self.templates,
                context=context,
                forwarder=forwarder,
                wording=wording,
                message_id=note_id,
            )
            drafts.append(self.new_draft(request.id, "forwarder_note", answer, note, note_id, interviewer_id))
        return drafts, self._holds(answer, uids, interviewer_id, host)

    @staticmethod
    def new_draft(
        request_id: int,
        purpose: str,
        answer: Answer,
        composed: Composed,
        message_id: str,
        interviewer_id: int | None,
        dedupe_key: str | None = None,
    ) -> NewDraft:
        """The row for one composed draft; ``dedupe_key`` defaults to the request's first of this purpose."""
        from inboxbroker.drafting.compose import slots_json
        from inboxbroker.store.drafts import NewDraft

        return NewDraft(
            request_id=request_id,
            interviewer_id=interviewer_id,
            purpose=purpose,
            dedupe_key=dedupe_key or f"{request_id}:{purpose}:1",
            template="note_to_forwarder" if purpose == "forwarder_note" else answer.template,
            rule=answer.rule,
            match_reason=answer.match_reason,
            message_id_header=message_id,
            to_addrs=composed.to,
            cc_addrs=composed.cc,
            subject=composed.subject,
            text=composed.text,
            html=composed.html,
            ics=composed.ics,
            mime=composed.mime,
            slots=slots_json(answer.slots),
        )

    @staticmethod
    def _holds(
        answer: Answer, uids: list[str], interviewer_id: int | None, host: Host | None
    ) -> list[NewMeeting]:
        from inboxbroker.store.drafts import NewMeeting

        if host is None:
            return []
        state = "tentative" if answer.sends_invite else "held"
        return [
            NewMeeting(interviewer_id, uid, 0, slot.start, slot.end, host.timezone, state)
            for uid, slot in zip(uids, answer.slots, strict=True)
        ]

    # -- inputs ------------------------------------------------------------------------------------

    def facts(self, request: RequestToDraft) -> tuple[RequestFacts, Thread, Address | None, Address | None]:
        from inboxbroker.drafting.plan import RequestFacts

        source = self.source_of(request)
        requester = (
            Address(request.requester_name or "", request.requester_email)
            if request.requester_email
            else None
        )
        forwarder = (
            Address(request.forwarder_name or "", request.forwarder_email)
            if request.forwarder_email
            else None
        )
        facts = RequestFacts(
            label=request.label,
            requester_name=request.requester_name,
            requester_email=request.requester_email,
            forwarded_by=request.forwarder_email,
            topic=request.topic,
            role=request.role,
            organization=request.organization,
            body=source.text,
            duration_minutes=request.duration_minutes,
            proposed=request.proposed_times,
        )
        return facts, source.thread, requester, forwarder

    def source_of(self, request: RequestToDraft) -> ReplySource:
        """The stored thread and text, else (a request stored by an older version) read from the raw message."""
        from inboxbroker.drafting.source import from_json, reply_source
        from inboxbroker.mail.forwards import unwrap_forward
        from inboxbroker.mail.parse import parse_message

        stored = from_json(request.reply_source)
        if stored is not None:
            return stored
        return reply_source(unwrap_forward(parse_message(self.store.message_raw(request.message_id))))

    def interviewer(self, email: str) -> Interviewer:
        return next(i for i in self.settings.interviewers if i.email == email)

    def interviewer_times(self, now: datetime) -> list[InterviewerTime]:
        from inboxbroker.drafting.plan import InterviewerTime

        load = self._current_load(now)
        return [
            InterviewerTime(
                email=i.email,
                name=i.name,
                topics=i.topics,
                timezone=i.timezone,
                windows=i.windows,
                capacity=i.capacity_per_month,
                used=load.used.get(self._ids[i.email], 0),
                booked=tuple(load.booked.get(self._ids[i.email], ())),
                held=tuple(load.held.get(self._ids[i.email], ())),
            )
            for i in self.settings.interviewers
        ]

    def _current_load(self, now: datetime) -> Load:
        cached, month = self._load, month_of(now)
        if (
            cached is None
            or cached.month != month
            or abs(now - cached.read_at) > LOAD_REUSE  # the clock jumped: the window is another one
            or time.monotonic() - cached.read_mono > LOAD_REUSE.total_seconds()
        ):
            window = self._window(now)
            cached = _CachedLoad(
                self.store.meetings.load(month, window), month, window, now, time.monotonic()
            )
            self._load = cached
        return cached.load

    def _count_holds(self, holds: Sequence[NewMeeting]) -> None:
        """Add the slots just saved to the load this run reuses, as ``MeetingStore.load`` would read them."""
        cached = self._load
        if cached is None:
            return
        counted: set[int] = set()
        for hold in holds:
            if hold.interviewer_id is None:
                continue
            interval = Interval(hold.start, hold.end)
            if interval.end > cached.window.start and interval.start < cached.window.end:
                kind = cached.load.held if hold.state == "held" else cached.load.booked
                kind.setdefault(hold.interviewer_id, []).append(interval)
            in_month = cached.month.start <= hold.start < cached.month.end
            if in_month and hold.interviewer_id not in counted:
                counted.add(hold.interviewer_id)
                cached.load.used[hold.interviewer_id] = cached.load.used.get(hold.interviewer_id, 0) + 1

    def _window(self, now: datetime) -> Interval:
        # A day either side: buffers reach over the edges, and a zone's day does not start at 00:00 UTC.
        return Interval(
            now - timedelta(days=1), now + timedelta(days=self.settings.scheduling.horizon_days + 1)
        )

    def busy_of(self, interviewer: Interviewer, now: datetime) -> list[Interval]:
        """The interviewer's busy time over the horizon, read once per run (a failure is remembered too)."""
        cached = self._busy.get(interviewer.email)
        if cached is None:
            cached = self._read_busy(interviewer, now)
            self._busy[interviewer.email] = cached
        if isinstance(cached, CalendarError):
            raise cached
        return cached

    def _read_busy(self, interviewer: Interviewer, now: datetime) -> list[Interval] | CalendarError:
        from inboxbroker.scheduling.busy import busy_from_ics
        from inboxbroker.sources.calendars import read_busy_calendars

        window = self._window(now)
        zone = ZoneInfo(interviewer.timezone)
        try:
            documents = read_busy_calendars(
                interviewer, window, timeout=self.settings.scheduling.calendar_timeout_seconds
            )
            busy: list[Interval] = []
            for document in documents:
                busy.extend(busy_from_ics(document, window.start, window.end, zone))
            return sorted(busy, key=lambda i: i.start)
        except CalendarError as exc:
            return CalendarError(f"{interviewer.name}: {exc}")

    def wording(self) -> Wording:
        from inboxbroker.drafting.compose import Wording, programme_name

        sender = sender_of(self.settings)
        assert sender is not None  # drafting_off_reason checked it
        return Wording(
            sender=sender,
            programme=programme_name(sender, self.settings.drafting.programme_name),
            careers_address=self.settings.drafting.careers_address,
            cc_forwarder=self.settings.drafting.cc_forwarder,
            coordinator_name=self.settings.drafting.coordinator_name,
        )


def templates_folder(settings: Settings) -> Path:
    """The coordinator's own templates (``drafting.templates_dir``), else the ones shipped with inboxbroker."""
    from inboxbroker.bundled import templates_dir

    return settings.drafting.templates_dir or templates_dir()


def month_of(now: datetime) -> Interval:
    start = now.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    end = (start + timedelta(days=32)).replace(day=1)
    return Interval(start, end)
