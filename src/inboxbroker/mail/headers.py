"""Header values → text: charsets, RFC 2047 encoded words, address lists, message ids and dates.

The parser reads mail with the fast compat32 policy, which leaves header values as sent (folded, with
8-bit bytes as surrogate escapes and encoded words undecoded). This module turns those raw values into
text without ever raising: unknown and mislabelled charsets fall back, broken encoded words stay as
written, and unreadable addresses or dates become defects. No I/O.
"""

from __future__ import annotations

import binascii
import codecs
import email.utils
import inspect
import re
from collections.abc import Callable
from datetime import datetime
from email.message import Message as EmailMessage

from inboxbroker.domain import Address
from inboxbroker.mail.text import valid_text

__all__ = [
    "address_list",
    "all_ids",
    "decode_bytes",
    "decode_header_item",
    "decode_header_value",
    "decode_headers",
    "first_id",
    "header_date",
    "header_name",
    "mask_encoded_words",
    "raw_header",
]

_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([bBqQ])\?([^?]*)\?=")
_BETWEEN_WORDS = re.compile(r"(\?=)[ \t\r\n]+(?==\?)")
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_MSG_ID = re.compile(r"<[^<>\s]+>")
# An encoded word as RFC 2047 §2 defines it, white space excluded: one spanning a space could hide an address.
# It or a private-use character of plane 15 (what masks one) is masked by ``mask_encoded_words``.
_MASK_BASE = 0xF0000
_MAX_MASKED = 0xFFFE
_MASKABLE = re.compile(r"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=|[\U000F0000-\U000FFFFF]")
_MASKED = re.compile(r"[\U000F0000-\U000FFFFF]")
# Since CVE-2023-27043 was fixed, getaddresses answers [("", "")] for a list it cannot split unambiguously.
_STRICT: dict[str, bool] = (
    {"strict": True} if "strict" in inspect.signature(email.utils.getaddresses).parameters else {}
)
_BASE64_WORD = re.compile(r"[A-Za-z0-9+/]*={0,2}\Z")
_Q_HEX = re.compile(rb"=([0-9A-Fa-f]{2})")

# Labels that mail software writes but Python does not know, and supersets that decode more of the mail.
_CHARSET_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "iso-8859-8-i": "iso-8859-8",
    "iso-8859-6-i": "iso-8859-6",
    "windows-874": "cp874",
    "x-sjis": "shift_jis",
    "x-euc-jp": "euc_jp",
    "ks_c_5601": "cp949",
    "ks_c_5601-1987": "cp949",
    "x-mac-roman": "mac_roman",
    "macintosh": "mac_roman",
    "iso-8859-1": "cp1252",  # what senders labelled latin-1 almost always is
    "us-ascii": "ascii",
    "ascii": "ascii",
    "unicode-1-1-utf-7": "utf-7",
    "utf8": "utf-8",
}
_UNKNOWN_CHARSETS = frozenset({"", "unknown-8bit", "x-unknown", "unknown", "default", "x-user-defined"})
_CODECS: dict[str | None, str | None] = {}  # label as written → codec; mail repeats a handful of labels


def _codec(charset: str | None) -> str | None:
    """A Python text codec name for a MIME charset label, or None when there is no usable one."""
    try:
        return _CODECS[charset]
    except (KeyError, TypeError):
        pass
    codec = _lookup_codec(charset)
    if isinstance(charset, str) and len(charset) < 64 and len(_CODECS) < 512:
        _CODECS[charset] = codec
    return codec


def _lookup_codec(charset: str | None) -> str | None:
    label = (charset or "").strip().strip("\"'").lower().split("*", 1)[0]
    if label in _UNKNOWN_CHARSETS:
        return None
    label = _CHARSET_ALIASES.get(label, label)
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError, TypeError):
        return None
    # codecs.lookup also finds bytes-to-bytes codecs ("base64", "zlib", "rot13"): not text charsets.
    if getattr(info, "_is_text_encoding", True) is False:
        return None
    return info.name


