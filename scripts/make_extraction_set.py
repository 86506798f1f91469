"""Write the labelled extraction set: tests/fixtures/extraction/NNN_<kind>.eml plus NNN_<kind>.json.

Deterministic (one seeded RNG; the same run writes the same bytes). Every message is written by us: direct
mail, web-form relays (no-reply From, Reply-To), and Gmail/Outlook/Apple inline forwards with a manager's
note and signature (whose phone and address must never be taken), signatures of several shapes, plainer
non-native phrasing, ids and dates that look like phones, and fields left out. The JSON holds every field of
the DESIGN.md §5 ``extract --json`` object as expected, plus ``input`` (the unwrapped original as
ground truth, so extraction is measured apart from parsing and unwrapping) and ``resume_expected``.

Attachments are real documents written from text made here for each requester (scripts/make_resumes.py's
PDF/DOCX/ODT/RTF writers): résumés whose name, e-mail, phone, school and employer match the message, and
hard negatives (cover letters, transcripts, portfolios) alone or beside the résumé. Each attachment's
``is_resume`` and the résumé's expected fields are in the JSON. Attachments draw on their own seeded RNG,
so the message texts and their expected fields do not move when the attachment mix changes.

After them come the hand-written cases (hand/cases.toml, hNN_<kind>) and cases of the kinds issue 13 found
missed (``issue13_cases``, numbered on from the generated ones, with ``shows`` in the JSON naming the kind):
a school, service, course or employer named in passing; a referrer named with their employer, by title and
surname, or by first name; a template blank where the referrer goes; a first-name sign-off under a phone's
"Sent from my iPhone", forwarded from a phone. They draw on their own seeded RNG, so nothing above moves.

Usage: python scripts/make_extraction_set.py [OUT_DIR]
"""

from __future__ import annotations

import json
import random
import sys
import tomllib
import unicodedata
from datetime import date, datetime, timedelta, timezone
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_resumes import WRITERS, minimal_pdf

SEED = 20260301
COUNT = 160
OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "extraction"

PEOPLE = [
    "Priya Natarajan",
    "Samuel Okafor",
    "Mei Chen",
    "Lucas Moreau",
    "Ana Souza",
    "Tomasz Kowalski",
    "Aisha Bello",
    "Diego Hernández",
    "Hannah Müller",
    "Kenji Watanabe",
    "Fatima Al-Sayed",
    "Oliver Bennett",
    "Chloé Dubois",
    "Ravi Shankar",
    "Emily van der Berg",
    "Jonas Lindqvist",
    "Grace Nakamura",
    "Marcus Johnson",
    "Leila Haddad",
    "Nikhil Rao",
    "Siobhan O'Brien",
    "Mateo Rossi",
    "Yuki Tanaka",
    "Olumide Adeyemi",
    "Sofia Petrova",
]
REFERRERS = ["Sam Lee", "Jordan Blake", "Maria Lopez", "David Kim", "Elena Novak", "Tariq Hassan"]
STUDENTS = [
    ("third-year computer science student", "University of Toronto"),
    ("final-year economics student", "McGill University"),
    ("MBA candidate", "Imperial College London"),
    ("second-year PhD student", "Georgia Tech"),
    ("junior studying statistics", "Ohio State University"),
    ("master's student", "Universidad de Chile"),
]
WORKERS = [
    ("Product Manager", "Stripe"),
    ("data analyst", "Acme Logistics"),
    ("software engineer", "Northwind Health"),
    ("marketing associate", "Globex"),
    ("research assistant", "Contoso Labs"),
    ("UX designer", "Initech"),
]
TOPICS = [
    "product management",
    "data science",
    "UX research",
    "machine learning",
    "investment banking",
    "public policy",
    "management consulting",
    "cybersecurity",
    "technical writing",
    "supply chain management",
]
DURATIONS = [
    ("20 minutes", 20),
    ("half an hour", 30),
    ("15-20 minutes", 20),
    ("15 minutes", 15),
    ("30 min", 30),
    ("", None),
]
FORMATS = [
    ("a quick Zoom call", "video"),
    ("a phone call", "phone"),
    ("a coffee", "coffee"),
    ("a chat in person", "in_person"),
    ("a short Teams meeting", "video"),
    ("a brief chat", None),
    ("a call or a coffee, whichever suits you", None),
]
# (zone of the writer, phone shown, E.164, domain TLD)
PLACES = [
    ("America/New_York", "(212) 555-0198", "+12125550198", "com"),
    ("America/Los_Angeles", "(415) 555-0134", "+14155550134", "com"),
    ("Europe/London", "+44 20 7946 0958", "+442079460958", "co.uk"),
    ("Europe/Berlin", "+49 30 901820", "+4930901820", "de"),
    ("Asia/Kolkata", "+91 98765 43210", "+919876543210", "in"),
    ("America/Chicago", "(312) 866-0421", "+13128660421", "com"),
]
HINT_ZONES = {"+44": "Europe/London", "+49": "Europe/Berlin", "+91": "Asia/Kolkata"}  # fields._TZ_BY_REGION
TEXT_ZONES = [
    ("ET", "America/New_York"),
    ("PT", "America/Los_Angeles"),
    ("London time", "Europe/London"),
    ("CET", "Europe/Berlin"),
    ("EST", "America/New_York"),
]
WD = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MANAGERS = [("Rachel Kim", "rachel.kim@example.org"), ("Tom Alvarez", "tom.alvarez@example.org")]


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def next_weekday(today: date, wd: int) -> date:
    return today + timedelta(days=((wd - today.weekday()) % 7) or 7)


