"""Career-exploration purposes for the shared ask forms of ``purposes``: each is a family of its own.

Most never say "informational interview" or "coffee chat": they ask for advice, for the story of someone's path,
for a view of an industry, on behalf of a returner, a career changer or a relative of a member of staff. The
words of each purpose were written for it alone, so holding one family out leaves no copy of its sentences in
another.
"""

from __future__ import annotations

from corpus_parts.purposes import Purpose

POSITIVE: dict[str, Purpose] = {
    "returner": Purpose(
        label="interview_request",
        subjects=("Returning to {field} after a break", "Advice for a returner?", "Coming back to work"),
        openings=(
            "I stepped away from {field} {gap} years ago to raise my children, and I'm now getting ready to go back.",
            "After {gap} years out of the workforce caring for my father, I'm planning my return to work.",
            "I worked as a {role} until my second child was born and have been at home since.",
            "I took a long career break for health reasons and I'm finally well enough to think about work again.",
            "My last job in {field} ended when we moved abroad for my husband's posting; we're back now.",
            "I've been out of paid work for a while and my confidence about the job market is not what it was.",
            "We worked together at {company} years ago; I left to look after my parents and I'm ready to come back.",
            "You may remember me from {company}. I've been away from the industry for {gap} years and I'm planning a return.",
        ),
        aims=(
            "So much has changed since I left that I'd value hearing from someone who does the work today.",
            "I'd love your advice on how to explain the gap and which skills I should refresh first.",
            "I'm trying to work out whether to return to my old specialty or try something next to it.",
            "Hearing how your team works now would help me judge how far behind I really am.",
            "Any advice on returnships, refresher courses or simply where to start would help me enormously.",
        ),
        questions=(
            "What has changed most in the work over the last few years?",
            "How do people you know explain a long gap on their CV?",
            "Which tools would I be expected to know on day one?",
            "Are returner programmes worth it, in your view?",
        ),
    ),
    "career_changer": Purpose(
        label="interview_request",
        subjects=("Changing careers", "From {prev} to {field}?", "Thinking about a change"),
        openings=(
            "I've taught secondary-school maths for eleven years and I'm seriously considering a move into {field}.",
            "I'm a nurse by training, and over the past year I've become more and more drawn to {field}.",
            "After a decade in {prev}, I want to change direction, and {field} keeps coming up.",
            "I'm a chef who has started teaching myself {field} in the evenings.",
            "I spent my twenties in the army and I'm now looking at civilian careers, {field} among them.",
        ),
        aims=(
            "Before I commit to a course, I'd like to understand what the day-to-day really involves.",
            "I'd love to hear which parts of my experience might carry over and which gaps I'd need to fill.",
            "Talking to someone who actually does the job seems like the sensible thing to do before I jump.",
            "I'm not looking for a job yet; I'm trying to find out whether this is the right move at all.",
        ),
        questions=(
            "Did anyone on your team come from a completely different line of work?",
            "Which skills from my current job would count for something?",
            "Is a formal qualification necessary, or do people learn on the job?",
            "What surprised you most about the work?",
        ),
    ),
    "staff_relative": Purpose(
        label="interview_request",
        subjects=(
            "{referrer} suggested I write",
            "Introduction via {referrer}",
            "Hello from {referrer}'s family",
        ),
        openings=(
            "My {kin} {referrer} works in your {team} team and said you might be willing to talk to me.",
            "{referrer}, who is my {kin}, works with you on the {team} side and passed on your address.",
            "I got your name from my {kin}, {referrer}, who has been at {org} for a few years.",
            "My {kin} works at {org} and thought you would be the best person to ask.",
            "{referrer} from your {team} team is a family friend and told me you were kind to newcomers.",
        ),
        aims=(
            "I'm finishing my degree in {major} and trying to understand what working somewhere like {org} is like.",
            "I'd love to hear how you started out and what you think someone my age should do first.",
            "I'm weighing up two very different paths after school and your experience would help me choose.",
            "I have no contacts in {field} apart from family, so any advice about getting a foot in would be gold.",
        ),
        questions=(
            "What did your first year in the job look like?",
            "Would you do the same degree again?",
            "What do you look for in people who join the team straight from university?",
        ),
    ),
    "pick_brain": Purpose(
        label="interview_request",
        subjects=("Pick your brain?", "Some advice?", "A bit of advice"),
        openings=(
            "I'm at a crossroads between staying technical and moving into management.",
            "I've been offered a place on a graduate scheme and a job at a start-up, and I'm torn.",
            "I'm three years into my first job in {field} and not sure what the next step should be.",
            "I keep hearing that the people who do well in {field} plan their moves early, and I haven't.",
        ),
        aims=(
            "I'd love to pick your brain about how you've made decisions like this in your own career.",
            "Could I pick your brain about how you think about the next few years in {field}?",
            "You seem to have made the move I'm considering, so I'd really value your honest view.",
            "I'd be grateful for your perspective as someone who has been further down this road.",
        ),
        questions=(
            "How did you decide when it was time to move on?",
            "What would you tell yourself three years into the job?",
            "Is management the only way up where you work?",
        ),
    ),
    "your_path": Purpose(
        label="interview_request",
        subjects=("Your path to {org}", "How did you get there?", "Your story"),
        openings=(
            "I've followed your move from {prev} into {field} with a lot of interest.",
            "I read the profile of you in the company blog and your route into the job is not the usual one.",
            "I'm curious how you went from an entry-level role to leading a team at {org}.",
            "Your career so far looks a lot like the one I'm hoping to have.",
        ),
        aims=(
            "I'd love to hear how you got where you are, and what you'd do differently with hindsight.",
            "Hearing the story behind the job titles would teach me more than any article could.",
            "I'm trying to plan my own next few years, and hearing how yours unfolded would help a lot.",
            "I'd love to know which turns were planned and which were luck.",
        ),
        questions=(
            "How did you land your first job in {field}?",
            "Was there a moment when things clicked?",
            "Who helped you along the way?",
            "What would you skip if you did it all again?",
        ),
    ),
    "industry_call": Purpose(
        label="interview_request",
        subjects=("A short call about {industry}?", "Learning about {industry}", "Outsider's question"),
        openings=(
            "I'm trying to get a feel for the {industry} industry before I decide whether to build a career in it.",
            "I know very little about how {industry} companies work from the inside.",
            "I've been offered interviews in {industry} and realise I don't know what working there is like.",
            "Everyone tells me {industry} is a good place to start out, but nobody can tell me why.",
        ),
        aims=(
            "A short call about the industry, from someone working in it, would help me decide where to aim.",
            "I'd like to understand what kinds of roles exist and how people move between them.",
            "I'd be grateful for an insider's sense of what the work and the people are like.",
            "It would help me a lot to hear what you enjoy about working in the sector and what you don't.",
        ),
        questions=(
            "What kinds of roles do graduates usually start in?",
            "How do people tend to move around the industry?",
            "What do newcomers usually get wrong about it?",
        ),
    ),
    "breaking_in": Purpose(
        label="interview_request",
        subjects=("Getting started in {field}", "Advice on a first role", "Breaking in"),
        openings=(
            "I've been trying to break into {field} for a year, and every entry-level posting asks for experience.",
            "I'm self-taught in {field}, with a few projects behind me and no job in the field yet.",
            "I finished a bootcamp in the autumn and I'm finding the first step much harder than I expected.",
            "I've applied to a lot of junior roles without a single interview, so I must be missing something.",
        ),
        aims=(
            "Any advice on how people actually get their first role would mean a lot.",
            "I'd love to understand what people hiring for junior roles really look for.",
            "Your advice on where to focus my energy would save me months of guessing.",
            "I'm not asking for a job, just for an honest view of what I should be doing differently.",
        ),
        questions=(
            "What did your own first step look like?",
            "Do side projects count for anything?",
            "Where do junior roles actually get advertised?",
        ),
    ),
    "alumni": Purpose(
        label="interview_request",
        subjects=("Fellow {uni} alum", "{uni} grad saying hello", "From one {uni} graduate to another"),
        openings=(
            "We both went through the {major} programme at {uni}; I finished last year.",
            "I found you in the {uni} alumni directory under {field}.",
            "I'm a {uni} graduate too, a few years behind you, and our alumni office gave me your name.",
            "Someone in the {uni} alumni group mentioned you'd been generous with recent graduates.",
        ),
        aims=(
            "I'd love to hear how you used the degree after graduating and what you'd do differently.",
            "I'm trying to learn how other graduates from our course found their way into {field}.",
            "It would be great to hear how the first few years after {uni} went for you.",
        ),
        questions=(
            "Which modules turned out to be useful in practice?",
            "How did you find your first role after graduating?",
            "Did you stay in touch with people from the course?",
        ),
    ),
    "career_assignment": Purpose(
        label="interview_request",
        subjects=("Career interview for my course", "Interview for a careers module", "Student question"),
        openings=(
            "For my career-planning module at {uni}, each of us has to interview someone working in a field we're considering.",
            "My course asks us to hold an informational interview with a professional in a career we're exploring.",
            "As part of a careers assignment, I need to talk to someone about how they built their career in {field}.",
            "Our tutor has asked each of us to speak to a person doing a job we might want one day; mine is {field}.",
        ),
        aims=(
            "The questions are about your own path: how you started, what a normal week looks like, what you'd advise a beginner.",
            "I'd like to hear how you got into the work and what you think someone starting out should know.",
            "It's meant to help us decide what to do after graduating, so it's really about your experience of the job.",
        ),
        questions=(
            "How did you choose this career?",
            "What does a typical week look like?",
            "What advice would you give a student thinking of this path?",
        ),
    ),
}
# A coffee ask that reached the team through two forwards (a colleague's, then a manager's): its own family, so
# holding it out tests the double envelope on words the model has not seen in that wrapping.
FORWARDED_TWICE = Purpose(
    label="interview_request",
    subjects=("Coffee?", "coffee sometime", "Would love a coffee", "Coffee and a few questions"),
    openings=(
        "I'm new to the city and to {field}, and I'm trying to meet a few people who know the work.",
        "A friend of mine who knows your colleague said you're the person to talk to about getting started here.",
        "I've just finished my studies and I'm looking around before deciding where to apply.",
    ),
    aims=(
        "I'd love to buy you a coffee and hear how you found your way into the job.",
        "A coffee and a few questions about how you like the work would make my week.",
        "I'd be happy to come to your office for a coffee and hear about your career so far.",
    ),
    questions=("How did you start out?", "What do you enjoy most about the work?"),
)
WEIGHTS = {
    "returner": 1.5,
    "career_changer": 1.0,
    "staff_relative": 1.5,
    "pick_brain": 1.2,
    "your_path": 1.2,
    "industry_call": 1.2,
    "breaking_in": 1.0,
    "alumni": 0.8,
    "career_assignment": 0.8,
}
