"""The requester's details read from an unwrapped message, and the ``extract --json`` object built from them.

Pure: values in, values out. Every field is a ``domain.Field``: ``value`` None means the message did not say,
never a guess, and ``confidence`` says how directly it said it (a self-introduction beats a signature line,
which beats an address's display name). Only the *original* message is read — the forwarding manager's note,
name, address and phone never become the requester's.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import phonenumbers

from inboxbroker.domain import Address, Attachment, Extraction, Field, Interval, Person, ResumeInfo, Unwrapped
from inboxbroker.extract.affiliation import role_and_org
from inboxbroker.extract.phones import phone_lines
from inboxbroker.extract.referral import referrer
from inboxbroker.extract.signature import (
    NOT_TOPIC,
    TOPIC,
    TOPIC_LEAD,
    clean_display_name,
    find_sign_off,
    is_proper_name,
    main_text,
    self_introduced_name,
    strip_placeholders,
)
from inboxbroker.extract.times import TimesResult

_EMAIL = re.compile(r"\b[\w.+'-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
# Both start at the host: a scheme or "www."/"uk." before it changes nothing read from them (the slug; the URL
# as ``_profile_url`` rewrites it), and a pattern led by optional parts is tried at every character of the body.
_LINKEDIN = re.compile(r"linkedin\.com/in/([A-Za-z0-9%_-]{2,100})", re.IGNORECASE)
_PROFILE = re.compile(r"(?:github\.com|gitlab\.com|behance\.net|dribbble\.com)/[\w.-]+", re.I)
_NO_REPLY = re.compile(
    r"^(?:no-?reply|do-?not-?reply|notifications?|mailer-daemon|bounce"  # and a template's sample address:
    r"|(?:your|my|user|email|(?:your[._-]?)?(?:full[._-]?)?name|first(?:name)?[._-]?last(?:name)?)@)",
    re.IGNORECASE,
)
_TEMPLATE_SLUG = re.compile(r"(?:your|my)[-_]?\w*|(?:user)?name|profile|handle|example|url", re.IGNORECASE)
# Words before a number that make it an identifier, not a phone ("Student ID 4155550134").
_ID_CONTEXT = re.compile(
    r"(?:\bid|\bno\.?|number|ref(?:erence)?|order|ticket|case|invoice|#|account)(?:\s+(?:is|was))?\W{0,3}$",
    re.I,
)
_TLD_REGION = {t: t.upper() for t in ["de", "fr", "ca", "au", "in", "ie", "nl", "es", "it", "br", "mx"]}
_TLD_REGION |= {"uk": "GB", "sg": "SG", "jp": "JP", "ch": "CH", "se": "SE", "nz": "NZ", "za": "ZA"}
_TZ_BY_REGION = {
    "GB": "Europe/London",
    "DE": "Europe/Berlin",
    "FR": "Europe/Paris",
    "IE": "Europe/Dublin",
    "NL": "Europe/Amsterdam",
    "ES": "Europe/Madrid",
    "IT": "Europe/Rome",
    "IN": "Asia/Kolkata",
    "SG": "Asia/Singapore",
    "JP": "Asia/Tokyo",
    "CH": "Europe/Zurich",
    "SE": "Europe/Stockholm",
}
_NUMBER_WORDS = {
    "five": 5,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty-five": 45,
    "sixty": 60,
}
_DURATION = re.compile(
    r"\b(?:(?P<lo>\d{1,3})\s*(?:-|–|to|or)\s*)?(?P<n>\d{1,3}|five|ten|fifteen|twenty|thirty|forty-five|sixty)"
    r"[\s-]*(?P<unit>min(?:ute)?s?|hours?|hrs?)\b(?!\s+(?:ago|late|away|walk|drive|early))"
    r"|\b(?P<half>half an hour|half-hour|half hour)\b|\b(?P<quarter>quarter of an hour)\b|\b(?P<hour>an hour)\b",
    re.IGNORECASE,
)
_FORMATS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "video",
        re.compile(
            r"\b(?:zoom|teams|google meet|meet link|video(?:[- ]?call|[- ]?chat)?|skype|webex|"
            r"virtual(?:ly)?|facetime)\b",
            re.I,
        ),
    ),
    ("phone", re.compile(r"\b(?:phone|call|ring|over the phone)\b", re.I)),
    ("coffee", re.compile(r"\b(?:coffee|tea)\b", re.I)),
    (
        "in_person",
        re.compile(
            r"\b(?:in[- ]person|stop by|drop by|visit your office|come by|face[- ]to[- ]face|"
            r"meet up|lunch)\b",
            re.I,
        ),
    ),
)


@dataclass(frozen=True)
class FieldsResult:
    """Everything ``extract_fields`` found; each field a value with its confidence."""

    name: Field[str]
    email: Field[str]
    phone: Field[str]
    linkedin: Field[str]
    organization: Field[str]
    role: Field[str]
    topic: Field[str]
    referred_by: Field[str]
    duration_minutes: Field[int]
    format: Field[str]
    profiles: tuple[str, ...] = ()  # other profile links (GitHub, portfolio sites), normalised
    tz_hint: str | None = None  # a zone guessed from the signature's phone country, for extract_times
    signature: tuple[str, ...] = field(default=(), repr=False)


def requester_text(u: Unwrapped) -> str:
    """The requester's own words: the original's body (never the forwarder's note)."""
    return u.original.body


def extract_fields(u: Unwrapped) -> FieldsResult:
    """Read the requester's details from ``u.original`` (and the Reply-To of a direct message)."""
    body = strip_placeholders(requester_text(u))
    sign_off = find_sign_off(body)
    email = _email(u, body)
    region = _region(email.value, body)
    phone = _phone(body, region)
    role, org, role_conf = role_and_org(body, sign_off.lines)
    profiles = tuple(dict.fromkeys(_profile_url(m.group(0)) for m in _PROFILE.finditer(body)))
    tz_hint = None
    if phone.value:
        tz_hint = _TZ_BY_REGION.get(
            phonenumbers.region_code_for_number(phonenumbers.parse(phone.value)) or ""
        )
    return FieldsResult(
        name=_name(u, body, sign_off.name, email.value),
        email=email,
        phone=phone,
        linkedin=_linkedin(body),
        organization=Field(org, role_conf if org else 0.0),
        role=Field(role, role_conf if role else 0.0),
        topic=_topic(body),
        referred_by=referrer(body),
        duration_minutes=_duration(body),
        format=_format(main_text(body)),
        profiles=profiles,
        tz_hint=tz_hint,
        signature=sign_off.lines,
    )


def _forwarder_emails(u: Unwrapped) -> set[str]:
    found = {u.forwarder.email.lower()} if u.forwarder and u.forwarder.email else set()
    if u.is_forward and u.message.from_:
        found.add(u.message.from_.email.lower())
    return found


def _email(u: Unwrapped, body: str) -> Field[str]:
    banned = _forwarder_emails(u)
    sender = u.original.sender
    if not u.is_forward:
        # A web form or list relays through a no-reply From and puts the person in Reply-To.
        for addr in u.message.reply_to:
            usable = (
                "@" in addr.email and addr.email.lower() not in banned and not _NO_REPLY.match(addr.email)
            )
            if usable and (sender is None or _NO_REPLY.match(sender.email) or addr.email != sender.email):
                return Field(addr.email.lower(), 0.9)
    if (
        sender
        and "@" in sender.email
        and sender.email.lower() not in banned
        and not _NO_REPLY.match(sender.email)
    ):
        return Field(sender.email.lower(), 0.95)
    for m in _EMAIL.finditer(body):
        candidate = m.group(0).lower().rstrip(".")
        if candidate not in banned and not _NO_REPLY.match(candidate):
            return Field(candidate, 0.7)
    return Field(None)


def _name(u: Unwrapped, body: str, signed: str | None, email: str | None) -> Field[str]:
    display = None
    for addr in (u.original.sender, *(() if u.is_forward else u.message.reply_to)):
        if addr and addr.name and (not email or not addr.email or addr.email.lower() == email):
            display = display or clean_display_name(addr.name)
    intro = self_introduced_name(body)
    candidates = [c for c in (intro, signed, display) if c]
    full = [c for c in candidates if len(c.split()) >= 2]
    if full:
        best = full[0]
        agree = sum(1 for c in candidates if c.split()[0].lower() == best.split()[0].lower())
        return Field(best, min(0.6 + 0.15 * agree, 0.99))
    if candidates:
        first = candidates[0]
        # "Thanks, Priya" + priya.natarajan@… : the address spells the surname the sign-off left out. An
        # address has no accents ("Inés" is ines.calderon@…), so the surname comes without them.
        ascii_first = re.escape(_ascii_fold(first).lower())
        if email and (m := re.match(rf"{ascii_first}[._-]([a-z]{{2,}}(?:-[a-z]{{2,}})?)@", email)):
            full_name = f"{first} {'-'.join(part.capitalize() for part in m.group(1).split('-'))}"
            if is_proper_name(full_name):
                return Field(full_name, 0.7)
        return Field(first, 0.6)
    return Field(None)


def _ascii_fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _region(email: str | None, signature: str) -> str:
    if m := re.search(r"\+(\d{1,3})[\s(.-]", signature):
        return phonenumbers.region_code_for_country_code(int(m.group(1)))
    tld = email.rsplit(".", 1)[-1] if email else ""
    return _TLD_REGION.get(tld, "US")


def _phone(body: str, region: str) -> Field[str]:
    lines = phone_lines(body, region)
    for m in phonenumbers.PhoneNumberMatcher(lines, region, leniency=phonenumbers.Leniency.VALID):
        before = lines[max(0, m.start - 20) : m.start]
        if _ID_CONTEXT.search(before) or re.fullmatch(
            r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}", m.raw_string
        ):
            continue  # identifiers and dates that happen to be valid numbers
        number = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
        return Field(number, 0.9 if m.raw_string.startswith("+") else 0.8)
    return Field(None)


