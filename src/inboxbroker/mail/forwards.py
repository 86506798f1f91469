"""See through a forward: who really asked, who forwarded it, and what the forwarder added.

Managers forward requests to the shared mailbox in every way their client allows: as an attachment
(message/rfc822 or a .eml file), or inline, where the client writes the original's headers into the body
(Gmail's "---------- Forwarded message ---------", Outlook's From/Sent/To/Subject block, Apple Mail's
"Begin forwarded message:", Thunderbird's table, Yahoo's one-line block, in many languages). This module
finds those blocks, follows forwards of forwards down to the innermost original, and never raises: a
message it cannot read as a forward is returned as a direct one.

Label words, separators, prefixes and the readers of address and date values live in ``forward_headers``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from inboxbroker.domain import Address, Message, Original, Unwrapped
from inboxbroker.mail.forward_headers import (
    LABEL_ALTERNATION,
    NEUTRAL_SEPARATOR_RE,
    field_for_label,
    is_forward_prefix,
    is_reply_prefix,
    may_hold_forward_block,
    parse_addresses,
    parse_date,
    separator_end,
    subject_prefixes,
)
from inboxbroker.mail.quotes import is_mobile_signature

__all__ = [
    "InlineForward",
    "has_forward_prefix",
    "original_subject",
    "parse_inline_forward",
    "unwrap_forward",
]

# Deep enough for any real chain, small enough that a hostile message cannot make us loop for long.
MAX_DEPTH = 12


@dataclass(frozen=True)
class InlineForward:
    """An inline forward read from a body. ``sender.email`` is "" when the block showed only a name."""

    note: str  # what the forwarder wrote above the forward
    sender: Address | None
    date: datetime | None  # timezone-aware, or None when the block gave no offset
    subject: str
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    body: str
    depth: int  # inline forward blocks followed to reach this original (1 = a plain forward)
    style: str  # "separator" | "header_block" | "attribution"

    @property
    def sender_email(self) -> str | None:
        return self.sender.email if self.sender and self.sender.email else None


@dataclass
class _Block:
    start: int  # first line of the block (its separator line, or its first header line)
    body_start: int  # first line after the headers
    quote: int  # how many ">" levels the block's lines carry
    fields: dict[str, str]
    explicit: bool  # announced by a "forwarded message" separator


_QUOTE_RE = re.compile(r"^((?:[ \t]*>)+)[ \t]?")
# The label is looked up in a dict (field_for_label), not matched by alternation: this runs on every line.
_LABEL_LINE_RE = re.compile(
    r"^\s*(?:\*\*?|<b>)?(?P<label>[^\W\d_][^:：*<\n]{0,30}?)\s*(?:\*\*?|</b>)?\s*[:：](?:\*\*?|</b>)?"
    r"[ \t]*(?P<value>.*)$"
)
# Yahoo writes the whole block on the separator's line with no breaks: "From: a <a@x>To: b@yCc: …".
_INLINE_LABEL_RE = re.compile(rf"(?P<label>{LABEL_ALTERNATION})\s?[:：]")
# Some Yahoo locales lose the colon after a label glued to the previous value ("…CETAssunto x").
_GLUED_LABEL_RE = re.compile(rf"(?<=[^\s:])(?P<label>{LABEL_ALTERNATION})(?= )")
_ATTRIBUTION_EMAIL_RE = re.compile(r"[<(]?\s*<?([\w.+'-]+@[\w-]+(?:\.[\w-]+)+)>?\s*[>)]?")
_ATTRIBUTION_NOISE = re.compile(
    r"\b(?:On|Am|Le|El|Il giorno|Em|Op|Den|D\.|Dne|Dnia|heeft|schrieb|skrev|wrote|a écrit|escribió|"
    r"ha scritto|escreveu|geschreven|följande|følgende|den|napsal\(a\)|napisał|kirjoitti|"
    r"użytkownik|používateľ|napísal|"
    r"időpontban|ezt írta|пользователь|написал|tarihinde|şunu yazdı|at)\b",
    re.IGNORECASE,
)


def _unquote(line: str) -> tuple[int, str]:
    match = _QUOTE_RE.match(line)
    if not match:
        return 0, line
    return match.group(1).count(">"), line[match.end() :]


def _label_line(text: str) -> tuple[str, str] | None:
    head = text[:48]
    if ":" not in head and "：" not in head:
        return None  # plain string test first: most body lines are prose and this runs on each
    match = _LABEL_LINE_RE.match(text)
    if not match:
        return None
    fieldname = field_for_label(match.group("label"))
    return (fieldname, match.group("value").strip()) if fieldname else None


def _is_separator(text: str) -> bool:
    """A line announcing a forward in words, short enough not to be a sentence mentioning one."""
    stripped = text.strip()
    if not stripped or len(stripped) >= 90:
        return False
    # cheap gates before the regex: separators are dashed, end in ":" or are a few words long
    if stripped[0] not in "-_*=>" and not stripped.endswith((":", "：")) and stripped.count(" ") > 5:
        return False
    return separator_end(text) is not None


def _yahoo_fields(text: str) -> dict[str, str]:
    """Split "----- Forwarded Message ----- From: …To: …Subject: …" into fields."""
    end = separator_end(text)
    rest = text[end:] if end is not None else text
    rest = rest.lstrip(" -:")
    found = [m for m in _INLINE_LABEL_RE.finditer(rest) if field_for_label(m.group("label"))]
    have = {field_for_label(m.group("label")) for m in found}
    glued = [
        m
        for m in _GLUED_LABEL_RE.finditer(rest)
        if len(m.group("label")) > 1
        and field_for_label(m.group("label")) not in have
        and not any(f.start() <= m.start() < f.end() for f in found)
    ]
    found = sorted(found + glued, key=lambda m: m.start())
    fields: dict[str, str] = {}
    for i, label in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(rest)
        fieldname = field_for_label(label.group("label"))
        if fieldname and fieldname not in fields:
            fields[fieldname] = rest[label.end() : end].strip()
    return fields


def _read_headers(lines: list[str], i: int, quote: int) -> tuple[dict[str, str], int]:
    """Consecutive "Label: value" lines from line i; folded (indented) lines continue a value."""
    fields: dict[str, str] = {}
    last: str | None = None
    while i < len(lines):
        level, text = _unquote(lines[i])
        if level != quote and text.strip():
            break
        parsed = _label_line(text)
        if parsed:
            fieldname, value = parsed
            last = fieldname
            if fieldname not in fields:
                fields[fieldname] = value
        elif last and text[:1] in " \t" and text.strip() and "@" in text:
            fields[last] = f"{fields[last]} {text.strip()}"
        else:
            break
        i += 1
    return fields, i


def _find_block(lines: list[str], start: int) -> _Block | None:
    """The first forward block at or after line ``start``."""
    i = start
    while i < len(lines):
        quote, text = _unquote(lines[i])
        yahoo_line = len(text) >= 90 and text.lstrip()[:1] == "-" and separator_end(text) is not None
        if _is_separator(text) or yahoo_line:
            yahoo = _yahoo_fields(text) if yahoo_line else {}
            if yahoo.get("from"):
                return _Block(i, i + 1, quote, yahoo, explicit=True)
            j = i + 1
            while j < len(lines) and j <= i + 3 and not _unquote(lines[j])[1].strip():
                j += 1  # Thunderbird and Apple leave blank (or bare ">") lines after the separator
            if j < len(lines):
                inner_quote = _unquote(lines[j])[0]
                fields, end = _read_headers(lines, j, inner_quote)
                if "from" in fields:
                    return _Block(i, end, inner_quote, fields, explicit=True)
                # Gmail's "Forwarded Conversation" puts the subject and a rule before the first message.
                later = _find_block(lines[: min(len(lines), end + 6)], end)
                if later is not None and not later.explicit:
                    return _Block(i, later.body_start, later.quote, {**fields, **later.fields}, explicit=True)
        elif _label_line(text):
            fields, end = _read_headers(lines, i, quote)
            # A lone "Date:" line in prose is not a block: ask for a sender and one more header.
            if "from" in fields and len(fields) >= 2:
                top = i - 1 if i > 0 and NEUTRAL_SEPARATOR_RE.match(_unquote(lines[i - 1])[1]) else i
                return _Block(top, end, quote, fields, explicit=False)
            i = max(end, i + 1)
            continue
        i += 1
    return None


def _body_from(lines: list[str], start: int, quote: int) -> str:
    out: list[str] = []
    for line in lines[start:]:
        level, text = _unquote(line)
        out.append(text if level >= quote and quote else line)
    return "\n".join(out).strip()


def _forward_in_subject(subject: str | None) -> bool:
    prefixes, _ = subject_prefixes(subject or "")
    return any(is_forward_prefix(p) for p in prefixes)


def _reply_subject(subject: str | None) -> bool:
    prefixes, _ = subject_prefixes(subject or "")
    return bool(prefixes) and is_reply_prefix(prefixes[0]) and not any(is_forward_prefix(p) for p in prefixes)


def has_forward_prefix(subject: str | None) -> bool:
    """Whether a subject says it was forwarded (FW:/Fwd:/TR:/WG:/RV:/…). A weak signal on its own."""
    return _forward_in_subject(subject)


def original_subject(subject: str) -> str:
    """A subject with every reply and forward prefix peeled off ("RE: Fwd: TR: x" → "x")."""
    return subject_prefixes(subject)[1]


def _attribution(lines: list[str]) -> tuple[int, int, Address] | None:
    """An "On <date>, Name <email> wrote:" line (possibly over two lines), as Outlook for Mac forwards."""
    for i, line in enumerate(lines[:60]):
        text = line.strip().lstrip("\ufeff")
        joined = text
        end = i + 1
        if text and not text.endswith(":") and i + 1 < len(lines) and lines[i + 1].strip().endswith(":"):
            joined, end = f"{text} {lines[i + 1].strip()}", i + 2
        if not joined.endswith(":") or "@" not in joined or not re.search(r"\d", joined):
            continue
        email_match = _ATTRIBUTION_EMAIL_RE.search(joined)
        if not email_match:
            continue
        before = joined[: email_match.start()]
        quoted = re.findall(r"[\"“„«]\s*([^\"“”„«»]+?)\s*[\"”»]", before)
        if quoted:
            name = quoted[-1]
        else:
            name = _ATTRIBUTION_NOISE.sub(" ", before.split(",")[-1])
            name = re.sub(r"[\d/:.]+", " ", name).strip(" ,\"'")
        name = re.sub(r"\s+", " ", name).strip()
        return i, end, Address(name=name, email=email_match.group(1).lower())
    return None


def parse_inline_forward(body: str, subject: str | None = None) -> InlineForward | None:
    """Read an inline forward from a message body, or None when the body is not one.

    ``subject`` is the forwarding message's subject when known: it supplies the original subject when
    the block lacks one, tells a reply's quoted Outlook header block apart from a forward's, and makes an
    "On … wrote:" line count as a forward when the subject says FW:. Never raises.
    """
    try:
        return _parse_inline(body, subject)
    except Exception:  # a body is hostile input; a miss is better than a crash in the pipeline
        return None


def _parse_inline(body: str, subject: str | None) -> InlineForward | None:
    text = body
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\ufeff" in text:
        text = text.replace("\ufeff", "")
    if "\u00a0" in text:
        text = text.replace("\u00a0", " ")
    if not may_hold_forward_block(text):
        # Most mail: no line can open a block, so only an "On … wrote:" under a FW: subject is left.
        return _parse_attribution(text.split("\n"), subject) if _forward_in_subject(subject) else None
    lines = text.split("\n")
    first = _find_block(lines, 0)
    if first is None:
        return _parse_attribution(lines, subject)
    explicit_anywhere = first.explicit or any(
        _is_separator(_unquote(line)[1]) for line in lines[first.start :]
    )
    if not explicit_anywhere and _reply_subject(subject):
        return None  # Outlook quotes the replied-to message with the same header block
    chain = [first]
    while len(chain) < MAX_DEPTH:
        current = chain[-1]
        nxt = _find_block(lines, current.body_start)
        if nxt is None:
            break
        between = "\n".join(_unquote(line)[1] for line in lines[current.body_start : nxt.start]).strip()
        # Follow a forward of a forward; stop at a message whose own history (replies) follows it.
        if _forward_in_subject(current.fields.get("subject")) or (
            not between and not current.fields.get("subject")
        ):
            chain.append(nxt)
        else:
            break
    inner = chain[-1]
    fields = inner.fields
    senders = parse_addresses(fields.get("from", ""))
    found_subject = fields.get("subject", "").strip()
    if not found_subject:
        for block in reversed(chain[:-1]):
            if block.fields.get("subject"):
                found_subject = original_subject(block.fields["subject"])
                break
        else:
            found_subject = original_subject(subject or "")
    note_lines = [_unquote(line)[1] for line in lines[: first.start]]
    return InlineForward(
        note=_clean_note("\n".join(note_lines)),
        sender=senders[0] if senders else None,
        date=parse_date(fields.get("date", "")),
        subject=found_subject,
        to=parse_addresses(fields.get("to", "")),
        cc=parse_addresses(fields.get("cc", "")),
        body=_body_from(lines, inner.body_start, inner.quote),
        depth=len(chain),
        style="separator" if inner.explicit else "header_block",
    )


def _parse_attribution(lines: list[str], subject: str | None) -> InlineForward | None:
    if not _forward_in_subject(subject):
        return None  # without FW: in the subject an "On … wrote:" line is a reply's quote
    found = _attribution(lines)
    if found is None:
        return None
    start, end, sender = found
    body_lines = lines[end:]
    indent = min((len(x) - len(x.lstrip(" ")) for x in body_lines if x.strip()), default=0)
    body = "\n".join(_unquote(x[indent:])[1] for x in body_lines).strip()
    return InlineForward(
        note=_clean_note("\n".join(lines[:start])),
        sender=sender,
        date=None,
        subject=original_subject(subject or ""),
        to=(),
        cc=(),
        body=body,
        depth=1,
        style="attribution",
    )


def _clean_note(note: str) -> str:
    """The manager's words: without the separator below them or the line their phone appended."""
    kept = note.rstrip().split("\n")
    while kept and (
        NEUTRAL_SEPARATOR_RE.match(kept[-1]) or not kept[-1].strip() or is_mobile_signature(kept[-1])
    ):
        kept.pop()
    return "\n".join(kept).strip()


