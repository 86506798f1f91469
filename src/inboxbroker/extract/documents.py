"""Text from attached documents (PDF, DOCX, ODT, RTF, HTML, plain text), within hard limits.

This is the only module that imports a document library (pypdf), and only inside the function that needs
it, so importing the pure core never loads one. DOCX and ODT are read straight from their zip XML with the
standard library: that keeps python-docx a dev-only dependency and lets us check the zip directory for
decompression bombs *before* inflating anything. RTF has a reader of its own, in ``rtf``.

Every failure leaves as :class:`~inboxbroker.errors.ExtractionLimitError` whose message starts with the
file name and says what went wrong; a library exception never escapes and nothing runs without a deadline.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import time
import warnings
import zipfile
from collections.abc import Callable, Iterator
from typing import Any
from xml.etree import ElementTree

from inboxbroker.domain import Attachment
from inboxbroker.errors import ExtractionLimitError
from inboxbroker.extract.rtf import read_rtf
from inboxbroker.mail.html_text import html_to_text
from inboxbroker.mail.text import valid_text

MAX_BYTES = 10 * 1024 * 1024
MAX_PAGES = 20
TIMEOUT_SECONDS = 5.0
# A DOCX/ODT inflates to a few times its size; 100:1 only happens for padding meant to exhaust memory.
MAX_ZIP_RATIO = 100
MAX_ZIP_MEMBERS = 2000
MAX_TEXT_CHARS = 500_000  # more text than any résumé; stops one huge page from filling memory
# pypdf reads a content stream at roughly 0.2 MB/s of operators and cannot be interrupted inside a page, so a
# page's own streams are capped: a real résumé page is 5-50 kB, and 256 kB keeps one page near a second.
MAX_PAGE_CONTENT_BYTES = 256 * 1024

KINDS = ("pdf", "docx", "odt", "rtf", "html", "text")
_EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".odt": "odt",
    ".rtf": "rtf",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".md": "text",
}
_MIME = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/rtf": "rtf",
    "text/rtf": "rtf",
    "text/html": "html",
    "text/plain": "text",
    "text/markdown": "text",
}


def document_kind(att: Attachment) -> str | None:
    """Which reader fits: magic bytes first, then the sniffed type, the declared type, the extension.

    The sender's Content-Type and name are the least trusted, so they only decide when the bytes don't.
    """
    head = att.content[:1024]
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(att.content)
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    for mime in (att.sniffed_type, att.declared_type):
        kind = _MIME.get((mime or "").split(";")[0].strip().lower())
        if kind in {"pdf", "docx", "odt"}:
            return None  # claims a binary format the bytes do not have: nothing we can read
        if kind:
            return _text_or_html(head, kind)
    dot = att.filename.rfind(".")
    kind = _EXTENSIONS.get(att.filename[dot:].lower()) if dot >= 0 else None
    if kind in {"pdf", "docx", "odt", "rtf"}:
        return None
    return _text_or_html(head, kind) if kind else None


def _text_or_html(head: bytes, kind: str) -> str:
    if kind == "text" and re.search(rb"<(!doctype html|html|body)\b", head[:512], re.I):
        return "html"
    return kind


def _zip_kind(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "content.xml" in names:
                return "odt"
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    return None


def document_text(
    att: Attachment,
    *,
    max_bytes: int = MAX_BYTES,
    max_pages: int = MAX_PAGES,
    timeout_seconds: float = TIMEOUT_SECONDS,
) -> str:
    """The readable text of ``att``, or "" for a type we do not read (images, archives, …).

    Raises ExtractionLimitError when the file is larger than ``max_bytes``, a PDF has more than
    ``max_pages`` pages, reading takes longer than ``timeout_seconds``, a DOCX/ODT would inflate past
    ``max_bytes`` or by more than 100:1, or the document is damaged beyond reading.
    """
    name = att.filename or "attachment"
    if len(att.content) > max_bytes:
        raise ExtractionLimitError(
            f"{name}: {len(att.content)} bytes is over the {max_bytes}-byte limit", limit="size limit"
        )
    kind = document_kind(att)
    if kind is None:
        return ""
    deadline = time.monotonic() + timeout_seconds
    reader = _READERS[kind]
    try:
        # Libraries warn about every malformed object; with filterwarnings=error that would abort the read.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            text = reader(att.content, max_bytes, max_pages, deadline)
    except ExtractionLimitError as exc:
        raise ExtractionLimitError(f"{name}: {exc}", limit=exc.limit) from None
    except RecursionError:
        raise ExtractionLimitError(
            f"{name}: {kind} is nested too deeply to read", limit="nesting limit"
        ) from None
    except MemoryError:
        raise ExtractionLimitError(
            f"{name}: {kind} needs too much memory to read", limit="memory limit"
        ) from None
    except Exception as exc:  # any library error means "unreadable", never a crash of the run
        raise ExtractionLimitError(f"{name}: cannot read {kind}: {type(exc).__name__}: {exc}") from None
    # The one door for document text of every kind: whatever a reader let through, what leaves is storable.
    return valid_text(_tidy(text))


def _check_deadline(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise ExtractionLimitError("took longer than the time limit", limit="time limit")


def _tidy(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    # Trailing blanks are cut line by line: the pattern "[ \t\u00a0]+\n" retried a run of blanks with no newline
    # after it from each of its characters (20,000 spaces took 4.7 s, 80,000 took 56 s).
    lines = text.split("\n")
    text = "\n".join([line.rstrip(" \t\u00a0") for line in lines[:-1]] + lines[-1:])
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()[:MAX_TEXT_CHARS]


@contextlib.contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    """Mute a library's logger while it reads untrusted input: every malformed object is a log line."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _read_pdf(content: bytes, max_bytes: int, max_pages: int, deadline: float) -> str:
    with _quiet("pypdf"):
        return _read_pdf_pages(content, max_pages, deadline)


