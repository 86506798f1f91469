"""Text that can be stored: every ``str`` leaving a decoder is valid Unicode, whatever the mail held.

Python strings may hold lone surrogates (U+D800–U+DFFF) — from ``surrogateescape`` decoding, from an RTF
``\\uN`` escape, from a UTF-16 text cut in half — and such a string raises UnicodeEncodeError the first time
it is written to the store or printed, far from where it came in. ``valid_text`` is applied where text
enters, so the rest of the program never meets one.
"""

from __future__ import annotations

import re

_SURROGATES = re.compile("[\ud800-\udfff]")
_PAIR = re.compile("([\ud800-\udbff])([\udc00-\udfff])")


def valid_text(text: str) -> str:
    """``text`` with each high+low surrogate pair joined into its character and any other surrogate as U+FFFD."""
    if text.isascii() or _SURROGATES.search(text) is None:
        return text  # the common case: one C-level scan, nothing copied
    # A pair written as two code units (UTF-16 style) is the character it encodes, not two errors.
    text = _PAIR.sub(lambda m: chr(0x10000 + ((ord(m[1]) - 0xD800) << 10) + (ord(m[2]) - 0xDC00)), text)
    return _SURROGATES.sub("\ufffd", text)
