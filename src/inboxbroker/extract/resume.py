"""Which attachment is the résumé, and what it says: name, contact, education, experience, skills.

Pure: values in, values out. Document libraries are reached only through :mod:`.documents`, which imports
them lazily; ``phonenumbers`` is optional and imported when a phone number is normalised.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from inboxbroker.domain import Attachment, ResumeInfo
from inboxbroker.errors import ExtractionLimitError
from inboxbroker.extract.documents import document_kind, document_text

__all__ = [
    "ResumeScore",
    "detect_resume",
    "document_text",
    "parse_resume",
    "refused_resume",
    "score_attachment",
    "score_attachments",
]

# Detection reads only the start of each candidate, under tighter limits than full extraction.
DETECT_MAX_BYTES = 5 * 1024 * 1024
DETECT_MAX_PAGES = 10
DETECT_TIMEOUT_SECONDS = 3.0
THRESHOLD = 3.0
SKILLS_SCAN_CHARS = 50_000  # a résumé is far shorter; bounds the ~450 vocabulary searches

_RESUME_NAME = re.compile(
    r"(?<![a-z])(cv|resume|résumé|resumé|lebenslauf|curriculum|vitae|hoja[ _-]?de[ _-]?vida|currículum)"
    r"(?![a-z])",
    re.I,
)
# Files a sender may attach beside (or instead of) a résumé; their names are strong evidence against.
_OTHER_NAME = re.compile(
    r"transcript|zeugnis|cover[ _-]?letter|anschreiben|motivation|lettre|portfolio|invoice|rechnung|receipt|"
    r"reference|recommendation|certificate|diploma|writing[ _-]?sample|agenda|slides|deck",
    re.I,
)
_HEADINGS: dict[str, tuple[str, ...]] = {
    "education": ("education", "academic background", "education and training", "ausbildung", "formation"),
    "experience": (
        "experience", "work experience", "professional experience", "employment", "employment history",
        "work history", "relevant experience", "career history", "berufserfahrung",
        "expérience professionnelle",
    ),
    "skills": (
        "skills", "technical skills", "core skills", "key skills", "core competencies", "skills and tools",
        "tools", "kenntnisse", "compétences", "languages and tools",
    ),
    "other": (
        "summary", "profile", "professional summary", "objective", "projects", "selected projects",
        "publications", "certifications", "awards", "honors", "interests", "volunteering",
        "volunteer experience", "references", "languages", "leadership", "activities",
    ),
}  # fmt: skip
_HEADING_OF = {alias: key for key, aliases in _HEADINGS.items() for alias in aliases}
# What the other documents look like, each with the words that give it away.
_NOT_RESUME = {
    "transcript": re.compile(
        r"\b(transcript|gpa|credit hours|credits attempted|course (code|title)|term gpa)\b", re.I
    ),
    "cover letter": re.compile(
        r"\b(dear (hiring|sir|madam|mr|ms|dr)|sincerely|i am writing to|yours faithfully)\b", re.I
    ),
    "invoice": re.compile(r"\b(invoice|amount due|subtotal|bill to|payment terms)\b", re.I),
    "portfolio": re.compile(r"\b(portfolio|case study|case studies)\b", re.I),
}  # fmt: skip
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w+])(\+?\d[\d\s().-]{7,18}\d)(?!\w)")
_LINKEDIN = re.compile(r"linkedin\.com/in/", re.I)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_RANGE = re.compile(
    rf"(?:{_MONTH}\s+)?(?P<start>(?:19|20)\d\d)\s*(?:-|–|—|to|bis)\s*"
    rf"(?:(?:{_MONTH}\s+)?(?P<end>(?:19|20)\d\d)|(?P<open>present|current|now|today|heute))",
    re.I,
)
# Lower-case words inside personal names ("Emily van der Berg", "Luis de la Cruz", "Omar bin Said").
NAME_PARTICLES = frozenset(
    {
        "van",
        "der",
        "den",
        "de",
        "la",
        "le",
        "von",
        "zu",
        "da",
        "di",
        "del",
        "della",
        "du",
        "dos",
        "das",
        "bin",
        "al",
        "ter",
        "ten",
    }
)
_SCHOOL = re.compile(
    r"\b(university|college|institute|school|academy|polytechnic|universität|universidad|université|hochschule|école|conservatory|"
    # Schools known by a short name ("Georgia Tech", "Virginia Tech"); only read inside an education section.
    r"tech|caltech)\b",
    re.I,
)
_DEGREE = re.compile(
    r"(?<![\w.])(B\.?S\.?c?|B\.?A\.?|B\.?Eng\.?|M\.?S\.?c?|M\.?A\.?|M\.?Eng\.?|MBA|M\.?B\.?A\.?|Ph\.?D\.?|J\.?D\.?|M\.?D\.?|"
    r"A\.?A\.?S?|Bachelor|Master|Doctor(?:ate)?|Associate|Diploma|Certificate|BFA|MFA|MPH|MPP|LLM|LL\.M\.?)(?![a-z])",
)
_TITLE = re.compile(
    r"\b(engineer|developer|analyst|manager|designer|scientist|intern|consultant|director|lead|specialist|"
    r"coordinator|associate|architect|administrator|officer|researcher|assistant|technician|teacher|nurse|"
    r"accountant|editor|writer|owner|head|vp|vice president|president|founder|representative|executive|"
    r"strategist|fellow|programmer|tutor|instructor|recruiter|advisor|planner|producer)s?\b",
    re.I,
)
_LOCATION = re.compile(r"^(remote|hybrid|[A-Z][a-zA-Z .'-]+,\s*([A-Z]{2}|[A-Z][a-z]+))$")
_SPLIT = re.compile(r"\s+[|–—·•]\s+|\s+-\s+|\t+|,\s+(?=\S)|\s{3,}")
_BULLET = re.compile(r"^\s*([•▪◦●*–-]|\d+\.)\s+")


@dataclass(frozen=True)
class ResumeScore:
    """How much an attachment looks like a résumé, and why (shown in the trace)."""

    attachment: Attachment
    score: float
    reasons: tuple[str, ...]
    # Detection could not read it (a limit, or damage); its name may still say it is the résumé.
    refused: ExtractionLimitError | None = None
    named_resume: bool = False


def detect_resume(attachments: Sequence[Attachment], *, body_hint: str = "") -> Attachment | None:
    """The attachment most likely to be a résumé, or None when none scores high enough.

    Name, real type and content all count; a transcript, cover letter, portfolio, invoice or image does
    not pass however it is named. ``body_hint`` is the message text ("my résumé is attached").
    """
    return best_resume(score_attachments(attachments, body_hint=body_hint))


def score_attachments(attachments: Sequence[Attachment], *, body_hint: str = "") -> list[ResumeScore]:
    return [score_attachment(att, body_hint=body_hint) for att in attachments]


def best_resume(scored: Sequence[ResumeScore]) -> Attachment | None:
    """The attachment that scores highest, when it scores high enough to be the résumé."""
    best = max(scored, key=lambda s: s.score, default=None)
    return best.attachment if best is not None and best.score >= THRESHOLD else None


def refused_resume(scored: Sequence[ResumeScore]) -> Attachment | None:
    """An attachment named as a résumé that detection could not read, for a reader with the run's limits.

    Detection reads under tighter limits than extraction, so a named résumé it refused may still be read
    (a 20-page CV); if not, the reader's refusal says which limit, for the trace.
    """
    refused = [s for s in scored if s.refused is not None and s.named_resume]
    return max(refused, key=lambda s: s.score).attachment if refused else None


def score_attachment(att: Attachment, *, body_hint: str = "") -> ResumeScore:
    """Score one attachment: name (+2/−3), readable document type (required), content (up to ±6)."""
    kind = document_kind(att)
    if kind is None:
        return ResumeScore(
            att, -10.0, (f"not a readable document ({att.sniffed_type or att.declared_type})",)
        )
    score, reasons = 0.0, [f"type {kind}"]
    name = unicodedata.normalize("NFC", att.original_filename or att.filename)
    named_resume = False
    if _OTHER_NAME.search(name):
        score -= 3
        reasons.append("name says another document")
    elif _RESUME_NAME.search(name):
        score += 2
        reasons.append("name says résumé")
        named_resume = True
    if att.inline:
        score -= 1
        reasons.append("inline part")
    if re.search(r"\b(cv|resume|résumé|lebenslauf)\b", body_hint, re.I):
        score += 0.5
        reasons.append("message mentions a résumé")
    try:
        text = document_text(
            att,
            max_bytes=DETECT_MAX_BYTES,
            max_pages=DETECT_MAX_PAGES,
            timeout_seconds=DETECT_TIMEOUT_SECONDS,
        )
    except ExtractionLimitError as exc:
        reasons.append(f"unreadable: {exc}")
        return ResumeScore(att, score - 1, tuple(reasons), refused=exc, named_resume=named_resume)
    content, why = _content_score(text[:20_000])
    return ResumeScore(att, score + content, (*reasons, *why), named_resume=named_resume)


def _content_score(text: str) -> tuple[float, list[str]]:
    if len(text.strip()) < 80:
        return -2.0, ["almost no text"]
    score, reasons = 0.0, []
    head = text[:1500]
    if _EMAIL.search(head) or _PHONE.search(head) or _LINKEDIN.search(head):
        score += 1
        reasons.append("contact block")
    found = {kind for kind, _ in _sections(text) if kind in {"education", "experience", "skills"}}
    if found:
        score += 1.5 * len(found)
        reasons.append("sections: " + ", ".join(sorted(found)))
    if _RANGE.search(text):
        score += 0.5
        reasons.append("date ranges")
    for what, pattern in _NOT_RESUME.items():
        hits = len(pattern.findall(text))
        if hits >= 2 or (hits and what == "cover letter"):
            score -= 3
            reasons.append(f"reads like a {what}")
    return score, reasons


def _heading(line: str) -> str | None:
    bare = re.sub(r"[:\s_=-]+$", "", line.strip()).strip().lower()
    if not bare or len(bare) > 40:
        return None
    return _HEADING_OF.get(bare)


def _sections(text: str) -> list[tuple[str, list[str]]]:
    """The text cut at headings: [("head", lines before any heading), ("education", lines), …]."""
    out: list[tuple[str, list[str]]] = [("head", [])]
    for line in text.splitlines():
        kind = _heading(line)
        if kind:
            out.append((kind, []))
        else:
            out[-1][1].append(line)
    return out


def parse_resume(text: str, *, default_region: str = "US") -> ResumeInfo:
    """Fields read from a résumé's text. Absent values are None or empty, never guessed.

    ``default_region`` is the country assumed for phone numbers written without a +country code.
    """
    sections = _sections(text)
    head = "\n".join(sections[0][1]) or text[:1500]
    email = _EMAIL.search(head) or _EMAIL.search(text)
    education: list[dict[str, Any]] = []
    experience: list[dict[str, Any]] = []
    skill_lines: list[str] = []
    for kind, lines in sections[1:]:
        if kind == "education":
            education.extend(_education(lines))
        elif kind == "experience":
            experience.extend(_experience(lines))
        elif kind == "skills":
            skill_lines.extend(lines)
    return ResumeInfo(
        name=_name(sections[0][1]),
        email=email.group(0).lower() if email else None,
        phone=_phone(head, default_region) or _phone(text[:3000], default_region),
        skills=find_skills(text[:SKILLS_SCAN_CHARS], "\n".join(skill_lines)[:SKILLS_SCAN_CHARS]),
        education=tuple(education),
        experience=tuple(experience),
        text=text,
    )


def _name(lines: list[str]) -> str | None:
    """The first line that reads as a person's name: 2–4 capitalised words, no digits or symbols."""
    for line in lines[:8]:
        line = line.strip()
        if not line:
            continue
        candidate = re.sub(r"\s+", " ", line.split("|")[0].split(",")[0]).strip()
        words = candidate.split(" ")
        if (
            2 <= len(words) <= 4
            and all(w[:1].isupper() or w.lower() in NAME_PARTICLES for w in words)
            and not re.search(r"[\d@/:]", candidate)
            and not _heading(candidate)
        ):
            return candidate.title() if candidate.isupper() else candidate
    return None


