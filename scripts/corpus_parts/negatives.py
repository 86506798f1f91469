"""Hard negatives: mail that shares words with a request but is something else.

Each kind is a tuple of (subject templates, paragraph pools); a message takes a greeting, one line from each pool
and a closing, so kinds vary in structure as well as wording. Kinds map to our labels in ``KINDS``.
"""

from __future__ import annotations

import random

from corpus_parts.negatives_other import AUTOMATED, OTHER

Pools = tuple[tuple[str, ...], ...]

JOB_APPLICATION: dict[str, tuple[tuple[str, ...], Pools]] = {
    "cover_letter": (
        (
            "Application for {role} position",
            "{role} – application",
            "Applying: {role} (ref {ref})",
            "Job application: {role}",
        ),
        (
            (
                "I am writing to apply for the {role} position advertised on your careers page.",
                "Please accept this letter and my attached résumé as my application for the {role} opening.",
                "I was excited to see the {role} vacancy at {org} and would like to be considered.",
            ),
            (
                "In my current role at {company} I led a project that cut reporting time by a third.",
                "Over five years in {field} I have managed budgets, teams and demanding stakeholders.",
                "My background in {major} and two internships have prepared me well for this position.",
            ),
            (
                "I would welcome the opportunity to discuss how I could contribute to your team in an interview.",
                "I am available to interview at your convenience and can start within a month.",
                "Thank you for considering my application; I look forward to hearing from you about next steps.",
            ),
        ),
    ),
    "hiring_manager": (
        (
            "Following up on my application",
            "Re: {role} role",
            "Applied for {role} — quick note",
            "Interested in the {role} opening",
        ),
        (
            (
                "I applied for the {role} position last week and wanted to introduce myself directly.",
                "I recently submitted my application for the {role} role on your team.",
                "I saw you are hiring a {role} and I believe I'm a strong fit.",
            ),
            (
                "I'd love to be considered and would be happy to talk about how my experience matches what you need.",
                "Any chance you'd have 15 minutes to chat about the role and what you're looking for in a candidate?",
                "Would you be open to a brief call so I can tell you more about my interest in the position?",
                "Could we set up a call to discuss my candidacy? I think I could hit the ground running.",
                "If there's anything else you need for my application, please let me know.",
            ),
        ),
    ),
    "referral_ask": (
        ("Referral for {role}?", "Would you refer me?", "Quick favour – {role} at {org}"),
        (
            (
                "I noticed {org} has an opening for a {role} and I'm planning to apply.",
                "There's a {role} position on your team that matches my background closely.",
            ),
            (
                "Would you be comfortable submitting an employee referral for me? I've attached my résumé.",
                "I'm very interested in the position — would you be open to a brief chat about it, and possibly a referral?",
                "If you feel comfortable, a referral or a word with the hiring manager would mean a lot.",
                "Could you pass my CV to the recruiter for this role?",
            ),
        ),
    ),
    "job_seeker": (
        ("Open to new opportunities", "Keeping in touch", "Looking for my next role", "Re: {field} roles"),
        (
            (
                "I'm currently looking for my next role in {field} after my contract at {company} ended.",
                "I wanted to let you know that I'm back on the job market and open to {role} positions.",
                "I've been working in {field} for six years and I'm now searching for a new challenge.",
            ),
            (
                "If you hear of any openings on your team or elsewhere, I'd be grateful if you kept me in mind.",
                "I've attached my updated résumé in case a suitable position comes up.",
                "Could you let me know if there are any roles at {org} that might fit my profile?",
            ),
            (
                "I'd be happy to jump on a call to walk you through my experience.",
                "Thanks for thinking of me if something comes up.",
            ),
        ),
    ),
    "pitch_to_leader": (
        ("I'd love to join {org}", "Why I want to work on your team", "A note about your {role} search"),
        (
            (
                "I've admired what {org} is building, and I believe I could make a real contribution as your next {role}.",
                "I read the job description for the {role} role and it reads like my last three years of work.",
                "Your team is hiring, and I'd like to make the case for myself directly.",
            ),
            (
                "At {company} I grew revenue in my region by forty percent and built the team from scratch.",
                "I've shipped products used by millions and I'm confident I can do the same for you.",
                "My skills in {field} line up closely with the requirements you listed.",
            ),
            (
                "Could we schedule a call this week to discuss how I could help the team?",
                "I'd welcome a conversation about the position and next steps in the hiring process.",
                "I'm available to interview whenever suits you.",
            ),
        ),
    ),
    "status_check": (
        ("Application status – {role}", "Checking in on my application", "Any update on the {role} role?"),
        (
            (
                "I interviewed for the {role} role on {day} and wanted to check on the timeline.",
                "I'm writing to ask about the status of my application for {role} (reference {ref}).",
            ),
            (
                "I remain very interested in the position and am happy to provide references.",
                "Please keep me in mind for this or any similar opening.",
            ),
        ),
    ),
}

