"""How mail clients write a forwarded message into a body: labels, separators, prefixes, month names.

The matchers built from the per-language word tables in ``forward_labels`` (which stay importable from here),
plus the small readers of header *values* (address lists, dates) that forward blocks carry. ``forwards.py``
finds the blocks; this module knows what the words in them mean. Adding a language is adding words to
``forward_labels``, never code in ``forwards.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from inboxbroker.domain import Address
from inboxbroker.mail.forward_labels import (
    FORWARD_PHRASES,
    FORWARD_PREFIXES,
    LABELS,
    MONTH_WORDS,
    REPLY_PREFIXES,
)
from inboxbroker.mail.headers import decode_header_value, mask_encoded_words

# Longest first so that alternation prefers "Kopie (CC)" over "Kopie"; re.escape keeps "(CC)" literal.
_ALL_LABELS = sorted({label for labels in LABELS.values() for label in labels}, key=len, reverse=True)
_LABEL_FIELD = {label.casefold(): fieldname for fieldname, labels in LABELS.items() for label in labels}
LABEL_ALTERNATION = "|".join(re.escape(label) for label in _ALL_LABELS)


# A superset test for "this body may hold a forward block": some line opens (after quote marks,
# whitespace and the bold markers Outlook and Gmail write) with a "from" label followed by a colon, or
# with a forward phrase. It runs on the case-folded body in one C-level scan, so a body that cannot be
# a forward is ruled out without the per-line work in ``forwards``.
_FROM_LABELS = "|".join(
    r"\s+".join(re.escape(word) for word in label.casefold().split())
    for label in sorted(LABELS["from"], key=len, reverse=True)
)
# Anchored on a literal "\n" (the body gets one prepended) rather than on ^ with re.MULTILINE: the regex
# engine then skips to newlines instead of trying the alternation at every character.
_MAYBE_BLOCK_RE = re.compile(rf"\n[\s>]*(?:\*\*?|<b>)?(?:{_FROM_LABELS})\s*(?:\*\*?|</b>)?\s*[:：]")


def field_for_label(label: str) -> str | None:
    """The canonical field ("from", "to", …) a header label stands for, or None."""
    return _LABEL_FIELD.get(re.sub(r"\s+", " ", label.strip()).casefold())


FORWARD_PHRASE_RE = re.compile(
    "|".join(re.escape(p) for p in sorted(FORWARD_PHRASES, key=len, reverse=True)), re.IGNORECASE
)
_PHRASE_SET = {p.casefold() for p in FORWARD_PHRASES}
_SEPARATOR_HEAD_RE = re.compile(r"^[\s\-_*=>:]*(?P<head>[^\-:：/\n]{3,60}?)\s*(?:-{2,}|[:：/]|$)")


_MAYBE_SEPARATOR_RE = re.compile(
    r"\n[\s\-_*=>:]*(?:"
    + "|".join(re.escape(p.casefold()) for p in sorted(FORWARD_PHRASES, key=len, reverse=True))
    + ")"
)


def _trie(words: list[list[str]]) -> str:
    """An alternation over ``words`` (each a list of regex atoms) factored into a prefix tree.

    It matches exactly what ``"|".join(...)`` of the words matches, but the regex engine tries one branch
    per distinct next atom instead of every word in turn: at each line of each body that matters.
    """
    tree: dict[str, dict] = {}
    for atoms in words:
        node = tree
        for atom in atoms:
            node = node.setdefault(atom, {})
        node[""] = {}  # end of a word

    def render(node: dict[str, dict]) -> str:
        ends = "" in node
        branches = [atom + render(child) for atom, child in node.items() if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        if ends:
            body = (body if body.startswith("(?:") and len(branches) > 1 else f"(?:{body})") + "?"
        return body

    return render(tree)


def _atoms(phrase: str, spaces: str | None = None) -> list[str]:
    """A case-folded phrase as regex atoms: one per character, or ``spaces`` for each run of whitespace."""
    if spaces is None:
        return [re.escape(ch) for ch in phrase.casefold()]
    atoms: list[str] = []
    for i, word in enumerate(phrase.casefold().split()):
        if i:
            atoms.append(spaces)
        atoms.extend(re.escape(ch) for ch in word)
    return atoms


# _MAYBE_BLOCK_RE and _MAYBE_SEPARATOR_RE with their alternations factored: the same matches.
# Each is split in two: the lead (a newline and the run of blanks, quote marks or dashes after it) and what must
# follow the run. A single regex retried the whole run from every newline inside it, so a body of 80,000 blank
# lines took two minutes; ``finditer`` over the leads consumes each run once, and from any newline in a run the
# (possessive) lead ends at the same place, so trying only the first is enough. The leads are possessive
# because every label and phrase starts with a letter, "*" or "<": giving back part of the run cannot help.
_BLOCK_LEAD_RE = re.compile(r"\n[\s>]*+")
# "\s*(?:</b>)?\s*:" written with the optional marker owning its trailing blanks: two bare \s* around an
# optional group split a long run of spaces every possible way before failing.
_BLOCK_REST_RE = re.compile(
    r"(?:\*\*?|<b>)?"
    + _trie([_atoms(label, r"\s+") for label in LABELS["from"]])
    + r"\s*(?:(?:\*\*?|</b>)\s*)?[:：]"
)
_SEPARATOR_LEAD_RE = re.compile(r"\n[\s\-_*=>:]*+")
_SEPARATOR_REST_RE = re.compile(_trie([_atoms(phrase) for phrase in FORWARD_PHRASES]))


def may_hold_forward_block(text: str) -> bool:
    """False only when no line of ``text`` can open a forward block (see ``_MAYBE_BLOCK_RE``)."""
    # ASCII text folds to its lower case, which CPython computes several times faster than casefold()
    folded = "\n" + (text.lower() if text.isascii() else text.casefold())
    return any(_BLOCK_REST_RE.match(folded, lead.end()) for lead in _BLOCK_LEAD_RE.finditer(folded)) or any(
        _SEPARATOR_REST_RE.match(folded, lead.end()) for lead in _SEPARATOR_LEAD_RE.finditer(folded)
    )


def _may_hold_forward_block_reference(text: str) -> bool:
    """The unfactored form of ``may_hold_forward_block``: its specification, kept to check the two agree."""
    folded = "\n" + text.casefold()
    return _MAYBE_BLOCK_RE.search(folded) is not None or _MAYBE_SEPARATOR_RE.search(folded) is not None


def separator_end(line: str) -> int | None:
    """Where the forward phrase ends if ``line`` opens with one ("----- Forwarded Message -----"), else None.

    A set lookup of the line's head rather than a search with a ~100-way alternation: this runs on
    every body line of every message, and the regex made unwrapping cost more than parsing.
    """
    match = _SEPARATOR_HEAD_RE.match(line)
    if match and match.group("head").strip().casefold() in _PHRASE_SET:
        return match.end("head")
    return None


# Outlook's "-----Original Message-----" and the underscore rule are also used by replies: they open a
# header block but say nothing about forward vs reply on their own (the subject decides).
NEUTRAL_SEPARATOR_RE = re.compile(
    r"^\s*(?:-{3,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine"
    r"|Mensaje original|Messaggio originale|Oorspronkelijk bericht)\s*-{3,}"
    r"|_{10,})\s*$",
    re.IGNORECASE,
)

_PREFIX_RE = re.compile(
    r"^\s*(?:\[[^\]]{0,40}\]\s*)?(?P<word>[^\W\d_]{1,12}(?:\.[^\W\d_]{1,6})?)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*"
)
_FORWARD_SET = {p.casefold() for p in FORWARD_PREFIXES} | {"fwd.msg"}
_REPLY_SET = {p.casefold() for p in REPLY_PREFIXES}


def subject_prefixes(subject: str) -> tuple[list[str], str]:
    """Peel every reply/forward prefix off a subject: (["re", "fwd"], "the rest")."""
    found: list[str] = []
    rest = subject
    while True:
        match = _PREFIX_RE.match(rest)
        if not match:
            break
        word = match.group("word").casefold()
        if word not in _FORWARD_SET and word not in _REPLY_SET:
            break
        found.append(word)
        rest = rest[match.end() :]
    return found, rest.strip()


def is_forward_prefix(word: str) -> bool:
    return word.casefold() in _FORWARD_SET


def is_reply_prefix(word: str) -> bool:
    """Reply-only prefixes ("vs" is reply in Finnish and forward in Swedish, so it counts as forward)."""
    return word.casefold() in _REPLY_SET and word.casefold() not in _FORWARD_SET


# --- addresses ---------------------------------------------------------------------------------------------

_EMAIL = r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+"
_EMAIL_RE = re.compile(_EMAIL)
_MAILTO_TAIL_RE = re.compile(r"<mailto:[^>]*>|\[mailto:[^\]]*\](?=\s*>)")
_BRACKET_DUP_RE = re.compile(r"\s*\[(" + _EMAIL + r")\]\s*(?=>)")
_SQUARE_MAILTO_RE = re.compile(r"\[mailto:(" + _EMAIL + r")\]")
_ON_BEHALF_RE = re.compile(
    r"\s+(?:on behalf of|im Auftrag von|de la part de|en nombre de|per conto di)\s.*$", re.IGNORECASE
)
_NAME_STRIP = " \t,;:\"'“”„«»‘’‚()*"


def _clean_value(value: str) -> str:
    value = _ON_BEHALF_RE.sub("", value)
    value = _SQUARE_MAILTO_RE.sub(r"<\1>", value)  # Outlook 2013: Name [mailto:x@y]
    value = _MAILTO_TAIL_RE.sub("", value)  # Outlook web: x@y<mailto:x@y>
    value = _BRACKET_DUP_RE.sub("", value)  # <x@y [x@y]>
    return value.strip()


def _split_items(value: str) -> list[str]:
    """Split an address list on , and ; outside <> and double quotes; rejoin pieces holding no address
    ("Doe, John <j@x>" splits into "Doe" and "John <j@x>", which belong together)."""
    pieces: list[str] = []
    depth = 0
    quoted = False
    start = 0
    for i, ch in enumerate(value):
        if ch == '"':
            quoted = not quoted
        elif ch in "<(":
            depth += 1
        elif ch in ">)":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0 and not quoted:
            pieces.append(value[start:i])
            start = i + 1
    pieces.append(value[start:])
    items: list[str] = []
    carry = ""
    for piece in pieces:
        if not piece.strip():
            continue
        joined = f"{carry},{piece}" if carry else piece
        if _EMAIL_RE.search(piece):
            items.append(joined)
            carry = ""
        else:
            carry = joined
    if carry:
        # trailing names without any address: each comma piece is its own name-only mailbox
        if items:
            items.extend(p for p in carry.split(",") if p.strip())
        else:
            items.append(carry) if ";" not in value else items.extend(carry.split(","))
    return items


def _one_address(item: str) -> Address | None:
    item = item.strip()
    angle = re.search(r"[<(]\s*<?(" + _EMAIL + r")>?\s*[>)]", item)
    if angle:
        email = angle.group(1)
        name = (item[: angle.start()] + " " + item[angle.end() :]).strip(_NAME_STRIP + " ")
    else:
        bare = _EMAIL_RE.search(item)
        if bare:
            email = bare.group(0)
            name = (item[: bare.start()] + item[bare.end() :]).strip(_NAME_STRIP)
        else:
            email = ""
            name = item.strip(_NAME_STRIP)
    name = re.sub(r"\s+", " ", name).strip(_NAME_STRIP)
    email = email.strip(".").lower()
    if name.lower() == email:
        name = ""  # "x@y <x@y>" and '"x@y" <x@y>' carry no name
    if not name and not email:
        return None
    return Address(name=name, email=email)


def parse_addresses(value: str) -> tuple[Address, ...]:
    """Read a forward block's address list. A name without an address gives ``Address(name, "")``.

    Some clients copy the sender's header undecoded into the block: the list is split with its RFC 2047
    encoded words masked, and only the names are decoded (an "@" inside an encoded word is no address).
    """
    value, unmask = mask_encoded_words(_clean_value(value))
    if not value:
        return ()
    found = (_one_address(item) for item in _split_items(value))
    return tuple(_decoded_name(a, unmask) for a in found if a is not None)


def _decoded_name(address: Address, unmask: Callable[[str], str]) -> Address:
    name = unmask(address.name)
    if name == address.name:
        return address
    return Address(name=decode_header_value(name).strip(_NAME_STRIP), email=address.email)


# --- dates -------------------------------------------------------------------------------------------------

MONTHS: dict[str, int] = {}
for _number, _month_words in MONTH_WORDS.items():
    for _word in _month_words.split():
        # the first language listed keeps a word two languages share for different months
        MONTHS.setdefault(_word, _number)
# Croatian "listopad" is October, Polish "listopad" November: the Polish reading wins, the Croatian loses.
MONTHS["listopad"] = 11
MONTHS["listopada"] = 11

# Zone abbreviations clients print instead of an offset, including German and Finnish spellings.
ZONES: dict[str, int] = {
    "UTC": 0,
    "GMT": 0,
    "UT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 60,
    "CET": 60,
    "MEZ": 60,
    "CEST": 120,
    "MESZ": 120,
    "EET": 120,
    "OEZ": 120,
    "EEST": 180,
    "OESZ": 180,
    "MSK": 180,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
}

_OFFSET_RE = re.compile(r"(?:\b(?:GMT|UTC)\s*)?(?<![\d:])([+-])(\d{1,2}):?(\d{2})?\b(?!\s*[/.])")
_UNKNOWN_ZONE_RE = re.compile(r"(?<![\d:])-00:?00\b")
_TIME_RE = re.compile(r"\b(\d{1,2})[:.h](\d{2})(?:[:.](\d{2}))?\s*(?:([AaPp])\.?\s?[Mm]\.?\b)?")
_YEAR_RE = re.compile(r"\b(19\d\d|20\d\d)\b")


def _offset(text: str) -> timezone | None:
    for word in re.findall(r"\b[A-Z]{1,5}\b", text):
        if word in ZONES and not re.search(rf"\b{word}\s*[+-]\d", text):
            return timezone(timedelta(minutes=ZONES[word]))
    match = _OFFSET_RE.search(text)
    if match:
        sign = -1 if match.group(1) == "-" else 1
        hours = int(match.group(2))
        minutes = int(match.group(3) or 0)
        if hours <= 14 and minutes < 60:
            return timezone(sign * timedelta(hours=hours, minutes=minutes))
    return None


def parse_date(value: str) -> datetime | None:
    """A forward block's date, best-effort, in any of the languages above.

    Returns a timezone-aware datetime only when the text gives an offset or a known zone name;
    otherwise None, because a wall-clock time without its zone would be quietly wrong for scheduling.
    Ambiguous numeric dates (03/04/2024) also give None.
    """
    text = value.strip()
    try:
        strict = parsedate_to_datetime(text)  # RFC 5322 dates, as Thunderbird and Apple print them
    except (TypeError, ValueError, IndexError):
        strict = None
    if strict is not None and strict.tzinfo is not None:
        return strict
    # parsedate also reads looser forms ("Tuesday, March 11, 2025, 08:42:10 PM EDT", as Yahoo writes) but
    # drops what it does not know there, the zone and the PM among it: those are read below instead.
    if _UNKNOWN_ZONE_RE.search(text):
        return None  # -0000: "the zone is not known" (RFC 5322), not UTC
    zone = _offset(text)
    if zone is None:
        return None
    time_match = _TIME_RE.search(text)
    hour = minute = second = 0
    if time_match:
        hour, minute = int(time_match.group(1)), int(time_match.group(2))
        second = int(time_match.group(3) or 0)
        meridiem = (time_match.group(4) or "").lower()
        if meridiem == "p" and hour < 12:
            hour += 12
        elif meridiem == "a" and hour == 12:
            hour = 0
        text_wo_time = text[: time_match.start()] + " " + text[time_match.end() :]
    else:
        text_wo_time = text
    day, month, year = _day_month_year(text_wo_time)
    if day is None or month is None or year is None:
        return None
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None


def _day_month_year(text: str) -> tuple[int | None, int | None, int | None]:
    ymd = re.search(r"\b(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})", text)
    if ymd:
        return int(ymd.group(3)), int(ymd.group(2)), int(ymd.group(1))
    numeric = re.search(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{2,4})\b", text)
    if numeric:
        first, second, year = (int(g) for g in numeric.groups())
        year += 2000 if year < 100 else 0
        if first > 12 >= second:
            return first, second, year
        if second > 12 >= first:
            return second, first, year
        return None, None, None  # 03/04: day-first or month-first? None rather than wrong
    # The last month word wins: a weekday abbreviation ("mar." = martes) comes before the month.
    months = [MONTHS[word] for word in re.findall(r"[^\W\d_]+", text.casefold()) if word in MONTHS]
    month = months[-1] if months else None
    year_match = _YEAR_RE.search(text)
    if month is None or year_match is None:
        return None, None, None
    rest = text[: year_match.start()] + " " + text[year_match.end() :]
    days = [int(d) for d in re.findall(r"(?<![\d+-])(\d{1,2})(?!\d)", rest) if 1 <= int(d) <= 31]
    return (days[0] if days else None), month, int(year_match.group(1))
