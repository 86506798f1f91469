"""Contrastive asks: one shared pool of ask forms, many purposes; only the purpose decides the label.

Every message here asks for a stretch of someone's time in the same words ("Could you spare 15 minutes by phone
next week?"), drawn from one pool of lengths, media, timings, greetings and closings whatever the purpose. What
differs is the purpose paragraph around the ask, so a model can only separate these messages by what the
conversation is *for*. Positive purposes (``purposes_positive``) are career exploration, most of them indirect:
returners, career changers, relatives of staff, "pick your brain", "how you got where you are", a short call
about an industry, breaking into a field, alumni, a class assignment about the recipient's career, and a coffee
ask forwarded twice. Negative purposes (``purposes_negative``) ask for the same time for something else.

Where the line runs (our programme's purpose is career conversations):

* a conversation about the recipient's *career* — their path, their field, their workplace, so the writer can
  decide their own next step — is a request, whoever asks and however it is phrased; a student whose course
  requires an informational interview about a professional's career is a request too (``career_assignment``);
* a conversation with the recipient as an *expert on a topic* is not: a thesis or dissertation interview, a
  class project about how a company does something (``research_interview``, ``topic_assignment``), a reporter's
  source, a podcast or conference invitation, a sales demo, a fundraising or admissions call, a favour;
* a message that asks for nothing new is not either: a thank-you after a job interview (``thread_reply``, as in
  ``negatives.THREAD_REPLY``), an update to a mentor, a mentee's regular check-in (``other``);
* recruiters and headhunters are ``other``, as in ``negatives_other.OTHER["recruiter"]``.

Each purpose is its own family (``<label>/<kind>``); where a kind already exists elsewhere in the corpus
(``other/press``, ``other/sales_coffee``, ``other/recruiter``, ``interview_request/career_changer`` …) the same
family name is used, so the grouped evaluation holds out all mail of that kind at once.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Purpose:
    """One reason to ask for time: who writes and why, and what they would ask in the conversation."""

    label: str
    subjects: tuple[str, ...]
    openings: tuple[str, ...]  # the writer's situation
    aims: tuple[str, ...]  # what the conversation (or the message) is for
    questions: tuple[str, ...]  # what they would cover, for the "list of questions" register
    ask_share: float = 1.0  # share of messages with a shared ask form (updates and thanks often have none)
    reply_share: float = 0.0  # share sent as a reply in an existing thread


LENGTHS = (
    "10 minutes",
    "15 minutes",
    "20 minutes",
    "30 minutes",
    "half an hour",
    "15 min",
    "twenty minutes",
    "a quarter of an hour",
)
# (adverbial, noun): "by phone" / "a phone call".
MEDIA = (
    ("by phone", "phone call"),
    ("over video", "video call"),
    ("over coffee", "coffee"),
    ("in person", "meeting"),
    ("on Zoom", "Zoom call"),
    ("on Teams", "Teams call"),
    ("over the phone", "call"),
)
TIMINGS = (
    "next week",
    "on Thursday afternoon",
    "sometime this month",
    "one morning next week",
    "before the end of the month",
    "in the next couple of weeks",
    "on {day}",
    "early next week",
    "whenever suits you",
    "later this week",
)
ASKS = (
    "Could you spare {len} {by} {when}?",
    "Would you have {len} for a {call} {when}?",
    "Might I have {len} of your time {when}, {by}?",
    "Are you free for a {call} {when}? I'd keep it to {len}.",
    "Is there any chance of {len} {by} {when}?",
    "Would a short {call} {when} work? It would take {len} at most.",
    "I'd be grateful for {len} {by}, {when} if that suits you.",
    "Could we find {len} {when}, {by} or however is easiest for you?",
    "Would you be open to a short {call} {when}? No more than {len}.",
    "If you could give me {len} {when}, {by}, I'd really appreciate it.",
)
CASUAL_ASKS = (
    "got {len} {when}?",
    "any chance of a quick {call} {when}?",
    "could we grab {len} {when}? {by} works for me",
    "free for a {call} {when}? {len} tops",
    "would {len} {when} be ok?",
)
NON_NATIVE_ASKS = (
    "Is it possible to have {len} with you {by} {when}?",
    "Please, if you can give me {len} {when}, {by}, it will be very kind.",
    "I ask if you have {len} for a {call} {when}.",
    "Can we speak {len} {by} {when}? I adapt to your time.",
)
NON_NATIVE_FRAMES = (
    "I hope you are fine.",
    "Sorry for my English, it is not my first language.",
    "I permit myself to write you directly.",
    "I hope this mail is not a disturb.",
    "I take the liberty to contact you.",
)
AVAILABILITY = (
    "I'm flexible most days.",
    "Mornings are easiest for me, but I can fit around you.",
    "Any time after 2pm works on my side.",
    "I'm in the {tz} time zone.",
    "Happy to work around your calendar.",
)
# Subjects that say nothing about the purpose (or lie about it): every purpose draws from these too.
SHARED_SUBJECTS = (
    "Quick question",
    "Coffee?",
    "15 minutes?",
    "Quick call?",
    "Hello",
    "A small request",
    "Next week?",
    "Could we talk?",
    "",
    "Hi",
    "Request",
)
GREETINGS = {
    "formal": (
        "Dear {full},",
        "Hello {name},",
        "Good afternoon,",
        "Hello,",
        "Dear {full},",
    ),
    "casual": ("Hi {name},", "Hey {name}!", "Hi there,", "{name} -", "Hello!", ""),
}
CLOSINGS = {
    "formal": ("Kind regards,", "Best regards,", "Sincerely,", "With thanks,", "Yours,"),
    "casual": ("Thanks!", "Cheers,", "Best,", "Thanks so much,", "thx", "All the best,"),
}
THANKS = (
    "Thank you for considering it.",
    "I know your time is precious, so thank you either way.",
    "No worries at all if it's not possible.",
    "Many thanks in advance.",
    "I'd understand completely if you're too busy.",
)
LIST_LEADS = (
    "A few things I'd like to cover:",
    "Roughly what I'd ask:",
    "To save time, here's what I have in mind:",
    "My questions, in short:",
)
PHONE_SIGNATURES = ("Sent from my iPhone", "Sent from my phone", "Get Outlook for Android", "")
REGISTERS = {"formal": 3.0, "casual": 2.5, "non_native": 1.0, "phone": 1.0, "list": 1.0}
# Fillers a purpose's text may use beyond the generator's shared slots.
FILLERS = {
    "{industry}": (
        "renewable energy",
        "fintech",
        "healthcare technology",
        "logistics",
        "video games",
        "biotech",
        "insurance",
        "public transport",
    ),
    "{team}": ("finance", "marketing", "data", "design", "engineering", "legal", "operations", "people"),
    "{kin}": ("aunt", "uncle", "cousin", "mother's friend", "neighbour", "brother-in-law", "godmother"),
    "{topic}": (
        "hybrid work",
        "supplier risk",
        "AI in hiring",
        "carbon reporting",
        "data privacy",
        "four-day weeks",
        "open-source licensing",
        "warehouse automation",
    ),
    "{gap}": ("five", "six", "seven", "eight", "ten", "four"),
    "{charity}": (
        "Code Club North",
        "the Riverside Food Bank",
        "Girls Who Build",
        "the Children's Reading Trust",
        "our school's parent association",
    ),
    "{conf}": (
        "DataConf",
        "ProductCamp",
        "the Regional Finance Summit",
        "DevWeek",
        "the Future of Work Forum",
    ),
}


def _fill(choice: dict[str, str], text: str) -> str:
    for key, value in choice.items():
        text = text.replace(key, value)
    return text


def ask(rng: random.Random, register: str) -> str:
    """One ask for time from the shared pool, the same for every purpose."""
    pool = {"casual": CASUAL_ASKS, "phone": CASUAL_ASKS, "non_native": NON_NATIVE_ASKS}.get(register, ASKS)
    by, call = rng.choice(MEDIA)
    text = rng.choice(pool).replace("{len}", rng.choice(LENGTHS))
    text = text.replace("{by}", by).replace("{call}", call).replace("{when}", rng.choice(TIMINGS))
    return text[0].upper() + text[1:] if register not in ("casual", "phone") else text


def compose(rng: random.Random, purpose: Purpose) -> tuple[str, str, bool]:
    """(subject, body, is_reply) of one message for ``purpose`` in a register drawn at random."""
    register = rng.choices(list(REGISTERS), weights=list(REGISTERS.values()))[0]
    choice = {key: rng.choice(values) for key, values in FILLERS.items()}  # one industry, team … per message
    with_ask = rng.random() < purpose.ask_share
    subject = _fill(choice, rng.choice(SHARED_SUBJECTS if rng.random() < 0.35 else purpose.subjects))
    opening, aim = rng.choice(purpose.openings), rng.choice(purpose.aims)
    tone = "formal" if register in ("formal", "list", "non_native") else "casual"
    if register == "phone":
        text = " ".join([rng.choice((opening, aim)), ask(rng, register) if with_ask else ""]).strip()
        if rng.random() < 0.5:
            text = text.lower()
        sign = rng.choice(PHONE_SIGNATURES)
        body = text + "\n" + rng.choice(("{me}", "- {me}", "thx {me}", "")) + ("\n\n" + sign if sign else "")
        return subject, _fill(choice, body.strip()), rng.random() < purpose.reply_share
    parts: list[str] = []
    greeting = rng.choice(GREETINGS[tone])
    if greeting:
        parts.append(greeting)
    lead = [opening, aim]
    if register == "non_native":
        lead.insert(0, rng.choice(NON_NATIVE_FRAMES))
    parts.append(" ".join(lead))
    if register == "list" and purpose.questions:
        bullet = rng.choice(("- ", "* ", "• ", "1. "))
        picks = rng.sample(purpose.questions, k=min(len(purpose.questions), rng.randint(2, 4)))
        lines = [bullet + q if bullet != "1. " else f"{i}. {q}" for i, q in enumerate(picks, 1)]
        parts.append(rng.choice(LIST_LEADS) + "\n" + "\n".join(lines))
    if with_ask:
        line = ask(rng, register)
        if rng.random() < 0.3:
            line += " " + rng.choice(AVAILABILITY)
        parts.append(line)
    if rng.random() < 0.4:
        parts.append(rng.choice(THANKS))
    if rng.random() < 0.85:
        parts.append(rng.choice(CLOSINGS[tone]) + "\n" + rng.choice(("{me} {last_me}", "{me}")))
    return subject, _fill(choice, "\n\n".join(parts)), rng.random() < purpose.reply_share


def pick(rng: random.Random, purposes: dict[str, Purpose], weights: dict[str, float]) -> str:
    names = sorted(purposes)
    return rng.choices(names, weights=[weights.get(n, 1.0) for n in names])[0]
