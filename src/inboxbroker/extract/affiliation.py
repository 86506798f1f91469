"""The requester's organisation and role: how they describe themselves, else their signature lines.

Pure functions over text. An organisation is a run of capitalised words read where the requester says where
they are ("a junior at Purdue", "I work at Globex"); a place ("a developer in Denver") is never one.
"""

from __future__ import annotations

import re

from inboxbroker.extract.signature import NOT_NAME_WORDS, SLOT

_ORG_WORD = re.compile(r"^(?:[A-Z0-9&][\w&.'’-]*|of|the|and|for|de|du|la|at)$")
_ORG_STOP = {"at", "and", "the", "of", "for", "de", "du", "la"}
_DEGREE = r"(?:first|second|third|fourth|final|1st|2nd|3rd|4th)[- ]year"
# Places that follow "in" ("a developer in Denver") and are not organisations.
_PLACE = re.compile(
    r"(?:the )?(?:New York(?: City)?|NYC|San (?:Francisco|Diego|Jose)|Bay Area|Silicon Valley|Los Angeles|LA|"
    r"Seattle|Chicago|Boston|Austin|Denver|Atlanta|Miami|Dallas|Houston|Portland|Philadelphia|Phoenix|"
    r"Washington(?: DC)?|DC|Minneapolis|Detroit|Pittsburgh|Raleigh|Durham|Nashville|Toronto|Vancouver|Montreal|"
    r"London|Manchester|Edinburgh|Dublin|Berlin|Munich|Paris|Amsterdam|Madrid|Barcelona|Lisbon|Stockholm|Zurich|"
    r"Singapore|Sydney|Melbourne|Bangalore|Bengaluru|Mumbai|Delhi|Tokyo|Lagos|Nairobi|California|Texas|Florida|"
    r"Colorado|Oregon|Ohio|Georgia|Virginia|Massachusetts|Illinois|Michigan|North Carolina|Arizona|Utah|"
    r"US|USA|UK|Canada|Germany|France|India|Europe|Asia|Africa|Australia|Midwest|Northeast|EMEA|APAC)",
    re.IGNORECASE,
)
_INSTITUTION = re.compile(
    r"\b(?:School|University|Universit[éà]|Institute|Academy|College|Bootcamp|Polytechnic|Conservatory|"
    r"Seminary|Tech)\b"
)


def take_org(text: str) -> str | None:
    """The organisation name at the start of ``text``: capitalised words and connectors, trimmed."""
    text = re.sub(r"^(?:the)\s+", "", text.strip())
    words: list[str] = []
    for word in re.split(r"\s+", text):
        bare = word.rstrip(",.;:!?)")
        if not bare or not _ORG_WORD.match(bare) or re.match(r"I(?:['’]\w+)?$", bare):
            break
        words.append(bare)
        if bare != word:
            break
    # A connector belongs to the name only when a capitalised word follows it ("Bank of America",
    # not "Globex Corporation for 5 years").
    for k, word in enumerate(words):
        if word.lower() in _ORG_STOP and (k + 1 == len(words) or not words[k + 1][:1].isalpha()):
            words = words[:k]
            break
    while words and words[-1].lower() in _ORG_STOP:
        words.pop()
    org = " ".join(words)
    return org if org and org[0].isupper() and org.lower() not in NOT_NAME_WORDS else None


