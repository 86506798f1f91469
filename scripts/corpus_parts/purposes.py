"""Same ask, different purpose: mail that asks for a call, a coffee or "15 minutes next week" for something other
than a conversation about the reader's career.

A reporter looking for a source, a graduate student interviewing an expert for a thesis, a class assignment, an
invitation to speak, a request for a recommendation letter, a fundraising coffee, admissions questions, a podcast
booking, a survey, a favour, and the updates and thank-you notes sent after a conversation. Each message puts
the *form* of a request (its greetings, persona sentences, "could you spare {minutes} minutes by phone", its
availability lines and closings, several taken straight from ``requests``) around a clearly different *purpose*,
so that the form alone cannot tell a request from these; the purpose has to.

Kinds map to families ``other/<kind>`` (and ``thread_reply/mentor_update`` for updates sent as replies).
"""

from __future__ import annotations

import random

from corpus_parts import negatives, requests

Kind = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]

# Words that give a request-grammar sentence a career purpose; sentences with none of them are pure form.
_CAREER = (
    "career",
    "informational",
    "path",
    "story",
    "{field}",
    "experience",
    "transition",
    "work at",
    "footing",
    "brain",
    "trying",
    "curious",
    "exploring",
    "search",
)


def _form_only(lines: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(line for line in lines if not any(word in line for word in _CAREER))


# The request grammar's purpose-free asks ("Are you free for a quick call in the next couple of weeks?"), its
# availability lines and the neutral student persona sentences: shared word for word with the requests.
SHARED_ASKS = _form_only(requests.ASKS)
SHARED_STUDENT = _form_only(requests.INTROS["student"] + requests.INTROS["new_grad"])
SHARED_REFERRAL = requests.INTROS["referral"]
GREETINGS = tuple(g for g in requests.GREETINGS if "hiring" not in g)

# Ask frames in the request's own form; ``{p}`` is the purpose, which each kind supplies.
FRAMES = (
    "Would you have {minutes} minutes for a quick call {p}?",
    "Could you spare {minutes} minutes by phone next week {p}?",
    "Could I buy you a coffee {p}?",
    "Would you be open to a {minutes}-minute chat {p}?",
    "Any chance of a quick call on {day} {p}?",
    "Would you be up for a {minutes}-minute virtual coffee {p}?",
    "Might you have time for a short conversation {p}?",
    "Could we grab a coffee near your office {p}?",
    "Are you free for a {minutes}-minute video call in the next couple of weeks {p}?",
    "I'd be grateful for {minutes} minutes of your time, phone or video, {p}.",
)
TOPICS = (
    "hiring freezes",
    "hybrid working",
    "four-day weeks",
    "pay transparency",
    "workplace automation",
    "supply-chain delays",
    "rising office costs",
    "apprenticeship schemes",
    "energy prices",
)
COURSES = (
    "Organisational Behaviour",
    "Business Communication",
    "Operations Management",
    "Marketing 201",
    "Professional Practice",
    "Urban Economics",
)

# kind -> (subjects, purposes, details, ask tails for FRAMES, sign-off lines)
KINDS: dict[str, Kind] = {
    "press_source": (
        (
            "Request for comment: {topic}",
            "Quick interview for {paper}?",
            "Source for a piece on {topic}",
            "Media request – {paper}",
            "15 minutes for a news story?",
        ),
        (
            "I'm a reporter at {paper} writing about {topic}.",
            "I cover business news for {paper}, and this week I'm on a piece about {topic}.",
            "I'm a freelance journalist putting together an article on {topic} for {paper}.",
            "My editor at {paper} has asked me for a feature on {topic}, and your name came up as someone who knows the subject.",
            "I'm writing a news piece for {paper} about the local picture on {topic}.",
        ),
        (
            "The article runs on {day}, so my deadline is tight.",
            "I'd quote you by name and title unless you'd rather speak on background.",
            "I can send my questions ahead so you know what I'd ask.",
            "It's for a general readership, so no technical detail is needed.",
            "I'm also speaking to two economists and a union representative for the same piece.",
        ),
        (
            "for the article",
            "so I can get your view on the record",
            "before my deadline on {day}",
            "so I can quote you in the piece",
            "for a few quotes",
        ),
        ("{me} {last_me}\nReporter, {paper}", "{me} {last_me} | {paper} newsroom", "{me}"),
    ),
    "research_interview": (
        (
            "Research interview – {uni} thesis",
            "Participation in a study on {topic}",
            "Thesis interview request",
            "Expert interview for my dissertation",
            "Could I interview you for my research?",
        ),
        (
            "I'm a master's student in {major} at {uni}, and my thesis looks at {topic}.",
            "I'm a PhD candidate at {uni} researching {topic} in mid-sized firms.",
            "I'm part of a research group at {uni} studying {topic}.",
            "For my dissertation I'm interviewing managers about {topic}, and your organisation is one of my cases.",
            "My research at {uni} compares how companies respond to {topic}, and I'm recruiting expert interviewees.",
        ),
        (
            "Interviews are anonymous, and the study has ethics approval from the university.",
            "With your permission I'd record the call for transcription only; nothing would be quoted by name.",
            "I'm speaking with about a dozen practitioners, and your organisation fits the study's sample.",
            "I'd be glad to send you the finished thesis once it's submitted.",
            "The participant information sheet is attached; taking part is voluntary and you can stop at any point.",
            "My supervisor, Professor {referrer}, is copied in case you have questions about the project.",
        ),
        (
            "as a participant in the study",
            "so I can interview you for my thesis",
            "for my research interviews",
            "to answer the study's questions about {topic}",
            "for the research project",
        ),
        ("{me} {last_me}\nPostgraduate researcher, {uni}", "{me} {last_me}\nMSc candidate, {uni}", "{me}"),
    ),
    "class_assignment": (
        (
            "Questions for a class project",
            "{course} assignment – could you help?",
            "Student project about {org}",
            "Interview for a course assignment",
        ),
        (
            "For my {course} class, each of us has to interview a manager at a local organisation and write a report on how it makes decisions.",
            "Our professor in {course} has asked every group to study a real company's processes, and we chose {org}.",
            "I'm doing an assignment for {course} on how organisations handle {topic}, and it requires a short interview with someone who works at one.",
            "Our term project in {course} is a case study of a company's customer service, and we'd like it to be about {org}.",
        ),
        (
            "The report is due on {day}, so any time before then would be wonderful.",
            "The questions are set by the course, and they're about your organisation's processes, not about you.",
            "We'd present a summary to the class and would not use your name without asking.",
            "It counts toward our final grade, so we'd be very grateful.",
        ),
        (
            "for the assignment",
            "so I can finish my course project",
            "to answer the questions our professor set",
            "for our group project",
            "about how your team handles {topic}",
        ),
        ("{me} {last_me}\n{course}, {uni}", "{me} {last_me}", "{me} (on behalf of my project group)"),
    ),
    "speaking_invite": (
        (
            "Speaking invitation: {venue}",
            "Would you speak at {venue}?",
            "Panel on {topic} – would you join?",
            "Invitation to give a talk",
            "Keynote slot on {day}",
        ),
        (
            "I'm organising {venue}, and we'd love to have you as one of our speakers.",
            "We're putting together a panel on {topic} at {venue} and would like you on it.",
            "Our student society at {uni} runs a speaker series, and we'd be delighted if you gave one of this term's talks.",
            "We'd like to invite you to give the opening talk at {venue} on {day}.",
            "Your recent post about {topic} is exactly the theme of our next meetup, and we'd like you to present it.",
        ),
        (
            "Talks run about thirty minutes with questions afterwards.",
            "We can cover travel and offer a modest speaker's fee.",
            "The audience is around eighty people, mostly practitioners.",
            "The event is on {day}, and we'll hold the slot for you for a fortnight.",
            "The session will be recorded and shared with attendees unless you'd prefer it wasn't.",
        ),
        (
            "to talk through the format",
            "so I can tell you more about the event",
            "about speaking at {venue}",
            "to see whether {day} could work for you",
            "to plan the session together",
        ),
        (
            "{me} {last_me}\nProgramme committee, {venue}",
            "{me} {last_me}",
            "{me}, on behalf of the organisers",
        ),
    ),
    "recommendation_letter": (
        (
            "Letter of recommendation?",
            "Reference request",
            "Would you be one of my referees?",
            "Recommendation for my {uni} application",
        ),
        (
            "You supervised my internship at {company} last summer, and I'm applying to master's programmes this winter.",
            "I was in your {course} seminar two terms ago, and I'm now applying to graduate school.",
            "I'm applying for a scholarship at {uni}, and the committee asks for two letters from people who know my work.",
            "I've reached the final stage for a {role} role at {company2}, and they've asked for two references.",
            "Since we worked together on the {topic} project, I wondered whether you'd be willing to write me a recommendation.",
        ),
        (
            "The letters are due on {day}; I'll send you the submission link and my statement.",
            "I've attached my CV and a draft of my personal statement to make it easier.",
            "Their recruiter may phone you in the next two weeks to ask a few questions about me.",
            "I completely understand if you don't have the time; please just say so.",
            "A short letter is fine, and I can remind you of the projects I worked on.",
        ),
        (
            "about the letter",
            "so I can give you some background for the reference",
            "about being one of my referees",
            "to go over what the committee is looking for",
            "about the recommendation",
        ),
        ("{me} {last_me}", "{me}", "Gratefully,\n{me}"),
    ),
    "fundraising": (
        (
            "Supporting {charity}",
            "Coffee and a quick ask",
            "Our spring appeal",
            "Would you sponsor my run?",
            "A cause close to my heart",
        ),
        (
            "I've joined the board of {charity} this year, and we're raising money for a new learning centre.",
            "I'm running the city half-marathon on {day} to raise funds for {charity}.",
            "The {uni} alumni fund is launching a scholarship for first-generation students, and I'm helping with the appeal.",
            "{charity} is trying to raise the last fifth of its target by the spring.",
            "Our school's parents' association is fundraising for a new playground.",
        ),
        (
            "Every gift, however small, goes straight to the programme.",
            "Donations are tax-deductible, and the sponsorship page is linked below.",
            "Last year we reached three hundred families with the money raised.",
            "There's no pressure at all; sharing the page would help too.",
        ),
        (
            "so I can tell you about the campaign",
            "to talk about how you or {org} might support it",
            "about the appeal",
            "so I can show you what the donations fund",
        ),
        ("{me} {last_me}\nVolunteer, {charity}", "{me}", "{me} {last_me}"),
    ),
    "admissions": (
        (
            "Question about admission to the {major} programme",
            "Admissions enquiry",
            "Welcome call for admitted students",
            "My application to {uni}",
        ),
        (
            "I'm applying to the {major} master's at {uni} for the autumn intake and I'm unsure whether my degree meets the entry requirements.",
            "Congratulations on your offer of admission to {uni}! Our admissions team calls every admitted student before enrolment.",
            "I submitted my application to the part-time {major} programme and haven't received confirmation that my transcripts arrived.",
            "My son is considering the foundation year at {uni}, and we have questions about admission and fees.",
            "I've been offered a place on the {major} course, and I need to ask about deferring my place.",
        ),
        (
            "The application deadline is {day}, so I'd like to sort this out soon.",
            "Please bring your student number; the call covers enrolment, housing and fees.",
            "My application reference is {ref}.",
            "I've checked the website, but the entry requirements page doesn't cover my case.",
        ),
        (
            "about the entry requirements",
            "to go over enrolment and next steps",
            "about my application",
            "to check on the admissions paperwork",
            "so we can answer your questions before term starts",
        ),
        ("{me} {last_me}\nApplicant ref. {ref}", "{me} {last_me}\nAdmissions Office, {uni}", "{me}"),
    ),
    "podcast_guest": (
        (
            "Guest spot on our podcast?",
            "Podcast invitation – {show}",
            "Would you come on {show}?",
            "Recording an episode on {topic}",
        ),
        (
            "I host {show}, a weekly podcast about {topic}, and I'd love to have you as a guest.",
            "We're planning a season of {show} on {topic}, and your team's work would make a great episode.",
            "I produce {show}; our listeners keep asking for an episode on {topic}, and you'd be the ideal guest.",
            "I heard your talk at {event} and think it would make a brilliant episode of {show}.",
        ),
        (
            "Recording takes about an hour over video, and we edit it before release.",
            "Episodes go out on {day}s and reach around five thousand listeners.",
            "You'd get the questions a week ahead and approve the final cut.",
            "We can record in person at our studio or remotely, whichever is easier.",
        ),
        (
            "to plan the episode",
            "so we can go over the questions before recording",
            "about coming on the show",
            "to find a recording slot",
        ),
        ("{me} {last_me}\nHost, {show}", "{me}\nProducer, {show}", "{me}"),
    ),
    "survey": (
        (
            "10 minutes for our survey?",
            "Your views on {topic}",
            "Quick questionnaire for managers",
            "Feedback request",
            "Help with a short study",
        ),
        (
            "We're gathering views from managers on {topic} for an industry report.",
            "{company2} is running a short survey on how teams handle {topic}.",
            "We're redesigning our product and want feedback from people who used the old version.",
            "Our trade association is collecting members' views on {topic} before the annual conference.",
            "As a former customer of {company2}, you're invited to rate the service you received.",
        ),
        (
            "The questionnaire has twelve questions, and answers are anonymous.",
            "Everyone who takes part gets a copy of the results.",
            "As a thank-you, we'll send a gift voucher once the form is complete.",
            "The link is below and stays open until {day}.",
        ),
        (
            "to answer a few survey questions",
            "so we can hear your feedback on the product",
            "for the questionnaire",
            "to give your views for the report",
        ),
        ("{me} {last_me}\nResearch team, {company2}", "The {company2} team", "{me}"),
    ),
    "favour": (
        ("A small favour", "Could you help me out?", "Favour to ask", "Quick favour?", "Help with something"),
        (
            "I'm moving flats on {day} and I'm short one pair of hands.",
            "I've written my first grant application and would love a second pair of eyes on it.",
            "My laptop died and you're the only person I know who understands these things.",
            "I'm giving the best man's speech on {day} and I'm terrified of it.",
            "Our community garden needs someone to look over the lease before we sign it.",
            "I'm building a small app for my sports club and can't get the payments page to work.",
        ),
        (
            "It wouldn't take long, I promise.",
            "I'll bring pastries, and I owe you one.",
            "No worries at all if you're busy; I can ask around.",
            "I've put everything in a shared folder so you can take a look first.",
        ),
        (
            "to help me with it",
            "so I can show you what I mean",
            "to look it over together",
            "and I'll explain what I need",
        ),
        ("{me}", "Thanks a million,\n{me}", "{me} {last_me}"),
    ),
    "mentor_update": (
        ("Good news!", "An update for you", "I got the job!", "Thought you'd like to know", "Quick update"),
        (
            "I wanted you to hear it from me: I accepted the offer from {company2} and start on {day}.",
            "You were so generous with your time in the spring, so here's an update: the portfolio you suggested got me to the final round.",
            "Thanks to your advice, I've finished the certificate and started in my new role at {company2}.",
            "I promised to let you know how things went, and the move to {company2} is done.",
            "I passed my exams and have been promoted to {role} at {company2}.",
        ),
        (
            "The tip you gave me about asking better questions made all the difference.",
            "My new manager knows {referrer}, so I suspect your name helped too.",
            "No need to reply; I just wanted to share the news.",
            "I've started mentoring two students myself, passing on what you taught me.",
        ),
        (),
        ("With thanks,\n{me}", "{me}", "Warmly,\n{me} {last_me}"),
    ),
    "thanks_after_interview": (
        (
            "Thank you for {day}",
            "Thanks for your time today",
            "Thank you – {role} interview",
            "Following our conversation",
        ),
        (
            "Thank you for taking {minutes} minutes by phone on {day} to talk about the {role} position.",
            "Thank you for meeting with me on {day}; I enjoyed our conversation about the {role} role and the team.",
            "Thanks for the quick call this morning about the {role} opening at {org}.",
            "I really appreciated the coffee and the chance to meet the team for the {role} role.",
            "Thank you for the video interview yesterday and for the time you gave me.",
        ),
        (
            "Hearing how the team plans its work made me even keener on the role.",
            "Please pass my thanks to {other} for the tour of the office.",
            "I've attached the work sample you asked for.",
            "I look forward to hearing about the next steps.",
        ),
        (),
        ("Kind regards,\n{me} {last_me}", "Best,\n{me}", "Thank you again,\n{me} {last_me}"),
    ),
}
WEIGHTS = {
    "press_source": 1.5,
    "research_interview": 1.5,
    "class_assignment": 1.5,
    "speaking_invite": 1.5,
    "recommendation_letter": 1.5,
    "mentor_update": 1.2,
    "thanks_after_interview": 1.2,
}
VENUES = (
    "our spring {field} meetup",
    "the {uni} careers week",
    "DevDays North",
    "the regional SME summit",
    "our lunch-and-learn series",
)
SHOWS = ("The Build Log", "Work in Progress", "Small Business Hour", "The Ops Room", "Margins")
CHARITIES = ("the Riverside Literacy Trust", "Open Kitchen", "Hillview Hospice", "Books for Every Child")
ATTACHMENTS = {
    "research_interview": ("participant_information.pdf", "consent_form.pdf"),
    "recommendation_letter": ("CV_{last_me}.pdf", "personal_statement_draft.docx"),
    "speaking_invite": ("event_brief.pdf",),
    "podcast_guest": ("guest_brief.pdf",),
    "fundraising": ("appeal_leaflet.pdf",),
}

# An update to a mentor asks, if at all, for a coffee to celebrate or to say thanks, never for more advice.
MENTOR_ASKS = (
    "Coffee is on me next time you're free; I'd love to celebrate with you.",
    "If you're around on {day}, coffee is on me as a thank-you.",
    "Let's grab a coffee soon so I can thank you in person.",
    "Could I take you out for a quick coffee and celebrate? It's the least I can do.",
    "Next time you're in {city}, lunch is on me.",
)

# Replies in the mentor's thread: updates after the advice, with the mentor's last message quoted below.
MENTOR_QUOTES = (
    "Good luck on Friday, and let me know how it goes.",
    "Happy to help. Keep me posted, and don't be shy about asking again.",
    "Great to hear from you. Do tell me what you decide.",
)


def _fill(rng: random.Random, text: str) -> str:
    """Slots only this module knows; the shared ones ({minutes}, {day}, {org} …) are left for the generator."""
    for slot, pool in (
        ("{topic}", TOPICS),
        ("{course}", COURSES),
        ("{venue}", VENUES),
        ("{show}", SHOWS),
        ("{charity}", CHARITIES),
    ):
        while slot in text:
            text = text.replace(slot, rng.choice(pool), 1)
    return text.replace("{company2}", "{org2}")


def _ask(rng: random.Random, kind: str, tails: tuple[str, ...]) -> str:
    if kind == "thanks_after_interview":
        return ""
    if kind == "mentor_update":
        return rng.choice(MENTOR_ASKS) if rng.random() < 0.6 else ""
    if rng.random() < 0.3:
        return rng.choice(SHARED_ASKS)
    return rng.choice(FRAMES).replace("{p}", rng.choice(tails))


def message(rng: random.Random, kind: str) -> tuple[str, str, list[str]]:
    """(subject, body, attachment names) of one message of ``kind``, in one of three shapes."""
    subjects, purposes, details, tails, signs = KINDS[kind]
    purpose = rng.choice(purposes)
    ask = _ask(rng, kind, tails)
    sign = rng.choice(signs)
    shape = rng.choice(("letter",) * 5 + ("short", "short", "note"))
    if shape == "note":
        # A LinkedIn-style note: no greeting, purpose and ask in two sentences.
        body = "Hi {name}, " + purpose + (" " + ask if ask else "") + " Thanks, {me}"
    elif shape == "short":
        body = rng.choice(GREETINGS) + "\n\n" + purpose + (" " + ask if ask else "") + "\n\n" + sign
    else:
        para = [purpose, *rng.sample(details, k=rng.randint(0, 2))]
        if kind in ("research_interview", "class_assignment", "recommendation_letter") and rng.random() < 0.4:
            para.insert(0, rng.choice(SHARED_STUDENT))
        elif kind != "mentor_update" and rng.random() < 0.2:
            para.insert(0, rng.choice(SHARED_REFERRAL))
        parts = [rng.choice(GREETINGS)]
        if rng.random() < 0.35:
            parts.append(rng.choice(negatives.PLEASANTRIES))
        parts.append(" ".join(para))
        if ask:
            if rng.random() < 0.45:
                ask += " " + rng.choice(requests.AVAILABILITY)
            parts.append(ask)
        if rng.random() < 0.6:
            parts.append(rng.choice(requests.THANKS))
        closed = sign.partition("\n")[0].endswith(",")
        parts.append(sign if closed else rng.choice(requests.CLOSINGS) + "\n" + sign)
        body = "\n\n".join(parts)
    names = [rng.choice(ATTACHMENTS[kind])] if kind in ATTACHMENTS and rng.random() < 0.3 else []
    return _fill(rng, rng.choice(subjects)), _fill(rng, body), names


def negative(rng: random.Random, label: str) -> tuple[str, str, list[str], bool, str, str]:
    """(subject, body, names, is_reply, kind, language) for one message of ``label`` ('other' or 'thread_reply')."""
    if label == "thread_reply":
        subject, body, names = message(rng, "mentor_update")
        body += "\n\nOn {day}, {name} wrote:\n> " + rng.choice(MENTOR_QUOTES)
        return "Re: " + subject, body, names, True, "mentor_update", "en"
    kinds = sorted(KINDS)
    kind = rng.choices(kinds, weights=[WEIGHTS.get(k, 1.0) for k in kinds])[0]
    subject, body, names = message(rng, kind)
    return subject, body, names, False, kind, "en"
