"""The requester's sign-off, signature block and name, read from a message body; template slots; topic phrases.

Pure functions over text. A *proper name* here is 1–4 capitalised words (particles like "van", "de" allowed)
that is not a closing ("Best regards"), a job title, or an organisation — those are the usual wrong answers
when a naive extractor takes "the line after the last comma".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inboxbroker.mail.quotes import is_mobile_signature

CLOSINGS = (
    "best regards",
    "kind regards",
    "warm regards",
    "warmest regards",
    "regards",
    "best wishes",
    "best",
    "all the best",
    "thanks",
    "thank you",
    "thanks again",
    "many thanks",
    "thanks so much",
    "thank you so much",
    "cheers",
    "sincerely",
    "yours sincerely",
    "sincerely yours",
    "respectfully",
    "warmly",
    "with gratitude",
    "gratefully",
    "with thanks",
    "thanks in advance",
    "thanks a lot",
    "thanks a ton",
    "thanks very much",
    "thank you very much",
    "thx",
    "talk soon",
    "speak soon",
    "take care",
    "appreciate it",
    "much appreciated",
    "looking forward",
    "looking forward to hearing from you",
    "mit freundlichen grüßen",
    "cordialement",
    "saludos",
    "un saludo",
    "atentamente",
    "groeten",
    "bien à vous",
)
_CLOSING_RE = re.compile(
    r"^\s*(?:" + "|".join(re.escape(c) for c in sorted(CLOSINGS, key=len, reverse=True)) + r")\b[\s,.!—-]*",
    re.IGNORECASE,
)
# Words that make a "name" a title or an organisation instead of a person.
NOT_NAME_WORDS = {
    "regards",
    "thanks",
    "thank",
    "best",
    "cheers",
    "sincerely",
    "team",
    "careers",
    "recruiting",
    "hr",
    "manager",
    "engineer",
    "director",
    "student",
    "analyst",
    "developer",
    "designer",
    "intern",
    "candidate",
    "scientist",
    "consultant",
    "officer",
    "lead",
    "head",
    "senior",
    "junior",
    "associate",
    "president",
    "vp",
    "university",
    "college",
    "school",
    "institute",
    "inc",
    "llc",
    "ltd",
    "gmbh",
    "corp",
    "corporation",
    "company",
    "group",
    "labs",
    "bank",
    "foundation",
    "hospital",
    "sent",
    "iphone",
    "android",
    "mobile",
    "phone",
    "email",
    "linkedin",
    "www",
    "http",
    "https",
    "dear",
    "hello",
    "hi",
    "re",
    "fw",
    "fwd",
    "mba",
    "phd",
    "msc",
    "bsc",
    "professor",
    "coordinator",
    "specialist",
    "product",
    "marketing",
    "your",
    "name",
    "recipient's",
}
_PARTICLES = {"van", "von", "de", "da", "del", "der", "di", "la", "le", "bin", "al", "dos", "du", "ter"}
_NAME_WORD = re.compile(  # also "O'Brien", "McKenzie", "MacLeod", "Al-Sayed"
    r"^[A-ZÀ-ÖØ-Þ](?:['’][A-ZÀ-Þ])?[a-zà-öø-ÿ'’]+(?:[A-Z][a-zà-öø-ÿ]+)?(?:-[A-ZÀ-ÖØ-Þ]?[a-zà-öø-ÿ'’]+)*\.?$|^[A-Z]\.$"
)
# Template slots ("[Your Name]", "\\[company]", "{{first_name}}", "<referrer>", "(role)", "(professor's name)")
# are blanks, never values; a bracketed link or address that is not a slot stays ("<ana@x.org>"). SLOT is
# what a blank becomes: no pattern reads it.
SLOT = "\x00"
# The lookaheads look no further than a slot can reach (80 characters and a backslash): unbounded, they ran to
# the end of the line from every "[", quadratic on a line of brackets (5,000 took 1.7 s).
_PLACEHOLDER = re.compile(
    r"\\?\[(?![^\]\n]{0,81}(?:://|www\.|mailto:|cid:|@))(?=[^\]\n]{0,81}[A-Za-z])[^\[\]\n]{1,80}\\?\]"
    r"|\{\{?[^{}\n]{1,40}\}\}?|<[A-Za-z][^<>\n@:/]{0,40}>"
    r"|\((?:[\w'’ ]{0,20}name|role|company|school|title|topic|field|date)\)",
    re.IGNORECASE,
)
# What the requester wants to talk about: the phrase after "interested in", "a career in", "moving into".
TOPIC = re.compile(
    r"\b(?:learn(?:ing)? (?:more )?about|hear (?:more )?about|questions? about|interested in|"
    r"ask(?:ing)? about|"
    r"talk(?:ing)? (?:to you )?about|chat(?:ting)? about|"
    r"curious about|advice on|insights? (?:into|on)|perspective on|path into|careers?(?: paths?)? in|"
    r"major(?:ing)? in|degree in|exploring (?:careers?|opportunities|roles) in|transition(?:ing)?(?: from "
    r"[^.\n\x00]{3,120}?)? into|(?:break|get|move|pivot|switch)(?:ing)? into|moving into)\s+"
    r"(?:your (?:work|experience|path|career|role|background) (?:in|into)\s+|"
    r"(?:the|a|an)\s+(?:(?:field|world|area) of\s+)?|how you got into\s+)?(?P<t>[\w&/+ '’-]{3,60}?)"
    r"(?=[.,;:!?\n\x00()]|\s+(?:and|at|since|because|as|before|if|so|while|with|from|over|for|but|or)\b|$)",
    re.IGNORECASE,
)
# A topic is a field, role or industry: not what the requester wants to hear ("your experience"), a
# pronoun-led fragment, or a moment ("caching last month").
NOT_TOPIC = re.compile(
    r"(?:you|it|this|that|these|those|them|what|how|whether|chatting|speaking|connecting|talking|a chat|"
    r"experiences?|team|work(?:ing)?|roles?|journey|expertise|background|careers?|paths?|company|field|"
    r"industry|space|area|opportunit(?:y|ies)|program(?:me)?s?|position|job|insights?|advice|day|time|story|"
    r"thoughts|perspective|process|things?|everything|organi[sz]ation|applying|joining)\b"
    r"|.*\b(?:your|you|my|our|their|I|we|last|next|ago|yesterday|today)\b",
    re.IGNORECASE,
)
TOPIC_LEAD = re.compile(
    r"^(?:your|the|a|an|more|about|how|(?:learning|hearing) (?:more )?about|majoring in|"
    r"(?:moving|transitioning|getting|breaking|switching|pivoting) into|careers?(?: paths?)? in|"
    r"(?:field|world|area) of)(?:\s+|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SignOff:
    """What the end of a message says about its writer."""

    name: str | None
    lines: tuple[str, ...]  # the signature lines after the name (title, organisation, phone, links)


def is_proper_name(text: str) -> bool:
    """A person's name as people sign: 1–4 capitalised words, no titles, closings or organisations."""
    words = text.replace(",", " ").split()
    if not 1 <= len(words) <= 4 or any(w.lower().strip(".") in NOT_NAME_WORDS for w in words):
        return False
    if not all(_NAME_WORD.match(w) or w.lower() in _PARTICLES for w in words):
        return False
    return bool(_NAME_WORD.match(words[0])) and len(words[0].strip(".")) > 1


