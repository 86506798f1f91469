"""Split a reply into what the sender newly wrote, the quoted history below it, and their signature.

Used on thread replies (a requester answering our draft), where only the new text matters. Forward
blocks are not quotes: a "Forwarded message" separator stops the search, because ``forwards.py``
decides about forwards first and its original must not be thrown away as history.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inboxbroker.mail.forward_headers import FORWARD_PHRASE_RE, NEUTRAL_SEPARATOR_RE, field_for_label

__all__ = ["ReplyParts", "is_mobile_signature", "split_reply"]


@dataclass(frozen=True)
class ReplyParts:
    new: str
    quoted: str
    signature: str


# "On <date>, <name> wrote:" and its translations; the date and name vary, the verb does not.
_WROTE = (
    r"wrote|schrieb|a écrit|escribió|ha scritto|escreveu|schreef|geschreven|skrev|kirjoitti|napisał|"
    r"napsal(?:\(a\))?|napísal|írta|написал|написала|написав|yazdı|a scris|je napisao"
)
_ATTRIBUTION_RE = re.compile(rf"^.{{0,200}}\b(?:{_WROTE})\b[^:\n]{{0,40}}:\s*$", re.IGNORECASE)
_OUTLOOK_LABEL_RE = re.compile(r"^\s*\*?([^\W\d_][^:：]{0,25}?)\*?\s*[:：]")
# The line a phone or a mail app adds under what was typed, in the languages above; some add their link.
_MOBILE_RE = re.compile(
    r"^\s*(?:Sent from my [\w ]{1,40}|Sent (?:from|via) (?:Samsung Mobile|the Samsung [\w ]{1,30})|"
    r"Sent from (?:Outlook|Mail) for \w+|Get Outlook for \w+|Von meinem [\w ]{1,30} gesendet|"
    r"Envoyé de mon \w+|Enviado desde mi \w+|Enviado do meu \w+|Inviato da(?: mio)? \w+|"
    r"Verzonden (?:vanaf|met) (?:mijn )?\w+|Skickat från (?:min )?\w+|Wysłane z (?:mojego )?[\w']+|"
    r"Sent from Yahoo Mail.*)\s*[.!]?\s*(?:<[^<>\s]*>|\[[^\]\s]*\])?\s*$",
    re.IGNORECASE,
)


def is_mobile_signature(line: str) -> bool:
    """Whether ``line`` is what a phone or mail app appends ("Sent from my iPhone", "Get Outlook for iOS")."""
    return _MOBILE_RE.match(line) is not None


_SIGN_OFF_RE = re.compile(
    r"^\s*(?:(?:best|kind|warm|many thanks and)?\s*regards|best(?: wishes)?|thanks(?: again| so much)?|"
    r"thank you(?: so much)?|many thanks|cheers|sincerely|yours(?: sincerely| truly)?|all the best|"
    r"mit freundlichen grüßen|viele grüße|beste grüße|lg|cordialement|bien à vous|bien cordialement|"
    r"saludos(?: cordiales)?|un saludo|cordiali saluti|distinti saluti|met vriendelijke groet(?:en)?|"
    r"groeten|med vänliga hälsningar|vänliga hälsningar|hälsningar|med venlig hilsen|mvh|"
    r"pozdrawiam|z poważaniem|ystävällisin terveisin)\s*[,.!]?\s*$",
    re.IGNORECASE,
)
# A signature is a few short lines; a longer tail after "Thanks," is more likely a postscript.
_MAX_SIGNATURE_LINES = 8


def _is_header_block(lines: list[str], i: int) -> bool:
    """An Outlook-style quoted header: From plus at least one of Sent/Date/To/Subject right below."""
    fields = []
    for line in lines[i : i + 6]:
        match = _OUTLOOK_LABEL_RE.match(line)
        fieldname = field_for_label(match.group(1)) if match else None
        if not fieldname:
            break
        fields.append(fieldname)
    return (bool(fields) and fields[0] == "from" and len(set(fields)) >= 2) or (
        "from" in fields and len(set(fields)) >= 3
    )


def _quote_start(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        stripped = line.strip()
        if (
            FORWARD_PHRASE_RE.search(stripped)
            and len(stripped) < 90
            and "original message" not in stripped.lower()
        ):
            return None  # a forward: not ours to cut
        if _ATTRIBUTION_RE.match(stripped):
            return i
        if i + 1 < len(lines) and _ATTRIBUTION_RE.match(f"{stripped} {lines[i + 1].strip()}") and stripped:
            return i  # Gmail wraps long attributions over two lines
        if NEUTRAL_SEPARATOR_RE.match(line) and i + 1 < len(lines) and _is_header_block(lines, i + 1):
            return i
        if _is_header_block(lines, i):
            return i
        if stripped.startswith(">"):
            rest = [x for x in lines[i:] if x.strip()]
            if sum(x.lstrip().startswith(">") for x in rest) >= 0.6 * len(rest):
                return i
    return None


def _signature_start(lines: list[str]) -> int | None:
    for i, line in enumerate(lines):
        if line.rstrip() in {"-- ", "--"} or _MOBILE_RE.match(line):
            return i
    for i in range(len(lines) - 1, -1, -1):
        if _SIGN_OFF_RE.match(lines[i]):
            tail = [x for x in lines[i + 1 :] if x.strip()]
            if len(tail) <= _MAX_SIGNATURE_LINES and all(len(x) < 80 for x in tail):
                return i
            break
    return None


def split_reply(text: str) -> ReplyParts:
    """Separate new text, quoted history and signature. Pure; never raises; parts are stripped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut = _quote_start(lines)
    head, quoted = (lines, []) if cut is None else (lines[:cut], lines[cut:])
    sig = _signature_start(head)
    new, signature = (head, []) if sig is None else (head[:sig], head[sig:])
    return ReplyParts(
        new="\n".join(new).strip(),
        quoted="\n".join(quoted).strip(),
        signature="\n".join(signature).strip(),
    )
