"""Informational-interview requests: a small grammar of personas, openings, asks and closings.

Each message is assembled from optional parts so the corpus varies in *structure* (two-liners, LinkedIn notes,
long letters, follow-ups, non-native phrasing), not only in the names slotted in.
"""

from __future__ import annotations

import random

GREETINGS = (
    "Hi {name},",
    "Hello {name},",
    "Dear {name},",
    "Dear Mr./Ms. {last},",
    "Hi there,",
    "Hey {name}!",
    "Good morning {name},",
    "Dear {full},",
    "Hello,",
    "{name} -",
    "Dear hiring team,",
    "Hi {name} —",
)
# Persona intros: who is writing. Keys are personas so the mix can be controlled.
INTROS = {
    "student": (
        "I'm a {year} at {uni} studying {major}, and I'm trying to figure out whether {field} is the right path for me.",
        "My name is {me} and I am currently a {year} majoring in {major} at {uni}.",
        "I'm {me}, an undergraduate at {uni} ({major}), and I've recently become very curious about {field}.",
        "I study {major} at {uni} and will graduate next spring.",
    ),
    "new_grad": (
        "I graduated from {uni} this past May with a degree in {major} and I'm exploring where I fit in {field}.",
        "I recently finished my master's at {uni} and I'm in the early stages of my search in {field}.",
        "As a recent {uni} graduate, I'm trying to learn how people actually got started in {field}.",
    ),
    "career_changer": (
        "After eight years in {prev}, I'm making a move into {field} and trying to learn from people who have done it.",
        "I've spent most of my career in {prev}, and over the last year I've been retraining for {field}.",
        "I'm currently transitioning from {prev} into {field} — I finished a part-time certificate this winter.",
        "I'm a former {prev} professional who is now pivoting toward {field}.",
    ),
    "executive": (
        "I lead a team of forty at {company} and I'm considering a move toward {field} in the next year or two.",
        "I'm a {role} at {company}; after many years on the operating side I'm weighing a shift into {field}.",
        "As {role} at {company}, I've been asked to build out a {field} function and would value an outside view.",
    ),
    "alumni": (
        "I noticed we're both {uni} alumni — I graduated a few years after you, in {major}.",
        "Fellow {uni} grad here! I found your profile through the alumni directory.",
        "We overlapped at {uni} (I was in the {major} department) and I've followed your work at {org} since.",
    ),
    "referral": (
        "{referrer} suggested I reach out to you.",
        "{referrer} mentioned you'd be a great person to speak with about {field}.",
        "I was speaking with {referrer} last week and they strongly recommended I contact you.",
        "My mentor, {referrer}, passed along your name and said you might be open to a short conversation.",
    ),
    "event": (
        "It was great meeting you at {event} last week — your comments on {field} stayed with me.",
        "We spoke briefly after your panel at {event}, and I really enjoyed your perspective.",
        "Great meeting you at {event}! I was the one asking about getting started in {field}.",
    ),
    "applicant": (
        "I recently applied for a {role} opening at {org}, but whatever happens with that, I'd like to learn more about the field.",
        "I applied to a role on your team last month; separately from that, I'm trying to understand how people build a career in {field}.",
        "I know you're not hiring for my level right now, and I'm not writing about a job.",
    ),
    "relocating": (
        "I'm moving to {city} this summer and trying to learn how the {field} scene there works before I start looking.",
        "My family is relocating to {city}, and I'd love some advice on the local {field} community from someone who knows it.",
    ),
    "peer": (
        "I came across your profile and noticed we followed a very similar path into {field}.",
        "I'm a fellow {major} graduate and saw that you made the jump into {field} a few years ago.",
        "I'd love to connect — I'm a {year} at {uni} and your journey from {prev} to {field} is inspiring.",
        "Hope it's okay to reach out out of the blue; I found you through the {uni} network.",
    ),
    "linkedin": (
        "Thanks for accepting my connection request!",
        "I came across your post about {field} on LinkedIn and it really resonated with me.",
        "I saw your talk at {event} and have been thinking about it since.",
        "I've been following your articles on {field} for a while now.",
    ),
}
YEARS = ("freshman", "sophomore", "junior", "senior", "second-year student", "final-year student")
EVENTS = (
    "the regional tech meetup",
    "DataConf",
    "the spring career fair",
    "a webinar last month",
    "Women in Product night",
)
INTEREST = (
    "I'm especially curious how your role at {org} differs day to day from what the job descriptions suggest.",
    "I'd love to understand which skills mattered most when you moved into {field}.",
    "Your path from {major} into {field} is close to the one I'm hoping to take.",
    "I'm trying to decide between a graduate degree and getting experience first, and your perspective would help a lot.",
    "I'd really value hearing what you wish you had known when you started out.",
    "I'm not asking about open positions — I'm simply trying to learn about the field from someone in it.",
    "I want to make sure I understand the realities of the work before I commit to another year of coursework.",
    "I have a few specific questions about how teams like yours are organised and how people grow in them.",
    "I'd love to hear about your journey and how you got to where you are today.",
    "I'm curious what a typical week looks like for you and what you enjoy most about it.",
    "I'd like to learn from your experience before I decide on my next step.",
    "Any advice you could share on breaking into {field} would mean a lot.",
    "I was curious to know how you like working at {org} and what the journey was like for you to get there.",
    "I'm exploring a few directions and I think your perspective would help me see the opportunity more clearly.",
    "I'm working on a small project in {field} right now, and your point about starting small really stuck with me.",
    "I'd love to stay connected and keep learning from people who've walked this road.",
    "I've been thinking about how to explore {field} without going back to school full time.",
    "I'm trying to learn how someone with my background could become a strong candidate in this space someday.",
)
ASKS = (
    "Would you be open to a {minutes}-minute informational interview sometime in the next few weeks?",
    "Would you have {minutes} minutes for a quick call so I could ask a few questions about your career?",
    "Could I buy you a coffee and hear about your experience?",
    "Would you be willing to chat for {minutes} minutes about how you got into {field}?",
    "If you have time, I'd be grateful for a short conversation — phone or video, whichever is easiest.",
    "Might you be available for a brief informational chat, either in person or over Zoom?",
    "I'd love to ask you a few questions about your career path, if you could spare {minutes} minutes.",
    "Would it be possible to set up a short call to learn more about your work at {org}?",
    "Would you be open to a virtual coffee chat? I'd keep it to {minutes} minutes.",
    "Could we schedule a brief informational interview at your convenience?",
    "Any chance you'd have a few minutes for a quick career conversation?",
    "I'd really appreciate the chance to pick your brain about {field} for {minutes} minutes.",
    "Are you free for a quick call in the next couple of weeks? I'd keep it brief.",
    "Would you be up for a {minutes}-minute virtual coffee so I could hear more about your path?",
    "Do you have a quick minute sometime next week to share a bit about your experience?",
    "Could we connect for {minutes} minutes so I can learn how you approached this transition?",
    "Would you mind if I sent over a few questions, or better yet, could we chat briefly by phone?",
    "If you're open to it, I'd love to grab coffee near your office and hear your story.",
    "Are you open to a {minutes}-minute coffee chat sometime?",
    "Would you be available for a {minutes} minute phone or video call next week?",
    "Are you free on {day} for a coffee? I'd love to hear how you found your footing there.",
    "Would you have time for a quick coffee or a call on {day}? I hope to hear from you.",
    "Might you have time to connect for a short conversation? I'd love to hear about your path into the role.",
)
AVAILABILITY = (
    "I'm flexible most weekdays after 2pm.",
    "I could do {day} or {day2} afternoon, or any time that suits you better.",
    "I'm free {day} between 10 and 12, but happy to work around your schedule.",
    "Happy to meet near your office, or by phone if that's easier.",
    "Any time next week works for me; I'm in the {tz} time zone.",
    "Would {day} at 4pm work? If not, just name a time.",
)
RESUME_LINES = (
    "I've attached my résumé for a bit of background.",
    "My CV is attached in case it's useful context.",
    "I've included my resume so you know a little about me, but I'm really just hoping to learn.",
    "Attached is my resume, for context only.",
)
THANKS = (
    "Please let me know if that could work for you.",
    "Let me know what works best for you.",
    "I look forward to speaking with you soon!",
    "Thanks for connecting!",
    "Thank you so much for considering this.",
    "I know how busy you must be, so I really appreciate your time.",
    "Thanks in advance — I completely understand if now isn't a good time.",
    "I appreciate any time you could offer.",
    "Thank you for reading this far!",
)
CLOSINGS = (
    "Best,",
    "Best regards,",
    "Thank you,",
    "Warm regards,",
    "Many thanks,",
    "Cheers,",
    "Sincerely,",
    "Kind regards,",
    "All the best,",
    "Thanks,",
)
SUBJECTS = (
    "Informational interview request",
    "Request for a brief chat",
    "Quick question about your career path",
    "{uni} student interested in {field}",
    "Coffee chat?",
    "Referred by {referrer}",
    "Learning about {field}",
    "15 minutes of your time?",
    "Career advice request",
    "Informational interview – {me} {last_me}",
    "Fellow {uni} alum reaching out",
    "Would love to learn about your work at {org}",
    "Advice on moving into {field}",
    "Hello from a career changer",
    "Question about {field}",
    "Informational interview",
    "Connecting",
    "Seeking advice",
    "",
)
FOLLOW_UPS = (
    "I wanted to follow up on my note from a couple of weeks ago — I know inboxes get busy.",
    "Just bumping this to the top of your inbox in case it got buried.",
    "I hope you don't mind me following up on my earlier email.",
)
# Non-native phrasing, written to read like a real second-language writer, not a caricature.
NON_NATIVE = (
    "I am writing you because I would like very much to learn about the work in {field}.",
    "Please excuse my English, I am still improving it.",
    "I am {me}, I finish my studies of {major} in {uni} and now I search how to enter in {field}.",
    "Kindly I request if you can give me some minutes of your time for ask some questions about your experience.",
    "It would be a big help for me to hear how you started your career, even only 20 minutes by phone or Teams.",
    "I hope is not a disturb for you.",
    "I will be very thankful if you accept to have a small talk with me.",
)
LINKEDIN_NOTES = (
    "Hi {name}, I'm a {major} student at {uni} exploring {field}. Would you be open to a quick {minutes}-min chat about your path? Thanks!",
    "Hi {name} — loved your post on {field}. I'm pivoting from {prev}; any chance of a short call to hear how you did it?",
    "{name}, fellow {uni} alum here. Could I ask you a few questions about your role at {org} over a {minutes}-minute call?",
    "Hello {name}, {referrer} pointed me your way. Would you have time for a brief informational chat next week?",
)
TWO_LINERS = (
    "{referrer} said you'd be the right person to ask about {field}. Could we grab {minutes} minutes next week?",
    "I'm a {year} at {uni} and very interested in {field}. Would you have time for a short informational interview?",
    "Moving into {field} from {prev} and would love to hear your story — coffee on me if you have {minutes} minutes.",
    "Could I ask you a few questions about working at {org}? Happy to keep it to {minutes} minutes.",
)


