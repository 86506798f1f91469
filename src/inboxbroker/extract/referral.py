"""Who referred the requester: the person a request names as having sent them ("Sam Lee suggested I write").

Pure: text in, a ``Field`` out; None when the request names nobody. A referrer is named in one of two ways:
after a cue ("referred to you by …", "at the suggestion of …", "my cousin …"), or as the subject of a verb
("… suggested I write"). Either way it is a person. The organisation beside them ("Joanna Pike at Meridian
Bank suggested") is not one, nor is a template's blank ("[Professor's name], who teaches at X, suggested"),
which ``strip_placeholders`` has already turned into ``SLOT``.

A full name is given as written, without its title ("Professor Elena Novak" → "Elena Novak"); a surname
alone keeps its title ("Mr. Abernathy"), and a first name alone counts where the text says who they are
("my cousin Ravi") or makes them the verb's subject ("Maria, a recruiter at X, suggested").
"""

from __future__ import annotations

import re

from inboxbroker.domain import Field
from inboxbroker.extract.signature import is_proper_name

_TITLE = r"(?:Mr|Mrs|Ms|Mx|Dr|Prof)\.?|Professor|Dean"
# People who may have sent the requester: named after "my" as a cue of their own ("my mentor, Sam Lee").
_CONTACT = (
    r"(?:(?:former|old|good|close|mutual|thesis|academic|faculty)\s)?"
    r"(?:friend|colleague|co-?worker|classmate|roommate|flatmate|manager|boss|mentor|professor|lecturer|tutor|"
    r"advis[eo]r|supervisor|teacher|coach|contact|connection|acquaintance|neighbou?r)"
)
# Family count only as the subject of a referral verb ("my cousin Ravi suggested"): "my nephew Theo" is more
# often the one being put forward than the one who put the requester forward.
_RELATION = (
    rf"(?:{_CONTACT}|(?:older\s|younger\s)?(?:cousin|brother|sister|uncle|aunt|father|mother|dad|mom|mum))"
)
_WORD = r"[A-ZÀ-ÖØ-Þ][\w'’-]+"
_PARTICLE = r"(?:van|von|de|da|del|der|di|la|le|bin|al|dos|du|ter)"
# A person as a request names them: "Sam Lee", "Dr. Okonjo", "my cousin Ravi", "My supervisor, Ms. Tran".
_PERSON = re.compile(
    rf"(?:(?:[Mm]y|[Oo]ur|[Yy]our|[Aa])\s(?P<rel>{_RELATION}),?\s)?(?:(?P<title>{_TITLE})\s)?"
    rf"(?P<name>{_WORD}(?:\s(?:{_PARTICLE}\s){{0,2}}{_WORD}){{0,2}})"
)
# The cues. The referrer follows "before" and "relation" (whose first name alone is enough: "my cousin
# Ravi") and "source" ("your email from …", which also precedes a website or a school, so only a full name or
# a title counts there); "verb" follows its subject.
_CUE = re.compile(
    r"\b(?:(?P<before>(?:referred|introduced)\s(?:me\s)?(?:to\syou\s)?by|(?:suggested|recommended)\sby|"
    r"(?:[Aa]t|[Oo]n)\sthe\s(?:suggestion|recommendation|advice)\sof|(?:suggestion|recommendation)\s(?:of|from))"
    rf"|(?P<relation>(?:[Mm]y|[Oo]ur|[Yy]our|[Aa])\s{_CONTACT}(?:\sof\s(?:mine|ours))?)"
    r"|(?P<source>(?:contact|email|name|details|address|number)\sfrom)"
    r"|(?P<verb>suggested|recommended|mentioned|thought|told\sme|gave\sme|passed\s(?:along|on)|shared|"
    r"encouraged\sme|pointed\sme|referred\sme|put\sme\sin\stouch|connected\s(?:me|us)|advised\sme))\b[ ,]{0,3}"
)
# What may stand between a verb's subject and the verb: a bracket, an appositive between commas, a "who", or
# where they work ("Joanna Pike at Meridian Bank suggested", "Ravi from your design team passed along").
_TO_VERB = re.compile(
    r"\s*(?:\([^()\n]{0,80}\)\s*)?"
    r"(?:,\s[^,\n]{1,100},\s*|,?\swho(?:m)?\s|\s(?:at|from|of|with|in|on)\s[^,\n]{1,60}?\s)?,?\s*"
)
# A second predicate joined by "and", for a subject that opens its sentence: "My sister Ines works with you
# and thought we should talk" (not "I emailed Sam Lee and thought …": Sam Lee does not open the sentence).
_AND_VERB = re.compile(r"(?:\s[a-z][\w'’-]*){1,6}\sand\s")
# A sentence ends at a full stop that is not a title's or an initial's ("Dr. Okonjo", "J. Smith").
_CLAUSE_END = re.compile(
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bMx)(?<!\bDr)(?<!\bProf)(?<!\b[A-Z])[.!?](?=\s)|\n"
)
_PRONOUN = re.compile(r"(?:^|\s)(?:[Ss]he|[Hh]e|[Tt]hey)\s+$")
# Words before a capitalised run that make it an organisation or an addressee, not the one who referred.
_NOT_AFTER = {
    "at", "from", "of", "in", "for", "on", "about", "dear", "hi", "hello", "hey", "is", "am", "i'm", "i’m",
}  # fmt: skip
# Capitalised words that open a sentence and are nobody's name ("Yesterday Sam Lee suggested").
_NOT_NAMES = {
    "i", "my", "our", "your", "his", "her", "their", "he", "she", "they", "we", "you", "it", "this", "that",
    "these", "those", "there", "here", "someone", "somebody", "everyone", "everybody", "nobody", "anyone",
    "one", "both", "also", "then", "recently", "yesterday", "today", "last", "when", "after", "while", "since",
    "because", "during", "and", "but", "so", "a", "an", "the", "linkedin", "google", "handshake", "twitter",
    "facebook", "instagram", "reddit", "glassdoor", "indeed", "slack", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
}  # fmt: skip
_LOOK_BACK = 200  # characters before a verb searched for its subject: a sentence, not the message