# --- whole messages ----------------------------------------------------------------------------------------


def _direct(msg: Message, *, subject: str | None = None, message: Message | None = None) -> Original:
    """``msg`` as the original itself (a direct message, or an attached one read as it stands)."""
    return Original(
        sender=msg.from_,
        to=msg.to,
        cc=msg.cc,
        date=msg.date,
        subject=msg.subject if subject is None else subject,
        body=msg.text,
        attachments=msg.attachments,
        message=message,
    )


def _is_report(msg: Message) -> bool:
    """Bounces and receipts carry the returned message as message/rfc822; that is not a forward."""
    content_type = (msg.header("Content-Type") or "").lower()
    return content_type.startswith("multipart/report")


def unwrap_forward(msg: Message) -> Unwrapped:
    """See ``msg`` through its forwards (attached first, then inline). Pure; never raises."""
    try:
        return _unwrap(msg, 0)
    except Exception:  # any surprise in hostile mail: treat it as a direct message rather than lose it
        return Unwrapped(msg, _direct(msg), False, None, "", 0, "direct")


def _looks_forwarded(msg: Message) -> bool:
    """Below the top level an attached message is only followed when it is itself a bare forward;
    a message with its own text that carries an .eml is sending that file as an annex."""
    own_text = re.sub(r"\[(?:image|cid):[^\]]*\]", "", msg.text).strip()
    return has_forward_prefix(msg.subject) or not own_text


def _unwrap(msg: Message, level: int) -> Unwrapped:
    follow = level == 0 or _looks_forwarded(msg)
    if msg.embedded and follow and not _is_report(msg) and level < MAX_DEPTH:
        inner_msg = msg.embedded[0]
        inner = _unwrap(inner_msg, level + 1)
        if inner.is_forward:
            original, depth = inner.original, inner.depth + 1
        else:
            subject = inner_msg.subject or original_subject(msg.subject)
            original, depth = _direct(inner_msg, subject=subject, message=inner_msg), 1
        return Unwrapped(msg, original, True, msg.from_, _clean_note(msg.text), depth, "attached")
    inline = parse_inline_forward(msg.text, msg.subject)
    if inline is None:
        return Unwrapped(msg, _direct(msg), False, None, "", 0, "direct")
    original = Original(
        sender=inline.sender,
        to=inline.to,
        cc=inline.cc,
        date=inline.date,
        subject=inline.subject,
        body=inline.body,
        attachments=msg.attachments,  # an inline forward carries the original's files as its own
        message=None,
    )
    return Unwrapped(msg, original, True, msg.from_, inline.note, inline.depth, "inline")
