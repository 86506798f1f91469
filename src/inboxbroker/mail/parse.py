"""Raw bytes → ``domain.Message``: headers decoded, body text chosen, attachments sniffed, defects kept.

``parse_message`` never raises: whatever the bytes are, the caller gets a Message whose ``defects`` say
what was wrong. The standard library's parser (``email.message_from_bytes`` with the compat32 policy) is
the one MIME parser; this module walks its tree once and decodes header values itself (``mail.headers``:
RFC 2047, broken and unknown charsets) instead of paying for ``email.policy.default`` on every header.
What no stage reads is left undone: headers other than the ones a Message needs are decoded when first
read, HTML is converted to text only when no text/plain body exists and someone reads ``text``, and
attachments are hashed and sniffed on first use. No I/O.
"""

from __future__ import annotations

import binascii
import email
import hashlib
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.message import Message as EmailMessage
from email.policy import compat32
from typing import cast

from inboxbroker.domain import Address, Attachment, Deferred, LazyHeaders, Message
from inboxbroker.mail.headers import (
    address_list,
    all_ids,
    decode_bytes,
    decode_header_item,
    decode_header_value,
    decode_headers,
    first_id,
    header_date,
    header_name,
    raw_header,
)
from inboxbroker.mail.html_text import html_to_text
from inboxbroker.mail.sniff import sanitize_filename, sniff_type
from inboxbroker.mail.text import valid_text

__all__ = [
    "MAX_MIME_DEPTH",
    "PARSE_FAILURES",
    "decode_bytes",
    "decode_header_value",
    "parse_failure",
    "parse_message",
]

DEFAULT_MAX_ATTACHMENT_BYTES = 20 << 20
# Multiparts inside multiparts read per message (embedded messages count afresh, down to ``max_depth``).
MAX_MIME_DEPTH = 50
# The defects that say the parser could not build a message at all (and so no header was read).
PARSE_FAILURES = ("unparseable message:", "parser failure:", "MIME nesting deeper than")

_TNEF_MAGIC = b"\x78\x9f\x3e\x22"
_ADDRESS_HEADERS = ("from", "sender", "reply-to", "to", "cc")
# The headers a Message reads up front; the rest are only decoded into ``headers``.
_WANTED = frozenset({*_ADDRESS_HEADERS, "subject", "date", "message-id", "in-reply-to", "references"})


@dataclass
class _State:
    """What one parse collects while walking the MIME tree."""

    max_attachment_bytes: int
    max_depth: int
    depth: int
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    embedded: list[Message] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)


def parse_message(
    raw: bytes,
    *,
    max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES,
    max_depth: int = 5,
) -> Message:
    """Parse raw RFC 822 bytes into a ``Message``. Never raises; problems are listed in ``defects``.

    Embedded messages (message/rfc822 parts, also base64-encoded ones, and ``.eml`` attachments) are
    parsed into ``embedded`` down to ``max_depth`` levels; deeper ones stay attachments. An attachment
    larger than ``max_attachment_bytes`` keeps its size and hash but no content.
    """
    return _parse_bytes(raw, max_attachment_bytes, max_depth, depth=0)


def parse_failure(msg: Message) -> str | None:
    """Why the parser built no message from the bytes, when it could not; None when it read them."""
    if msg.headers or not msg.defects:
        return None
    last = msg.defects[-1]
    return last if last.startswith(PARSE_FAILURES) else None


def _parse_bytes(raw: bytes, max_attachment_bytes: int, max_depth: int, depth: int) -> Message:
    try:
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        parsed = email.message_from_bytes(raw if type(raw) is bytes else bytes(raw), policy=compat32)
    except RecursionError:
        # The stdlib parser recurses once per nested multipart: thousands of levels exhaust the stack.
        limit = sys.getrecursionlimit()
        return _empty(f"MIME nesting deeper than the parser's recursion limit ({limit} frames) allows")
    except Exception as exc:  # bytes that are not even a message: still a Message, with the reason
        return _empty(f"unparseable message: {type(exc).__name__}: {exc}")
    return _from_email(parsed, max_attachment_bytes, max_depth, depth)