def times_phrase(
    rng: random.Random, today: date
) -> tuple[str, list[tuple[date, int, int, int, int]], str | None]:
    """A sentence proposing times, the expected (day, h1, m1, h2, m2) windows, and the zone it names."""
    kind = rng.randrange(12)
    wd, wd2 = rng.sample(range(5), 2)
    if kind == 0:
        d = today - timedelta(days=today.weekday()) + timedelta(days=7 + wd)
        return f"Would next {WD[wd]} afternoon work for you?", [(d, 13, 0, 17, 0)], None
    if kind == 1:
        a, b = sorted((wd, wd2))
        return (
            f"I'm free {WD[a]} or {WD[b]} morning.",
            [(next_weekday(today, a), 9, 0, 12, 0), (next_weekday(today, b), 9, 0, 12, 0)],
            None,
        )
    if kind == 2:
        label, zone = rng.choice(TEXT_ZONES)
        h = rng.choice((1, 2, 3))
        return (
            f"{WD[wd][:3]} {h}–{h + 2}pm {label} would suit me.",
            [(next_weekday(today, wd), h + 12, 0, h + 14, 0)],
            zone,
        )
    if kind == 3:
        d = today + timedelta(days=rng.randrange(10, 25))
        monday = d - timedelta(days=d.weekday())
        return (
            f"I'm available any time the week of {MONTHS[d.month - 1]} {ordinal(d.day)}.",
            [
                (monday + timedelta(days=i), 9, 0, 17, 0)
                for i in range(5)
                if monday + timedelta(days=i) > today
            ],
            None,
        )
    if kind == 4:
        d = today + timedelta(days=rng.randrange(5, 20))
        days, x = [], d + timedelta(days=1)
        while len(days) < 5:
            if x.weekday() < 5:
                days.append((x, 9, 0, 17, 0))
            x += timedelta(days=1)
        return f"Any time after the {ordinal(d.day)} works for me.", days, None
    if kind == 5:
        label, zone = rng.choice(TEXT_ZONES[:2])
        d = today + timedelta(days=rng.randrange(3, 20))
        return (
            f"Could we speak between 10 and noon {label} on the {ordinal(d.day)}?",
            [(d, 10, 0, 12, 0)],
            zone,
        )
    if kind == 6:
        h = rng.choice((2, 3, 4))
        return f"How about {WD[wd]} at {h}?", [(next_weekday(today, wd), h + 12, 0, h + 12, 30)], None
    if kind == 7:
        d = today + timedelta(days=rng.randrange(3, 20))
        while d.weekday() > 4:
            d += timedelta(days=1)
        return (
            f"Perhaps {WD[d.weekday()]}, {MONTHS[d.month - 1]} {d.day} at 11am?",
            [(d, 11, 0, 11, 30)],
            None,
        )
    if kind == 8:
        return (
            f"{WD[wd]} afternoon or {WD[wd2]} morning would be ideal.",
            [(next_weekday(today, wd), 13, 0, 17, 0), (next_weekday(today, wd2), 9, 0, 12, 0)],
            None,
        )
    if kind == 9:
        monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
        return (
            "Any afternoon next week is good.",
            [(monday + timedelta(days=i), 13, 0, 17, 0) for i in range(5)],
            None,
        )
    if kind == 10:
        return "I could also do 3/4 if that is easier.", [], None  # day/month order unknown: nothing
    return "I am flexible and happy to work around your schedule.", [], None


def expected_times(
    start: datetime, windows: list[tuple[date, int, int, int, int]], text_zone: str | None, hint: str | None
) -> tuple[list[dict[str, str]], str]:
    """The windows as the intervals a reader expects, and the zone they are in: named, hinted, or the offset."""
    off = start.utcoffset() or timedelta()
    sign = "-" if off < timedelta() else "+"
    off_label = (
        f"{sign}{abs(int(off.total_seconds())) // 3600:02d}:{abs(int(off.total_seconds())) % 3600 // 60:02d}"
    )
    tz_label = text_zone or hint or off_label
    # Without a named zone only the Date header's offset is known: a fixed offset, even across DST.
    tz = ZoneInfo(tz_label) if "/" in tz_label else timezone(off)
    avail = []
    for d, h1, m1, h2, m2 in sorted(windows):
        s, e = (
            datetime(d.year, d.month, d.day, h1, m1, tzinfo=tz),
            datetime(d.year, d.month, d.day, h2, m2, tzinfo=tz),
        )
        if e > start:
            avail.append({"start": s.isoformat(), "end": e.isoformat()})
    return avail, tz_label


def body_for(rng: random.Random, p: dict, i: int) -> tuple[str, dict]:
    """The requester's text and what it lets us expect."""
    first = p["name"].split()[0]
    exp: dict = {"name": p["name"], "phone": None, "linkedin": None, "organization": None, "role": None}
    parts = [rng.choice(["Hi Rachel,", "Dear Ms. Kim,", "Hello,", "Good morning Rachel,"]), ""]
    role, org = rng.choice(STUDENTS if rng.random() < 0.5 else WORKERS)
    exp["_cv"] = (role, org)
    style = rng.randrange(7)
    intro = {
        0: f"My name is {p['name']} and I'm a {role} at {org}.",
        1: f"I'm a {role} at {org}.",
        2: f"I work as a {role} at {org}.",
        3: f"I am currently a {role} at {org}.",
        4: "I hope this finds you well.",  # role/org only in the signature
        5: "I hope you are doing well.",  # none at all
        6: f"I am {role} in {org} and I am writing to kindly ask for your time.",  # non-native: no article
    }[style]
    if style in (0, 1, 2, 3, 6):
        exp["role"], exp["organization"] = role, org
    if style == 4:
        exp["role"], exp["organization"] = role, org
    parts.append(intro)
    if (ref := rng.choice([*REFERRERS, None, None])) is not None:
        parts.append(
            rng.choice(
                [
                    f"{ref} suggested I reach out to you.",
                    f"I was referred to you by {ref}.",
                    f"My professor, {ref}, recommended I contact you.",
                    f"{ref} gave me your email.",
                ]
            )
        )
    exp["referred_by"] = ref
    topic = rng.choice([*TOPICS, None])
    if topic:
        parts.append(
            rng.choice(
                [
                    f"I'd love to learn more about {topic}.",
                    f"I have a few questions about {topic}.",
                    f"I'm very interested in {topic}, and your path stood out to me.",
                ]
            )
        )
    exp["topic"] = topic
    dur, exp["duration_minutes"] = rng.choice(DURATIONS)
    fmt, exp["format"] = rng.choice(FORMATS)
    ask = f"Would you have {dur} for {fmt}" if dur else f"Would you be open to {fmt}"
    parts.append(ask + (" sometime?" if rng.random() < 0.5 else " in the coming weeks?"))
    tp, windows, zone = times_phrase(rng, p["today"])
    parts.append(tp)
    exp["_windows"], exp["_text_zone"] = windows, zone
    if p["resume"]:
        parts.append(
            rng.choice(
                [
                    "I've attached my résumé for context.",
                    "Please find my CV attached.",
                    "My resume is attached in case it is useful.",
                ]
            )
        )
    if p["attachment_line"]:
        parts.append(p["attachment_line"])  # no RNG draw: the rest of the text stays as it was
    if rng.random() < 0.1:
        parts.append(f"(My student ID is {rng.randrange(2020000000, 2024999999)}, in case that helps.)")
    parts.append("")
    show_phone = rng.random() < 0.6
    link = rng.random() < 0.5
    slug = (
        p["name"]
        .lower()
        .replace(" ", "-")
        .replace("'", "")
        .replace("é", "e")
        .replace("á", "a")
        .replace("ü", "u")
    )
    link_text = rng.choice(
        [
            f"linkedin.com/in/{slug}",
            f"https://www.linkedin.com/in/{slug}/",
            f"http://uk.linkedin.com/in/{slug}",
        ]
    )
    sig: list[str] = []
    shape = rng.randrange(6)
    if shape == 0:
        sig += ["Best regards,", p["name"], f"{role} | {org}" if style != 5 else ""]
    elif shape == 1:
        sig += ["Thanks,", first]
    elif shape == 2:
        sig += [f"Cheers, {first}"]
    elif shape == 3:
        sig += [f"— {p['name']}"]
    elif shape == 4:
        sig += ["Kind regards,", f"{p['name']} (she/her)", f"{role}, {org}" if style != 5 else ""]
    else:
        sig += ["Many thanks,", "", f"{p['name']} | {role}, {org}" if style != 5 else p["name"]]
    exp["_full_in_text"] = style == 0 or shape in (0, 3, 4, 5)
    if style == 5 and shape in (0, 4, 5):
        exp["role"] = exp["organization"] = None
    if style == 4 and shape not in (0, 4, 5):
        exp["role"] = exp["organization"] = None  # the signature that would have said it is not there
    if show_phone:
        sig.append(rng.choice(["Phone: ", "Mobile: ", "", "Tel. "]) + p["phone_text"])
        exp["phone"] = p["phone"]
    if link:
        sig.append(link_text)
        exp["linkedin"] = f"https://www.linkedin.com/in/{slug}"
    if p["email_in_sig"]:
        sig.append(p["email"])
    return "\n".join(parts + [s for s in sig if s != ""]) + "\n", exp