def decode_bytes(data: bytes, charset: str | None) -> tuple[str, bool]:
    """Decode ``data`` declared as ``charset``; returns (text, clean), the text valid Unicode. Never raises.

    A known charset is tried strictly, then UTF-8 (mislabelled mail), then the charset again replacing
    what does not fit. Without a usable label: UTF-8, then cp1252 (what "8-bit, no label" usually is).
    """
    text, clean = _decode_bytes(data, charset)
    return valid_text(text), clean


def _decode_bytes(data: bytes, charset: str | None) -> tuple[str, bool]:
    codec = _codec(charset)
    if codec is not None:
        try:
            return data.decode(codec), True
        except Exception:  # UnicodeDecodeError, and odd errors from a few codecs on hostile input
            pass
    try:
        return data.decode("utf-8"), charset is None
    except UnicodeDecodeError:
        pass
    if codec is not None and codec != "ascii":  # 8-bit bytes labelled ASCII are legacy text: use cp1252
        try:
            return data.decode(codec, "replace"), False
        except Exception:
            pass
    try:
        return data.decode("cp1252"), False
    except UnicodeDecodeError:
        return data.decode("latin-1"), False


def _unsurrogate(value: str) -> str:
    # compat32 keeps 8-bit header bytes as surrogate escapes; they are raw UTF-8 (or a legacy charset).
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        pass
    try:
        data = value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # surrogates that are no escaped bytes: a codec's output, not the wire's
        return valid_text(value)
    return decode_bytes(data, None)[0]


def _decode_word(charset: str, encoding: str, text: str) -> str | None:
    if encoding in "bB":
        cleaned = "".join(text.split())
        if not _BASE64_WORD.match(cleaned):
            return None
        try:
            data = binascii.a2b_base64((cleaned + "=" * (-len(cleaned) % 4)).encode("ascii", "replace"))
        except (binascii.Error, ValueError):
            return None
    else:
        raw = text.replace("_", " ").encode("latin-1", "replace")
        data = _Q_HEX.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
    return decode_bytes(data, charset)[0]


def _word(match: re.Match[str]) -> str:
    decoded = _decode_word(match.group(1), match.group(2), match.group(3))
    return match.group(0) if decoded is None else decoded


def decode_header_value(value: str) -> str:
    """A header value unfolded and RFC 2047-decoded; undecodable encoded words are left as written."""
    if not isinstance(value, str):  # a compat32 Header object slipped through
        value = str(value)
    if "\n" in value:
        value = _FOLD.sub("", value).replace("\r", "").replace("\n", " ")
    if not value.isascii():
        value = _unsurrogate(value)
    if "=?" not in value:
        return value
    # Whitespace between two adjacent encoded words is not part of the text (RFC 2047 §6.2).
    return _ENCODED_WORD.sub(_word, _BETWEEN_WORDS.sub(r"\1", value))


def header_name(name: str) -> str:
    return name if name.isascii() else _unsurrogate(name)


