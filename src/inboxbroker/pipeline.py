"""One message through the pure stages — size check, parse, guards, unwrap, triage, extract — with its trace.

No I/O happens here: the runner hands in raw bytes and stores the ``Outcome``. Any stage that raises
turns into a quarantine reason naming the stage, so one bad message never stops a run.
Heavy libraries (scikit-learn, document parsers) load only when a message first needs them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inboxbroker.domain import Decision, Extraction, Label, Message, RequestState, Unwrapped
from inboxbroker.errors import InboxBrokerError, MessageError

if TYPE_CHECKING:
    from inboxbroker.drafting.invite import ItipReply
    from inboxbroker.mail.threads import ThreadIndex
    from inboxbroker.triage.classifier import Classifier

log = logging.getLogger(__name__)

# Labels whose details are worth extracting: the requester is a person we may answer.
EXTRACT_LABELS = frozenset({Label.INTERVIEW_REQUEST, Label.JOB_APPLICATION})


# Parser defects that mean the header block itself is broken (not just an odd part further down).
HEADER_DEFECTS = frozenset(
    {"MissingHeaderBodySeparatorDefect", "MisplacedEnvelopeHeaderDefect", "InvalidHeaderDefect"}
)


@dataclass(frozen=True)
class PipelineOptions:
    own_addresses: frozenset[str] = frozenset()
    threshold: float = 0.7
    possible_request: float = 0.3  # see _classify
    max_message_bytes: int = 50 << 20
    max_attachment_bytes: int = 20 << 20
    model_dir: Path | None = None
    extract_timeout_seconds: float = 20.0
    max_resume_pages: int = 50


@dataclass
class Outcome:
    """What the pipeline concluded about one message; ``trace`` is stored as JSON with it."""

    trace: dict[str, Any] = field(default_factory=dict)
    quarantine_reason: str | None = None
    message: Message | None = None
    unwrapped: Unwrapped | None = None
    decision: Decision | None = None
    extraction: Extraction | None = None
    request_state: RequestState | None = None
    calendar_reply: ItipReply | None = None  # a calendar client's answer to one of our invites

    @property
    def label(self) -> str | None:
        return self.decision.label.value if self.decision else None

    @property
    def subject(self) -> str:
        return self.message.subject if self.message else ""


class Pipeline:
    """The pure stages, configured once per run; the classifier is loaded on first use."""

    def __init__(
        self,
        options: PipelineOptions | None = None,
        threads: ThreadIndex | Callable[[], ThreadIndex] | None = None,
    ) -> None:
        self.options = options or PipelineOptions()
        # Our sent drafts, for recognising replies; a callable is asked on first use (a run with no new
        # mail never pays for it). None: no index, nothing is matched.
        self.threads = threads
        self._classifier: Classifier | None = None

    def thread_index(self) -> ThreadIndex | None:
        """Our sent drafts' threads, read from the store on first use."""
        if callable(self.threads):
            self.threads = self.threads()
        return self.threads

    @property
    def classifier(self) -> Classifier:
        if self._classifier is None:
            from inboxbroker.triage.persistence import load_classifier

            self._classifier = load_classifier(self.options.model_dir)
        return self._classifier

    def warm_up(self) -> None:
        """Load the model and import the stages now, before any message is in hand.

        The first message would otherwise carry that second of start-up: a process killed during it would
        count an attempt against a message that did nothing wrong (three such kills quarantine it).
        """
        import inboxbroker.extract.details
        import inboxbroker.mail.forwards
        import inboxbroker.mail.guards
        import inboxbroker.mail.parse  # noqa: F401

        _ = self.classifier
        self.thread_index()

    def process(self, raw: bytes, *, extract: bool | None = None) -> Outcome:
        """All stages; ``extract`` forces (True) or skips (False) extraction instead of deciding by label."""
        outcome = Outcome()
        stage = "intake"
        try:
            self._check_size(raw, outcome)
            stage = "parse"
            outcome.message = self._parse(raw, outcome)
            stage = "calendar"
            outcome.calendar_reply = self._calendar_reply(outcome.message, outcome)
            stage = "guards"
            outcome.decision = self._guard(outcome.message, outcome)
            if outcome.decision is not None and not extract:
                # Settled by rule (automated mail is never answered): seeing through a forward buys nothing.
                return outcome
            stage = "unwrap"
            outcome.unwrapped = self._unwrap(outcome.message, outcome)
            if outcome.decision is None and (threads := self.thread_index()) is not None:
                stage = "thread"
                outcome.decision = self._thread(outcome.message, threads, outcome)
            if outcome.decision is None:
                stage = "classify"
                outcome.decision = self._classify(outcome.unwrapped, outcome)
            outcome.request_state = self._request_state(outcome.decision)
            if extract or (extract is None and outcome.decision.label in EXTRACT_LABELS):
                stage = "extract"
                outcome.extraction = self._extract(outcome.unwrapped, outcome)
        except MessageError as exc:
            outcome.quarantine_reason = f"{stage}: {exc}"
        except InboxBrokerError:
            # Systemic (the model cannot load, the store is gone): stop the run and leave the message
            # `new` for the next one, rather than quarantine every message for a fault not its own.
            raise
        except Exception as exc:  # a bug or a hostile input in one stage must not stop the run
            log.exception("stage %s failed", stage)
            outcome.quarantine_reason = f"{stage}: {type(exc).__name__}: {exc}"
        if outcome.quarantine_reason:
            outcome.trace["quarantine"] = outcome.quarantine_reason
        return outcome

    # -- stages -------------------------------------------------------------------------------

    def _check_size(self, raw: bytes, outcome: Outcome) -> None:
        outcome.trace["size"] = len(raw)
        if len(raw) > self.options.max_message_bytes:
            raise MessageError(
                f"message is {len(raw):,} bytes, over limits.max_message_bytes "
                f"({self.options.max_message_bytes:,}); it is kept in the ledger"
            )
        if not raw.strip():
            raise MessageError("empty message")

    def _parse(self, raw: bytes, outcome: Outcome) -> Message:
        from inboxbroker.mail.parse import parse_failure, parse_message

        msg = parse_message(raw, max_attachment_bytes=self.options.max_attachment_bytes)
        outcome.trace["parse"] = {
            "message_id": msg.message_id,
            "subject": msg.subject,
            "from": str(msg.from_) if msg.from_ else None,
            "date": msg.date.isoformat() if msg.date else None,
            "attachments": [a.filename for a in msg.attachments],
            "embedded": len(msg.embedded),
            "defects": list(msg.defects[:20]),
        }
        if not msg.headers:
            # The parser's own reason when it gave up (nesting, an internal error) is the truthful one.
            raise MessageError(parse_failure(msg) or "not an email: no header block could be read")
        damaged = [d for d in msg.defects if d in HEADER_DEFECTS]
        if damaged and msg.from_ is None and msg.sender is None and not msg.reply_to:
            # A broken header block and nobody to attribute the request to: a person has to look at it.
            raise MessageError(
                f"malformed header block, the sender cannot be read ({', '.join(damaged[:3])})"
            )
        return msg

    def _calendar_reply(self, msg: Message, outcome: Outcome) -> ItipReply | None:
        """An iTIP REPLY (RFC 6047) among the parts: read whatever the label (clients send them bare)."""
        parts = [
            a for a in msg.attachments if a.declared_type == "text/calendar" and b"REPLY" in a.content[:4096]
        ]
        if not parts:
            return None
        from inboxbroker.drafting.invite import parse_itip_reply
        from inboxbroker.errors import CalendarReplyError

        try:
            reply = parse_itip_reply(parts[0].content)
        except CalendarReplyError as exc:
            # A calendar part we cannot read costs only the calendar answer, never the message.
            outcome.trace["calendar"] = {"unreadable": str(exc)[:300]}
            return None
        outcome.trace["calendar"] = {
            "uid": reply.uid,
            "attendee": reply.attendee_email,
            "partstat": reply.partstat,
        }
        return reply

    def _guard(self, msg: Message, outcome: Outcome) -> Decision | None:
        from inboxbroker.mail.guards import check_automated

        decision = check_automated(msg, own_addresses=self.options.own_addresses)
        outcome.trace["guards"] = list(decision.reasons) if decision else []
        return decision

    def _unwrap(self, msg: Message, outcome: Outcome) -> Unwrapped:
        from inboxbroker.mail.forwards import unwrap_forward

        unwrapped = unwrap_forward(msg)
        original = unwrapped.original
        outcome.trace["unwrap"] = {
            "kind": unwrapped.kind,
            "depth": unwrapped.depth,
            "forwarder": str(unwrapped.forwarder) if unwrapped.forwarder else None,
            "requester": str(original.sender) if original.sender else None,
            "subject": original.subject,
            "note": unwrapped.note[:500],
        }
        return unwrapped

    def _thread(self, msg: Message, threads: ThreadIndex, outcome: Outcome) -> Decision | None:
        from inboxbroker.mail.quotes import split_reply
        from inboxbroker.mail.threads import match_thread

        match = match_thread(msg, threads)
        if match is None:
            return None
        reply = split_reply(msg.text)
        outcome.trace["thread"] = {
            "request_id": match.request_id,
            "strength": match.strength,
            "reason": match.reason,
            "new_text": reply.new[:2000],
        }
        # A header hit is certain; a subject-and-participant match is a strong hint for the reviewer.
        probability = 1.0 if match.strength == "strong" else 0.8
        return Decision(Label.THREAD_REPLY, probability, (f"thread: {match.reason}",), source="rule")

    def _classify(self, unwrapped: Unwrapped, outcome: Outcome) -> Decision:
        decision = self.classifier.classify(unwrapped)
        outcome.trace["classify"] = {
            "label": decision.label.value,
            "probability": round(decision.probability, 4),
            "reasons": list(decision.reasons),
            "model_version": decision.model_version,
        }
        return self._possible_request(decision, outcome)

    def _possible_request(self, decision: Decision, outcome: Outcome) -> Decision:
        """Mail labelled other with a real chance of being a request: one for a person to look at, never drafted.

        A request in a language or wording the model knows little of scores "other 0.55, request 0.42"; filed
        as other, that person would never hear back. As a request below the threshold it waits in
        needs_triage. On SpamAssassin's 6,046 messages a floor of 0.3 sends 8 there (0.13%), drafts none.
        """
        chance = decision.request_probability
        floor = self.options.possible_request
        if decision.label is not Label.OTHER or chance is None or floor <= 0 or chance < floor:
            return decision
        outcome.trace["classify"]["possible_request"] = round(chance, 4)
        reason = f"possibly a request: other {decision.probability:.2f}, interview_request {chance:.2f}"
        return replace(
            decision,
            label=Label.INTERVIEW_REQUEST,
            probability=min(chance, self.options.threshold - 1e-6),
            reasons=(reason, *decision.reasons),
        )

    def _request_state(self, decision: Decision) -> RequestState | None:
        if decision.label is not Label.INTERVIEW_REQUEST:
            return None
        if decision.probability < self.options.threshold:
            return RequestState.NEEDS_TRIAGE
        return RequestState.NEW

    def _extract(self, unwrapped: Unwrapped, outcome: Outcome) -> Extraction:
        from inboxbroker.extract.details import ExtractLimits, extract_all
        from inboxbroker.extract.fields import extraction_to_json

        result = extract_all(
            unwrapped,
            ExtractLimits(
                max_attachment_bytes=self.options.max_attachment_bytes,
                max_pages=self.options.max_resume_pages,
                timeout_seconds=self.options.extract_timeout_seconds,
            ),
        )
        detail = extraction_to_json(result.extraction, file="", label=outcome.label)
        detail.pop("file", None)
        detail["notes"] = list(result.notes)
        detail["confidence"] = result.extraction.confidence
        outcome.trace["extract"] = detail
        return result.extraction