def _read_pdf_pages(content: bytes, max_pages: int, deadline: float) -> str:
    import pypdf  # lazily: only PDF extraction pays for it
    from pypdf.errors import FileNotDecryptedError

    reader = pypdf.PdfReader(io.BytesIO(content), strict=False)
    if reader.is_encrypted:
        try:
            reader.decrypt("")  # many "protected" PDFs only restrict printing and open with no password
        except Exception as exc:
            raise ExtractionLimitError("PDF is encrypted") from exc
    _check_deadline(deadline)
    try:
        pages = len(reader.pages)
    except FileNotDecryptedError as exc:
        raise ExtractionLimitError("PDF is encrypted") from exc
    if pages > max_pages:
        raise ExtractionLimitError(
            f"PDF has {pages} pages, over the {max_pages}-page limit", limit="page limit"
        )
    parts: list[str] = []
    total = 0
    # Page by page so the deadline is checked between pages; pypdf caps each stream's inflation itself.
    for index in range(pages):
        _check_deadline(deadline)
        page = reader.pages[index]
        size = _page_content_size(page)
        if size > MAX_PAGE_CONTENT_BYTES:
            raise ExtractionLimitError(
                f"PDF page {index + 1} has {size} bytes of drawing operators, over {MAX_PAGE_CONTENT_BYTES}",
                limit="page content limit",
            )
        page_text = page.extract_text() or ""
        parts.append(page_text)
        total += len(page_text)
        if total > MAX_TEXT_CHARS:
            break
    _check_deadline(deadline)
    return "\n\n".join(parts)


def _page_content_size(page: Any) -> int:
    """Decoded size of a page's content streams and of the form XObjects it draws (one level deep)."""
    contents = page.get_contents()
    size = len(contents.get_data()) if contents is not None else 0
    resources = page.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    if xobjects is not None:
        for ref in xobjects.get_object().values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                size += len(xobject.get_data())
            if size > MAX_PAGE_CONTENT_BYTES:
                break
    return size


