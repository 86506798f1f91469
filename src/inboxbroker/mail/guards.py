"""Never reply to automated mail: RFC 3834 auto-submitted, bulk and list mail, bounces, auto-replies, loops.

Each rule is a small named function with a description (Mailman style); ``check_automated`` runs them in
order and the first that fires becomes the Decision, its reason naming the rule so the trace shows why.
Pure: looks only at the parsed ``Message``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from inboxbroker.domain import Decision, Label, Message

__all__ = ["RULES", "Context", "Rule", "check_automated", "is_bounce", "is_bulk"]


@dataclass(frozen=True)
class Context:
    """What a rule may know besides the message: our own addresses and loop header name."""

    own_addresses: frozenset[str]
    loop_header: str


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    check: Callable[[Message, Context], str | None]  # a detail when the rule fires, else None


def _auto_submitted(msg: Message, ctx: Context) -> str | None:
    value = (msg.header("Auto-Submitted") or "").strip()
    keyword = value.split(";", 1)[0].strip().lower()
    return f"Auto-Submitted: {value}" if keyword and keyword != "no" else None


def _precedence(msg: Message, ctx: Context) -> str | None:
    value = (msg.header("Precedence") or "").strip().lower()
    return f"Precedence: {value}" if value in ("bulk", "list", "junk", "auto_reply") else None


_LIST_HEADERS = ("List-Id", "List-Unsubscribe", "List-Post")


def _mailing_list(msg: Message, ctx: Context) -> str | None:
    for name in _LIST_HEADERS:
        if msg.header(name) is not None:
            return f"{name} header present"
    return None


_REPORT_TYPES = ("message/delivery-status", "message/disposition-notification", "message/feedback-report")


def _delivery_report(msg: Message, ctx: Context) -> str | None:
    content_type = (msg.header("Content-Type") or "").lower()
    if content_type.startswith("multipart/report"):
        kind = re.search(r"report-type\s*=\s*\"?([\w-]+)", content_type)
        return f"multipart/report ({kind.group(1) if kind else 'unknown'})"
    for attachment in msg.attachments:
        if attachment.declared_type in _REPORT_TYPES:
            return f"{attachment.declared_type} part"
    return None


_DAEMON_LOCALPARTS = frozenset({"mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon"})


def _daemon_sender(msg: Message, ctx: Context) -> str | None:
    for address in _senders(msg):
        local = address.split("@", 1)[0]
        if local in _DAEMON_LOCALPARTS:
            return f"sender {address}"
    return_path = (msg.header("Return-Path") or "").strip()
    if return_path.replace(" ", "") == "<>" and _looks_like_bounce_subject(msg.subject):
        return "null Return-Path with a bounce subject"
    return None


_BOUNCE_SUBJECT = re.compile(
    r"^(undeliver|undelivered mail|delivery status notification|delivery (has )?fail|"
    r"mail delivery fail|returned mail|failure notice|non[- ]?remis|unzustellbar)",
    re.IGNORECASE,
)


def _looks_like_bounce_subject(subject: str) -> bool:
    return bool(_BOUNCE_SUBJECT.match(subject.strip()))


def _autoreply_headers(msg: Message, ctx: Context) -> str | None:
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder"):
        value = msg.header(name)
        if value is not None and value.strip().lower() not in ("no", "false", "0"):
            return f"{name}: {value.strip()[:60]}"
    suppress = msg.header("X-Auto-Response-Suppress") or ""
    tokens = {t.strip().lower() for t in suppress.split(",")}
    if tokens & {"all", "oof"}:
        return f"X-Auto-Response-Suppress: {suppress.strip()[:60]}"
    return None


# Outlook/Exchange and common clients, in the languages a shared inbox meets. Anchored at the start
# (after an optional "Re:"-style prefix) so a human's "about my out of office" mid-subject does not fire.
_OOO_SUBJECT = re.compile(
    r"^\s*(?:(?:re|aw|sv|vs|fw|fwd|wg|tr|rv)\s*:\s*)?\[?\s*(?:"
    r"out of (?:the )?office|automatic reply|auto(?:matic)?[- ]?reply|autoreply|auto[- ]?response|"
    r"away from (?:the|my) office|on vacation|vacation reply|"
    r"abwesenheitsnotiz|automatische antwort|abwesend|"
    r"réponse automatique|reponse automatique|absence du bureau|absent du bureau|"
    r"respuesta automática|respuesta automatica|fuera de la oficina|"
    r"risposta automatica|fuori ufficio|"
    r"resposta automática|resposta automatica|ausente do escritório|"
    r"automatisch antwoord|afwezig|"
    r"autosvar|automatisk svar|fraværende|frånvaro|"
    r"automaattinen vastaus|poissa|"
    r"automatyczna odpowiedź|odpowiedź automatyczna|"
    r"automatická odpověď|"
    r"otomatik yanıt|"
    r"自动回复|自動回覆|自動応答|不在"
    r")",
    re.IGNORECASE,
)


def _out_of_office(msg: Message, ctx: Context) -> str | None:
    if _OOO_SUBJECT.match(msg.subject):
        return f"subject {msg.subject[:80]!r}"
    # Not X-MS-Exchange-Inbox-Rules-Loop: Exchange also sets it when a manager's inbox rule forwards a
    # request to us, which is exactly the mail this tool exists for.
    if (msg.header("X-Mailer") or "").strip().lower().startswith("microsoft exchange server autoresponder"):
        return "X-Mailer: Exchange autoresponder"
    return None


_NOREPLY = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|noreply|bounces?|notifications?)(?:[-+_.].*)?$"
)


def _noreply_sender(msg: Message, ctx: Context) -> str | None:
    for address in _senders(msg):
        if _NOREPLY.match(address.split("@", 1)[0]):
            return f"sender {address}"
    return None


def _from_ourselves(msg: Message, ctx: Context) -> str | None:
    own = {a.lower() for a in ctx.own_addresses}
    if msg.from_ is not None and msg.from_.email in own:
        return f"From is our own address {msg.from_.email}"
    return None


def _our_loop_header(msg: Message, ctx: Context) -> str | None:
    value = msg.header(ctx.loop_header)
    return f"{ctx.loop_header}: {value.strip()[:60]}" if value is not None else None


def _senders(msg: Message) -> list[str]:
    found = [a.email for a in (msg.from_, msg.sender) if a is not None]
    return_path = (msg.header("Return-Path") or "").strip().strip("<>").lower()
    if return_path:
        found.append(return_path)
    return found


RULES: tuple[Rule, ...] = (
    Rule("loop", "carries our own loop header: a reply we sent came back", _our_loop_header),
    Rule("own-address", "sent from one of our own addresses", _from_ourselves),
    Rule("auto-submitted", "RFC 3834 Auto-Submitted other than 'no'", _auto_submitted),
    Rule("precedence", "Precedence: bulk, list or junk", _precedence),
    Rule("mailing-list", "RFC 2369/2919 list headers (List-Id, List-Unsubscribe, List-Post)", _mailing_list),
    Rule("delivery-report", "a delivery-status, MDN or feedback report", _delivery_report),
    Rule("mailer-daemon", "sent by MAILER-DAEMON/postmaster, or a null-sender bounce", _daemon_sender),
    Rule(
        "autoreply-header",
        "X-Autoreply/X-Autorespond, or X-Auto-Response-Suppress All/OOF",
        _autoreply_headers,
    ),
    Rule(
        "out-of-office", "an out-of-office or automatic reply (subject or Exchange headers)", _out_of_office
    ),
    Rule("noreply-sender", "sent from a noreply/donotreply address", _noreply_sender),
)


def check_automated(
    msg: Message,
    *,
    own_addresses: frozenset[str] = frozenset(),
    loop_header: str = "X-Inboxbroker-Loop",
) -> Decision | None:
    """The AUTOMATED decision of the first rule that fires, or None when the message looks human."""
    ctx = Context(own_addresses=own_addresses, loop_header=loop_header)
    for rule in RULES:
        detail = rule.check(msg, ctx)
        if detail is not None:
            return Decision(
                label=Label.AUTOMATED,
                probability=1.0,
                reasons=(f"{rule.name}: {detail}",),
                source="rule",
            )
    return None


def is_bulk(msg: Message) -> bool:
    """Precedence bulk/list/junk or mailing-list headers."""
    ctx = Context(frozenset(), "")
    return _precedence(msg, ctx) is not None or _mailing_list(msg, ctx) is not None


def is_bounce(msg: Message) -> bool:
    """A delivery report or a message from MAILER-DAEMON/postmaster."""
    ctx = Context(frozenset(), "")
    return _delivery_report(msg, ctx) is not None or _daemon_sender(msg, ctx) is not None
