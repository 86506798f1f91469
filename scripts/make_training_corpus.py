"""Write the synthetic training corpus to ``models/training/<label>/*.eml``.

Run ``python scripts/make_training_corpus.py [--seed 0] [--out models/training]``. The output is a pure function
of the seed (same bytes every run), so the corpus and this script are committed together and a reviewer can
regenerate and diff. All text comes from the fragment grammar in ``scripts/corpus_parts``; nothing is copied from
published templates or from the evaluation corpus.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_parts import envelope, everyday, generic, kinds, negatives, people, purposes, requests

ROOT = Path(__file__).resolve().parents[1]
FAMILIES = "FAMILIES.tsv"  # which grammar family wrote each file; read by ``inboxbroker evaluate --grouped``
COUNTS = {
    "interview_request": 1500,
    "job_application": 550,
    "thread_reply": 550,
    "other": 1800,
    "automated": 400,
}
# Share of each label drawn from ``corpus_parts.kinds``: the request kinds the base grammar under-represents
# (nudges, peer notes, market questions, phone notes, other languages …) and their look-alike negatives.
KINDS_SHARE = {"interview_request": 0.4, "other": 0.25, "job_application": 0.25, "thread_reply": 0.15}
# Thank-you notes after a conversation answer our thread only when they are replies in it; fresh ones are other.
ALWAYS_REPLY = ("thanks_after_info", "thanks_after_coffee")
# Share drawn from ``corpus_parts.purposes``: the same ask as a request ("15 minutes by phone next week", "a
# coffee", a student's introduction) for another purpose (a reporter's source, a thesis interview, a speaking
# invitation, a reference letter …), and updates to a mentor. The counts above grew by these messages, so the
# other families keep their size.
PURPOSE_SHARE = {"other": 1 / 6, "thread_reply": 1 / 11}
# Share of other/thread_reply drawn from the everyday-mail grammar rather than the hard-negative kinds.
GENERIC_SHARE = {"other": 0.6, "thread_reply": 0.35}
# Share of other drawn from ``corpus_parts.everyday``: chit-chat, list mail and personal notes in all fourteen
# languages that use the short request notes' everyday words ("time", "people", "phone") with no ask.
EVERYDAY_SHARE = {"other": 0.4}
# Hard negatives closest to a request (same people, same warm words, different purpose) are drawn more often.
KIND_WEIGHTS = {
    "thanks_after_info": 3.0,
    "thanks_after_coffee": 3.0,
    "connection_note": 2.0,
    "mentoring_programme": 3.0,
    "reconnect": 1.5,
    "referral_ask": 2.5,
    "hiring_manager": 1.5,
    "thanks_after_job_interview": 2.0,
}
PERSONAS = (
    "student",
    "new_grad",
    "career_changer",
    "executive",
    "alumni",
    "referral",
    "linkedin",
    "event",
    "applicant",
    "peer",
    "relocating",
)
SHAPES = ("letter",) * 4 + ("long", "long", "linkedin", "two_line", "non_native", "follow_up", "follow_up")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "next Tuesday", "the 14th", "March 3")
AUTOMATED_HEADERS = {
    "ooo": {"Auto-Submitted": "auto-replied", "X-Autoreply": "yes"},
    "bounce": {"Auto-Submitted": "auto-replied"},
    "newsletter": {
        "Precedence": "bulk",
        "List-Id": "<news.{domain}>",
        "List-Unsubscribe": "<https://{domain}/u>",
    },
    "meeting_invite": {},
    "programme_announcement": {"Auto-Submitted": "auto-generated", "Precedence": "bulk"},
    "notification": {"Auto-Submitted": "auto-generated"},
}


class _Slots(dict[str, str]):
    """format_map source that leaves unknown placeholders visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _person(rng: random.Random) -> tuple[str, str]:
    return rng.choice(people.FIRST), rng.choice(people.LAST)


