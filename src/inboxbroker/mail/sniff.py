"""Attachment safety: the real type of a payload by its magic bytes, and a filename safe to show and store.

A sender's Content-Type and filename are claims; this module only looks at bytes and strings (no I/O,
no libmagic) so the rest of the pipeline can trust ``sniffed_type`` and ``filename``.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["extension_for", "sanitize_filename", "sniff_type"]

MAX_FILENAME_CHARS = 120

# (magic prefix, MIME type), checked in order. Zip containers and text formats need a closer look below.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "application/pdf"),
    (b"{\\rtf", "application/rtf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\x78\x9f\x3e\x22", "application/ms-tnef"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage"),  # .msg, .doc, .xls
    (b"BEGIN:VCALENDAR", "text/calendar"),
)

_ZIP_MEMBERS: tuple[tuple[bytes, str], ...] = (
    (b"word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (b"xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (b"ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
)

_EXTENSIONS: dict[str, str] = {
    "application/pdf": ".pdf",
    "application/rtf": ".rtf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "application/ms-tnef": ".dat",
    "application/x-ole-storage": ".bin",
    "text/calendar": ".ics",
    "application/zip": ".zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/msword": ".doc",
    "text/html": ".html",
    "text/plain": ".txt",
    "message/rfc822": ".eml",
}

_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<table", b"<p>", b"<p ")
# A header line as RFC 5322 allows it, and header names that make "this is a mail" likely.
_HEADER_LINE = re.compile(rb"^[!-9;-~]{1,76}:[ \t]?", re.MULTILINE)
_MAIL_HEADERS = (
    b"from:",
    b"to:",
    b"subject:",
    b"date:",
    b"message-id:",
    b"received:",
    b"return-path:",
    b"mime-version:",
    b"content-type:",
)


def sniff_type(data: bytes) -> str:
    """The MIME type that ``data`` really is, by its first bytes; ``application/octet-stream`` if unknown."""
    if not data:
        return "application/x-empty"
    head = data[:1024]
    for magic, mime in _MAGIC:
        if head.startswith(magic):
            return mime
    if b"%PDF-" in head:  # PDF readers accept junk before the header, so attackers use it
        return "application/pdf"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    text_head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text_head.startswith(_HTML_STARTS) or b"<html" in text_head[:512]:
        return "text/html"
    if _looks_like_mail(data[:4096]):
        return "message/rfc822"
    if _looks_like_text(data[:4096]):
        return "text/plain"
    return "application/octet-stream"


def _sniff_zip(data: bytes) -> str:
    # ODF puts an uncompressed "mimetype" member first so that its type sits at a fixed offset.
    if data[30:38] == b"mimetype":
        odf = data[38:120].split(b"PK", 1)[0]
        if odf.startswith(b"application/vnd.oasis.opendocument."):
            return odf.decode("ascii", "replace").strip()
    # OOXML member names appear in the local headers and the central directory (searched in C, cheap).
    if b"[Content_Types].xml" in data:
        for marker, mime in _ZIP_MEMBERS:
            if marker in data:
                return mime
    return "application/zip"


def _looks_like_mail(head: bytes) -> bool:
    if not _HEADER_LINE.match(head):
        return False
    block = head.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0].lower()
    found = sum(1 for name in _MAIL_HEADERS if block.startswith(name) or b"\n" + name in block)
    return found >= 2


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # an error in the last 4 bytes is only a character cut at the 4 KB boundary
        cut = exc.start >= len(head) - 4
        text = head[: exc.start].decode("utf-8") if cut else head.decode("latin-1")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls <= len(text) // 100


def extension_for(mime: str) -> str:
    """A conventional extension (with dot) for a MIME type, or ``.bin``."""
    return _EXTENSIONS.get(mime, ".bin")


_UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}  # Cf covers bidi overrides (U+202E "exe.pdf")
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)
_FORBIDDEN = re.compile(r'[<>:"|?*]')


def sanitize_filename(name: str | None, index: int, content_type: str) -> str:
    """A filename that is safe on any filesystem and in any UI.

    The last path component only, control/format characters removed, no leading dots, Windows-reserved
    names defused, at most ``MAX_FILENAME_CHARS`` characters keeping the extension. Empty results fall
    back to ``attachment-{index}{ext}`` with the extension of ``content_type``.
    """
    fallback = f"attachment-{index}{extension_for(content_type)}"
    if not name:
        return fallback
    name = unicodedata.normalize("NFC", name)
    name = "".join(" " if unicodedata.category(ch) in _UNSAFE_CATEGORIES else ch for ch in name)
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _FORBIDDEN.sub("_", name)
    name = " ".join(name.split())
    name = name.lstrip(". ").rstrip(". ")
    if not name:
        return fallback
    if _RESERVED.match(name):
        name = "_" + name
    if len(name) > MAX_FILENAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            name = stem[: MAX_FILENAME_CHARS - len(ext) - 1] + "." + ext
        else:
            name = name[:MAX_FILENAME_CHARS]
    return name