def _from_email(parsed: EmailMessage, max_attachment_bytes: int, max_depth: int, depth: int) -> Message:
    state = _State(max_attachment_bytes=max_attachment_bytes, max_depth=max_depth, depth=depth)
    try:
        return _build(parsed, state)
    except RecursionError:
        return _empty("parser failure: message nested too deeply to walk", state.defects)
    except Exception as exc:  # the promise is "never raises": keep what the reason was
        return _empty(f"parser failure: {type(exc).__name__}: {exc}", state.defects)


def _empty(defect: str, defects: Iterable[str] = ()) -> Message:
    return Message(
        message_id=None,
        subject="",
        from_=None,
        sender=None,
        reply_to=(),
        to=(),
        cc=(),
        date=None,
        in_reply_to=None,
        references=(),
        headers=(),
        text="",
        html=None,
        attachments=(),
        embedded=(),
        defects=(*defects, defect),
    )


def _build(parsed: EmailMessage, state: _State) -> Message:
    raw_items = list(parsed.raw_items())
    at: dict[str, int] = {}  # first position of each header the Message reads
    for i, (name, _) in enumerate(raw_items):
        key = name.lower()
        if key in _WANTED and key not in at:
            at[key] = i

    def first(key: str) -> str | None:
        return decode_header_item(raw_items[at[key]][1]) if key in at else None

    def addresses(key: str) -> list[Address]:
        if key not in at:
            return []
        value = raw_items[at[key]][1]
        return address_list(value if isinstance(value, str) else str(value), key, state.defects)

    from_, sender = addresses("from"), addresses("sender")
    reply_to, to, cc = addresses("reply-to"), addresses("to"), addresses("cc")
    _walk(parsed, state)

    text: str = "\n".join(state.plain)
    html = "\n".join(state.html) if state.html else None
    if html is not None and not text.strip():
        # HTML-only mail (or an empty text/plain alternative): converted when someone reads ``text``
        text = cast(str, Deferred(html_to_text, html, fallback=text))
    # Every header is decoded when ``headers`` is first read; ``header()`` decodes only the one it returns.
    headers = cast(
        tuple[tuple[str, str], ...], LazyHeaders(raw_items, decode_headers, header_name, decode_header_item)
    )

    return Message(
        message_id=first_id(first("message-id")),
        subject=(first("subject") or "").strip(),
        from_=from_[0] if from_ else None,
        sender=sender[0] if sender else None,
        reply_to=tuple(reply_to),
        to=tuple(to),
        cc=tuple(cc),
        date=header_date(first("date"), state.defects),
        in_reply_to=first_id(first("in-reply-to")),
        references=all_ids(first("references") or ""),
        headers=headers,
        text=text,
        html=html,
        attachments=tuple(state.attachments),
        embedded=tuple(state.embedded),
        defects=tuple(dict.fromkeys(state.defects)),  # once each, in order
    )


_BODY_TYPES = ("text/plain", "text/html")
_RFC822_TYPES = frozenset({"message/rfc822", "message/global", "message/news"})


def _walk(part: EmailMessage, state: _State, level: int = 0) -> None:
    """One pass over the MIME tree: bodies into ``plain``/``html``, files into attachments."""
    if level > MAX_MIME_DEPTH:
        # Real mail nests a few levels; a deeper tree is built to exhaust the walk. The message keeps its
        # headers and what the first levels hold.
        state.defects.append(
            f"MIME nesting deeper than {MAX_MIME_DEPTH} levels; the parts below were not read"
        )
        return
    if part.defects:
        state.defects.extend(type(d).__name__ for d in part.defects)
    ctype = part.get_content_type()
    maintype = ctype.split("/", 1)[0]
    if maintype == "message" and ctype in _RFC822_TYPES:
        _embedded_part(part, state)
        return
    if part.is_multipart():
        payload = part.get_payload()
        if maintype == "message":  # message/delivery-status and similar: header blocks, keep as a file
            _attachment(part, _serialise(part), state, ctype)
            return
        for child in payload if isinstance(payload, list) else ():
            if isinstance(child, EmailMessage):
                _walk(child, state, level + 1)
        return
    data = _payload_bytes(part, state)
    disposition = raw_header(part, "Content-Disposition")
    filename = _filename(part, disposition)
    kind = disposition.split(";", 1)[0].strip().lower()
    is_body = (ctype in _BODY_TYPES or maintype == "multipart") and not filename and kind != "attachment"
    if is_body:
        charset = _charset(part)
        text, clean = decode_bytes(data, charset)
        if not clean and charset:
            state.defects.append(f"body: not valid {charset[:40]}; decoded with a fallback")
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        (state.html if ctype == "text/html" else state.plain).append(text)
        return
    if _is_embedded_file(filename, ctype, data) and _embed(data, state):
        return
    if _is_tnef(filename, ctype, data) and _unpack_tnef(data, state):
        return
    _attachment(part, data, state, ctype, filename, disposition)


