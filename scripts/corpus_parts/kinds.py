"""Kinds of request the base grammar under-represents, and the look-alike negatives that keep them honest.

Requests: nudges about one's own unanswered ask (often under a "Re:" subject with the first ask quoted below),
peer/alumni "could we talk" notes, questions about a city's or an industry's job market, notes typed on a
phone, coffee-chat notes, phone-call requests with a time window in words, asks made on someone else's behalf,
asks to carry on a conversation begun at an event, networking coffee chats, and the same in thirteen other
languages. (The same ask made for another purpose — a reporter, a thesis, a speaking slot — is in ``purposes``.)
Negatives: thank-you notes sent after a conversation, agency pitches,
and pitches, recruiter mail and applications in the other languages.
"""

from __future__ import annotations

import random

from corpus_parts import languages, requests

REQUEST_KINDS = {
    "nudge": 3.0,
    "peer": 1.5,
    "market": 1.5,
    "phone_note": 1.5,
    "coffee": 1.5,
    "phone_window": 1.5,
    "on_behalf": 1.0,
    "foreign": 3.0,
    "continue": 1.5,
    "networking": 1.0,
}
BUMPS = (
    "I'm writing again about my message below, in case it slipped through.",
    "Circling back on my earlier note, in case it got lost in a busy inbox.",
    "Sorry to nudge! I know things get hectic, so I'm resending my request from last week.",
    "Following up once more on the conversation I asked about. If now isn't a good time, I understand.",
    "I haven't heard back yet and wanted to make sure my email reached the right person.",
    "Just checking whether you had a chance to see my note below.",
    "A gentle reminder about my request for a short conversation.",
    "I reached out a little while ago and thought I'd try once more.",
    "Bringing this back up in case it was missed the first time.",
)
RESTATED = (
    "I'd still love {minutes} minutes of your time to hear how you got into {field}.",
    "Even a short phone call in the next couple of weeks would help me a lot.",
    "If someone else on the team would be better placed to talk, an introduction would be wonderful.",
    "I'm happy to work around your schedule, early mornings included.",
    "Would a quick video call sometime next week be possible?",
    "My questions are short, and I'd keep it to {minutes} minutes.",
)
PEER = (
    "Fellow {uni} graduate here — I finished my {major} degree a couple of years after you.",
    "We both came out of the {major} programme at {uni}, and I noticed you're now at {org}.",
    "I'm a recent {uni} alum and your name came up in our alumni group as someone working in {field}.",
    "We're in the same professional group for {field} people, though we've never spoken directly.",
    "I think we overlapped at {company} for a few months; I've since moved toward {field} too.",
)
PEER_ASKS = (
    "Could we connect for a short call? I'd love to hear how you found your footing after graduating.",
    "Would you be up for connecting over a {minutes}-minute chat sometime? I'm trying to learn from people a few steps ahead.",
    "Could we find a time to talk? I have a handful of questions about how you made the move.",
    "Any chance we could hop on a call so I can hear about your path so far?",
)
MARKET = (
    "I'm planning to move to {city} next year and I know very little about the {field} job market there.",
    "My partner has a job offer in {city}, so I'm trying to understand what hiring in {field} looks like locally.",
    "I'm weighing whether to look for {field} work in {city} or stay where I am, and I'd value a local view.",
    "I've read that {industry} is growing quickly, but it's hard to tell from the outside what the market is really like.",
    "Before I commit to retraining, I'd like to understand how strong demand for {field} people is in {industry}.",
)
MARKET_ASKS = (
    "Would you be willing to share your take on the market over a {minutes}-minute call?",
    "Could I ask you a few questions about which employers are active and what they look for?",
    "Would you have time for a quick conversation about how people there usually find their roles?",
    "If you could spare {minutes} minutes, I'd love to hear what the market feels like from the inside.",
    "I'd love to hear about the {field} scene in {city} and any advice you have for my job search there.",
    "Could we talk about the {field} scene in {city}? Any tips for my search would be very welcome.",
)
# A time proposed outright, with a way out: how market and advice notes often end.
PROPOSED = (
    "Are you free {day} at 5pm? If that doesn't work, please tell me a time that suits you better.",
    "Would {day} at half past twelve be possible? If not, I'm happy to go with whatever time is better for you.",
    "I noticed you keep {day} afternoons open for calls — is the 4pm slot free?",
)
INDUSTRIES = ("renewable energy", "fintech", "healthcare technology", "logistics", "gaming", "biotech")
TEAMS = ("marketing", "data", "design", "engineering", "finance", "product", "security", "sales")
PHONE_NOTES = (
    "Hi, would one of your {team} people have {minutes} min to talk {when}? I'm on {place} time.",
    "hey, could someone in {team} spare {minutes} mins to tell me about their job? {when} works for me",
    "Hi, any chance of a short chat with someone in {team} {when}? Just want to ask about the work.",
    "quick q - would someone from {team} be up for a call {when}? I'm trying to learn about the field. ty",
    "Hello, I'd love to ask someone in {team} a few questions by phone. Free {when}?",
)
WHEN_SHORT = ("tomorrow or Friday", "tmrw afternoon", "later this week", "Monday or Tuesday", "this weekend")
PLACES = ("Rome", "London", "Lisbon", "Chicago", "Sydney", "Toronto", "Berlin", "Mumbai")
SIGNED_ON_PHONE = (
    "Sent from my iPhone",
    "Sent from my Android phone",
    "Get Outlook for iOS",
    "Sent from my Galaxy",
    "Sent from mobile, please excuse typos",
)
COFFEE = (
    "Would you be up for a coffee chat sometime next week? I'm new to {field} and would love to hear how you got started.",
    "Coffee on me if you have {minutes} minutes in the next few weeks — I'd love to hear about your work at {org}.",
    "I'm in your area on {day}; could I treat you to a coffee and ask a few questions about your career?",
    "Would a quick virtual coffee work for you? I'd love to learn how you think about growing in {field}.",
)
PHONE_WINDOW = (
    "I would like a {minutes}-minute phone call with someone who works in {field}. I can talk {window}.",
    "Could someone on your team call me for half an hour about their work in {field}? I'm free {window}.",
    "I'd be grateful for a short phone conversation about careers in {field}; {window} would suit me best.",
    "Would a phone call be possible? I'd like to ask about the day-to-day of {field}. I am available {window}.",
)
WINDOWS = (
    "on Thursday between nine and eleven in the morning, Eastern time",
    "any weekday after four in the afternoon, Central European time",
    "on Friday morning before noon, India time",
    "early Monday morning or late Tuesday afternoon, Pacific time",
    "between two and half past three on Wednesday, London time",
    "on Saturday morning, Singapore time, or any evening next week",
)
# Met once, at an event or after a talk, and asking to carry that conversation on over a coffee or a call: the
# warm words ("our conversation", "coffee") that thank-you notes and updates to a mentor share, with a purpose.
CONTINUE = (
    "It was great meeting you at {event}, and I enjoyed our conversation about {field}. I'd love to continue it over coffee and hear more about how your team approaches the work.",
    "Thanks for chatting with me after your session at {event}. Could I buy you a coffee and ask a few more questions about your role at {org}?",
    "We spoke briefly at {event} about {field}, and what you said has stayed with me. Would you be open to a {minutes}-minute coffee so I could learn how you got where you are?",
    "I was the person who asked about entry-level roles in {field} at {event}. I'd really value a longer conversation about your work — are you free for a coffee on {day}?",
    "Following up from {event}: I enjoyed our short conversation and would love to hear more about what your role at {org} involves. Would a {minutes}-minute call or coffee work for you?",
    "Your answer to my question at {event} was the most useful thing I heard all day. Could we pick up the conversation over a quick call, so I can ask how you'd approach getting started in {field}?",
)
# Networking coffee chats: getting to know someone whose work the writer admires, swapping notes on it.
NETWORKING = (
    "I came across your profile and was impressed by your work on {field} at {org}. I'd love to learn more about what you do and share a little about my own projects.",
    "Your write-up on {field} made me want to meet the person behind it. I'd like to learn about your work and swap notes on what I'm building.",
    "I admire the way your team at {org} approaches {field}, and I'd welcome the chance to get to know you and exchange ideas.",
    "I'm early in {field} and your work at {org} is the kind I hope to do. It would be great to get to know each other and hear how you think about it.",
)
NETWORKING_ASKS = (
    "Would it be possible to schedule a coffee chat at your convenience? I can work around your schedule.",
    "Could we set up a {minutes}-minute coffee chat whenever it suits you?",
    "Would you be open to meeting for a coffee sometime so we can get to know each other?",
    "Might we find {minutes} minutes for a virtual coffee? Please let me know if that's something you'd be interested in.",
)
ON_BEHALF = (
    "My {relative} is a {year} at {uni} studying {major} and is curious about {field}.",
    "I'm writing for my {relative}, who is finishing a {major} degree and wondering whether {field} is a fit.",
    "A {relative} of mine is trying to break into {field} and doesn't know anyone in it yet.",
)
ON_BEHALF_ASKS = (
    "Would someone have {minutes} minutes for a call with them in the next couple of weeks?",
    "Would anyone on the team be willing to talk with them briefly about what the work is like?",
    "Could one of you spare a short conversation? They're free most afternoons.",
)
RELATIVES = ("nephew", "niece", "daughter", "son", "neighbour's son", "cousin", "friend's daughter")
NON_RESUME_NAMES = (
    "{me}_{last_me}_Portfolio.pdf",
    "portfolio.pdf",
    "design-portfolio-2026.pdf",
    "Transcript_{last_me}.pdf",
    "unofficial_transcript.pdf",
    "writing_samples.pdf",
    "case_study.pdf",
)
NON_RESUME_LINES = (
    "I've attached a few samples of my work, in case it helps to see what I've been doing.",
    "My portfolio is attached for context — I'm not applying for anything, just hoping to learn.",
    "I've included my transcript so you can see which courses I've taken so far.",
    "A short case study I wrote is attached, if you're curious.",
)