def _phone(text: str, region: str) -> str | None:
    try:
        import phonenumbers  # optional: best E.164 normalisation when present
    except ImportError:
        return _plus_phone(text)
    from inboxbroker.extract.phones import phone_lines

    for match in phonenumbers.PhoneNumberMatcher(phone_lines(text, region), region):
        if phonenumbers.is_valid_number(match.number):
            return str(phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164))
    return None


def _plus_phone(text: str) -> str | None:
    # Without the library only numbers that already carry their country code are safe to normalise.
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if match.group(1).startswith("+") and 8 <= len(digits) <= 15:
            return "+" + digits
    return None


def _chunks(line: str) -> list[str]:
    line = _BULLET.sub("", line).strip()
    return [c.strip(" ,;|·–—-") for c in _SPLIT.split(line) if c and c.strip(" ,;|·–—-")]


def _education(lines: list[str]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    for line in lines:
        if not line.strip():
            continue
        school = degree = None
        for chunk in _chunks(line):
            if _SCHOOL.search(chunk) and not school:
                school = _strip_years(chunk)
            elif _DEGREE.search(chunk) and not degree:
                degree = _strip_years(chunk)
        years = _YEAR.findall(line)
        starts_new = (school and current.get("school")) or (degree and current.get("degree") and not school)
        if starts_new:
            entries.append(current)
            current = {}
        if school:
            current["school"] = school
        if degree:
            current["degree"] = degree
        if years and (school or degree or current):
            current["year"] = int(years[-1])  # the last year is the graduation (or expected) year
    if current:
        entries.append(current)
    return [
        {"school": e.get("school"), "degree": e.get("degree"), "year": e.get("year")}
        for e in entries
        if e.get("school") or e.get("degree")
    ]


def _strip_years(chunk: str) -> str | None:
    cleaned = re.sub(r"\(?\b(?:expected\s+)?(19|20)\d\d\b\)?", "", _RANGE.sub("", chunk), flags=re.I)
    cleaned = cleaned.strip(" ,;()–—-")
    return cleaned or None


def _experience(lines: list[str]) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    current: dict[str, Any] = {}

    def flush() -> None:
        nonlocal current
        if current.get("employer") or current.get("title"):
            entries.append(current)
        current = {}

    for line in lines:
        if not line.strip() or _BULLET.match(line):
            if current.get("years") and (current.get("employer") or current.get("title")):
                flush()
            continue
        years = _RANGE.search(line)
        chunks = _chunks(_RANGE.sub(" ", line)) if years else _chunks(line)
        at = re.match(r"^(?P<title>.+?)\s+at\s+(?P<employer>.+)$", " ".join(chunks))
        if at:
            chunks = [at["title"], at["employer"]]
        title = employer = None
        for chunk in chunks:
            if _LOCATION.match(chunk) or _YEAR.fullmatch(chunk) or len(chunk) > 80:
                continue
            if _TITLE.search(chunk) and not title and not (at and chunk == at["employer"]):
                title = chunk
            elif not employer:
                employer = chunk
        if (years and current.get("years")) or (title and current.get("title")):
            flush()
        if title:
            current["title"] = title
        if employer and not current.get("employer"):
            current["employer"] = employer
        if years:
            end = years["end"] or "present"
            current["years"] = f"{years['start']}-{end}"
    flush()
    return [
        {"employer": e.get("employer"), "title": e.get("title"), "years": e.get("years")} for e in entries
    ]


def _key(term: str) -> str:
    return re.sub(r"[\s-]+", " ", term.strip().lower())


@dataclass(frozen=True)
class _Vocabulary:
    loose: re.Pattern[str]  # every ordinary term, case-insensitive
    strict: re.Pattern[str]  # ambiguous terms, case-sensitive, for the skills section only
    canonical: dict[str, str]  # _key(term) -> canonical name


@functools.cache
def _vocabulary() -> _Vocabulary:
    """data/skills.txt compiled into two alternations (one pass over the text instead of ~450 searches)."""
    raw = resources.files("inboxbroker").joinpath("data/skills.txt").read_text(encoding="utf-8")
    loose: list[str] = []
    strict: list[str] = []
    canonical: dict[str, str] = {}
    for line in raw.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        alias, _, name = line.lstrip("~").partition("=")
        alias = alias.strip()
        canonical[_key(alias)] = (name or alias).strip()
        (strict if line.startswith("~") else loose).append(alias)

    def alternation(terms: list[str], flags: int) -> re.Pattern[str]:
        # Longest first, so "UX research" wins over "research" at the same place; the edges respect
        # C++, C#, .NET and Node.js, and a trailing full stop is punctuation.
        body = "|".join(re.escape(t).replace(r"\ ", r"[\s-]+") for t in sorted(terms, key=len, reverse=True))
        return re.compile(rf"(?<![\w+#./-])(?:{body})(?![\w+#-]|\.\w)", flags)

    return _Vocabulary(alternation(loose, re.I), alternation(strict, 0), canonical)


def find_skills(text: str, skills_section: str = "") -> tuple[str, ...]:
    """Canonical skill names found, in order of first appearance; strict entries only in ``skills_section``.

    Matches never overlap, and the longest term wins at each place, so "UX research" does not also count
    as "Research".
    """
    vocab = _vocabulary()
    found: dict[str, None] = {}
    for pattern, haystack in ((vocab.loose, text), (vocab.strict, skills_section)):
        for match in pattern.finditer(haystack):
            name = vocab.canonical.get(_key(match.group(0)))
            if name:
                found.setdefault(name, None)
    return tuple(found)