def make(i: int, rng: random.Random) -> tuple[EmailMessage, dict]:
    name = PEOPLE[i % len(PEOPLE)]
    zone_name, phone_text, phone, tld = PLACES[rng.randrange(len(PLACES))]
    zone = ZoneInfo(zone_name)
    start = datetime(2026, 1, 5, 8, 0, tzinfo=zone) + timedelta(
        days=rng.randrange(0, 300), minutes=rng.randrange(0, 600)
    )
    first, last = name.split()[0], name.split()[-1]
    local = rng.choice([f"{first}.{last}", f"{first}{rng.randrange(10, 99)}", f"{first[0]}{last}"]).lower()
    local = local.replace("'", "").replace("é", "e").replace("á", "a").replace("ü", "u")
    email = f"{local}@{rng.choice(['gmail.com', 'mail.' + tld, 'outlook.com'])}"
    kind = ["direct", "form", "gmail", "outlook", "apple", "gmail", "outlook", "direct"][i % 8]
    p = {
        "name": name,
        "today": start.date(),
        "phone": phone,
        "phone_text": phone_text,
        "email": email,
        "resume": "resume" in attachment_plan(i),
        "email_in_sig": kind == "outlook" and i % 3 == 0,
        "city": CITIES[zone_name],
    }
    plan = attachment_plan(i)
    p["attachment_line"] = ATTACHMENT_LINES.get(plan[0], "") if plan and "resume" not in plan else ""
    body, exp = body_for(rng, p, i)
    display = rng.choice([name, name, f"{last}, {first}", name.upper(), ""])
    sender_hidden = kind == "outlook" and p["email_in_sig"]  # Outlook shows only the name for internal mail
    if sender_hidden and not display:
        display = name
    full_known = display != "" or exp.pop("_full_in_text") or local == f"{first}.{last}".lower()
    exp["name"] = name if full_known else first  # only the first name is ever given
    subject = rng.choice(
        [
            "Informational interview request",
            "Quick question about your career",
            "Coffee chat?",
            "Request for a short conversation",
        ]
    )
    exp_email = email
    hint = HINT_ZONES.get(phone[:3]) if exp["phone"] else None
    avail, tz_label = expected_times(start, exp.pop("_windows"), exp.pop("_text_zone"), hint)
    mgr_name, mgr_email = MANAGERS[i % 2]
    msg = EmailMessage()
    original_from = {"name": display, "email": "" if sender_hidden else email}
    reply_to: list[dict] = []
    note = ""
    if kind in ("direct", "form"):
        if kind == "form":
            msg["From"] = "Careers Site <no-reply@careers.example.org>"
            msg["Reply-To"] = str(HeaderAddress(display, addr_spec=email)) if display else email
            reply_to = [{"name": display, "email": email}]
            original_from = {"name": "Careers Site", "email": "no-reply@careers.example.org"}
        else:
            msg["From"] = str(HeaderAddress(display, addr_spec=email)) if display else email
        msg["Date"] = format_datetime(start)
        text = body
    else:
        note = rng.choice(
            [
                "Could someone pick this up? Looks like a good fit for the data team.",
                "FYI - another informational interview request.",
                "Forwarding, thanks!",
            ]
        )
        who = f"{display} <{email}>" if display else email
        if sender_hidden:
            who = display
        text = forward_text(kind, who, start, subject, body, note, (mgr_name, mgr_email))
        msg["From"] = f"{mgr_name} <{mgr_email}>"
        msg["Date"] = format_datetime(start + timedelta(hours=26))
        subject = ("Fwd: " if kind != "outlook" else "FW: ") + subject
    msg["To"] = "interviews@example.org"
    msg["Subject"] = subject
    msg["Message-ID"] = f"<extraction-{i:03d}@example.org>"
    msg.set_content(text)
    role, org = exp.pop("_cv")
    docs, resume_exp = attachment_docs(i, plan, p, role, org, exp["topic"])
    attachments = []
    for fname, kind_, content, is_resume in docs:
        maintype, subtype = MIME[kind_].split("/")
        msg.add_attachment(content, maintype=maintype, subtype=subtype, filename=fname)
        attachments.append(
            {"filename": fname, "content_type": MIME[kind_], "size": len(content), "is_resume": is_resume}
        )
    if docs:
        msg.set_boundary(f"==extraction-{i:03d}==")  # the default boundary is random: keep the bytes stable
    expected = {
        "file": f"{i:03d}_{kind}.eml",
        "label": "interview_request",
        "requester": {
            "name": exp["name"],
            "email": exp_email,
            "phone": exp["phone"],
            "linkedin": exp["linkedin"],
            "organization": exp["organization"],
            "role": exp["role"],
        },
        "forwarded_by": None if kind in ("direct", "form") else {"name": mgr_name, "email": mgr_email},
        "forward_note": note or None,
        "topic": exp["topic"],
        "referred_by": exp["referred_by"],
        "duration_minutes": exp["duration_minutes"],
        "format": exp["format"],
        "availability": avail,
        "timezone": tz_label,
        "attachments": attachments,
        "resume": resume_exp,
        "resume_expected": p["resume"],
        "input": {
            "kind": "direct" if kind in ("direct", "form") else "inline",
            "date": start.isoformat(),
            "from": original_from,
            "reply_to": reply_to,
            "subject": subject,
            "body": body,
            "forwarder": None if kind in ("direct", "form") else {"name": mgr_name, "email": mgr_email},
            "note": note,
        },
    }
    return msg, expected


