"""Everyday mail that is none of our business: list discussions, offers, personal notes, office admin.

A shared mailbox sees far more of this than of requests, and it comes in every topic. Sentences are built from
templates × topic vocabularies so the classifier meets many unrelated words labelled ``other`` (or, quoted
under a reply, ``thread_reply``) and learns that an unfamiliar topic is not evidence of a request.
"""

from __future__ import annotations

import random

TOPICS = {
    "tech": {
        "thing": (
            "the build script",
            "kernel 2.4 module",
            "the mail filter",
            "RPM package",
            "Perl script",
            "the DNS resolver",
            "the backup cron job",
            "Apache config",
            "the IMAP server",
            "my firewall rules",
            "the Debian mirror",
            "the sound driver",
            "the test suite",
            "this patch",
            "the USB scanner",
            "the bayes database",
        ),
        "verb": (
            "crashes",
            "hangs on startup",
            "segfaults",
            "refuses to compile",
            "leaks memory",
            "times out",
            "works fine",
            "drops packets",
            "misreports the date",
            "fills the disk",
        ),
        "fix": (
            "upgrading to the latest release",
            "setting the environment variable",
            "reverting the last change",
            "adding a line to the config file",
            "rebuilding from source",
            "clearing the cache",
            "rebooting",
        ),
    },
    "offer": {
        "thing": (
            "our premium membership",
            "this exclusive offer",
            "a free trial",
            "the new credit card",
            "our diet plan",
            "this investment opportunity",
            "low mortgage rates",
            "the printer cartridges",
            "our web hosting",
            "a luxury watch",
            "the online casino",
            "discount software",
        ),
        "verb": (
            "expires tonight",
            "is available for a limited time",
            "saves you hundreds",
            "has been approved for you",
            "is guaranteed",
            "ships free worldwide",
        ),
        "fix": (
            "clicking the link below",
            "replying with your details",
            "calling our toll-free number",
            "visiting our site",
        ),
    },
    "personal": {
        "thing": (
            "the barbecue on Saturday",
            "grandma's birthday",
            "the camping trip",
            "our book club",
            "the football game",
            "the new apartment",
            "my sister's wedding",
            "the holiday photos",
            "the car repair",
            "the garden",
        ),
        "verb": (
            "is still on",
            "got moved to Sunday",
            "was a lot of fun",
            "needs a few more hands",
            "cost more than expected",
        ),
        "fix": ("bringing a salad", "calling me tonight", "checking the weather", "sending the pictures"),
    },
    "business": {
        "thing": (
            "the invoice for March",
            "the signed contract",
            "the quarterly report",
            "the shipping schedule",
            "the vendor agreement",
            "the insurance renewal",
            "the expense claim",
            "the budget forecast",
            "the audit findings",
            "the purchase order",
        ),
        "verb": (
            "is overdue",
            "needs your signature",
            "has been updated",
            "was approved",
            "is attached",
            "has a typo on page 2",
        ),
        "fix": (
            "forwarding it to finance",
            "approving it in the portal",
            "checking the totals",
            "signing by Friday",
        ),
    },
    "travel": {
        "thing": (
            "the flight to Lisbon",
            "our hotel booking",
            "the conference trip",
            "the train tickets",
            "the rental car",
            "my passport renewal",
            "the visa appointment",
            "the airport shuttle",
        ),
        "verb": (
            "was cancelled",
            "has been confirmed",
            "is delayed by two hours",
            "needs a new date",
            "is fully booked",
        ),
        "fix": (
            "booking the later option",
            "calling the agency",
            "checking in online",
            "asking for a refund",
        ),
    },
    "school": {
        "thing": (
            "the parents' evening",
            "the exam timetable",
            "the library fines",
            "the enrolment form",
            "the lab safety course",
            "the thesis deadline",
            "the course registration",
            "the campus parking permit",
            "the tuition payment",
        ),
        "verb": (
            "has moved to next week",
            "is now online",
            "must be completed by Friday",
            "was extended",
            "is mandatory",
        ),
        "fix": (
            "logging into the student portal",
            "emailing the registrar",
            "picking up the form at reception",
        ),
    },
    "news": {
        "thing": (
            "the election results",
            "the new phone launch",
            "the stock market",
            "the merger talks",
            "the heat wave",
            "the open-source licence debate",
            "the antitrust case",
            "the space launch",
            "the housing market",
        ),
        "verb": (
            "dominated the headlines",
            "surprised analysts",
            "is expected to continue",
            "drew criticism",
            "was delayed",
        ),
        "fix": ("reading the full article", "following our live coverage", "subscribing for updates"),
    },
}
SENTENCES = (
    "Has anyone else noticed that {thing} {verb}?",
    "I think {thing} {verb} — you can work around it by {fix}.",
    "Just a heads-up: {thing} {verb}.",
    "We tried {fix}, but {thing} still {verb}.",
    "As far as I know {thing} {verb} since last week.",
    "Quick update: {thing} {verb}, so I suggest {fix}.",
    "Don't miss out: {thing} {verb}! Act now by {fix}.",
    "Thanks for the reminder about {thing}.",
    "FWIW, {thing} {verb} here too.",
    "Can you confirm that {thing} {verb}?",
    "Let me know if {thing} {verb} again and we'll look into {fix}.",
    "I'll take care of {thing} tomorrow.",
    "Does anyone have any idea why {thing} {verb}? I would be grateful for any pointers.",
    "Would you be able to have a look at {thing} when you have a few minutes?",
    "If you have any questions about {thing}, please let me know.",
    "I was wondering if you could help me with {thing}; it {verb} and I'm not sure what to do.",
    "Could you send me your thoughts on {thing} before our call?",
    "I have been meaning to ask you about {thing} for a while.",
    "It would be great if we could talk about {thing} at some point this week.",
    "I'd appreciate your advice on {thing}, since you know more about it than I do.",
    "Have you had a chance to look at {thing} yet? No rush.",
    "Would it be possible to get an update on {thing} by {day}?",
    "We should meet up for coffee and sort out {thing}.",
    "I'm not sure how this works, but apparently {thing} {verb}.",
    "My experience so far is that {thing} {verb} whenever we skip {fix}.",
)
# Everyday English that a request grammar also uses ("trying to", "learn", "a few minutes", "at 4pm"): here it
# is spread over unrelated topics, so that such words alone are not evidence of a request.
COMMON = (
    "I'm trying to understand why {thing} {verb}; people said it would be fixed by now.",
    "It took me a bit of time to learn how {thing} works, but it's fine now.",
    "Give me a minute and I'll send you the details about {thing}.",
    "Short version: {thing} {verb}. Longer version at the meeting at 3pm.",
    "We're meeting at 10am on {day} to talk about {thing}; join if you have time.",
    "My request is simple: please look at {thing} before 5pm.",
    "Many people have asked me about {thing}, so here is a quick summary.",
    "Quick reminder that {thing} {verb}. Better to sort it out soon than late.",
    "I work from home on {day}, so I'll check {thing} then.",
    "Good question. I think {thing} {verb} because nobody tried {fix}.",
    "Does anyone know a person who can help with {thing}? I'd be grateful for a name.",
    "I'm moving house next week, so I may be slow to answer about {thing}.",
    "Seeking volunteers to look at {thing}; it should only take a few minutes.",
    "Excuse the short note — {thing} {verb} and I'm in a rush.",
    "Thanks, that helped a lot. I learned something new about {thing} today.",
    "Let's decide on {thing} next week; there's no need to rush.",
    "Most people I work with would like {thing} sorted before the weekend.",
    "I got a phone call this morning about {thing}; apparently it {verb}.",
    "Would anyone like to ask a few questions about {thing}? Call me any time after lunch.",
    "Did you find time to work on {thing}? People keep asking me on the phone.",
    "Got your message. I'd like to talk it through by phone if you're free in the afternoon.",
    "Feel free to ring me on my mobile; I'm happy to explain {thing} in a short call.",
    "I'd love a few minutes of your time to go over {thing} before the weekly meeting.",
    "It would be good to meet someone who knows {thing} well; do you know anyone?",
)
SUBJECTS = (
    "{Thing}",
    "Re: {thing}",
    "Question about {thing}",
    "[list] {thing} {verb}",
    "Update on {thing}",
    "{Thing} {verb}!",
    "FYI: {thing}",
    "Problem with {thing}",
    "Re: [list] {thing}",
    "About {thing}",
)
SIGNATURES = (
    "",
    "--\nSent from my phone",
    "-- \n_______________________________________________\nlist mailing list\nhttps://lists.example.net/listinfo",
    "Regards,\n{me}",
    "Cheers,\n{me}",
    "{me}",
    "Thanks,\n{me} {last_me}\nOperations",
    "--\nTo unsubscribe reply STOP",
)


def message(rng: random.Random, quote: bool) -> tuple[str, str]:
    """(subject, body) about a random topic; ``quote`` adds the quoted text a reply carries."""
    topic = TOPICS[rng.choice(sorted(TOPICS))]

    def fill(template: str) -> str:
        thing = rng.choice(topic["thing"])
        return template.format(
            thing=thing,
            Thing=thing[:1].upper() + thing[1:],
            verb=rng.choice(topic["verb"]),
            fix=rng.choice(topic["fix"]),
            day="{day}",
        )

    sentences = [
        fill(rng.choice(SENTENCES if rng.random() < 0.6 else COMMON)) for _ in range(rng.randint(1, 6))
    ]
    paragraphs = []
    while sentences:
        take = rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[:take]))
        sentences = sentences[take:]
    body = "\n\n".join(paragraphs)
    if quote:
        quoted = "\n".join("> " + fill(rng.choice(SENTENCES)) for _ in range(rng.randint(1, 4)))
        body = (
            body + "\n\nOn {day}, {other} wrote:\n" + quoted if rng.random() < 0.5 else quoted + "\n\n" + body
        )
    signature = rng.choice(SIGNATURES)
    return fill(rng.choice(SUBJECTS)), body + ("\n\n" + signature if signature else "")
