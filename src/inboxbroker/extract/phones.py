"""Which lines of a text can hold a phone number, before phonenumbers is asked about them.

``PhoneNumberMatcher`` verifies every digit group it meets with a full parse: the "00" of "10:00", the "+0000"
of a quoted Date line, the "15" of "15 minutes" — about a tenth of a millisecond each, and on a request
with proposed times most of what extracting its details cost (profiled over a generated backlog: 13
candidates a request, one in a hundred a number). A line holds a valid number only if it has a run of at
least as many digits as the shortest valid number, joined by nothing but the library's own punctuation;
the other lines are not worth its time. The shortest length comes from the library's metadata, not from us.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import phonenumberutil

# The library's punctuation inside a number and blanks but line ends, at most three between two digits, so
# a time range or a list of numbers in prose ("10 - 11 or 2 - 3") is not read as one long run. Not "+": it
# only starts a number, and "18:00:00 +0000" would be a run.
# (The library's constant is private: should a release rename it, the usual punctuation stands in for it.)
_PUNCTUATION = getattr(phonenumberutil, "_VALID_PUNCTUATION", "-./()[]~\u00a0\u2010\u2011\u2012\u2013")
_JOINERS = "".join(sorted(set(_PUNCTUATION) | {" ", "\t"}))
_JOINER = f"[{re.escape(_JOINERS)}]{{0,3}}"


def _shortest(metadata: phonenumbers.PhoneMetadata | None) -> int | None:
    desc = metadata.general_desc if metadata else None
    lengths = [n for n in (desc.possible_length if desc else ()) if n > 0]
    return min(lengths) if lengths else None


@lru_cache(maxsize=1)
def _shortest_international() -> int:
    """Digits in the shortest valid number of any region written with its country code (6: +43 or +49 and 4)."""
    found = []
    for region in phonenumbers.SUPPORTED_REGIONS:
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
        if metadata is not None and (shortest := _shortest(metadata)) is not None:
            found.append(len(str(metadata.country_code)) + shortest)
    return min(found)


@lru_cache(maxsize=64)
def digit_run(region: str) -> re.Pattern[str]:
    """A run of digits as long as the shortest number valid in ``region`` or written internationally."""
    national = _shortest(phonenumbers.PhoneMetadata.metadata_for_region(region.upper()))
    digits = min(n for n in (national, _shortest_international()) if n is not None)
    # Not a run that ends in a clock time's hour ("… 2026 18:00:00" of a quoted Date line). Bounded
    # repetitions of a class without digits between digits: linear in the text, whatever the mail holds.
    return re.compile(rf"\d(?:{_JOINER}\d){{{digits - 1}}}(?!:\d)")


def phone_lines(text: str, region: str) -> str:
    """The lines of ``text`` that may hold a number valid in ``region`` or with a country code, in order."""
    run = digit_run(region)
    return "\n".join(line for line in text.splitlines() if run.search(line))