def clean_display_name(name: str) -> str | None:
    """A From display name as a person's name: "Lee, Sam" → "Sam Lee"; quotes and "(via X)" dropped."""
    text = re.sub(r"\s*\((?:via|at)\b.*?\)|\s+via\s+.*$|[\"“”]", "", name).strip()
    if "@" in text or not text:
        return None
    if m := re.fullmatch(r"([^,]+),\s*([^,]+)", text):
        text = f"{m.group(2).strip()} {m.group(1).strip()}"
    if text.isupper() and len(text) > 3:
        words = text.title().split()
        text = " ".join([words[0], *(w.lower() if w.lower() in _PARTICLES else w for w in words[1:])])
    return text if is_proper_name(text) else None


def find_sign_off(body: str) -> SignOff:
    """The name under (or on) the last closing line, and the signature lines below it."""
    cut = _cut_quoted([ln.strip() for ln in body.splitlines()])
    # "Sent from my iPhone" is the phone's line, not the writer's: it is neither a name nor a signature line.
    lines = [ln for ln in cut if not is_mobile_signature(ln)]
    unsigned = SignOff(None, ())
    for i in range(len(lines) - 1, -1, -1):
        m = _CLOSING_RE.match(lines[i])
        if not m or len(lines[i]) > 60:
            continue
        rest = lines[i][m.end() :].strip(" ,.!")
        if rest and is_proper_name(rest):
            return SignOff(rest, tuple(ln for ln in lines[i + 1 : i + 8] if ln))
        below = [ln for ln in lines[i + 1 : i + 10] if ln]
        if below and is_proper_name(_strip_name_noise(below[0])):
            # "Ana Souza | UX Designer, Initech": the part after the bar is a signature line of its own.
            extra = tuple(p.strip() for p in below[0].split("|", 1)[1:])
            return SignOff(_strip_name_noise(below[0]), (*extra, *below[1:8]))
        if below and (split := _name_and_title(below[0])):
            return SignOff(split[0], (split[1], *below[1:8]))
        unsigned = SignOff(None, tuple(below[:8]))
        break
    # No closing line, or none with a name under it: a short dash-led or bare last line ("— Priya
    # Natarajan") still signs.
    tail = [ln for ln in lines if ln][-6:]
    for j, ln in enumerate(tail):
        candidate = ln.lstrip("-—– ").strip()
        dashed = ln.startswith(("-", "—", "–"))
        if (dashed or (j >= len(tail) - 4 and len(candidate.split()) >= 2)) and is_proper_name(candidate):
            return SignOff(candidate, tuple(tail[j + 1 :]))
    if first := _bare_first_name(cut):
        return SignOff(first, ())
    return unsigned


