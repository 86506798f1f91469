"""Which of the offered slots a requester's reply picks: "the second one", "Tuesday at 2 works", "Thu 10:30 ET".

Pure and cautious: a reply names a slot only when exactly one offered slot fits what it says. Anything else
(no time named, two slots fit, "none of these work") is ``Unclear`` with the reason, for the coordinator.
Times are read with ``extract.times`` (the same grammar as requests) in the zone the reply names, else the
one the slots were written in. Every pattern here is a single linear pass over at most ``TEXT_CHARS``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from inboxbroker.domain import Interval
from inboxbroker.extract.times import extract_times

TEXT_CHARS = 2000  # the new text of a reply; the answer is near the top, the quote is already cut

_ORDINALS = {
    "first": 0,
    "1st": 0,
    "earliest": 0,
    "earlier": 0,
    "second": 1,
    "2nd": 1,
    "middle": 1,
    "third": 2,
    "3rd": 2,
    "fourth": 3,
    "4th": 3,
    "fifth": 4,
    "5th": 4,
}
_ORDINAL = re.compile(
    r"\b(?:the\s+)?(?P<word>first|1st|earliest|earlier|second|2nd|middle|third|3rd|fourth|4th|fifth|5th|last|latter)"
    r"\s+(?:one|option|slot|time|choice)\b"
    r"|\b(?:option|slot|choice|number|no\.?|#)\s*(?P<number>[1-5])\b",
    re.IGNORECASE,
)
_ORDINAL_WORD = r"(?:first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last|middle)"
# "the first or second one": two options named, whichever word carries the "one".
_EITHER = re.compile(rf"\b{_ORDINAL_WORD}\s+(?:or|and|/)\s+(?:the\s+)?{_ORDINAL_WORD}\b", re.IGNORECASE)
_DECLINE = re.compile(
    r"\b(?:none\s+of\s+(?:these|those|them|the)|neither\s+(?:of|works)|no(?:ne)?\s+(?:of\s+)?(?:these|those)\s+"
    r"(?:times?\s+)?work|(?:can(?:'|no)t|cannot|won't\s+be\s+able\s+to)\s+(?:make|do)\s+(?:any|either))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Picked:
    slot: Interval
    reason: str


@dataclass(frozen=True)
class Unclear:
    reason: str


def pick_slot(
    text: str, offered: Sequence[Interval], *, reference: datetime, zone: str | None
) -> Picked | Unclear:
    """The one offered slot ``text`` picks, or why it is not clear which."""
    if not offered:
        return Unclear("no slots were offered")
    text = text[:TEXT_CHARS]
    if _DECLINE.search(text):
        return Unclear("the reply says none of the offered times work")
    if _EITHER.search(text):
        return Unclear("the reply names more than one of the options")
    ordinals = {_ordinal_index(m, len(offered)) for m in _ORDINAL.finditer(text)}
    ordinals.discard(None)
    if len(ordinals) == 1:
        index = ordinals.pop()
        assert index is not None
        if index < len(offered):
            return Picked(offered[index], f"the reply picks option {index + 1}")
    elif len(ordinals) > 1:
        return Unclear("the reply names more than one of the options")
    named = extract_times(text, reference, zone).intervals
    if not named:
        return Unclear("the reply names no time and no option")
    fitting = [slot for slot in offered if any(_fits(slot, when) for when in named)]
    if len(fitting) == 1:
        return Picked(fitting[0], "the reply names its time")
    if not fitting:
        return Unclear("the time the reply names is none of the offered slots")
    return Unclear(f"the reply's words fit {len(fitting)} of the offered slots")


def _ordinal_index(match: re.Match[str], count: int) -> int | None:
    if match.group("number"):
        return int(match.group("number")) - 1
    word = match.group("word").lower()
    if word in ("last", "latter"):
        return count - 1
    return _ORDINALS.get(word)


def _fits(slot: Interval, named: Interval) -> bool:
    """A named time fits a slot when the slot starts inside it, or it starts inside the slot ("at 2")."""
    return named.start <= slot.start < named.end or slot.start <= named.start < slot.end