# Negatives: thank-you notes (sent after the conversation, so they answer no one) and agency pitches.
THANKS_OPEN = (
    "Thank you so much for taking the time to speak with me yesterday.",
    "Thanks again for the call on {day}; it was exactly what I needed.",
    "I really appreciated our conversation last week.",
    "Thanks for putting me in touch with {other}; our talk cleared up a lot.",
    "Many thanks for the coffee and for being so generous with your advice.",
)
THANKS_MORE = (
    "The tip about talking to people outside my own team was a good one.",
    "I've already reached out to the person you suggested.",
    "I'll keep you posted on how things go.",
    "I came away with a much clearer idea of my next steps.",
    "Let's stay in touch — I'll let you know where I land.",
)
THANKS_SUBJECTS = (
    "Thank you!",
    "Thanks for your time",
    "Thank you for the conversation",
    "Grateful",
    "Thanks!",
)
AGENCY = (
    "Our recruiting firm fills senior technical roles faster than in-house teams usually can.",
    "We place vetted contractors in {field} roles within ten days.",
    "Our staffing agency works with companies like {company} on hard-to-fill roles.",
)
AGENCY_ASKS = (
    "Can I get 15 minutes on your calendar next week? Book any slot here: https://example.com/book",
    "Could we grab a quick chat about your hiring plans for next quarter?",
    "Would you be open to a short call to see if we can help with your open roles?",
)
AGENCY_SUBJECTS = ("Your hiring roadmap", "Hiring this quarter?", "Intro: {sales} talent")


