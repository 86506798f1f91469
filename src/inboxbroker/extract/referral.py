"""Who referred the requester: the person a request names as having sent them ("Sam Lee suggested I write").

Pure: text in, a ``Field`` out; None when the request names nobody.
"""

from __future__ import annotations

import re

from inboxbroker.domain import Field
from inboxbroker.extract.signature import is_proper_name

_REFERRAL = re.compile(
    r"(?:(?P<a>(?:[A-Z][\w'’-]+\s){1,2}[A-Z][\w'’-]+)(?:\s*\([^)]*\))?,?\s+(?:suggested|recommended|"
    r"mentioned|thought|told me|gave me|passed (?:along|on)|shared|encouraged me|pointed me)"
    r"|(?:referred (?:to you )?by|[Aa]t the suggestion of|recommendation (?:of|from)|"
    r"introduced (?:to you )?by|"
    r"your (?:contact|email|name|details) from|mutual (?:friend|connection|colleague),?|colleague,?|"
    r"friend,?|manager,?|mentor,?|professor,?)\s+(?P<b>(?:[A-Z][\w'’-]+\s?){2,3}))"
)


def referrer(body: str) -> Field[str]:
    """Who sent the requester our way, named as a person ("Sam Lee suggested I reach out"), or None."""
    for m in _REFERRAL.finditer(body):
        name = (m.group("a") or m.group("b") or "").strip()
        # "Professor Elena Novak gave me…": the title is not part of the name.
        words = re.sub(r"^(?:(?:My|Our|Professor|Prof\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)\s+)+", "", name).split()
        while words and not is_proper_name(" ".join(words)):
            words.pop()
        if len(words) >= 2:
            return Field(" ".join(words), 0.85)
    return Field(None)