# --- attachments: résumés and the documents sent beside or instead of them ---------------------------------

MIME = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "rtf": "application/rtf",
}
CITIES = {
    "America/New_York": "New York, NY",
    "America/Los_Angeles": "San Francisco, CA",
    "Europe/London": "London",
    "Europe/Berlin": "Berlin",
    "Asia/Kolkata": "Bengaluru",
    "America/Chicago": "Chicago, IL",
}
# What a message says when it carries a document that is not a résumé (and no résumé).
ATTACHMENT_LINES = {
    "cover": "I have attached a short cover letter about why I am reaching out.",
    "transcript": "I attach my transcript in case it helps.",
    "portfolio": "A few samples of my work are attached.",
}
RESUME_FORMATS = ["pdf", "docx", "pdf", "docx", "pdf", "odt", "docx", "rtf"]
SCHOOLS = [
    "Lakeshore State University",
    "Northgate College",
    "Riverside Institute of Technology",
    "Westbrook University",
    "Hill Country University",
    "Prairie State College",
]
EMPLOYERS = [
    "Cascadia Freight Co.",
    "Brightloom Studios",
    "Pinecrest Analytics",
    "Harbourline Digital Ltd",
    "Bluewater Savings Bank",
    "Evergreen Health Partners",
]
# A student's degree and the internship they list; a worker's title at the earlier job and their degree.
STUDENT_CV = {
    "third-year computer science student": ("B.Sc. Computer Science", "Software Engineering Intern"),
    "final-year economics student": ("BA Economics", "Research Intern"),
    "MBA candidate": ("MBA", "Strategy Intern"),
    "second-year PhD student": ("Ph.D. Industrial Engineering", "Research Assistant"),
    "junior studying statistics": ("B.S. Statistics", "Data Analyst Intern"),
    "master's student": ("Master of Science in Data Science", "Data Science Intern"),
}
WORKER_CV = {
    "Product Manager": ("Associate Product Manager", "BA Economics"),
    "data analyst": ("Junior Analyst", "B.S. Statistics"),
    "software engineer": ("Software Developer", "B.Sc. Computer Science"),
    "marketing associate": ("Marketing Coordinator", "BA Communications"),
    "research assistant": ("Laboratory Technician", "B.S. Biology"),
    "UX designer": ("Junior UI Designer", "BA Graphic Design"),
}
SKILLS = {
    "computer science": ["Python", "Java", "Git", "Docker", "PostgreSQL", "React"],
    "economics": ["Financial Modeling", "Stata", "Market Research", "Tableau", "SQL"],
    "MBA": ["Product Strategy", "Financial Modeling", "Stakeholder Management", "Market Research"],
    "PhD": ["Python", "Operations Management", "MATLAB", "Supply Chain Management", "LaTeX"],
    "statistics": ["Statistics", "SAS", "Python", "pandas", "Data Visualization"],
    "master's": ["Python", "Machine Learning", "scikit-learn", "SQL", "Apache Spark"],
    "Product": ["Product Management", "Roadmapping", "A/B Testing", "SQL", "Jira"],
    "data": ["SQL", "Tableau", "Python", "pandas", "Power BI"],
    "software": ["TypeScript", "Node.js", "Kubernetes", "PostgreSQL", "CI/CD"],
    "marketing": ["Market Research", "Copywriting", "Competitive Analysis", "Project Management"],
    "research": ["Statistics", "Data Analysis", "Python", "Technical Writing"],
    "UX": ["Figma", "User Research", "Prototyping", "Wireframing", "Usability Testing"],
}
BULLETS = [
    "Built weekly reports that replaced a manual spreadsheet process",
    "Worked with three teams to plan and ship a new onboarding flow",
    "Presented findings to senior leadership every quarter",
    "Mentored two new hires in their first months",
    "Cut the time to answer customer questions by a third",
]


def attachment_plan(i: int) -> tuple[str, ...]:
    """What message ``i`` carries, in attachment order: résumés ("resume") and hard negatives."""
    if i % 4 == 0 or i % 7 == 0:
        k = sum(1 for j in range(i) if j % 4 == 0 or j % 7 == 0)  # the k-th message with a résumé
        if k % 5 == 2:
            return ("cover", "resume") if k % 2 == 0 else ("resume", "cover")
        if k % 9 == 4:
            return ("resume", "transcript")
        return ("resume",)
    n = sum(1 for j in range(i) if not (j % 4 == 0 or j % 7 == 0))  # the n-th message without one
    return {3: ("cover",), 7: ("transcript",), 11: ("portfolio",)}.get(n % 13, ())


def _ascii(s: str) -> str:
    return s.replace("'", "").replace("é", "e").replace("á", "a").replace("ü", "u")


def attachment_docs(
    i: int, plan: tuple[str, ...], p: dict, role: str, org: str, topic: str | None
) -> tuple[list[tuple[str, str, bytes, bool]], dict[str, Any] | None]:
    """The documents of ``plan`` as (filename, format, bytes, is_resume), and the résumé's expected fields."""
    rng = random.Random(f"{SEED}-attachments-{i}")  # its own stream: the message texts do not move
    first, last = _ascii(p["name"]).split()[0], _ascii(p["name"]).split()[-1]
    k = sum(1 for j in range(i) if j % 4 == 0 or j % 7 == 0)
    cv = resume_content(rng, k, p, role, org)
    docs: list[tuple[str, str, bytes, bool]] = []
    for what in plan:
        if what == "resume":
            fmt = RESUME_FORMATS[k % len(RESUME_FORMATS)]
            name = [
                f"{first}_{last}_Resume",
                f"{first} {last} CV",
                "resume",
                f"{first.lower()}-{last.lower()}",  # says nothing: the content must
                f"CV_{last}_2026",
                "document",
            ][k % 6]
            text = cv["text"]
            if fmt == "pdf" and k % 3 == 0:  # a two-page résumé: education and skills overleaf
                cut = text.splitlines().index(cv["page_break_before"])
                lines = text.splitlines()
                data = minimal_pdf([lines[:cut], lines[cut:]])
            else:
                data = WRITERS[fmt](text)
            docs.append((f"{name}.{fmt}", fmt, data, True))
        elif what == "cover":
            fmt = "docx" if i % 3 == 0 else "pdf"
            name = f"Cover Letter - {first} {last}" if i % 2 == 0 else f"{first}_{last}_letter"
            docs.append((f"{name}.{fmt}", fmt, WRITERS[fmt](cover_letter(rng, p, role, org, topic)), False))
        elif what == "transcript":
            name = "transcript" if i % 2 == 0 else f"{last.lower()}_records"
            docs.append((f"{name}.pdf", "pdf", WRITERS["pdf"](transcript(rng, p, cv["school"])), False))
        else:
            name = f"{first.lower()}-portfolio" if i % 2 == 0 else f"{first.lower()}-work-samples"
            docs.append((f"{name}.pdf", "pdf", WRITERS["pdf"](portfolio(p, role)), False))
    return docs, (cv["expected"] if "resume" in plan else None)


