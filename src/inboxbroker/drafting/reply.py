"""The reply as it will go out: ``build_reply(spec)`` → the complete MIME message, byte for byte what SMTP gets.

Names, subjects and message ids come from mail, so they are hostile until proven otherwise: line breaks and
control characters are collapsed before anything is written, addresses go through the email package's
``Address`` (which refuses a broken addr-spec), and every header is written by the SMTP policy (CRLF, folded).
Text that merely *looks like* an RFC 2047 encoded word ("=?utf-8?q?...?=") would be decoded by the reader
into something else, so such a name or subject is itself encoded and arrives as the characters it was.
There is no Auto-Submitted header: a person approves every draft (RFC 3834 is for mail sent without one).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from email import policy as email_policy
from email.header import Header
from email.headerregistry import Address as MailAddress
from email.message import EmailMessage, MIMEPart
from email.policy import Policy
from email.utils import format_datetime

from inboxbroker.domain import Address
from inboxbroker.mail.forward_headers import subject_prefixes

__all__ = ["ReplySpec", "build_reply", "reply_subject"]

POLICY = email_policy.SMTP
_CONTROLS = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
_MSG_ID = re.compile(r"<[^<>\s\"\\]+@[^<>\s\"\\]+>")
_ENCODED_WORD_LIKE = "=?"
# An invitation's iTIP method decides how a client treats it; only these are built by invite.py.
ITIP_METHODS = frozenset({"REQUEST", "CANCEL"})


@dataclass(frozen=True)
class ReplySpec:
    """Everything one outgoing reply says.

    ``sender`` is the RFC 5322 address from ``[smtp] from``. ``subject`` is the *original* message's subject;
    the reply's is "Re: " plus that subject with its Re:/Fwd:/AW:/WG:/TR:… prefixes peeled, or
    ``fallback_subject`` (the template's) when nothing is left. ``in_reply_to`` is the original's Message-ID
    when known; ``references`` its References chain (the original's id is appended when missing).
    ``message_id`` is fixed when drafted. ``date`` None leaves the Date header to the sender at send time.
    ``ics`` is an iTIP object from ``invite.py`` with its ``ics_method``.
    """

    sender: str
    to: Address
    message_id: str
    text: str
    subject: str | None = None
    cc: tuple[Address, ...] = ()
    html: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    date: datetime | None = None
    ics: bytes | None = None
    ics_method: str = "REQUEST"
    fallback_subject: str = ""


class _WireHeader(str):
    """A header value already in its final, encoded form; the policy writes it unchanged.

    EmailPolicy writes any value that has a ``name`` and a ``fold`` through that ``fold``. Used only where
    the registry would decode our text (an encoded-word lookalike) and so change what the reader sees.
    """

    name: str

    def __new__(cls, name: str, wire: str) -> _WireHeader:
        header = super().__new__(cls, wire)
        header.name = name
        return header

    def fold(self, *, policy: Policy) -> str:
        return f"{self.name}: {self}{policy.linesep}"


def _one_line(text: str) -> str:
    return " ".join(_CONTROLS.sub(" ", text).split())


def reply_subject(original: str | None, fallback: str = "") -> str:
    """ "Re: " + the original subject without its reply/forward prefixes; ``fallback`` when none is left."""
    rest = subject_prefixes(_one_line(original or ""))[1]
    return f"Re: {rest}" if rest else _one_line(fallback)


def _encoded(text: str, header_name: str) -> str:
    return str(Header(text, "utf-8", header_name=header_name).encode(linesep="\r\n"))


def _mailbox(address: Address) -> MailAddress:
    """A checked mailbox; raises ValueError for an address the email package cannot write safely."""
    email = address.email.strip()
    if _CONTROLS.search(email) or " " in email:
        raise ValueError(f"not a plain email address: {address.email!r}")
    return MailAddress(display_name=_one_line(address.name), addr_spec=email)


def _set_addresses(msg: EmailMessage, header: str, addresses: list[Address]) -> None:
    mailboxes = [_mailbox(a) for a in addresses]
    if not any(_ENCODED_WORD_LIKE in m.display_name for m in mailboxes):
        msg[header] = mailboxes
        return
    parts = [
        f"{_encoded(m.display_name, header)} <{m.addr_spec}>" if m.display_name else m.addr_spec
        for m in mailboxes
    ]
    msg[header] = _WireHeader(header, ",\r\n ".join(parts))


def _set_text(msg: EmailMessage, header: str, value: str) -> None:
    msg[header] = _WireHeader(header, _encoded(value, header)) if _ENCODED_WORD_LIKE in value else value


def _message_ids(values: tuple[str | None, ...]) -> list[str]:
    """Well-formed <id@host> tokens from values that came from mail; anything else is dropped, not repaired."""
    found: list[str] = []
    for value in values:
        for token in _MSG_ID.findall(_one_line(value or "")):
            if token not in found:
                found.append(token)
    return found


def _cte(text: str) -> str | None:
    # quoted-printable keeps non-ASCII and long lines 7-bit clean for a server without 8BITMIME;
    # plain ASCII with short lines stays readable as 7bit.
    if text.isascii() and all(len(line) <= 76 for line in text.splitlines()):
        return None
    return "quoted-printable"


def build_reply(spec: ReplySpec) -> bytes:
    """The complete message: headers and multipart body, CRLF line ends, ready for SMTP."""
    msg = EmailMessage(policy=POLICY)
    msg["From"] = _one_line(spec.sender)
    if len(msg["From"].addresses) != 1:
        raise ValueError(f"smtp.from must be one address, got {spec.sender!r}")
    _set_addresses(msg, "To", [spec.to])
    if spec.cc:
        _set_addresses(msg, "Cc", list(spec.cc))
    _set_text(msg, "Subject", reply_subject(spec.subject, spec.fallback_subject))
    if spec.date is not None:
        if spec.date.tzinfo is None:
            raise ValueError("the Date of a reply must be time-zone aware")
        msg["Date"] = format_datetime(spec.date)
    own_id = _message_ids((spec.message_id,))
    if own_id != [spec.message_id.strip()]:
        raise ValueError(f"message_id must be one <id@host>, got {spec.message_id!r}")
    msg["Message-ID"] = own_id[0]
    parent = _message_ids((spec.in_reply_to,))
    if parent:
        msg["In-Reply-To"] = parent[0]
    chain = _message_ids((*spec.references, *parent))
    if chain:
        msg["References"] = " ".join(chain)
    msg["MIME-Version"] = "1.0"

    body = _text_part(spec.text, "plain")
    if spec.html is not None or spec.ics is not None:
        alternative = MIMEPart(policy=POLICY)
        alternative.make_alternative(boundary=_boundary(spec, "alt"))
        alternative.attach(body)
        if spec.html is not None:
            alternative.attach(_text_part(spec.html, "html"))
        if spec.ics is not None:
            alternative.attach(_calendar_part(spec.ics, spec.ics_method))
        body = alternative
    if spec.ics is None:
        _adopt(msg, body)
    else:
        attachment = MIMEPart(policy=POLICY)
        attachment.set_content(
            spec.ics,
            maintype="application",
            subtype="ics",
            filename="invite.ics",
            params={"name": "invite.ics"},
        )
        msg.make_mixed(boundary=_boundary(spec, "mixed"))
        msg.set_payload([body, attachment])
    return msg.as_bytes(policy=POLICY)


def _boundary(spec: ReplySpec, level: str) -> str:
    """A boundary made from a digest of everything the parts carry, so no part can contain it and the same
    spec gives the same bytes. Left to the generator, the boundary is random and every multipart compiles a
    fresh regular expression to check it against the text: about a tenth of building a reply."""
    digest = hashlib.sha256()
    for piece in (spec.message_id, spec.text, spec.html or "", level):
        digest.update(piece.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(spec.ics or b"")
    return f"=_inboxbroker_{digest.hexdigest()[:32]}"


def _text_part(text: str, subtype: str) -> MIMEPart:
    part = MIMEPart(policy=POLICY)
    part.set_content(text, subtype=subtype, charset="utf-8", cte=_cte(text))
    return part


def _calendar_part(ics: bytes, method: str) -> MIMEPart:
    method = method.upper()
    if method not in ITIP_METHODS:
        raise ValueError(f"unsupported iTIP method {method!r}")
    calendar = ics.decode("utf-8")
    part = MIMEPart(policy=POLICY)
    # RFC 6047 §2.4: the method parameter must match the object's METHOD, so a client knows what it is.
    # base64 for non-ASCII keeps the folded 75-octet lines intact (quoted-printable would break them again).
    part.set_content(
        calendar,
        subtype="calendar",
        charset="utf-8",
        cte=None if calendar.isascii() else "base64",
        params={"method": method},
    )
    return part


def _adopt(msg: EmailMessage, part: MIMEPart) -> None:
    """Make ``part`` the whole body of ``msg``: its content headers and payload move over."""
    for name, value in part.items():
        msg[name] = value
    msg.set_payload(part.get_payload())