# "type/subtype; charset=x" (x optionally quoted) and nothing else: what compat32's parameter parsing
# (``get_content_charset``, a fifth of the walk's time) returns for it is plain ``x.lower()``.
_SIMPLE_CHARSET = re.compile(
    r"\s*[\w.+-]+/[\w.+-]+\s*;\s*charset\s*=\s*(?:\"([\w.:+-]+)\"|([\w.:+-]+))\s*\Z", re.ASCII | re.IGNORECASE
)


def _charset(part: EmailMessage) -> str | None:
    """``part.get_content_charset() or _param_charset(part)``, reading the common forms directly."""
    value = part.get("Content-Type")
    if type(value) is str:
        match = _SIMPLE_CHARSET.match(value)
        if match:
            return (match.group(1) or match.group(2)).lower()
        if "charset" not in value.lower():
            return None  # no parameter of that name, in any spelling (RFC 2231 ones included)
    return part.get_content_charset() or _param_charset(part)


def _param_charset(part: EmailMessage) -> str | None:
    try:
        value = part.get_param("charset")
    except Exception:
        return None
    return value if isinstance(value, str) else None


def _payload_bytes(part: EmailMessage, state: _State) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except Exception as exc:  # broken base64/quoted-printable/uuencode
        state.defects.append(f"payload: undecodable ({type(exc).__name__})")
        data = None
    if isinstance(data, bytes):
        return data
    payload = part.get_payload()
    if isinstance(payload, str):
        return payload.encode("utf-8", "surrogateescape")
    return b""


def _filename(part: EmailMessage, disposition: str | None = None) -> str | None:
    if disposition is None:
        disposition = raw_header(part, "Content-Disposition")
    content_type = raw_header(part, "Content-Type")
    # Both places a name can be (filename=, name=, and their RFC 2231 forms) contain "name": skip the
    # parameter parsing for the many parts that have none.
    if "name" not in disposition.lower() and "name" not in content_type.lower():
        return None
    if not (disposition.isascii() and content_type.isascii()):
        # compat32 replaces 8-bit bytes in parameters by U+FFFD: read the name from the decoded values
        part = EmailMessage()
        part["Content-Disposition"] = disposition
        part["Content-Type"] = content_type
    try:
        name = part.get_filename()
    except Exception:  # RFC 2231 parameters with bad continuations or charsets
        name = None
    if not name:
        return None
    return decode_header_value(str(name)).strip() or None


def _is_embedded_file(filename: str | None, ctype: str, data: bytes) -> bool:
    if filename and filename.lower().endswith(".eml"):
        return True
    # Clients attach mail as application/octet-stream; only trust that claim when the bytes agree.
    return ctype in ("application/octet-stream", "text/plain") and sniff_type(data[:4096]) == "message/rfc822"


def _embedded_part(part: EmailMessage, state: _State) -> None:
    payload = part.get_payload()
    cte = raw_header(part, "Content-Transfer-Encoding").strip().lower()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if cte in ("base64", "quoted-printable") or not isinstance(inner, EmailMessage):
        # The parser read encoded text as headers; decode the original text and parse it properly.
        if isinstance(inner, EmailMessage):
            encoded = inner.get_payload() if not inner.is_multipart() else ""
            if not isinstance(encoded, str) or not encoded:
                encoded = _serialise(inner).decode("ascii", "replace")
            data = _decode_transfer(encoded, cte)
        else:
            data = _payload_bytes(part, state)
        if not _embed(data, state):
            _attachment(part, data, state)
        return
    if state.depth + 1 > state.max_depth:
        state.defects.append(f"embedded message deeper than {state.max_depth} levels kept as an attachment")
        _attachment(part, _serialise(inner), state)
        return
    state.embedded.append(_from_email(inner, state.max_attachment_bytes, state.max_depth, state.depth + 1))