def _linkedin(body: str) -> Field[str]:
    for m in _LINKEDIN.finditer(body):
        slug = m.group(1).rstrip("-_").lower()
        if not _TEMPLATE_SLUG.fullmatch(slug):
            return Field(f"https://www.linkedin.com/in/{slug}", 0.95)
    return Field(None)


def _profile_url(raw: str) -> str:
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "https://", raw.rstrip("/."))
    return url.lower()


def _topic(body: str) -> Field[str]:
    for m in TOPIC.finditer(body):
        # "curious about moving into machine learning", "a career in law": the field is what follows.
        topic, before = m.group("t").strip(" -'’"), ""
        while topic != before:
            topic, before = TOPIC_LEAD.sub("", topic), topic
        if topic and not NOT_TOPIC.match(topic):
            return Field(topic, 0.6)
    return Field(None)


def _duration(body: str) -> Field[int]:
    for m in _DURATION.finditer(body):
        if m.group("half"):
            return Field(30, 0.9)
        if m.group("quarter"):
            return Field(15, 0.9)
        if m.group("hour"):
            return Field(60, 0.7)
        n = m.group("n").lower()
        value = _NUMBER_WORDS.get(n) or int(n)
        if m.group("unit").lower().startswith("h"):
            value *= 60
        # "15-20 minutes": reserve the upper bound so the meeting is never cut short.
        if 5 <= value <= 120:
            return Field(value, 0.9)
    return Field(None)