# A line of contact details under a name: a label, a number, an address or a link.
_CONTACT_LINE = re.compile(
    r"(?:phone|mobile|cell|tel|whatsapp|e-?mail)\b|\+?[\d(]|[^\s@]+@|https?://|www\.|\S*linkedin\.com", re.I
)


def _bare_first_name(lines: list[str]) -> str | None:
    """A first name alone on the last line, as phones sign: under a closing this module does not know
    ("Talk soon,", "Appreciate it!"), or above nothing but contact lines and the app's "Sent from my iPhone"."""
    rest = [ln for ln in lines if ln]
    k = len(rest)
    while k and (is_mobile_signature(rest[k - 1]) or _CONTACT_LINE.match(rest[k - 1])):
        k -= 1
    if not k:
        return None
    candidate, above = rest[k - 1].strip(" ,.!"), rest[k - 2] if k >= 2 else ""
    closing_shaped = len(above.split()) <= 5 and above.endswith((",", "!"))
    if (k < len(rest) or closing_shaped) and len(candidate.split()) == 1 and not _CLOSING_RE.match(candidate):
        return candidate if is_proper_name(candidate) else None
    return None


def main_text(body: str) -> str:
    """The body above its closing line and signature (where "Phone:" and "Mobile:" labels live)."""
    lines = _cut_quoted(body.splitlines())
    for i in range(len(lines) - 1, -1, -1):
        closing = _CLOSING_RE.match(lines[i]) and len(lines[i].strip()) <= 60
        if closing or re.match(r"^\s*[-—–]{1,2}\s*[A-Z]", lines[i]):
            return "\n".join(lines[:i])
    return "\n".join(lines)


def _strip_name_noise(line: str) -> str:
    # "Priya Natarajan (she/her)", "Priya Natarajan, MBA" → the name alone.
    line = re.sub(r"\s*\((?:she|he|they)/\w+\)|\s*\|.*$", "", line)
    return re.sub(r",\s*(?:MBA|PhD|MSc|BSc|CPA|PE|MD)\b.*$", "", line).strip()


def _name_and_title(line: str) -> tuple[str, str] | None:
    # "Priya Natarajan | Data Analyst, Acme" or "Priya Natarajan - Student at X"
    parts = re.split(r"\s+[|–—-]\s+|,\s+", line, maxsplit=1)
    if len(parts) == 2 and is_proper_name(parts[0].strip()):
        return parts[0].strip(), parts[1].strip()
    return None


def _cut_quoted(lines: list[str]) -> list[str]:
    # Stop at a quoted reply or an embedded forward header: what follows is someone else's text.
    for i, ln in enumerate(lines):
        if ln.startswith(">") or re.match(
            r"^(?:-{3,}|_{5,}|On .{5,100} wrote:$|Begin forwarded message)", ln
        ):
            return lines[:i]
    return lines


def self_introduced_name(body: str) -> str | None:
    """ "My name is Ana Souza" / "I'm Ana Souza, a …" / "This is Ana Souza" → the name."""
    pattern = r"\b(?:[Mm]y name is|I am|I'm|I’m|[Tt]his is)\s+((?:[A-ZÀ-Þ][\w'’-]+\s?){1,3})"
    for m in re.finditer(pattern, body[:600]):
        words = m.group(1).split()
        while words and not is_proper_name(" ".join(words)):
            words.pop()
        if words and (len(words) >= 2 or m.group(0).lower().startswith("my name")):
            return " ".join(words)
    return None


def strip_placeholders(text: str) -> str:
    """``text`` with every template slot replaced by ``SLOT``."""
    return _PLACEHOLDER.sub(SLOT, text)