def _decode_transfer(encoded: str, cte: str) -> bytes:
    data = encoded.encode("ascii", "ignore")
    try:
        if cte == "base64":
            cleaned = b"".join(data.split())
            return binascii.a2b_base64(cleaned + b"=" * (-len(cleaned) % 4))
        if cte == "quoted-printable":
            return binascii.a2b_qp(data)
    except (binascii.Error, ValueError):
        pass
    return data


def _embed(data: bytes, state: _State) -> bool:
    if state.depth + 1 > state.max_depth:
        state.defects.append(f"embedded message deeper than {state.max_depth} levels kept as an attachment")
        return False
    state.embedded.append(_parse_bytes(data, state.max_attachment_bytes, state.max_depth, state.depth + 1))
    return True


def _is_tnef(filename: str | None, ctype: str, data: bytes) -> bool:
    return data.startswith(_TNEF_MAGIC) and (
        ctype in ("application/ms-tnef", "application/vnd.ms-tnef", "application/octet-stream")
        or (filename or "").lower() == "winmail.dat"
    )


def _unpack_tnef(data: bytes, state: _State) -> bool:
    """Replace a winmail.dat by the files (and body) inside it, where tnefparse can open it."""
    try:
        import tnefparse  # LGPL, optional: imported only when Outlook sent TNEF
    except ImportError:
        state.defects.append("winmail.dat: tnefparse is not installed; kept as an attachment")
        return False
    try:
        parsed = tnefparse.TNEF(data)
        files = [(a.long_filename() or a.name, bytes(a.data)) for a in parsed.attachments]
        body = parsed.body
        html = parsed.htmlbody
    except Exception as exc:  # tnefparse raises many kinds of errors on damaged files
        state.defects.append(f"winmail.dat: TNEF could not be opened ({type(exc).__name__}); kept as is")
        return False
    if body and not any(t.strip() for t in state.plain):
        state.plain.append(_text(body))
    if html and not state.html:
        state.html.append(_text(html))
    for name, content in files:
        filename = _text(name)
        _add_attachment(state, filename, "application/octet-stream", content, inline=False)
    return True


def _text(value: str | bytes) -> str:
    """tnefparse hands out text as ``str`` or as undeclared bytes: valid Unicode either way."""
    return valid_text(value) if isinstance(value, str) else decode_bytes(bytes(value), None)[0]


def _serialise(part: EmailMessage) -> bytes:
    try:
        return part.as_bytes()
    except Exception:
        try:
            return part.as_string().encode("utf-8", "surrogateescape")
        except Exception:
            return b""


def _attachment(
    part: EmailMessage,
    data: bytes,
    state: _State,
    ctype: str | None = None,
    filename: str | None = None,
    disposition: str | None = None,
) -> None:
    if disposition is None:
        disposition = raw_header(part, "Content-Disposition")
    if filename is None:
        filename = _filename(part, disposition)
    kind = disposition.split(";", 1)[0].strip().lower()
    inline = kind == "inline" or (kind == "" and part.get("Content-ID") is not None)
    _add_attachment(state, filename, ctype or part.get_content_type(), data, inline=inline)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _add_attachment(state: _State, filename: str | None, declared: str, data: bytes, *, inline: bool) -> None:
    index = len(state.attachments) + 1
    size = len(data)
    content = data
    sniffed: str
    digest: str
    if size > state.max_attachment_bytes:
        state.defects.append(
            f"attachment {index}: {size} bytes exceeds {state.max_attachment_bytes}; content dropped"
        )
        content = b""
        # the content is dropped: hash and sniff now rather than keep the bytes alive for later
        sniffed, digest = sniff_type(data), _sha256(data)
    else:
        # Hashed and sniffed when first read, from the content the attachment keeps anyway.
        sniffed = cast(str, Deferred(sniff_type, data, fallback="application/octet-stream"))
        digest = cast(str, Deferred(_sha256, data, fallback=""))
    # The sniffed type only names a file that has no usable name ("attachment-3.pdf"): probe without it.
    name = sanitize_filename(filename, index, "")
    if name == f"attachment-{index}.bin":
        if isinstance(sniffed, Deferred):
            sniffed = sniffed.resolve()
        name = sanitize_filename(filename, index, sniffed)
    state.attachments.append(
        Attachment(
            filename=name,
            original_filename=filename or "",
            declared_type=declared,
            sniffed_type=sniffed,
            size=size,
            sha256=digest,
            content=content,
            inline=inline,
        )
    )