def _format(body: str) -> Field[str]:
    found = {name for name, pattern in _FORMATS if pattern.search(body)}
    if "video" in found:
        found -= {"phone", "coffee"}  # "a Zoom call", "a virtual coffee"
    if "coffee" in found:
        found.discard("in_person")  # coffee is an in-person format of its own
    if len(found) == 1:
        return Field(found.pop(), 0.8)
    return Field(None)  # none named, or alternatives offered ("a call or coffee"): the reply asks


def build_extraction(
    u: Unwrapped,
    fields: FieldsResult,
    times: TimesResult,
    resume_attachment: Attachment | None = None,
    resume_info: ResumeInfo | None = None,
    attachments: tuple[Attachment, ...] | None = None,
) -> Extraction:
    """Assemble the stage's result; the confidences travel with it for the trace.

    ``attachments`` defaults to the original's (an attached forward) or else the message's own.
    """
    names = ("name", "email", "phone", "linkedin", "organization", "role", "topic", "referred_by")
    confidence = {n: getattr(fields, n).confidence for n in names}
    confidence |= {"duration_minutes": fields.duration_minutes.confidence, "format": fields.format.confidence}
    forwarder = u.forwarder if u.is_forward else None
    return Extraction(
        requester=Person(
            name=fields.name.value,
            email=fields.email.value,
            phone=fields.phone.value,
            linkedin=fields.linkedin.value,
            organization=fields.organization.value,
            role=fields.role.value,
        ),
        forwarded_by=forwarder,
        forward_note=u.note if u.is_forward else "",
        topic=fields.topic.value,
        referred_by=fields.referred_by.value,
        duration_minutes=fields.duration_minutes.value,
        format=fields.format.value,
        availability=times.intervals,
        timezone=times.timezone,
        attachments=attachments
        if attachments is not None
        else (u.original.attachments or u.message.attachments),
        resume_attachment=resume_attachment,
        resume=resume_info,
        confidence=confidence,
    )


def extraction_to_json(e: Extraction, file: str, label: str | None) -> dict[str, Any]:
    """Exactly the DESIGN.md §5 ``extract --json`` object (times ISO 8601 with offset, absent → null)."""
    r = e.requester
    resume = e.resume
    # Bytes and name: a copy of the résumé under another name is listed, but is not the résumé.
    resume_id = (e.resume_attachment.sha256, e.resume_attachment.filename) if e.resume_attachment else None
    return {
        "file": file,
        "label": label,
        "requester": {
            "name": r.name,
            "email": r.email,
            "phone": r.phone,
            "linkedin": r.linkedin,
            "organization": r.organization,
            "role": r.role,
        },
        "forwarded_by": _address(e.forwarded_by),
        "forward_note": e.forward_note or None,
        "topic": e.topic,
        "referred_by": e.referred_by,
        "duration_minutes": e.duration_minutes,
        "format": e.format,
        "availability": [_interval(i) for i in e.availability],
        "timezone": e.timezone,
        "attachments": [
            {
                "filename": a.filename,
                "content_type": a.sniffed_type or a.declared_type,
                "size": a.size,
                "is_resume": resume_id is not None and (a.sha256, a.filename) == resume_id,
            }
            for a in e.attachments
        ],
        "resume": None
        if resume is None
        else {
            "name": resume.name,
            "email": resume.email,
            "phone": resume.phone,
            "skills": list(resume.skills),
            "education": [dict(x) for x in resume.education],
            "experience": [dict(x) for x in resume.experience],
        },
    }


def _address(a: Address | None) -> dict[str, str | None] | None:
    return None if a is None else {"name": a.name or None, "email": a.email or None}


def _interval(i: Interval) -> dict[str, str]:
    return {"start": i.start.isoformat(), "end": i.end.isoformat()}