def decode_headers(raw_items: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Every header decoded, names as sent, in order. Plain one-line ASCII values (most of them) are
    taken as they are without a call per header."""
    return tuple(
        (name, value)
        if name.isascii()
        and type(value) is str
        and value.isascii()
        and "\n" not in value
        and "=?" not in value
        else (header_name(name), decode_header_value(value))
        for name, value in raw_items
    )


def decode_header_item(value: str) -> str:
    """One raw header value as ``decode_headers`` gives it."""
    if type(value) is str and value.isascii() and "\n" not in value and "=?" not in value:
        return value
    return decode_header_value(value)


def raw_header(part: EmailMessage, name: str) -> str:
    """The first ``name`` header as sent (8-bit bytes decoded, not RFC 2047), always a ``str``; "" if absent.

    compat32 hands out a ``Header`` object instead of a string when the value holds 8-bit bytes, and that
    object's ``str()`` has lost them: read the stored value instead.
    """
    value = part.get(name)
    if value is None:
        return ""
    if type(value) is str:
        return value
    wanted = name.lower()
    for key, raw in part.raw_items():
        if key.lower() == wanted:
            return _unsurrogate(raw) if isinstance(raw, str) else str(raw)
    return str(value)


def first_id(value: str | None) -> str | None:
    """The first ``<message-id>`` in a header value; a bare token is wrapped in angle brackets."""
    if not value:
        return None
    match = _MSG_ID.search(value)
    if match:
        return match.group(0)
    token = value.strip().split()
    return f"<{token[0].strip('<>')}>" if token else None


def all_ids(value: str) -> tuple[str, ...]:
    return tuple(_MSG_ID.findall(value))


def address_list(raw: str | None, header: str, defects: list[str]) -> list[Address]:
    """The mailboxes of an address header (raw compat32 value); problems are appended to ``defects``.

    The raw value is split into addresses first and only then are the display names RFC 2047-decoded
    (RFC 2047 §5): an encoded word is text, so an "@" or "<" inside one can never become an address.
    """
    if raw is None:
        return []
    value = raw
    if "\n" in value:
        value = _FOLD.sub("", value).replace("\r", "").replace("\n", " ")
    if not value.isascii():
        value = _unsurrogate(value)
    masked, unmask = mask_encoded_words(value)
    try:
        pairs = email.utils.getaddresses([masked], **_STRICT)
    except Exception as exc:  # getaddresses is lenient but not proven safe on every input
        defects.append(f"{header}: unparseable address header ({type(exc).__name__})")
        return []
    result: list[Address] = []
    for name, addr in pairs:
        addr = "".join(unmask(addr).split()).strip("<>").lower()
        if not addr:
            continue
        if "@" not in addr and addr not in ("mailer-daemon", "postmaster"):
            defects.append(f"{header}: address without a domain: {addr[:80]!r}")
        display = decode_header_value(unmask(name)).strip() if name else ""
        if len(display) >= 2 and display[0] == display[-1] == '"':
            display = display[1:-1].strip()
        result.append(Address(name=display, email=addr))
    if not result and value.strip() and not value.strip().endswith(";"):
        defects.append(f"{header}: no address found in {value[:80]!r}")
    return result


def _keep(text: str) -> str:
    return text


def mask_encoded_words(value: str) -> tuple[str, Callable[[str], str]]:
    """``value`` with each RFC 2047 encoded word replaced by one private-use character, and the function
    that puts them back into any piece of the masked text.

    Address splitters (``getaddresses``, the forward-block reader) see an encoded word as one opaque word,
    whatever its text holds ("@", "<", ","). Private-use characters already in ``value`` are masked too, so
    putting back is exact. Past ``_MAX_MASKED`` words nothing is masked (a header that long is hostile and
    gets no better reading either way).
    """
    if "=?" not in value:
        return value, _keep
    hidden = [match.group(0) for match in _MASKABLE.finditer(value)]
    if not hidden or len(hidden) > _MAX_MASKED:
        return value, _keep
    numbers = iter(range(_MASK_BASE, _MASK_BASE + len(hidden)))
    masked = _MASKABLE.sub(lambda _: chr(next(numbers)), value)

    def unmask(text: str) -> str:
        return _MASKED.sub(lambda m: hidden[ord(m.group(0)) - _MASK_BASE], text)

    return masked, unmask


def header_date(value: str | None, defects: list[str]) -> datetime | None:
    """A Date header as a timezone-aware datetime; None (and a defect) when unreadable or zoneless."""
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except Exception:  # ValueError, TypeError, OverflowError depending on how the date is broken
        defects.append(f"date: unparseable {value[:80]!r}")
        return None
    if parsed.tzinfo is None:
        defects.append(f"date: no time zone in {value[:80]!r}")
        return None
    return parsed
