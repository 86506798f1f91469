"""Write the labelled extraction set: tests/fixtures/extraction/NNN_<kind>.eml plus NNN_<kind>.json.

Deterministic (one seeded RNG; the same run writes the same bytes). Every message is written by us: direct
mail, web-form relays (no-reply From, Reply-To), and Gmail/Outlook/Apple inline forwards with a manager's
note and signature (whose phone and address must never be taken), signatures of several shapes, plainer
non-native phrasing, ids and dates that look like phones, and fields left out. The JSON holds every field of
the DESIGN.md §5 ``extract --json`` object as expected, plus ``input`` (the unwrapped original as
ground truth, so extraction is measured apart from parsing and unwrapping) and ``resume_expected``.

Usage: python scripts/make_extraction_set.py [OUT_DIR]
"""

from __future__ import annotations

import json
import random
import sys
import tomllib
from datetime import date, datetime, timedelta, timezone
from email.headerregistry import Address as HeaderAddress
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

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


def body_for(rng: random.Random, p: dict, i: int) -> tuple[str, dict]:
    """The requester's text and what it lets us expect."""
    first = p["name"].split()[0]
    exp: dict = {"name": p["name"], "phone": None, "linkedin": None, "organization": None, "role": None}
    parts = [rng.choice(["Hi Rachel,", "Dear Ms. Kim,", "Hello,", "Good morning Rachel,"]), ""]
    role, org = rng.choice(STUDENTS if rng.random() < 0.5 else WORKERS)
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
        "resume": i % 4 == 0 or i % 7 == 0,
        "email_in_sig": kind == "outlook" and i % 3 == 0,
    }
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
    text_zone = exp.pop("_text_zone")
    hint = HINT_ZONES.get(phone[:3]) if exp["phone"] else None
    off = start.utcoffset() or timedelta()
    sign = "-" if off < timedelta() else "+"
    off_label = (
        f"{sign}{abs(int(off.total_seconds())) // 3600:02d}:{abs(int(off.total_seconds())) % 3600 // 60:02d}"
    )
    tz_label = text_zone or hint or off_label
    # Without a named zone only the Date header's offset is known: a fixed offset, even across DST.
    tz = ZoneInfo(tz_label) if "/" in tz_label else timezone(off)
    avail = []
    for d, h1, m1, h2, m2 in sorted(exp.pop("_windows")):
        s, e = (
            datetime(d.year, d.month, d.day, h1, m1, tzinfo=tz),
            datetime(d.year, d.month, d.day, h2, m2, tzinfo=tz),
        )
        if e > start:
            avail.append({"start": s.isoformat(), "end": e.isoformat()})
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
    attachments = []
    if p["resume"]:
        pdf = placeholder_pdf(name, email)
        fname = f"{first}_{last}_Resume.pdf".replace("'", "")
        msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=fname)
        msg.set_boundary(f"==extraction-{i:03d}==")  # the default boundary is random: keep the bytes stable
        attachments.append(
            {"filename": fname, "content_type": "application/pdf", "size": len(pdf), "is_resume": True}
        )
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
        # Placeholder: the résumé maker fills skills/education/experience when it replaces the PDF.
        "resume": {"name": name, "email": email, "phone": phone} if p["resume"] else None,
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


def placeholder_pdf(name: str, email: str) -> bytes:
    """A one-page PDF naming the person: a stand-in until the résumé engineer's maker replaces it."""
    text = f"({name} - {email} - Resume)".encode("latin-1", "replace")
    stream = b"BT /F1 12 Tf 72 720 Td " + text + b" Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",  # noqa: E501
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def forward_text(
    kind: str, who: str, start: datetime, subject: str, body: str, note: str, mgr: tuple[str, str]
) -> str:
    """The manager's note and signature above a Gmail, Outlook or Apple Mail inline forward of ``body``."""
    mgr_name, mgr_email = mgr
    mgr_sig = f"\n\n{mgr_name}\nEngineering Manager\n+1 (617) 253-1000\n"
    if kind == "gmail":
        head = (
            f"---------- Forwarded message ---------\nFrom: {who}\n"
            f"Date: {start:%a, %b %-d, %Y at %-I:%M %p}\nSubject: {subject}\nTo: <{mgr_email}>\n\n"
        )
    elif kind == "outlook":
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
        start = datetime.fromisoformat(case["date"])
        sender = HeaderAddress(case.get("name", ""), addr_spec=case["email"]) if case["email"] else None
        shown = str(sender) if sender else case.get("name", "")
        kind, body, subject = case.get("kind", "direct"), case["body"], "Informational interview?"
        msg = EmailMessage()
        forwarder = None
        if kind == "direct":
            msg["From"], msg["Date"], text = shown, format_datetime(start), body
        else:
            forwarder = {"name": MANAGERS[1][0], "email": MANAGERS[1][1]}
            text = forward_text(kind, shown, start, subject, body, case["note"], MANAGERS[1])
            msg["From"] = f"{MANAGERS[1][0]} <{MANAGERS[1][1]}>"
            msg["Date"] = format_datetime(start + timedelta(hours=5))
            subject = "Fwd: " + subject
        msg["To"], msg["Subject"] = "interviews@example.org", subject
        msg["Message-ID"] = f"<extraction-{case['id']}@example.org>"
        msg.set_content(text)
        exp = case["expected"]
        expected = {
            "file": f"{case['id']}_{kind}.eml",
            "label": "interview_request",
            "requester": {
                k: exp.get(k) for k in ("name", "email", "phone", "linkedin", "organization", "role")
            },
            "forwarded_by": forwarder,
            "forward_note": case.get("note"),
            **{k: exp.get(k) for k in ("topic", "referred_by", "duration_minutes", "format")},
            "availability": [{"start": a, "end": b} for a, b in exp.get("availability", [])],
            "timezone": exp["timezone"],
            "attachments": [],
            "resume": None,
            "resume_expected": False,
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
    return len(cases)


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
    print(f"wrote {COUNT} generated and {hand} hand-written messages to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