def _zip_xml(content: bytes, members: list[str], max_bytes: int, deadline: float) -> list[bytes]:
    """Read ``members`` of a zip after checking the directory for bombs; missing members are skipped."""
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise ExtractionLimitError(
                f"zip has {len(infos)} members, over {MAX_ZIP_MEMBERS}", limit="zip bomb"
            )
        declared = sum(info.file_size for info in infos)
        packed = sum(info.compress_size for info in infos)
        if declared > max_bytes:
            raise ExtractionLimitError(
                f"zip would inflate to {declared} bytes, over the {max_bytes}-byte limit", limit="zip bomb"
            )
        if packed and declared / packed > MAX_ZIP_RATIO and declared > 1024 * 1024:
            raise ExtractionLimitError(
                f"zip inflates {declared // packed}:1, over {MAX_ZIP_RATIO}:1 (a zip bomb?)", limit="zip bomb"
            )
        wanted = {info.filename: info for info in infos}
        out: list[bytes] = []
        for member in members:
            info = wanted.get(member)
            if info is None:
                continue
            _check_deadline(deadline)
            # The directory can lie; zipfile stops at the declared size and the CRC check then fails,
            # and reading in chunks against our own cap guards the rest.
            chunks: list[bytes] = []
            seen = 0
            with zf.open(info) as fh:
                while chunk := fh.read(64 * 1024):
                    seen += len(chunk)
                    if seen > max_bytes:
                        raise ExtractionLimitError(
                            f"{member} inflates past the {max_bytes}-byte limit", limit="zip bomb"
                        )
                    chunks.append(chunk)
            out.append(b"".join(chunks))
        return out


def _parse_xml(data: bytes) -> ElementTree.Element:
    # Office XML never needs a DTD; refusing one rules out entity-expansion ("billion laughs") attacks.
    if re.search(rb"<!(DOCTYPE|ENTITY)", data, re.I):
        raise ExtractionLimitError("XML declares a DTD or entities, which documents never need")
    return ElementTree.fromstring(data)


def _xml_text(
    root: ElementTree.Element, paragraphs: set[str], tabs: set[str], breaks: set[str], *, tails: bool
) -> str:
    """Text of an XML tree in document order; iterative, so deep nesting cannot overflow the stack.

    ODF keeps text in element tails (mixed content); WordprocessingML never does, so there ``tails`` is
    False and pretty-printed whitespace between elements is not mistaken for text.
    """
    out: list[str] = []
    stack: list[tuple[ElementTree.Element, bool]] = [(root, False)]
    while stack:
        elem, closing = stack.pop()
        local = elem.tag.rsplit("}", 1)[-1] if isinstance(elem.tag, str) else ""
        if closing:
            if local in paragraphs:
                out.append("\n")
            if tails and elem.tail and elem is not root:
                out.append(elem.tail)
            continue
        if local in tabs:
            out.append("\t")
        elif local in breaks:
            out.append("\n")
        elif local in {"t", "span", "p", "h", "a"} and elem.text:
            out.append(elem.text)
        elif local == "s":  # ODF run of spaces
            out.append(" " * min(int(elem.get(_ODF_C, "1") or 1), 80))
        stack.append((elem, True))
        stack.extend((child, False) for child in reversed(list(elem)))
    return "".join(out)


_ODF_C = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}c"


def _read_docx(content: bytes, max_bytes: int, max_pages: int, deadline: float) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        names = zf.namelist()
    # Résumés often keep the name and contact line in the page header, so read headers first.
    headers = sorted(n for n in names if re.fullmatch(r"word/header\d*\.xml", n))
    parts = _zip_xml(content, [*headers, "word/document.xml"], max_bytes, deadline)
    texts = []
    for data in parts:
        _check_deadline(deadline)
        texts.append(_xml_text(_parse_xml(data), {"p", "tr"}, {"tab"}, {"br", "cr"}, tails=False))
    return "\n".join(texts)


def _read_odt(content: bytes, max_bytes: int, max_pages: int, deadline: float) -> str:
    (data,) = _zip_xml(content, ["content.xml"], max_bytes, deadline) or [b"<x/>"]
    return _xml_text(_parse_xml(data), {"p", "h", "list-item"}, {"tab"}, {"line-break"}, tails=True)


def _decode(content: bytes) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16", "replace")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", "replace")


def _read_html(content: bytes, max_bytes: int, max_pages: int, deadline: float) -> str:
    # The mail bodies' converter: one linear pass, bounded input (``MAX_HTML_CHARS``), and it keeps list
    # items and link targets (a résumé's profile URL) where an html.parser walk dropped them.
    text = _decode(content)
    _check_deadline(deadline)
    return html_to_text(text)


def _read_text(content: bytes, max_bytes: int, max_pages: int, deadline: float) -> str:
    return _decode(content)


_READERS: dict[str, Callable[[bytes, int, int, float], str]] = {
    "pdf": _read_pdf,
    "docx": _read_docx,
    "odt": _read_odt,
    "rtf": read_rtf,
    "html": _read_html,
    "text": _read_text,
}