def resume_content(rng: random.Random, k: int, p: dict, role: str, org: str) -> dict[str, Any]:
    """A résumé for the requester in one of four layouts, and the fields a correct parser reads from it."""
    student = role in STUDENT_CV
    key = next(w for w in SKILLS if w in role or w == role.split()[0])
    skills = rng.sample(SKILLS[key], k=min(4, len(SKILLS[key])))
    if student:
        degree, intern_title = STUDENT_CV[role]
        school, year = org, 2027
        jobs = [(intern_title, rng.choice(EMPLOYERS), ("Jun", 2025), ("Aug", 2025))]
    else:
        title2, degree = WORKER_CV[role]
        school, year = rng.choice(SCHOOLS), rng.choice((2016, 2018, 2019))
        title = role[0].upper() + role[1:]
        jobs = [
            (title, org, ("Mar", year + 3), None),
            (title2, rng.choice(EMPLOYERS), ("Sep", year), ("Feb", year + 3)),
        ]
    layout = k % 4
    name = p["name"].upper() if layout == 2 and k % 8 == 2 else p["name"]
    contact = [p["city"], p["email"], p["phone_text"]]
    lines = [name, (" | " if layout in (0, 3) else " · ").join(contact)]
    if layout in (0, 3):
        lines += ["# Summary", f"{role[0].upper() + role[1:]} looking to learn more about the field."]
    lines.append(
        ["# Experience", "# Professional Experience", "# Work Experience", "# Employment History"][layout]
    )
    for title, employer, (m1, y1), end in jobs:
        span = f"{y1} - {'Present' if end is None else end[1]}"
        if layout == 0:
            lines.append(f"{title} | {employer} | {span}")
        elif layout == 1:
            months = f"{m1} {y1} – {'present' if end is None else f'{end[0]} {end[1]}'}"
            lines += [title, f"{employer}, {p['city'].split(',')[0]}", months]
        elif layout == 2:
            lines.append(f"{title} at {employer}, {span}")
        else:
            lines.append(f"{title}, {employer}, {span}")
        lines += [f"• {b}" for b in rng.sample(BULLETS, 2)]
    page_break_before = "# Education"
    lines.append(page_break_before)
    shown_year = f"expected {year}" if student else str(year)
    if layout == 1:
        lines += [degree, f"{school}, {shown_year}"]
    elif layout == 2:
        lines.append(f"{degree}, {school}, {shown_year}")
    else:
        lines.append(f"{school} — {degree}, {shown_year}")
    lines += [["# Skills", "# Technical Skills", "# Skills", "# Core Skills"][layout], ", ".join(skills)]
    expected = {
        "name": p["name"],
        "email": p["email"],
        "phone": p["phone"],
        "skills": skills,
        "education": [{"school": school, "degree": degree, "year": year}],
        "experience": [
            {
                "employer": employer,
                "title": title,
                "years": f"{y1}-{'present' if end is None else end[1]}",
            }
            for title, employer, (_, y1), end in jobs
        ],
    }
    return {
        "text": "\n".join(lines),
        "expected": expected,
        "school": school,
        "page_break_before": page_break_before,
    }


def cover_letter(rng: random.Random, p: dict, role: str, org: str, topic: str | None) -> str:
    """A letter, not a résumé: contact lines, a salutation, paragraphs, a closing; some say where they work."""
    about = topic or "your work"
    if rng.random() < 0.5:
        return "\n".join(
            [
                p["name"],
                p["email"],
                "Dear Ms. Kim,",
                f"I am writing to ask whether you might have time for a short conversation about {about}.",
                f"As a {role} at {org}, I have followed your team's work for some time, and I would value",
                "your view on how you chose your path and what you would do differently today.",
                "Thank you for considering my request.",
                "Sincerely,",
                p["name"],
            ]
        )
    return "\n".join(
        [
            p["name"],
            f"{p['email']} | {p['phone_text']}",
            "Hello Rachel,",
            f"Thank you for reading this. I am a {role} at {org} and would love to hear about {about}.",
            "Over the past year I have read a lot about the field, and talking to someone who does the work",
            "every day would help me decide where to go next. I would be glad to fit around your calendar.",
            "With thanks,",
            p["name"],
        ]
    )


def transcript(rng: random.Random, p: dict, school: str) -> str:
    """An academic transcript: terms, course codes, credits and grades."""
    grades = ["A", "A-", "B+", "B", "A"]
    lines = [
        school,
        "Academic Transcript (unofficial)",
        f"Student: {p['name']}    Student ID: {rng.randrange(10**7, 10**8)}",
    ]
    for term in ("Fall 2024", "Spring 2025"):
        lines += [f"Term: {term}", "Course Code  Course Title  Credits  Grade"]
        for code, title in rng.sample(
            [("STAT 201", "Probability"), ("ECON 210", "Microeconomics"), ("CS 220", "Data Structures"),
             ("MATH 240", "Linear Algebra"), ("COMM 101", "Public Speaking"), ("CS 310", "Databases")], 3
        ):  # fmt: skip
            lines.append(f"{code}  {title}  3.0  {rng.choice(grades)}")
        lines.append(f"Term GPA: {rng.choice(('3.52', '3.71', '3.80', '3.64'))}   Credits attempted: 9.0")
    return "\n".join(lines)


def portfolio(p: dict, role: str) -> str:
    """Work samples: case studies, no contact block, no sections a résumé has."""
    return "\n".join(
        [
            f"{p['name']} — Portfolio",
            "Selected work, 2023–2026",
            "Case study 1: Rebuilding a weekly report",
            f"What I did as a {role}: interviews, a first sketch, and the version that shipped.",
            "Case study 2: A smaller onboarding flow",
            "How we removed four steps and what we measured before and after.",
            "Case study 3: Notes from a usability day",
            "Six sessions, eleven findings, three changes.",
        ]
    )