def referrer(body: str) -> Field[str]:
    """Who sent the requester our way, named as a person ("Sam Lee suggested I reach out"), or None."""
    for cue in _CUE.finditer(body):
        found = None
        if cue.group("verb"):
            found = _subject(body, cue.start())
        elif m := _PERSON.match(body, cue.end()):
            found = _person(m, first_name_enough=not cue.group("source"))
        if found:
            return found
    return Field(None)


def _subject(body: str, verb: int) -> Field[str] | None:
    """The person who is the subject of the verb at ``verb``, searched in its sentence."""
    starts = [max(0, verb - _LOOK_BACK)]
    starts += [end.end() for end in _CLAUSE_END.finditer(body, starts[0], verb)]
    clause = body[starts[-1] : verb]
    if pronoun := _PRONOUN.search(clause):
        # "I talked with Shauna Williams about X, and she recommended …": the person last named before the
        # pronoun, in this sentence or the one before; a full name or a title, never a first name alone.
        named = [
            found
            for m in _PERSON.finditer(
                body, starts[-2] if len(starts) > 1 else starts[0], starts[-1] + pronoun.start()
            )
            if _subject_position(body[: m.start()]) and (found := _person(m, first_name_enough=False))
        ]
        return named[-1] if named else None
    for m in _PERSON.finditer(clause):
        if not _subject_position(clause[: m.start()]):
            continue
        opens = not clause[: m.start()].strip()
        linked = _TO_VERB.fullmatch(clause, m.end()) or (opens and _AND_VERB.fullmatch(clause, m.end()))
        if linked and (found := _person(m, first_name_enough=True)):
            return found
    return None


def _subject_position(before: str) -> bool:
    """Whether a capitalised run after ``before`` can be a person: "… at Cardinal Health" is an employer."""
    last = before[-40:].rstrip(" ,").rsplit(None, 1)
    return not last or last[-1].lower() not in _NOT_AFTER


def _person(m: re.Match[str], *, first_name_enough: bool) -> Field[str] | None:
    if m.group("name").endswith(("'s", "’s")):
        return None  # "Jordan Blake's talk": whose talk, not who referred
    words = m.group("name").split()
    while words and words[0].lower() in _NOT_NAMES:
        words.pop(0)
    while words and not is_proper_name(" ".join(words)):
        words.pop()
    if len(words) >= 2:
        return Field(" ".join(words), 0.85)
    if not words:
        return None
    if m.group("title"):
        return Field(f"{m.group('title')} {words[0]}", 0.75)
    return Field(words[0], 0.7) if first_name_enough or m.group("rel") else None