THREAD_REPLY: dict[str, tuple[tuple[str, ...], Pools]] = {
    "thanks_after_info": (
        ("Thank you!", "Re: Informational interview", "Thanks for your time today", "Re: Coffee chat?"),
        (
            (
                "Thank you so much for taking the time to talk with me yesterday.",
                "I really enjoyed our conversation this morning and wanted to say thanks.",
                "Thanks again for meeting with me on {day} — it was incredibly helpful.",
                "I wanted to thank you for the informational interview last week.",
                "Thank you for sharing your experience in {field} during our call.",
                "I'm grateful you made time for our coffee chat despite your schedule.",
            ),
            (
                "Your advice about building a portfolio first is exactly what I needed to hear.",
                "I especially appreciated your insights on how your team hires and what skills matter most.",
                "Hearing how you moved from {major} into {field} gave me a much clearer picture of the path.",
                "Your point about talking to more people in the field before deciding really stuck with me.",
                "The way you described a typical week at {org} was eye-opening.",
            ),
            (
                "I've already started reading the book you recommended.",
                "I'll follow up with {referrer} as you suggested.",
                "I've signed up for the course you mentioned.",
                "As you suggested, I'm going to reach out to a couple of people on your team.",
            ),
            (
                "I'll keep you posted on how things go.",
                "I hope to return the favour someday.",
                "If I can ever be helpful to you, please don't hesitate to ask.",
                "Thank you again for your generosity with your time.",
            ),
        ),
    ),
    "thanks_after_job_interview": (
        ("Thank you – {role} interview", "Re: Interview on {day}", "Thanks for the interview"),
        (
            (
                "Thank you for interviewing me for the {role} position today.",
                "I appreciated the chance to meet the team and discuss the {role} role.",
                "Thank you for taking the time to speak with me about the {role} opening.",
                "It was a pleasure talking with you and the panel on {day}.",
            ),
            (
                "I enjoyed learning about the projects your team is working on.",
                "Learning about the challenges ahead for the team confirmed my interest.",
                "Our conversation about how the team measures success was especially helpful.",
            ),
            (
                "Our discussion about the roadmap made me even more excited about joining {org}.",
                "After learning more about the role, I'm even more interested in the position.",
                "I enjoyed the chance to learn about the team, and I'm grateful for the time everyone gave me.",
                "I'm confident my experience with {field} would help the team reach its goals.",
            ),
            (
                "Please let me know if you need anything else from me.",
                "I look forward to hearing about next steps.",
            ),
        ),
    ),
    "thanks_after_coffee": (
        ("Thanks for the coffee!", "Re: coffee chat", "Grateful for your advice", "Following up with thanks"),
        (
            (
                "Thanks so much for the coffee and conversation on {day}.",
                "I just wanted to send a quick note of thanks for your time and advice last week.",
                "Thank you for speaking with me about your career — I learned a great deal.",
                "I truly appreciate you taking time out of your busy schedule to share your advice.",
                "Thank you for your time today and for being so open about your work.",
            ),
            (
                "Your advice to focus on one specialty first was really valuable, and I've already acted on it.",
                "The insights you shared about your own career changes gave me a lot to think about.",
                "I appreciated how candid you were about the ups and downs of working in {field}.",
                "Your advice on networking and on which skills to build next was exactly what I needed.",
                "I've taken your advice and started reaching out to the contacts you suggested.",
            ),
            (
                "I'll let you know how my search goes.",
                "I'll be sure to pass on the favour to others someday.",
                "I hope our paths cross again soon.",
            ),
        ),
    ),
    "scheduling": (
        (
            "Re: Informational interview request",
            "Re: Quick chat",
            "Re: Request for a brief chat",
            "RE: coffee next week",
        ),
        (
            (
                "Tuesday at 3 works perfectly — I'll send a calendar invite.",
                "Great, see you {day} at 10:30. My number is below in case anything changes.",
                "Thanks for getting back to me! Unfortunately I have to move our call to {day}; does the same time work?",
                "Confirming our chat on {day}. I'll call you at the number you gave.",
            ),
        ),
    ),
    "feedback_request": (
        ("Re: Your application", "Re: {role} – update", "Feedback?"),
        (
            (
                "Thank you for letting me know about your decision.",
                "I was disappointed to hear the position went to another candidate, but I appreciate the update.",
            ),
            (
                "If you have a moment, I'd welcome any feedback on how I could strengthen my application.",
                "I'd be grateful for any pointers on where my interview fell short.",
            ),
        ),
    ),
    "internal_reply": (
        ("Re: Fwd: {field} question", "Re: interview programme", "RE: who can take this?", "Re: next steps"),
        (
            (
                "I can take this one — I'll reach out to them this week.",
                "Already replied to her yesterday, we're meeting {day}.",
                "Sounds good, thanks for looping me in.",
                "I'm out next week, can someone else cover?",
            ),
        ),
    ),
}