QUESTION_LISTS = (
    "How did you get your first role in {field}?",
    "What does a typical week look like for you?",
    "Which skills turned out to matter more than you expected?",
    "What would you do differently if you were starting out today?",
    "Are there communities or courses you'd recommend?",
    "How do people on your team usually grow into senior roles?",
    "What do you wish someone had told you before moving from {prev}?",
)
QUESTION_LEADS = (
    "A few things I'd love to ask you:",
    "If you're open to it, these are the questions on my mind:",
    "To make good use of your time, here's what I was hoping to cover:",
)


def intro_for(rng: random.Random, persona: str) -> str:
    return rng.choice(INTROS[persona])


def body(rng: random.Random, persona: str, shape: str, with_resume: bool) -> str:
    """A request's text; ``shape`` is 'letter', 'long', 'linkedin', 'two_line', 'non_native' or 'follow_up'."""
    if shape == "linkedin":
        return rng.choice(LINKEDIN_NOTES)
    if shape == "two_line":
        return rng.choice(GREETINGS) + "\n\n" + rng.choice(TWO_LINERS) + "\n\n{me}"
    parts: list[str] = [rng.choice(GREETINGS)]
    if shape == "non_native":
        picks = rng.sample(NON_NATIVE, k=rng.randint(3, 5))
        parts.append(" ".join(picks))
        if with_resume:
            parts.append("I attach my CV.")
        parts.append(
            rng.choice(("Best regards,", "Thank you very much,", "Kind regards,")) + "\n{me} {last_me}"
        )
        return "\n\n".join(parts)
    if shape == "follow_up":
        parts.append(rng.choice(FOLLOW_UPS))
    elif rng.random() < 0.35:
        from corpus_parts.negatives import PLEASANTRIES

        parts.append(rng.choice(PLEASANTRIES))
    para = [intro_for(rng, persona)]
    if persona != "referral" and rng.random() < 0.3:
        para.insert(0, intro_for(rng, "referral"))
    para.append(rng.choice(INTEREST))
    if shape == "long":
        para.append(rng.choice(INTEREST))
        parts.append(" ".join(para))
        parts.append(rng.choice(INTEREST) + " " + rng.choice(INTEREST))
    else:
        parts.append(" ".join(para))
    if rng.random() < 0.2:
        questions = rng.sample(QUESTION_LISTS, k=rng.randint(2, 4))
        bullet = rng.choice(("- ", "* ", "• "))
        parts.append(rng.choice(QUESTION_LEADS) + "\n" + "\n".join(bullet + q for q in questions))
    ask = rng.choice(ASKS)
    if rng.random() < 0.5:
        ask += " " + rng.choice(AVAILABILITY)
    parts.append(ask)
    if with_resume:
        parts.append(rng.choice(RESUME_LINES))
    if rng.random() < 0.7:
        parts.append(rng.choice(THANKS))
    parts.append(rng.choice(CLOSINGS) + "\n{me} {last_me}")
    return "\n\n".join(parts)