def _slots(rng: random.Random, me: tuple[str, str], recipient: tuple[str, str]) -> _Slots:
    uni, uni_domain = rng.choice(people.UNIVERSITIES)
    ref_first, ref_last = _person(rng)
    other = _person(rng)
    name = (
        rng.choice(("there", "team", "all"))
        if recipient[1] == people.TEAM_ADDRESS
        else recipient[0].split()[0]
    )
    return _Slots(
        me=me[0],
        last_me=me[1],
        name=name,
        last=recipient[0].split()[-1],
        full=recipient[0],
        uni=uni,
        uni_domain=uni_domain,
        major=rng.choice(people.MAJORS),
        field=rng.choice(people.FIELDS),
        prev=rng.choice(people.PREVIOUS_CAREERS),
        company=rng.choice(people.COMPANIES),
        org=people.OUR_ORG,
        org2=rng.choice(people.COMPANIES),
        role=rng.choice(people.ROLES),
        year=rng.choice(requests.YEARS),
        referrer=f"{ref_first} {ref_last}",
        event=rng.choice(requests.EVENTS),
        minutes=rng.choice(("15", "20", "30")),
        day=rng.choice(DAYS),
        city=rng.choice(
            ("Denver", "Lisbon", "Toronto", "Austin", "Berlin", "Singapore", "Manchester", "Nairobi")
        ),
        day2=rng.choice(DAYS),
        tz=rng.choice(("Eastern", "Central European", "Pacific", "IST")),
        ref=str(rng.randrange(1000, 99999)),
        sales=rng.choice(people.SALES_COMPANIES),
        paper=rng.choice(negatives.PAPERS),
        other=f"{other[0]} {other[1]}",
        other_email=f"{other[0].lower()}@{people.OUR_DOMAIN}",
        domain=rng.choice(("example.net", "mail.example.com", "lists.example.io")),
        bad_email=f"{other[0].lower()}.{other[1].lower()}@example.net",
        subject_any=rng.choice(("Informational interview request", "Quick question", "Hello", "Meeting")),
    )


def _address(rng: random.Random, me: tuple[str, str], slots: _Slots, persona: str) -> str:
    local = rng.choice(("{f}.{l}", "{f}{l}", "{f}_{l}{n}", "{i}{l}")).format(
        f=me[0].lower(), l=me[1].lower(), n=rng.randrange(1, 99), i=me[0][0].lower()
    )
    if persona == "student" and rng.random() < 0.5:
        return f"{local}@{slots['uni_domain']}"
    return f"{local}@{rng.choice(people.DOMAINS_PERSONAL)}"


def _request(rng: random.Random, slots: _Slots) -> tuple[str, str, list[str], bool, str, str]:
    """(subject, body, attachment names, is_reply, language, family) of one request."""
    if rng.random() < KINDS_SHARE["interview_request"]:
        subject, text, names, reply, lang, kind = kinds.request(rng)
        return subject, text, names, reply, lang, kind
    persona = rng.choice(PERSONAS)
    shape = rng.choice(SHAPES)
    with_resume = rng.random() < 0.3
    text = requests.body(rng, persona, shape, with_resume)
    subject = rng.choice(requests.SUBJECTS)
    reply = shape == "follow_up" and rng.random() < 0.8
    if reply:
        subject = "Re: " + (subject or "Informational interview request")
    names = [rng.choice(envelope.RESUME_NAMES)] if with_resume else []
    return subject, text, names, reply, "en", persona


def _negative(rng: random.Random, label: str, slots: _Slots) -> tuple[str, str, list[str], bool, str, str]:
    if label in PURPOSE_SHARE and rng.random() < PURPOSE_SHARE[label]:
        return purposes.negative(rng, label)
    if rng.random() < KINDS_SHARE.get(label, 0.0):
        return kinds.negative(rng, label)
    if rng.random() < EVERYDAY_SHARE.get(label, 0.0):
        subject, text, lang = everyday.negative(rng)
        if lang == "list":
            return subject, text, [], subject.startswith("Re:"), "list_post", "en"
        return subject, text, [], False, "everyday", lang
    if rng.random() < GENERIC_SHARE.get(label, 0.0):
        subject, text = generic.message(rng, quote=label == "thread_reply")
        if label == "thread_reply" and not subject.lower().startswith("re:"):
            subject = "Re: " + subject
        return subject, text, [], label == "thread_reply", "generic", "en"
    names_of_kinds = sorted(negatives.KINDS[label])
    kind = rng.choices(names_of_kinds, weights=[KIND_WEIGHTS.get(k, 1.0) for k in names_of_kinds])[0]
    subjects, pools = negatives.KINDS[label][kind]
    subject = rng.choice(subjects)
    intro = ""
    if label != "automated" and kind not in ("internal", "ooo") and rng.random() < 0.35:
        intro = requests.intro_for(rng, rng.choice(PERSONAS))
    text = negatives.compose(rng, pools, automated=label == "automated", intro=intro)
    names: list[str] = []
    if label == "job_application" and rng.random() < 0.75:
        names.append(rng.choice(envelope.RESUME_NAMES))
        if kind == "cover_letter" and rng.random() < 0.4:
            names.append(rng.choice(envelope.COVER_NAMES))
    elif rng.random() < 0.12:
        names.append(rng.choice(envelope.OTHER_NAMES))
    # Thank-you notes are often fresh mail, not replies: the words must carry the label, not the headers.
    reply = subject.lower().startswith("re:") or (
        label == "thread_reply"
        and (kind in ALWAYS_REPLY or rng.random() < (0.3 if kind.startswith("thanks") else 0.7))
    )
    if reply and not subject.lower().startswith("re"):
        subject = "Re: " + subject
    if label == "thread_reply" and rng.random() < 0.5:
        # Replies usually quote what they answer; the quote is where request-like words hide.
        text += (
            "\n\nOn {day}, {name} wrote:\n> "
            + rng.choice(requests.ASKS)
            + "\n> "
            + rng.choice(requests.THANKS)
        )
    return subject, text, names, reply, kind, "en"