KINDS: dict[str, dict[str, tuple[tuple[str, ...], Pools]]] = {
    "job_application": JOB_APPLICATION,
    "thread_reply": THREAD_REPLY,
    "other": OTHER,
    "automated": AUTOMATED,
}
PAPERS = (
    "the Daily Ledger",
    "Metro Business Weekly",
    "TechBeat",
    "Radio Lakeshore",
    "The Northbridge Review",
)
NEG_GREETINGS = ("Hi {name},", "Hello {name},", "Dear {name},", "Hi,", "Hello team,", "{name},", "")
NEG_CLOSINGS = ("Best,", "Regards,", "Thanks,", "Kind regards,", "Sincerely,", "Cheers,", "")


# Phrases every kind of personal mail shares with requests, so that they carry no weight on their own.
PLEASANTRIES = (
    "I hope you're doing well.",
    "I hope this email finds you well.",
    "I hope your week is off to a good start.",
    "I hope you had a restful weekend.",
    "Congratulations on your recent promotion!",
    "I hope all is well with you.",
)
SHARED_ENDINGS = (
    "Looking forward to hearing from you.",
    "I'd love to hear your thoughts.",
    "Thanks so much for your time.",
    "I really appreciate your help.",
    "Let me know what you think.",
    "Hope to talk soon!",
)


def compose(rng: random.Random, pools: Pools, automated: bool, intro: str = "") -> str:
    """One line from each pool (the last pools are sometimes dropped), wrapped in a greeting and closing.

    ``intro`` is a persona sentence borrowed from the request grammar: students and career changers also send
    applications, thank-you notes and catch-ups, so "I'm a senior studying economics" must not decide a label.
    """
    keep = len(pools) if rng.random() < 0.7 else max(1, len(pools) - 1)
    lines = [rng.choice(pool) for pool in pools[:keep]]
    if automated:
        return "\n\n".join(lines)
    if intro:
        lines.insert(0, intro)
    if rng.random() < 0.4:
        lines.insert(0, rng.choice(PLEASANTRIES))
    if rng.random() < 0.5:
        lines.append(rng.choice(SHARED_ENDINGS))
    text = " ".join(lines) if rng.random() < 0.5 else "\n\n".join(lines)
    closing = rng.choice(NEG_CLOSINGS)
    sign = closing + "\n{me} {last_me}" if closing else "{me}"
    return "\n\n".join(p for p in (rng.choice(NEG_GREETINGS), text, sign) if p)
