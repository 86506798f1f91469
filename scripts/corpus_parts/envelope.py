"""Turning generated text into RFC 5322 messages: direct mail, inline and attached forwards, attachments, typos.

Dates and Message-IDs come from the seeded generator, so the output bytes are the same on every run.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from corpus_parts import languages, people

BASE_DATE = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
MANAGER_NOTES = (
    "",
    "FYI",
    "Can someone on the programme pick this up?",
    "Another one for the interview programme — thanks!",
    "Forwarding this student's note. Happy to chat with her myself if nobody else can.",
    "See below. Not sure this is for us, can you take a look?",
    "Could you help here? I'm slammed this month.",
    "Passing along.",
    "Came to my personal inbox – please handle.",
    "fyi see below",
    "Hi team, this reached me via LinkedIn. Anyone in data science free?",
    "Please advise.",
    "Looks like one for you all.",
    "sent from my phone, pls route",
)
RESUME_NAMES = (
    "{me}_{last_me}_Resume.pdf",
    "Resume - {me} {last_me}.pdf",
    "CV_{last_me}.pdf",
    "resume.docx",
    "{me}{last_me}CV.pdf",
    "Résumé {me} {last_me}.pdf",
    "{last_me}_CV_2026.docx",
)
OTHER_NAMES = (
    "slides.pdf",
    "invoice_{ref}.pdf",
    "photo.jpg",
    "brochure.pdf",
    "Q3_numbers.xlsx",
    "agenda.docx",
)
COVER_NAMES = ("Cover_Letter_{last_me}.pdf", "cover letter.docx")
TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "jpg": "image/jpeg",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def typos(rng: random.Random, text: str, rate: float) -> str:
    """Swap, drop or double letters in a few words, the way hurried typing does."""
    words = text.split(" ")
    for i, word in enumerate(words):
        if len(word) > 3 and word.isalpha() and rng.random() < rate:
            j = rng.randrange(1, len(word) - 1)
            op = rng.randrange(3)
            if op == 0:
                word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
            elif op == 1:
                word = word[:j] + word[j + 1 :]
            else:
                word = word[:j] + word[j] + word[j:]
            words[i] = word
    return " ".join(words)


def when(rng: random.Random) -> datetime:
    return BASE_DATE + timedelta(minutes=rng.randrange(0, 60 * 24 * 120))


def _attach(rng: random.Random, msg: EmailMessage, name: str) -> None:
    ext = name.rsplit(".", 1)[-1]
    maintype, subtype = TYPES.get(ext, "application/octet-stream").split("/")
    # A few bytes stand in for the document: the classifier only sees the name and type.
    payload = (
        b"%PDF-1.4\n% synthetic placeholder\n"
        if ext == "pdf"
        else bytes(rng.randrange(256) for _ in range(48))
    )
    msg.add_attachment(payload, maintype=maintype, subtype=subtype, filename=name)


def build(
    rng: random.Random,
    *,
    sender: tuple[str, str],
    to: tuple[str, str],
    subject: str,
    body: str,
    n: int,
    attachments: list[str],
    extra_headers: dict[str, str],
    reply: bool,
) -> EmailMessage:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = f"{sender[0]} <{sender[1]}>" if sender[0] else sender[1]
    msg["To"] = f"{to[0]} <{to[1]}>"
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when(rng))
    msg["Message-ID"] = f"<gen-{n:05d}.{rng.randrange(10**8):08d}@{sender[1].split('@')[-1]}>"
    if reply:
        msg["In-Reply-To"] = f"<prev-{n:05d}@{people.OUR_DOMAIN}>"
        msg["References"] = msg["In-Reply-To"]
    for key, value in extra_headers.items():
        msg[key] = value
    msg.set_content(body)
    for name in attachments:
        _attach(rng, msg, name)
    return msg


def _addr(pair: tuple[str, str]) -> str:
    return f"{pair[0]} <{pair[1]}>" if pair[0] else pair[1]


def forward(
    rng: random.Random, original: EmailMessage, manager: tuple[str, str], n: int, lang: str = "en"
) -> EmailMessage:
    """Wrap ``original`` as a manager's forward to the team inbox, in one of four client styles.

    A client set to another language writes its own labels ("De :", "Von:", "Oggetto:"); that happens mostly to
    mail in that language, and now and then to English mail forwarded by a colleague abroad.
    """
    style = rng.choice(("gmail", "outlook", "apple", "attached"))
    foreign = lang if lang in languages.FORWARD else rng.choice(languages.LANGS)
    if style != "attached" and rng.random() < (0.6 if lang in languages.FORWARD else 0.08):
        style = "foreign"
    note = rng.choice(MANAGER_NOTES)
    if style == "foreign" and note and rng.random() < 0.5:
        note = rng.choice(languages.NOTES[foreign])
    if note:
        note += "\n\n" + manager[0].split()[0]
    subj = str(original["Subject"] or "")
    prefix = "FW: " if style == "outlook" else "Fwd: "
    if style == "foreign":
        prefix = languages.FORWARD[foreign][2]
    fwd = EmailMessage(policy=SMTP)
    fwd["From"] = _addr(manager)
    fwd["To"] = people.TEAM_ADDRESS
    fwd["Subject"] = prefix + subj
    fwd["Date"] = format_datetime(when(rng))
    fwd["Message-ID"] = f"<fwd-{n:05d}@{people.OUR_DOMAIN}>"
    if style == "attached":
        fwd.set_content(note or "Forwarded message attached.")
        fwd.add_attachment(original)
        return fwd
    part = original.get_body(("plain",))
    text = part.get_content() if part is not None else ""
    head = {
        "From": str(original["From"]),
        "Date": str(original["Date"]),
        "Subject": subj,
        "To": str(original["To"]),
    }
    if style == "gmail":
        block = "---------- Forwarded message ---------\n" + "".join(
            f"{k}: {head[k]}\n" for k in ("From", "Date", "Subject", "To")
        )
    elif style == "outlook":
        block = (
            "________________________________\n"
            + f"From: {head['From']}\nSent: {head['Date']}\nTo: {head['To']}\nSubject: {subj}\n"
        )
    elif style == "foreign":
        separator, labels, _, _ = languages.FORWARD[foreign]
        values = (head["From"], head["Date"], head["To"], subj)
        block = separator + "\n" + "".join(f"{k} {v}\n" for k, v in zip(labels, values, strict=True))
    else:
        block = "Begin forwarded message:\n\n" + "".join(
            f"{k}: {head[k]}\n" for k in ("From", "Subject", "Date", "To")
        )
    fwd.set_content((note + "\n\n" if note else "") + block + "\n" + text)
    for att in original.iter_attachments():
        fwd.add_attachment(
            att.get_content(),
            maintype=att.get_content_maintype(),
            subtype=att.get_content_subtype(),
            filename=att.get_filename(),
        )
    return fwd