def forward_text(
    kind: str, who: str, start: datetime, subject: str, body: str, note: str, mgr: tuple[str, str]
) -> str:
    """The manager's note and signature above an inline forward of ``body``: Gmail, Outlook or Apple Mail on a
    desktop, or from a phone (``PHONE_FORWARDS``: the app's footer under the note instead of a signature)."""
    mgr_name, mgr_email = mgr
    mgr_sig = f"\n\n{mgr_name}\nEngineering Manager\n+1 (617) 253-1000\n"
    if kind in PHONE_FORWARDS:
        mgr_sig = f"\n\n{PHONE_FORWARDS[kind]}\n"
    if kind == "gmail":
        head = (
            f"---------- Forwarded message ---------\nFrom: {who}\n"
            f"Date: {start:%a, %b %-d, %Y at %-I:%M %p}\nSubject: {subject}\nTo: <{mgr_email}>\n\n"
        )
    elif kind == "gmail_app":  # the Android app: a comma where the desktop writes "at"
        head = (
            f"---------- Forwarded message ---------\nFrom: {who}\n"
            f"Date: {start:%a, %b %-d, %Y, %-I:%M %p}\nSubject: {subject}\nTo: <{mgr_email}>\n\n\n"
        )
    elif kind in ("outlook", "outlook_mobile"):
        head = (
            f"________________________________\nFrom: {who}\nSent: {start:%A, %B %-d, %Y %-I:%M %p}\n"
            f"To: {mgr_name} <{mgr_email}>\nSubject: {subject}\n\n"
        )
    else:
        head = (
            f"Begin forwarded message:\n\nFrom: {who}\nSubject: {subject}\n"
            f"Date: {start:%B %-d, %Y at %-I:%M:%S %p} {start:%Z}\nTo: {mgr_name} <{mgr_email}>\n\n"
        )
    return note + mgr_sig + "\n" + head + body


def hand_cases(out: Path) -> int:
    """The hand-written, hand-labelled cases in hand/cases.toml: phrasing the templates do not produce."""
    cases = tomllib.loads((out / "hand" / "cases.toml").read_text(encoding="utf-8"))["case"]
    for case in cases:
        write_case(out, case, MANAGERS[1])
    return len(cases)