_ROLE_AT = re.compile(
    r"\b(?:I(?:'m| am|’m)(?: currently| now)?|I work(?: currently)? as|currently(?: working as)?|"
    r"I recently (?:started|joined) as|working as)\s+(?:(?:a|an)\s+)?([^.,;\n]{3,70}?)"
    # "of" only after a student or graduate ("a final year student of Hanoi University"): "a fellow
    # University of Michigan grad" is not a fellow of Michigan.
    r"(?:\s+(?:at|with|in)|(?:(?<=student)|(?<=graduate)|(?<=alumnus)|(?<=alumna))\s+of)\s+"
    r"(?=(?:the\s+)?[A-Z])([^\n]{2,80})"
)
# "My name is Dana Whitfield, a grad student at …", "As a final-year student at …", "Currently a junior at …":
# the role said in passing, not after "I'm". The name must be the writer's own ("I'm", "My name is"), so
# "Sam Lee, a senior engineer at Globex, suggested …" describes the referrer, not the requester.
_AS_ROLE = re.compile(
    r"(?:\b(?:I(?:'m| am|’m)|[Mm]y name is|[Tt]his is)\s+[A-ZÀ-Þ][\w'’-]+(?:\s[A-ZÀ-Þ][\w'’-]+){0,2},"
    r"|\b[Aa]s|\b[Cc]urrently)\s+(?:a|an)\s+([^.,;\n]{3,70}?)\s+(?:at|with|in|of|from)\s+(?=(?:the\s+)?[A-Z])"
    r"([^\n]{2,80})"
)
_STUDENT = re.compile(
    rf"\b(?:I(?:'m| am|’m)(?: currently)?\s+(?:a|an)\s+)((?:{_DEGREE}\s+)?[\w ]{{0,40}}?"
    r"(?:student|candidate|undergrad|undergraduate|graduate|grad|PhD student|senior|junior|sophomore|freshman)"
    r"(?: studying [\w ]{3,40}?)?)\s+(?:at|in|from)\s+(?=(?:the\s+)?[A-Z])([^\n]{2,80})"
)
_WORK_AT = re.compile(
    r"\bI (?:currently |now )?(?:work|am working) (?:at|for)\s+(?=[A-Z])([^\n]{2,80}?)(?:\s+as\s+(?:a|an)\s+([^.,;\n]{3,60}))?[.,;\n]"
)
_SERVICE = (
    r"(?:(?:U\.S\.|US|Royal|British|Canadian|Australian|Indian)\s)?"
    r"(?:Army(?:\sReserve)?|Navy(?:\sReserve)?|Air\sForce|Marine\sCorps|Marines|Coast\sGuard|Space\sForce|"
    r"National\sGuard|RAF)"
)
_COUNT = r"(?:\d{1,2}|a few|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many)"
# Where the requester is, said in passing and without a role: a school ("my last semester at UCL", "studying
# economics at NYU", "graduated from BYU"), a course ("the UX track at Kestrel Bootcamp"), the armed service
# they are leaving ("separating from the Navy"), an employer ("after six years at Halvorsen Freight"). Each
# cue is a word that ties the writer to the place; a bare "at X" is not one (it may be the referrer's), nor
# "with X" after studying or working ("studying with Professor Lindqvist", "worked with Python").
_IN_PASSING = re.compile(
    r"\b(?:(?:from|of|in|with|leaving|left|leave|joined)\s+the\s+(?P<service>" + _SERVICE + r")\b"
    r"|(?P<veteran>" + _SERVICE + r")\s+veteran\b"
    r"|(?<!your )(?:(?:stud(?:y|ying|ied)|enrolled|semester|term|degree|classes|courses|program(?:me)?|track|"
    r"bootcamp|course|certificate|diploma)(?:\s[\w'’-]+){0,3}?\sat"
    r"|(?:graduat(?:e|ed|ing)|alum(?:nus|na|ni)?|grad)\s(?:of|from)"
    r"|(?:student|undergrad(?:uate)?|junior|senior|sophomore|freshman)\sat"
    r"|(?:[Aa]fter|spent|spending|worked|working)\s(?:the\slast\s|over\s|nearly\s|almost\s)?"
    + _COUNT
    + r"\syears?\s(?:at|with)"
    r"|been\s(?:at|with)|worked\sat)\s+(?=(?:the\s+)?[A-Z])(?P<org>[^\n]{2,80})"
    r")"
)
_SIG_ROLE = re.compile(
    r"^(?P<role>[A-Za-z][\w '’/&-]{2,60}?)\s*(?:,|\||@|–|—| - | at )\s*(?P<org>[A-Z0-9][^|,]{1,60})$"
)
_ROLEISH = re.compile(
    r"\b(?:student|candidate|manager|engineer|analyst|developer|designer|intern|scientist|consultant|"
    r"researcher|associate|specialist|coordinator|director|lead|officer|teacher|nurse|assistant|fellow|"
    r"founder|architect|accountant|writer|editor|major|undergraduate|graduate|grad|junior|senior|sophomore|"
    r"freshman|professional|physician|lawyer|trainee|apprentice)\b",
    re.IGNORECASE,
)


def role_and_org(body: str, signature: tuple[str, ...]) -> tuple[str | None, str | None, float]:
    """(role, organisation, confidence) from self-description in the text, else the signature lines, else
    a school, service or employer the text names in passing (then without a role)."""
    for pattern, confidence in ((_STUDENT, 0.9), (_ROLE_AT, 0.9), (_AS_ROLE, 0.85)):
        for m in pattern.finditer(body):
            role = _clean_role(m.group(1))
            org = take_org(m.group(2))
            if m.string[m.end(1) : m.start(2)].strip() == "in":
                # "a developer in Denver about to graduate from … at Turing School": a place is no employer.
                later = _later_org(m.string[m.start(2) :])
                org = later or (None if org and _PLACE.fullmatch(org) else org)
            # Without an article ("I am data analyst in X", common in non-native English) only a
            # role-like phrase counts, so "I am based in London" is not a role.
            if role and org and _ROLEISH.search(role):
                return role, org, confidence
    if work := _WORK_AT.search(body):
        org = take_org(work.group(1))
        if org:
            return (_clean_role(work.group(2)) if work.group(2) else None), org, 0.8
    for line in signature:
        sig = _SIG_ROLE.match(line.strip())
        if sig and _ROLEISH.search(sig.group("role")) and (org := take_org(sig.group("org"))):
            return _clean_role(sig.group("role")), org, 0.75
    for m in _IN_PASSING.finditer(body):
        org = m.group("service") or m.group("veteran") or take_org(m.group("org"))
        if org and not _PLACE.fullmatch(org):
            return None, " ".join(org.split()), 0.7
    return None, None, 0.0


def _later_org(text: str) -> str | None:
    """The "at/from <Org>" later in the sentence, an institution preferred over any other."""
    sentence = re.split(r"(?<=[.!?])\s|\n", text, maxsplit=1)[0]
    found = [
        org
        for m in re.finditer(r"\b(?:at|from)\s+(?=((?:the\s+)?[A-Z].*))", sentence)
        if (org := take_org(m.group(1))) and not _PLACE.fullmatch(org)
    ]
    return next((o for o in found if _INSTITUTION.search(o)), found[0] if found else None)


def _clean_role(text: str) -> str | None:
    role = re.sub(r"^(?:currently|now|working as|employed as)\s+", "", " ".join(text.split())).strip(" ,.")
    return role if role and len(role) <= 70 and SLOT not in role else None