def generate(seed: int) -> list[tuple[str, str, bytes]]:
    """Every (label, family, eml bytes) triple, in a fixed order.

    The family names the grammar that wrote the message (a persona of the base request grammar, a kind of
    ``corpus_parts.kinds`` or of the negatives, everyday or list mail): ``evaluate --grouped`` holds out one
    family at a time, so its figures say how the model does on a kind of mail it has never seen. Mail in another
    language is ``<label>/lang:<code>-<kind>`` (``interview_request/lang:sv-foreign``, ``other/lang:pl-everyday``):
    the grouped evaluation holds each language out whole and reports it apart from the kinds of mail.
    """
    rng = random.Random(seed)
    out: list[tuple[str, str, bytes]] = []
    n = 0
    for label, count in COUNTS.items():
        for _ in range(count):
            n += 1
            me = _person(rng)
            manager = rng.choice(people.MANAGERS)
            direct = rng.random() < 0.5
            recipient = (
                ("Interview Team", people.TEAM_ADDRESS)
                if direct
                else (manager[0], f"{manager[1]}@{people.OUR_DOMAIN}")
            )
            slots = _slots(rng, me, recipient)
            headers: dict[str, str] = {}
            if label == "interview_request":
                subject, text, names, reply, lang, kind = _request(rng, slots)
                sender = (f"{me[0]} {me[1]}", _address(rng, me, slots, "student"))
            else:
                subject, text, names, reply, kind, lang = _negative(rng, label, slots)
                sender = (f"{me[0]} {me[1]}", _address(rng, me, slots, ""))
                if label == "automated":
                    headers = {k: v.format_map(slots) for k, v in AUTOMATED_HEADERS.get(kind, {}).items()}
                    if kind == "bounce":
                        sender = ("Mail Delivery System", f"MAILER-DAEMON@mx.{slots['domain']}")
                    elif kind in ("newsletter", "programme_announcement", "notification"):
                        sender = (slots["org2"], f"no-reply@{slots['domain']}")
                    elif kind == "meeting_invite":
                        sender = (slots["other"], f"calendar-notification@{slots['domain']}")
                        names.append("invite.ics")
                elif kind == "list_post" and rng.random() < 0.6:
                    headers = {"List-Id": "<discuss.{domain}>".format_map(slots), "Precedence": "list"}
            text = text.format_map(slots)
            subject = subject.format_map(slots).replace("{", "").replace("}", "")
            if rng.random() < 0.15:
                text = envelope.typos(rng, text, 0.06)
            if rng.random() < 0.1:
                text = text.lower()
            msg = envelope.build(
                rng,
                sender=sender,
                to=recipient,
                subject=subject,
                body=text,
                n=n,
                attachments=[a.format_map(slots) for a in names],
                extra_headers=headers,
                reply=reply,
            )
            forward_rate = {"interview_request": 0.4, "automated": 0.15}.get(label, 0.35)
            if rng.random() < forward_rate:
                msg = envelope.forward(rng, msg, (manager[0], f"{manager[1]}@{people.OUR_DOMAIN}"), n, lang)
            # The email package draws multipart boundaries at random; fix them so the output bytes are stable.
            for i, part in enumerate(msg.walk()):
                if part.is_multipart():
                    part.set_boundary(f"=_part_{n:05d}_{i}")
            family = f"{label}/{kind}" if lang == "en" else f"{label}/lang:{lang}-{kind}"
            out.append((label, family, msg.as_bytes()))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "training")
    args = parser.parse_args(argv)
    if args.out.exists():
        shutil.rmtree(args.out)
    counters: dict[str, int] = {}
    families = ["file\tfamily"]
    for label, family, data in generate(args.seed):
        counters[label] = counters.get(label, 0) + 1
        folder = args.out / label
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{label}_{counters[label]:04d}.eml"
        (folder / name).write_bytes(data)
        families.append(f"{label}/{name}\t{family}")
    (args.out / FAMILIES).write_text("\n".join(families) + "\n", encoding="utf-8")
    print(" ".join(f"{k}={v}" for k, v in counters.items()), "->", args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