# Look-alikes in the warm register of a request ("would love to", "time", "learn", "advice", "introduction"):
# applications, referral asks, mentoring-programme pairings and thank-you notes that ask for no conversation
# about someone's career, or answer one that already happened.
WARM: dict[str, tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]] = {
    "job_application": (
        (
            "Application – {role}",
            "Good morning – {role} application",
            "Referral request: {role}",
            "{role} role",
        ),
        (
            (
                "Good morning! I would love to be considered for the {role} opening at {org}.",
                "I'm writing to request a brief introduction to the hiring manager for the {role} role.",
                "I would love to bring my {field} experience to your team as your next {role}.",
                "I understand you work closely with the team hiring a {role}, and I'm applying this week.",
                "My name is {me} {last_me} and I'd like to apply for the {role} position I saw advertised.",
                "I understand the {role} vacancy closes soon, so I'm sending my application today.",
            ),
            (
                "My résumé is attached; I have four years of {field} work behind me.",
                "I'd be grateful if you would consider passing my application to the recruiter.",
                "Thank you for considering this request — a referral would make a real difference.",
                "I would love the chance to interview and am free for a call about the role at any time.",
                "I'm happy to do a brief video call or a test task as part of your hiring process.",
                "I'd welcome a brief conversation about the position and my fit for it.",
            ),
        ),
    ),
    "thread_reply": (
        ("Re: Thank you", "Re: our chat", "Re: Coffee chat?", "Re: Informational interview request"),
        (
            (
                "Thank you for the advice on breaking into {field}; our talk was the best hour of my week.",
                "Your advice about how people find work in {field} was so helpful — thank you for your time.",
                "I really appreciated your time on {day} and everything you shared about your work in {field}.",
            ),
            (
                "I'll let you know how things go, and I hope we can stay in touch.",
                "I have already followed up with the people you named.",
                "No need to reply — I just wanted to say thanks.",
            ),
            ("Warm regards,", "With warm thanks,", "Best wishes,"),
        ),
    ),
    "other": (
        (
            "Your mentoring pair for this term",
            "Pairing session on {day}",
            "Welcome to the mentoring programme",
            "Volunteer co-mentors wanted",
        ),
        (
            (
                "You've been paired with {other} for this term's mentoring programme.",
                "Thanks for signing up to learn with our peer programme; your first pairing session is on {day}.",
                "We'd love to have you as a co-mentor this season if you have time to give.",
                "This term's sessions will help participants learn how people work in {field}.",
            ),
            (
                "Sessions last an hour, and the time and place are up to the two of you.",
                "Please reply to the programme office with any questions about the schedule.",
                "There is nothing you need to do before the first session.",
                "Everyone who took part last year said they would love to do it again.",
            ),
        ),
    ),
}


