"""Decide how to answer one request: which template, which interviewer, which slots — and say why.

Pure: the caller hands in the request's facts, each interviewer's load and busy time, and the clock. The
result names the rule that chose the template, so a coordinator sees why a draft says what it says:

1. a job application → ``redirect_application`` (to the careers address);
2. no name to address, or no topic and nothing in the request that matches an interviewer → ``ask_details``;
3. nobody has capacity left this month → ``decline_capacity`` (never an over-booked interviewer);
4. the matched interviewer has exactly one free slot to offer → ``confirm_slot`` with the invite at once;
5. otherwise → ``propose_slots`` (2–3 slots, inside the requester's own proposals where they gave some).

A request that cannot be answered this way (no free slot at all, no careers address for an application)
becomes ``Unanswerable`` with the reason, for the coordinator to see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from inboxbroker.domain import Interval
from inboxbroker.scheduling.matching import Candidate, Match, RequestSubject, match_interviewer
from inboxbroker.scheduling.slots import SlotRules, free_time, propose_slots
from inboxbroker.settings.values import WorkingWindow


@dataclass(frozen=True)
class RequestFacts:
    """What drafting knows about one request (from the store and the unwrapped original)."""

    label: str  # interview_request | job_application
    requester_name: str | None
    requester_email: str | None
    forwarded_by: str | None  # the forwarding manager's email
    topic: str | None
    role: str | None
    organization: str | None
    body: str
    duration_minutes: int | None
    proposed: tuple[Interval, ...] = ()


@dataclass(frozen=True)
class InterviewerTime:
    """One interviewer as drafting sees them: capacity, hours and everything that already takes their time."""

    email: str
    name: str
    topics: tuple[str, ...]
    timezone: str
    windows: tuple[WorkingWindow, ...]
    capacity: int
    used: int
    booked: tuple[Interval, ...] = ()
    held: tuple[Interval, ...] = ()


@dataclass(frozen=True)
class Answer:
    template: str
    rule: str
    interviewer: str | None = None  # email
    match_reason: str | None = None
    slots: tuple[Interval, ...] = ()
    duration: timedelta = timedelta(minutes=30)
    missing: tuple[str, ...] = field(default=())

    @property
    def sends_invite(self) -> bool:
        return self.template == "confirm_slot"


@dataclass(frozen=True)
class Unanswerable:
    reason: str


@dataclass(frozen=True)
class Limits:
    """The ``[scheduling]`` settings as plain values."""

    default_minutes: int = 30
    min_minutes: int = 15
    max_minutes: int = 60
    buffer_minutes: int = 15
    notice_hours: int = 24
    horizon_days: int = 14
    slots: int = 3
    step_minutes: int = 30

    def rules(self, requested_minutes: int | None) -> SlotRules:
        minutes = requested_minutes or self.default_minutes
        minutes = max(self.min_minutes, min(self.max_minutes, minutes))
        return SlotRules(
            duration=timedelta(minutes=minutes),
            buffer=timedelta(minutes=self.buffer_minutes),
            notice=timedelta(hours=self.notice_hours),
            horizon=timedelta(days=self.horizon_days),
            step=timedelta(minutes=self.step_minutes),
            count=self.slots,
        )


def choose_template(facts: RequestFacts, *, careers_address: str | None) -> Answer | Unanswerable | None:
    """The answers that need no interviewer; None when the request goes on to matchmaking."""
    if facts.label == "job_application":
        if not careers_address:
            return Unanswerable(
                "a job application, and drafting.careers_address is not set to redirect it to"
            )
        return Answer("redirect_application", "a job application: pointed to the careers address")
    if not facts.requester_name:
        missing = ("name",) if facts.topic else ("name", "topic")
        return Answer(
            "ask_details", f"no {' and no '.join(missing)} to go on: asked for them", missing=missing
        )
    return None


def needs_topic(facts: RequestFacts, match: Match) -> Answer | None:
    """Ask what they want to learn about when neither a topic nor the text matches anyone's topics.

    A request forwarded by an interviewer never needs it: the manager chose the host.
    """
    if facts.topic or match.score > 0 or (facts.forwarded_by or "").lower() == match.email.lower():
        return None
    rule = "no topic, and nothing in the request matches an interviewer's topics: asked for one"
    return Answer("ask_details", rule, missing=("topic",))


def choose_interviewer(facts: RequestFacts, people: Sequence[InterviewerTime]) -> Match | None:
    candidates = [Candidate(p.email, p.name, p.topics, p.capacity, p.used) for p in people]
    subject = RequestSubject(facts.topic, facts.role, facts.organization, facts.body)
    return match_interviewer(subject, candidates, forwarded_by=facts.forwarded_by)


def plan_slots(
    facts: RequestFacts,
    host: InterviewerTime,
    busy: Sequence[Interval],
    *,
    now: datetime,
    limits: Limits,
) -> tuple[tuple[Interval, ...], timedelta]:
    """Free slots of ``host`` for this request (requester's proposals first), and the length used."""
    rules = limits.rules(facts.duration_minutes)
    zone = ZoneInfo(host.timezone)
    free = free_time(
        windows=host.windows, tz=zone, busy=busy, booked=host.booked, held=host.held, now=now, rules=rules
    )
    return tuple(propose_slots(free, rules, tz=zone, proposed=facts.proposed)), rules.duration


def answer_with_slots(match: Match, slots: Sequence[Interval], duration: timedelta) -> Answer | Unanswerable:
    if not slots:
        return Unanswerable(f"{match.name} has no free slot of {_minutes(duration)} within the horizon")
    template = "confirm_slot" if len(slots) == 1 else "propose_slots"
    rule = (
        "one free slot: confirmed with an invite" if len(slots) == 1 else f"{len(slots)} free slots proposed"
    )
    return Answer(template, rule, match.email, match.reason, tuple(slots), duration)


def decline(people: Sequence[InterviewerTime]) -> Answer:
    booked = ", ".join(f"{p.name} {p.used}/{p.capacity}" for p in people) or "no interviewers"
    return Answer("decline_capacity", f"nobody has capacity left this month ({booked})")


def _minutes(duration: timedelta) -> str:
    return f"{int(duration.total_seconds() // 60)} minutes"