def write_case(out: Path, case: dict[str, Any], manager: tuple[str, str]) -> None:
    """One case written as hand/cases.toml holds it (body, sender, kind, expected fields) → .eml and .json."""
    start = datetime.fromisoformat(case["date"])
    sender = HeaderAddress(case.get("name", ""), addr_spec=case["email"]) if case["email"] else None
    shown = str(sender) if sender else case.get("name", "")
    kind, body, subject = case.get("kind", "direct"), case["body"], "Informational interview?"
    msg = EmailMessage()
    forwarder = None
    if kind == "direct":
        msg["From"], msg["Date"], text = shown, format_datetime(start), body
    else:
        forwarder = {"name": manager[0], "email": manager[1]}
        text = forward_text(kind, shown, start, subject, body, case["note"], manager)
        msg["From"] = f"{manager[0]} <{manager[1]}>"
        msg["Date"] = format_datetime(start + timedelta(hours=5))
        subject = "Fwd: " + subject
    msg["To"], msg["Subject"] = "interviews@example.org", subject
    msg["Message-ID"] = f"<extraction-{case['id']}@example.org>"
    msg.set_content(text)
    exp = case["expected"]
    expected = {
        "file": f"{case['id']}_{kind}.eml",
        "label": "interview_request",
        "requester": {k: exp.get(k) for k in ("name", "email", "phone", "linkedin", "organization", "role")},
        "forwarded_by": forwarder,
        "forward_note": case.get("note"),
        **{k: exp.get(k) for k in ("topic", "referred_by", "duration_minutes", "format")},
        "availability": [{"start": a, "end": b} for a, b in exp.get("availability", [])],
        "timezone": exp["timezone"],
        "attachments": [],
        "resume": None,
        "resume_expected": False,
        **({"shows": case["shows"]} if "shows" in case else {}),
        "input": {
            "kind": "direct" if kind == "direct" else "inline",
            "date": start.isoformat(),
            "from": {"name": case.get("name", ""), "email": case["email"]},
            "reply_to": [],
            "subject": subject,
            "body": body,
            "forwarder": forwarder,
            "note": case.get("note", ""),
        },
    }
    (out / expected["file"]).write_bytes(msg.as_bytes(policy=msg.policy.clone(linesep="\r\n")))
    (out / expected["file"].replace(".eml", ".json")).write_text(
        json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


# --- issue 13's kinds: organisations named in passing, referrals, first-name sign-offs under phone forwards ---
# Their own RNG stream, numbered after the generated cases and written like the hand cases: the messages
# above keep their bytes. Every name, school and employer below is invented or a bare public name of a
# place ("UCL", "the Navy"); the sentences are ours.

ISSUE13_SEED = f"{SEED}-issue13"
PHONE_FORWARDS = {"iphone": "Sent from my iPhone", "outlook_mobile": "Get Outlook for iOS", "gmail_app": ""}
ISSUE13_PEOPLE = [
    "Dana Whitfield",
    "Tobias Brandt",
    "Inés Calderón",
    "Kwame Mensah",
    "Noor Rahimi",
    "Petra Novotná",
    "Callum Fraser",
    "Amara Eze",
    "Lior Ben-David",
    "Rosa Delgado",
    "Hamid Karimi",
    "Bianca Ferreira",
    "Owen Gallagher",
    "Sakura Ito",
    "Mateus Costa",
    "Freya Olsen",
    "Arjun Mehta",
    "Zanele Dlamini",
    "Viktor Horvath",
    "Maeve Donnelly",
]
SHORT_SCHOOLS = [
    "UCL",
    "NYU",
    "Purdue",
    "UCSD",
    "Monash",
    "McMaster",
    "KU Leuven",
    "TU Delft",
    "Penn State",
    "BYU",
    "Harbor State",
    "UT Austin",
]
STUDY_FIELDS = ["economics", "mechanical engineering", "public health", "computer science", "statistics"]
YEARS_OF_STUDY = ["final-semester", "second-year", "third-year", "first-year master's", "final-year"]
# (sentence; the role a reader takes from it, or None when it names none)
SCHOOL_PHRASES = [
    ("My name is {full}, a {year} student at {org}.", "{year} student"),
    ("I'm {first}, a grad student at {org}, and your team keeps coming up in my classes.", "grad student"),
    ("As a {year} student at {org}, I have been reading a lot about your work.", "{year} student"),
    ("I study {field} at {org} and will graduate this spring.", None),
    ("I'm currently finishing my degree at {org}.", None),
    ("I'm in my last semester at {org}, studying {field}.", None),
    ("Currently a junior at {org}, studying {field}.", "junior"),
    ("I recently graduated from {org} where I studied {field}.", None),
    ("I'm a recent graduate of {org} and I'm now weighing my next step.", "recent graduate"),
]
SERVICES = [
    "Navy",
    "Army",
    "Air Force",
    "Coast Guard",
    "Marine Corps",
    "U.S. Navy",
    "Royal Air Force",
    "National Guard",
]
SERVICE_PHRASES = [
    "I'm preparing to separate from the {org} after {n} years, and I'm exploring what comes next.",
    "I'm leaving the {org} after {n} years of service.",
    "I'm transitioning out of the {org} this spring.",
    "I'm finishing my service with the {org} in {month}.",
    "After {n} years in the {org}, I'm looking at civilian roles.",
    "I served {n} years in the {org} and am now planning my first civilian job.",
]
BOOTCAMPS = [
    "Kestrel Coding Bootcamp",
    "Lantern Data Academy",
    "Fieldstone Code School",
    "Brightpath UX Bootcamp",
]
COLLEGES = [
    "Lakemont Community College",
    "Cedar Valley Community College",
    "Harbor City College",
    "Pine Ridge CC",
]
TRAINING_PHRASES = [
    ("I'm wrapping up the {track} track at {org}.", BOOTCAMPS),
    ("I just finished the {track} program at {org}.", BOOTCAMPS),
    ("I'm taking evening classes at {org} while working full time.", COLLEGES),
    ("I'm enrolled at {org} and plan to transfer next year.", COLLEGES),
    ("I completed a {track} certificate at {org} last year.", COLLEGES),
]
TRACKS = ["full-stack", "data analytics", "UX design", "cloud engineering"]
PAST_EMPLOYERS = [
    "Halvorsen Freight",
    "Copperline Media",
    "Redwood Mutual",
    "Saltmarsh Engineering",
    "Quillfield Publishing",
    "Ironbridge Consulting",
]
EMPLOYER_PHRASES = [
    "After {n} years at {org}, I'm hoping to change direction.",
    "I've spent the last {n} years at {org} on the operations side.",
    "I've been with {org} for {n} years, mostly in customer support.",
    "I have worked at {org} since 2019.",
]
REFERRER_NAMES = [
    "Joanna Pike",
    "Marcus Oduya",
    "Helen Vasquez",
    "Grant Whitaker",
    "Sunita Rao",
    "Felix Amsel",
    "Chiara Bellini",
    "Tomás Ruiz",
]
REFERRER_ORGS = [
    "Meridian Bank",
    "Cardwell Health",
    "Northbeam Logistics",
    "Halcyon Software",
    "Brightwater Insurance",
    "Orchard Street Capital",
]
# (sentence; whether the reader is given the referrer's full name or only the first)
EMPLOYER_REFERRALS = [
    ("{full} at {org} suggested I write to you.", True),
    ("{full} from {org} recommended that I reach out.", True),
    ("{first}, a recruiter at {org}, suggested I contact you.", False),
    ("{full}, who leads the analytics group at {org}, mentioned you would be a good person to ask.", True),
    ("I was referred to you by {full} at {org}.", True),
    ("{full} ({role} at {org}) passed along your email.", True),
    ("Last month {full} of {org} told me you might be open to a chat.", True),
]
TITLED = [
    ("Dr.", "Okonjo"),
    ("Ms.", "Tran"),
    ("Professor", "Lindqvist"),
    ("Mr.", "Haverford"),
    ("Mrs.", "Castellano"),
    ("Prof.", "Adebayo"),
    ("Dr", "Kessler"),
    ("Ms", "Whitcombe"),
]
TITLE_REFERRALS = [
    "{who} suggested I get in touch with you.",
    "{who}, my thesis advisor, mentioned that you might be open to a chat.",
    "I was referred to you by {who}.",
    "At the suggestion of {who}, I'm writing to ask for a little of your time.",
    "{who} from the careers office gave me your email.",
    "My supervisor, {who}, recommended I contact you.",
]
FIRST_NAMES = ["Ravi", "Lena", "Tobias", "Yusuf", "Carmen", "Declan", "Marisol", "Kofi"]
FIRST_NAME_REFERRALS = [
    "My cousin {first}, who works in your finance team, suggested I write.",
    "My friend {first} suggested I reach out to you.",
    "{first} from your design team passed along your email.",
    "My former manager, {first}, recommended I contact you.",
    "I was referred to you by my classmate {first}.",
    "My sister {first} works with you and thought we should talk.",
]
# A template's blank where the referrer goes: no referral, and never the organisation beside it.
PLACEHOLDER_REFERRALS = [
    "[Professor's name], who teaches at {org}, suggested I reach out.",
    "[Name] suggested I contact you.",
    "<referrer> mentioned you might have a few minutes.",
    "My professor, {{Professor}}, recommended I contact you.",
    "I was referred to you by [Referrer Name].",
    "{{{{referrer_name}}}} at {org} suggested I write.",
    "<Name of contact> at {org} thought we should talk.",
    "I got your email from (referrer's name).",
]
PHONE_CLOSINGS = ["Thanks,", "Thanks!", "Talk soon,", "Thx,", "Appreciate it!", "Thank you,", "", "Best,"]
DEVICE_FOOTERS = [
    "Sent from my iPhone",
    "Sent from my Galaxy",
    "Get Outlook for Android",
    "Sent from Yahoo Mail for iPhone",
    "Sent from my iPad",
]
PHONE_NOTES = [
    "Can you take this one?",
    "Passing this along - good fit for your team?",
    "Could one of you reply?\n\nThanks,\n{manager}",  # the manager's own first-name sign-off
]
# (what it shows, how many)
ISSUE13_KINDS = [
    ("school_in_passing", 18),
    ("service_in_passing", 12),
    ("bootcamp_or_college", 10),
    ("employer_in_passing", 8),
    ("referral_with_employer", 12),
    ("referral_by_title", 12),
    ("referral_by_first_name", 10),
    ("referral_placeholder", 10),
    ("first_name_phone_forward", 14),
]


def _fold(text: str) -> str:
    """``text`` as an address's local part: lower case, accents dropped ("Inés" → "ines")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def issue13_cases() -> list[dict[str, Any]]:
    """Cases of issue 13's kinds, as hand/cases.toml holds cases, with ``shows`` naming the kind."""
    rng = random.Random(ISSUE13_SEED)
    cases = []
    j = 0
    for shows, count in ISSUE13_KINDS:
        for k in range(count):
            cases.append(issue13_case(rng, f"{COUNT + j:03d}", shows, k))
            j += 1
    return cases


def _phrase(
    rng: random.Random, shows: str, k: int, first: str, full: str
) -> tuple[str, str | None, str | None]:
    """The sentence that shows ``shows``, and the organisation and role it gives."""
    n = rng.choice(["four", "six", "eight", "eleven", "3", "12"])
    if shows == "school_in_passing":
        text, role = SCHOOL_PHRASES[k % len(SCHOOL_PHRASES)]
        org, year = rng.choice(SHORT_SCHOOLS), rng.choice(YEARS_OF_STUDY)
        fmt = {"org": org, "year": year, "first": first, "full": full, "field": rng.choice(STUDY_FIELDS)}
        return text.format(**fmt), org, role.format(year=year) if role else None
    if shows == "service_in_passing":
        org = rng.choice(SERVICES)
        text = SERVICE_PHRASES[k % len(SERVICE_PHRASES)]
        return text.format(org=org, n=n, month=rng.choice(MONTHS)), org, None
    if shows == "bootcamp_or_college":
        text, places = TRAINING_PHRASES[k % len(TRAINING_PHRASES)]
        org = rng.choice(places)
        return text.format(org=org, track=rng.choice(TRACKS)), org, None
    org = rng.choice(PAST_EMPLOYERS)
    return EMPLOYER_PHRASES[k % len(EMPLOYER_PHRASES)].format(org=org, n=n), org, None


def _referral(rng: random.Random, shows: str, k: int) -> tuple[str, str | None]:
    """The sentence naming (or failing to name) who sent them, and the referrer a reader takes from it."""
    if shows == "referral_with_employer":
        text, full_given = EMPLOYER_REFERRALS[k % len(EMPLOYER_REFERRALS)]
        full, org = rng.choice(REFERRER_NAMES), rng.choice(REFERRER_ORGS)
        sentence = text.format(full=full, first=full.split()[0], org=org, role="a portfolio manager")
        return sentence, full if full_given else full.split()[0]
    if shows == "referral_by_title":
        title, surname = rng.choice(TITLED)
        who = f"{title} {surname}"
        return TITLE_REFERRALS[k % len(TITLE_REFERRALS)].format(who=who), who
    if shows == "referral_by_first_name":
        first = rng.choice(FIRST_NAMES)
        return FIRST_NAME_REFERRALS[k % len(FIRST_NAME_REFERRALS)].format(first=first), first
    org = rng.choice([*SHORT_SCHOOLS, *REFERRER_ORGS])
    return PLACEHOLDER_REFERRALS[k % len(PLACEHOLDER_REFERRALS)].format(org=org), None


def issue13_case(rng: random.Random, case_id: str, shows: str, k: int) -> dict[str, Any]:
    """One message of kind ``shows`` (the k-th of it) with every field a reader would take from it."""
    full = ISSUE13_PEOPLE[int(case_id) % len(ISSUE13_PEOPLE)]
    first, last = full.split()[0], full.split()[-1]
    zone_name, phone_text, phone, _ = PLACES[rng.randrange(len(PLACES))]
    start = datetime(2026, 1, 5, 8, 0, tzinfo=ZoneInfo(zone_name)) + timedelta(
        days=rng.randrange(0, 300), minutes=rng.randrange(0, 600)
    )
    phone_forward = shows == "first_name_phone_forward"
    forwards = (
        ["iphone", "outlook_mobile", "gmail_app"]
        if phone_forward
        else ["direct", "gmail", "outlook", "apple"]
    )
    kind = forwards[k % len(forwards)]
    mgr = MANAGERS[int(case_id) % 2]
    exp: dict[str, Any] = {"organization": None, "role": None, "referred_by": None, "phone": None}
    parts = [rng.choice([f"Hi {mgr[0].split()[0]},", "Hello,", "Dear Ms. Kim,", "Hi [Name],"]), ""]
    if shows.endswith("_in_passing") or shows == "bootcamp_or_college":
        sentence, exp["organization"], exp["role"] = _phrase(rng, shows, k, first, full)
        parts.append(sentence)
    elif rng.random() < 0.6:
        role, org = rng.choice(STUDENTS if rng.random() < 0.5 else WORKERS)
        parts.append(f"I'm {'an' if role[0] in 'aeiouM' else 'a'} {role} at {org}.")  # "an MBA candidate"
        exp["organization"], exp["role"] = org, role
    if shows.startswith("referral"):
        sentence, exp["referred_by"] = _referral(rng, shows, k)
        parts.append(sentence)
    exp["topic"] = rng.choice(TOPICS)
    parts.append(f"I'd love to learn more about {exp['topic']}.")
    dur, exp["duration_minutes"] = rng.choice(DURATIONS)
    fmt, exp["format"] = rng.choice(FORMATS)
    parts.append((f"Would you have {dur} for {fmt}" if dur else f"Would you be open to {fmt}") + " sometime?")
    tp, windows, zone = times_phrase(rng, start.date())
    parts.append(tp)
    parts.append("")
    handle = _fold(
        f"{first}.{last}" if rng.random() < 0.4 else f"{first[0]}{last[:4]}{rng.randrange(10, 99)}"
    )
    email = f"{handle}@{rng.choice(['gmail.com', 'outlook.com', 'icloud.com'])}"
    display = rng.choice(["", first, full]) if phone_forward else rng.choice(["", full, full])
    signed_full = not phone_forward and rng.random() < 0.5
    if phone_forward:
        closing = PHONE_CLOSINGS[k % len(PHONE_CLOSINGS)]
        parts += [closing, first] if closing else [first]
    else:
        parts += ["Best regards,", full] if signed_full else ["Thanks,", first]
    if rng.random() < 0.3:
        parts.append(f"Mobile: {phone_text}")
        exp["phone"] = phone
    if phone_forward:
        parts += ["", DEVICE_FOOTERS[k % len(DEVICE_FOOTERS)]]
    exp["name"], exp["email"] = first, email  # only the first name is given …
    if display == full or signed_full:
        exp["name"] = full
    elif handle == _fold(f"{first}.{last}"):  # … or the address spells the surname, without its accents
        exp["name"] = f"{first} {'-'.join(w.capitalize() for w in _fold(last).split('-'))}"
    hint = HINT_ZONES.get(phone[:3]) if exp["phone"] else None
    avail, exp["timezone"] = expected_times(start, windows, zone, hint)
    exp["availability"] = [[a["start"], a["end"]] for a in avail]
    case = {"id": case_id, "kind": kind, "date": start.isoformat(), "name": display, "email": email}
    if kind != "direct":
        note = PHONE_NOTES[k % len(PHONE_NOTES)] if phone_forward else "FYI - another request."
        case["note"] = note.format(manager=mgr[0].split()[0])
    return case | {"body": "\n".join(parts) + "\n", "expected": exp, "shows": shows}


def main(out: Path = OUT) -> None:
    rng = random.Random(SEED)
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.eml"), *out.glob("*.json")]:
        old.unlink()
    for i in range(COUNT):
        msg, expected = make(i, rng)
        (out / expected["file"]).write_bytes(msg.as_bytes(policy=msg.policy.clone(linesep="\r\n")))
        (out / expected["file"].replace(".eml", ".json")).write_text(
            json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    hand = hand_cases(out)
    issue13 = issue13_cases()
    for case in issue13:
        write_case(out, case, MANAGERS[int(case["id"]) % 2])
    print(f"wrote {COUNT} generated, {hand} hand-written and {len(issue13)} issue-13 messages to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