def _warm(rng: random.Random, label: str) -> tuple[str, str]:
    subjects, pools = WARM[label]
    greet = rng.choice(("Hi {name},", "Dear {name},", "Hello,", "Hi all,"))
    lines = [rng.choice(pool) for pool in pools]
    sign = lines.pop() if label == "thread_reply" else rng.choice(("Best,", "Thanks,", "Kind regards,"))
    return rng.choice(subjects), greet + "\n\n" + " ".join(lines) + "\n\n" + sign + "\n{me}"


def _quoted(rng: random.Random, subject: str) -> str:
    """The earlier, unanswered ask, quoted under a nudge the way a mail client quotes it."""
    earlier = requests.body(
        rng, rng.choice(("student", "career_changer", "alumni", "new_grad")), "letter", False
    )
    if rng.random() < 0.6:
        return "\n\nOn {day}, {me} {last_me} wrote:\n" + "\n".join(
            "> " + line for line in earlier.splitlines()
        )
    return (
        "\n\n-----Original Message-----\nFrom: {me} {last_me}\nSent: {day}\nTo: {full}\n"
        f"Subject: {subject}\n\n" + earlier
    )


def request(rng: random.Random) -> tuple[str, str, list[str], bool, str, str]:
    """(subject, body, attachment names, is_reply, language, kind) for one request of an under-represented kind."""
    kinds = sorted(REQUEST_KINDS)
    kind = rng.choices(kinds, weights=[REQUEST_KINDS[k] for k in kinds])[0]
    greet = rng.choice(requests.GREETINGS)
    sign = rng.choice(requests.CLOSINGS) + "\n{me} {last_me}"
    names: list[str] = []
    reply = False
    lang = "en"
    if kind == "nudge":
        lang = languages.pick(rng)
        base = rng.choice(requests.SUBJECTS) or "Informational interview request"
        if lang == "en":
            opening = rng.choice(BUMPS) + " " + rng.choice(RESTATED)
            prefix = rng.choice(("Re: ", "RE: ", "Re: ", "AW: ", "Following up: "))
            subject = prefix + base
            body = greet + "\n\n" + opening + "\n\n" + sign
            # Rarely quoted: a quote under a request blurs the quoted-reply signal that marks our own threads.
            if rng.random() < 0.1:
                body += _quoted(rng, base)
        else:
            subject, earlier = languages.request(rng, lang)
            subject = languages.FORWARD[lang][3] + subject
            body = languages.bump(rng, lang) + " " + earlier
            if rng.random() < 0.1:
                body = languages.bump(rng, lang) + "\n\n{me}\n\n> " + earlier.replace("\n", "\n> ")
        reply = subject.lower().startswith(("re", "aw", "antw", "res", "r:", "sv:", "vs:", "odp:", "ynt:"))
        return subject, body, names, reply, lang, kind
    if kind == "foreign":
        lang = rng.choice(languages.LANGS)
        subject, body = languages.request(rng, lang, short=rng.random() < 0.3)
        if rng.random() < 0.15:
            names.append(rng.choice(NON_RESUME_NAMES))
        return subject, body, names, False, lang, kind
    if kind == "phone_note":
        text = rng.choice(PHONE_NOTES).replace("{when}", rng.choice(WHEN_SHORT))
        text = text.replace("{team}", rng.choice(TEAMS)).replace("{place}", rng.choice(PLACES))
        body = text + "\n" + rng.choice(("Thanks, {me}", "{me}", "thx! {me}", "Thank you\n{me}"))
        if rng.random() < 0.8:
            body += "\n\n" + rng.choice(SIGNED_ON_PHONE)
        subject = rng.choice(("info interview", "quick call?", "15 min?", "question", "", "chat?"))
        return subject, body, names, False, lang, kind
    if kind == "peer":
        middle = rng.choice(PEER) + " " + rng.choice(PEER_ASKS)
        subject = rng.choice(
            ("Fellow {uni} grad", "Could we connect?", "Hello from a fellow alum", "Connecting")
        )
    elif kind == "market":
        middle = (rng.choice(MARKET) + " " + rng.choice(MARKET_ASKS)).replace(
            "{industry}", rng.choice(INDUSTRIES)
        )
        if rng.random() < 0.35:
            middle += " " + rng.choice(PROPOSED)
        subject = rng.choice(
            ("Question about the {city} job market", "Advice on {field} in {city}", "Market advice?")
        )
    elif kind == "networking":
        middle = rng.choice(NETWORKING) + "\n\n" + rng.choice(NETWORKING_ASKS)
        subject = rng.choice(
            ("Coffee chat?", "Hello from a fellow {field} person", "Would love to connect", "")
        )
    elif kind == "continue":
        middle = rng.choice(CONTINUE)
        subject = rng.choice(
            (
                "Great meeting you at {event}",
                "Following up from {event}",
                "Coffee after {event}?",
                "Continuing our conversation",
            )
        )
    elif kind == "coffee":
        middle = rng.choice(COFFEE)
        subject = rng.choice(("Coffee chat?", "Coffee?", "Virtual coffee", "Quick coffee"))
    elif kind == "phone_window":
        middle = rng.choice(PHONE_WINDOW).replace("{window}", rng.choice(WINDOWS))
        subject = rng.choice(
            ("Informational call – {field}", "Phone call request", "Request for a short call")
        )
    else:  # on_behalf
        middle = (rng.choice(ON_BEHALF) + " " + rng.choice(ON_BEHALF_ASKS)).replace(
            "{relative}", rng.choice(RELATIVES)
        )
        subject = rng.choice(
            ("Would anyone talk to my {relative}?", "A favour for a family member", "Career chat?")
        )
        subject = subject.replace("{relative}", rng.choice(RELATIVES))
    parts = [greet, middle]
    if rng.random() < 0.25:
        names.append(rng.choice(NON_RESUME_NAMES))
        parts.append(rng.choice(NON_RESUME_LINES))
    if rng.random() < 0.5:
        parts.append(rng.choice(requests.THANKS))
    parts.append(sign)
    return subject, "\n\n".join(parts), names, reply, lang, kind


