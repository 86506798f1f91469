"""Purposes that ask for the same time in the same words, for something other than a career conversation.

Labels follow the rest of the corpus: ``other`` unless the message plainly is something else (a thank-you after
a job interview is ``thread_reply``, as in ``negatives.THREAD_REPLY``). Kinds that already exist elsewhere keep
their family name (``press``, ``sales_coffee``, ``recruiter``, ``thanks_after_job_interview``).
"""

from __future__ import annotations

from corpus_parts.purposes import Purpose

NEGATIVE: dict[str, Purpose] = {
    "press": Purpose(
        label="other",
        subjects=("Media request: {topic}", "Comment for a story?", "Interview request from {paper}"),
        openings=(
            "I'm a reporter at {paper} writing a piece on {topic}.",
            "I produce a weekly business programme for {paper} and we're doing a segment on {topic}.",
            "I'm working on a feature for {paper} about how employers are handling {topic}.",
            "I'm a freelance journalist pitching a story on {topic} to a national paper.",
        ),
        aims=(
            "I'm looking for someone at {org} who can comment on the record.",
            "I'd like to quote you by name; the piece runs on {day}.",
            "We need an expert voice before our deadline, and your name came up twice.",
            "Your comments would be attributed to you and your title unless you'd rather stay on background.",
        ),
        questions=(
            "How is your company responding to {topic}?",
            "Have you seen a change in the last year?",
            "Can we use your name and title?",
        ),
    ),
    "research_interview": Purpose(
        label="other",
        subjects=("Research interview: {topic}", "Thesis interview request", "PhD study participation"),
        openings=(
            "I'm a PhD candidate at {uni} writing my dissertation on {topic}.",
            "For my master's thesis I'm interviewing practitioners about {topic}.",
            "I'm a researcher at {uni} running a study of how companies manage {topic}.",
            "My doctoral project compares how firms in your sector handle {topic}.",
        ),
        aims=(
            "I'm hoping to interview you as an expert on how organisations like yours approach it.",
            "The interview covers your team's practices; answers are anonymised and the study has ethics approval.",
            "I'd like to record the conversation for transcription, with your consent.",
            "Your view as a practitioner would add a great deal to the findings.",
        ),
        questions=(
            "How does your organisation decide on {topic}?",
            "Which tools or policies do you use?",
            "What barriers have you run into?",
            "May I record the interview?",
        ),
    ),
    "topic_assignment": Purpose(
        label="other",
        subjects=("Class project: {topic}", "Student project question", "Interview for our case study"),
        openings=(
            "For a group project in our operations course we have to interview a practitioner about {topic}.",
            "Our class assignment is a case study of how {org} handles {topic}, and we need to talk to someone who works on it.",
            "I'm a student at {uni} and our seminar asks us to interview a company about {topic}.",
        ),
        aims=(
            "We'd ask about the process and the tools you use; the write-up is only shared with our lecturer.",
            "We need a practitioner's account of how it works in practice, for a report due on {day}.",
            "Any data you can share stays in the report, which only our tutor will read.",
        ),
        questions=(
            "How does your company measure {topic}?",
            "Who is responsible for it internally?",
            "What would you change about the current process?",
        ),
    ),
    "speaking": Purpose(
        label="other",
        subjects=(
            "Speaking invitation: {conf}",
            "Guest on our podcast?",
            "Careers day at our school",
            "Panel invite",
        ),
        openings=(
            "We're organising {conf} in {city} this autumn and would love you to speak on a panel about {topic}.",
            "I host a podcast about people who build products, and I'd love to have you as a guest.",
            "I teach at a secondary school near your office, and our careers day is on {day}.",
            "I run the guest-lecture series for the {major} course at {uni} and we're planning next term.",
            "Our meetup group holds a talk night every month and we're looking for our next speaker.",
        ),
        aims=(
            "The session is 45 minutes including questions, and we cover travel.",
            "Would you come and tell our pupils about your job for twenty minutes? They love real examples.",
            "I'd like to talk through the format and the audience before you decide.",
            "Episodes are recorded remotely and go out a fortnight later.",
        ),
        questions=(
            "Which dates would suit you?",
            "Do you have slides already?",
            "Who should we invoice for travel?",
        ),
    ),
    "recommendation": Purpose(
        label="other",
        subjects=("Reference request", "Would you be a referee?", "Recommendation letter"),
        openings=(
            "I'm applying to a master's programme at {uni} and need two professional references.",
            "You supervised my internship at {org} last summer, and I'm applying for scholarships now.",
            "I'm putting together my application for a fellowship and you know my work better than anyone.",
            "I've been offered a place on a course that asks for a letter of recommendation from a former manager.",
        ),
        aims=(
            "Would you be willing to write me a recommendation letter? The deadline is {day}.",
            "I can send you my CV and a short list of points you might cover, to save you time.",
            "I'd like to tell you about the programme so the letter can speak to what they're looking for.",
            "The referee form takes about twenty minutes and goes straight to the admissions office.",
        ),
        questions=("Which projects should the letter mention?", "Is the deadline workable for you?"),
    ),
    "sales_coffee": Purpose(
        label="other",
        subjects=("Idea for your {team} team", "Quick intro – {sales}", "Saving your team time"),
        openings=(
            "I'm on the partnerships team at {sales}; we help {team} teams cut the time they spend on reporting.",
            "Teams like yours at {company} switched to {sales} last year and halved their month-end close.",
            "I noticed {org} is hiring in {team}, which usually means the tooling is starting to creak.",
            "I'd love to pick your brain about how your {team} team handles approvals today.",
        ),
        aims=(
            "I'd love to show you a short demo and hear how your team works today.",
            "If there's a fit, we can set up a free trial for your whole team.",
            "I'd like to share what we're seeing at similar companies and see whether it's relevant to you.",
        ),
        questions=(
            "Which tools does your team use today?",
            "Who signs off on new software?",
            "When does your budget year start?",
        ),
    ),
    "fundraising": Purpose(
        label="other",
        subjects=("Sponsorship for {charity}", "Could {org} support us?", "Fundraising question"),
        openings=(
            "I volunteer for {charity}, which runs free coding clubs for teenagers.",
            "I'm running the city marathon in April for {charity}.",
            "Our school's parent association is looking for local sponsors for the summer fair.",
            "I'm on the board of {charity} and we're planning our annual appeal.",
        ),
        aims=(
            "We're hoping {org} might sponsor a table, or match employee donations.",
            "I'd love to tell you about our donation tiers and what each one pays for.",
            "Any support, even a raffle prize, would make a real difference to us.",
            "I'd like to explain how the partnership works and how your staff could volunteer.",
        ),
        questions=("Does {org} have a community fund?", "Who handles sponsorship requests?"),
    ),
    "recruiter": Purpose(
        label="other",
        subjects=("Confidential search", "Head of {field} role", "Are you open to a move?"),
        openings=(
            "I'm a headhunter working on a confidential search for a Head of {field} at a fast-growing company.",
            "I lead technology hiring at a search firm and your profile stood out for a role I'm filling.",
            "One of my clients is building a new {team} function and has asked me to approach a few people like you.",
        ),
        aims=(
            "Your background is a strong match, and I'd like to tell you about the role in confidence.",
            "The package is well above market, with equity and a fully remote option.",
            "Even if you're happy where you are, I'd love to know who you'd recommend for it.",
        ),
        questions=("What would make a move worth it for you?", "What is your notice period?"),
    ),
    "admissions": Purpose(
        label="other",
        subjects=(
            "Your application to our programme",
            "Admissions question",
            "Places left in our spring cohort",
        ),
        openings=(
            "I'm on the admissions team for the part-time MBA at {uni}, and your profile suggests it could suit you.",
            "I'm an adviser for a data bootcamp, and we still have a few places in the spring cohort.",
            "I'm hoping to join {org}'s apprenticeship programme in September and I'm unsure about the entry rules.",
            "I'm applying to your company's graduate scheme and wanted to check whether my degree qualifies.",
        ),
        aims=(
            "I'd like to walk you through the entry requirements, fees and scholarships.",
            "I have a few questions about eligibility before I submit the form.",
            "Our next intake closes on {day}, and I'd be happy to answer questions about the application.",
            "I want to make sure my application is complete before the deadline.",
        ),
        questions=(
            "Is a second-class degree accepted?",
            "Can the course be taken part-time?",
            "Are there scholarships for career changers?",
        ),
    ),
    "favour": Purpose(
        label="other",
        subjects=("A favour", "Small favour to ask", "Would you take a look?"),
        openings=(
            "Could you introduce me to {other}, who runs procurement at {org}? I'd like to pitch our service.",
            "I've built a budgeting app and I'm looking for a handful of beta testers.",
            "Would you take a look at our start-up's pitch deck before our seed round next month?",
            "I'm collecting answers to a five-minute survey about remote work for my side project.",
            "Could you share my crowdfunding page with your network? We're ten days from the deadline.",
        ),
        aims=(
            "Your name would open doors that a cold email won't.",
            "Honest feedback from someone senior would help us a lot before we go to investors.",
            "It only needs your thoughts on the first few screens.",
            "The link is below, and every answer counts.",
        ),
        questions=(
            "Is the pricing slide convincing?",
            "Would you use the app yourself?",
            "Who else should I ask?",
        ),
    ),
    "thanks_after_job_interview": Purpose(
        label="thread_reply",
        subjects=("Thank you – {role} interview", "Thanks for today", "Following up on my interview"),
        openings=(
            "Thank you for interviewing me for the {role} position this morning.",
            "I wanted to thank you and the panel for your time on {day}.",
            "Thanks again for walking me through the team's plans during my interview.",
        ),
        aims=(
            "Hearing about the first ninety days made me even keener on the role.",
            "I've thought more about the case question and added a short note on how I'd approach it.",
            "If anything else would help your decision, I'm happy to provide it.",
        ),
        questions=(),
        ask_share=0.3,
        reply_share=0.4,
    ),
    "mentor_update": Purpose(
        label="other",
        subjects=("Good news!", "An update", "I got the job!", "Quick update"),
        openings=(
            "I just wanted to tell you I got the job at {company}!",
            "Quick update: I passed the certification you told me to take.",
            "You'll remember our talks last spring about leaving {prev}; I finally handed in my notice.",
            "I start my new role on {day}, and I wanted you to hear it from me first.",
        ),
        aims=(
            "Your advice made a real difference, and I'm very grateful.",
            "I'd love to buy you a coffee to say thank you properly.",
            "I'll send news once I've settled in.",
            "No need to reply; I just wanted to share it with you.",
        ),
        questions=(),
        ask_share=0.35,
    ),
    "mentee_checkin": Purpose(
        label="other",
        subjects=("Our monthly check-in", "Mentoring session", "Before our next session", "Check-in"),
        openings=(
            "Ahead of our monthly mentoring session, here's what I've worked on since we last spoke.",
            "Could we move our usual check-in this month? I have an exam on the day we'd planned.",
            "I finished the reading you set and drafted the plan we talked about last time.",
            "As agreed at our last session, I've started tracking my goals in the shared document.",
        ),
        aims=(
            "I'd like to go through the draft with you and agree the next goal.",
            "I'm stuck on the second goal and would like your view before I change it.",
            "The programme asks us to log each session, so I'll fill the form in afterwards.",
        ),
        questions=(
            "Is the plan realistic for the next quarter?",
            "Should I drop the second goal?",
            "What should I read next?",
        ),
        ask_share=0.8,
    ),
}
WEIGHTS = {
    "press": 1.2,
    "research_interview": 1.5,
    "topic_assignment": 1.0,
    "speaking": 1.3,
    "recommendation": 1.0,
    "sales_coffee": 1.2,
    "fundraising": 1.0,
    "recruiter": 0.8,
    "admissions": 1.0,
    "favour": 1.2,
    "mentor_update": 1.2,
    "mentee_checkin": 1.2,
}
