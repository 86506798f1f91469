"""RTF attachment bytes → plain text, with no library: the reader ``documents`` uses for the "rtf" kind.

It has the signature of ``documents``' other readers; ``documents`` enforces the size limit and turns any
error raised here into an ExtractionLimitError naming the file.
"""

from __future__ import annotations

import re
import time

from inboxbroker.errors import ExtractionLimitError


def _check_deadline(deadline: float) -> None:
    # The same check as ``documents._check_deadline``; importing it would be a cycle (documents imports us).
    if time.monotonic() > deadline:
        raise ExtractionLimitError("took longer than the time limit")


_RTF_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|([^\\{}]+)"
)
# Destinations whose contents are not body text (font tables, pictures, metadata …).
_RTF_SKIP = {
    b"fonttbl", b"colortbl", b"stylesheet", b"info", b"pict", b"object", b"header", b"footer",
    b"listtable", b"listoverridetable", b"rsidtbl", b"generator", b"xmlnstbl", b"themedata",
    b"datastore", b"latentstyles", b"fldinst", b"bkmkstart", b"bkmkend", b"filetbl", b"revtbl",
}  # fmt: skip


def read_rtf(content: bytes, max_bytes: int, max_pages: int, deadline: float) -> str:
    """A small RTF reader: groups, skipped destinations, \\'hh and \\uN escapes, paragraph breaks."""
    out: list[str] = []
    stack: list[tuple[bool, int]] = []
    skip, uc, pending_skip = False, 1, 0
    codepage = "cp1252"
    for count, match in enumerate(_RTF_TOKEN.finditer(content)):
        if count % 4096 == 0:
            _check_deadline(deadline)
        word, arg, hexbyte, symbol, brace, text = match.groups()
        if brace == b"{":
            stack.append((skip, uc))
            if len(stack) > 512:
                raise ExtractionLimitError("RTF groups are nested too deeply")
        elif brace == b"}":
            skip, uc = stack.pop() if stack else (False, 1)
        elif symbol == b"*":
            skip = True  # \* marks a destination that readers may ignore
        elif word is not None:
            if word in _RTF_SKIP:
                skip = True
            elif word == b"uc" and arg:
                uc = int(arg)
            elif skip:
                pass
            elif word in {b"par", b"line", b"row", b"sect", b"page"}:
                out.append("\n")
            elif word in {b"tab", b"cell"}:
                out.append("\t")
            elif word == b"u" and arg:
                # Word writes a character beyond U+FFFF as two \u escapes, its UTF-16 surrogates, each a signed
                # 16-bit number: joined here into the character, since a lone surrogate cannot be stored.
                code = int(arg) % 65536
                if (
                    0xDC00 <= code <= 0xDFFF
                    and out
                    and len(out[-1]) == 1
                    and 0xD800 <= ord(out[-1]) <= 0xDBFF
                ):
                    out[-1] = chr(0x10000 + ((ord(out[-1]) - 0xD800) << 10) + (code - 0xDC00))
                else:
                    out.append(chr(code))
                pending_skip = uc
            elif word == b"ansicpg" and arg:
                codepage = f"cp{int(arg)}"
        elif hexbyte is not None:
            if pending_skip:
                pending_skip -= 1
            elif not skip:
                out.append(bytes([int(hexbyte, 16)]).decode(codepage, "replace"))
        elif symbol is not None and not skip:
            out.append({b"~": "\u00a0", b"-": "", b"_": "-"}.get(symbol, symbol.decode("latin-1")))
        elif text is not None and not skip:
            chunk = text.replace(b"\r", b"").replace(b"\n", b"")
            if pending_skip and chunk:
                cut = min(pending_skip, len(chunk))
                chunk, pending_skip = chunk[cut:], pending_skip - cut
            out.append(chunk.decode(codepage, "replace"))
    return "".join(out)