def negative(rng: random.Random, label: str) -> tuple[str, str, list[str], bool, str, str]:
    """(subject, body, names, is_reply, kind, language) for one look-alike negative of ``label``."""
    if label == "thread_reply" or rng.random() < (0.5 if label == "job_application" else 0.35):
        subject, body = _warm(rng, label)
        names = ["Resume_{last_me}.pdf"] if label == "job_application" and rng.random() < 0.6 else []
        return subject, body, names, label == "thread_reply", "warm", "en"
    if label == "other" and rng.random() < 0.45:
        kind = rng.choice(("thanks_fresh", "agency"))
        if kind == "thanks_fresh":
            lines = [rng.choice(THANKS_OPEN), *rng.sample(THANKS_MORE, k=rng.randint(0, 2))]
            subject = rng.choice(THANKS_SUBJECTS)
        else:
            lines = [rng.choice(AGENCY), rng.choice(AGENCY_ASKS)]
            subject = rng.choice(AGENCY_SUBJECTS)
        greet = rng.choice(("Hi {name},", "Dear team,", "Hello {name},", "Hi there,"))
        body = (
            greet
            + "\n\n"
            + " ".join(lines)
            + "\n\n"
            + rng.choice(("Best,", "Thanks,", "All the best,"))
            + "\n{me}"
        )
        if kind == "thanks_fresh" and rng.random() < 0.3:
            body += "\nlinkedin.com/in/{me}-example"
        return subject, body, [], False, kind, "en"
    lang = rng.choice(languages.LANGS)
    kind, subject, body = languages.negative(rng, label, lang)
    names = ["CV_{last_me}.pdf"] if label == "job_application" and rng.random() < 0.7 else []
    return subject, body, names, False, kind, lang
