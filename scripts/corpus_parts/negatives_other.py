"""Hard negatives addressed to nobody in particular: pitches, press, catch-ups, and automated mail.

Split from ``negatives.py`` to keep modules short; same shape: kind → (subject templates, paragraph pools).
"""

from __future__ import annotations

Pools = tuple[tuple[str, ...], ...]

OTHER: dict[str, tuple[tuple[str, ...], Pools]] = {
    "recruiter": (
        (
            "Exciting {role} opportunity",
            "Your background + a role at {company}",
            "Are you open to new roles?",
        ),
        (
            (
                "I'm a recruiter at {company} and came across your profile.",
                "I'm partnering with a fast-growing client that is hiring a {role}.",
            ),
            (
                "The role is fully remote and the compensation is well above market.",
                "Given your experience in {field}, I think you'd be a fantastic fit.",
            ),
            (
                "Would you be open to a quick 15-minute call this week to discuss?",
                "Let me know if you're interested and I'll send over the job description.",
            ),
        ),
    ),
    "sales_coffee": (
        ("Coffee on us?", "Quick intro – {sales}", "15 minutes to cut your costs?", "Idea for {org}"),
        (
            (
                "I'm reaching out from {sales} — we help teams like yours reduce cloud spend by up to 30%.",
                "Companies like {company} use {sales} to double their pipeline in one quarter.",
                "I noticed {org} is growing fast, congrats!",
            ),
            (
                "Could I buy you a virtual coffee and show you a quick demo?",
                "Are you free for a 15-minute call next week to see if there's a fit?",
                "I'd love to learn about your priorities for next year and share what we're seeing in the market.",
            ),
            (
                "If you're not the right person, could you point me to who is?",
                "Happy to send a gift card for your time.",
            ),
        ),
    ),
    "press": (
        ("Interview request from {paper}", "Media inquiry: {field}", "Press request – comment for a story"),
        (
            (
                "I'm a reporter with {paper} working on a story about {field}.",
                "I'm producing a podcast episode on the future of {field}.",
            ),
            (
                "Would someone from {org} be available for a 20-minute interview before our deadline on {day}?",
                "Could we arrange an on-the-record interview with one of your executives?",
            ),
            (
                "Please let me know who handles media requests.",
                "Quotes would be attributed by name and title.",
            ),
        ),
    ),
    "reconnect": (
        ("Long time no see!", "Catching up", "Hello again from {me}", "Reconnecting"),
        (
            (
                "It's been ages since we worked together at {company} — I hope life is treating you well.",
                "I was thinking about our old team at {company} the other day and realised how long it's been.",
            ),
            (
                "I've moved to {org2} and we're working on a partnership idea I'd love your take on.",
                "We should really get the old crew together for dinner sometime.",
                "Let me know next time you're in town and we'll grab a drink.",
            ),
        ),
    ),
    "event_followup": (
        ("Great meeting you at {event}", "Following up from {event}", "Partnership idea"),
        (
            ("It was great meeting you at {event} last week.",),
            (
                "I think there's real potential for our companies to collaborate on a joint offering.",
                "Our product would integrate nicely with what your team is building.",
                "I'd love to explore a co-marketing opportunity between {company} and {org}.",
            ),
            (
                "Would you be open to a call to explore synergies?",
                "Let me know if you'd like me to send a proposal.",
            ),
        ),
    ),
    "connection_note": (
        ("", "Connecting", "Hello from a fellow {field} person"),
        (
            (
                "Hi {name}, I enjoyed your talk at {event} and would like to add you to my network.",
                "Hi {name}, we share several connections in {field} — would be glad to connect here.",
                "Hi {name}, I'm building my network in {field} and would be glad to connect.",
                "Hi {name}, I really liked your recent post about {field} and would love to connect.",
                "Hello {name}, I admire the work your team does and would love to follow your updates.",
                "Hi {name}, as a fellow {uni} alum working in {field}, I'd love to be connected here.",
            ),
            (
                "No need to reply — just wanted to say your work is inspiring.",
                "Looking forward to following your work.",
                "Hope to cross paths at the next {event}.",
                "Specifically, your point about mentoring junior staff resonated with me.",
            ),
        ),
    ),
    "mentor_help": (
        (
            "Help with a bug?",
            "Pairing session on {field} project",
            "Stuck on my capstone",
            "Could you review my code?",
        ),
        (
            (
                "I'm working through a project and I'm stuck on deploying it.",
                "I'm learning {field} and my model keeps overfitting no matter what I try.",
                "I'm building my first web app and the login flow keeps breaking.",
                "I've been trying to learn recursion for a week and it still isn't clicking.",
            ),
            (
                "Could you pair with me for an hour to debug it?",
                "Would you be able to review my code and point out what I'm doing wrong?",
                "Would you have time on {day} at 4pm to walk me through it? I learn better by seeing it done.",
                "Could you spare some time this week to help me get unstuck? I'll share my screen.",
            ),
            (
                "I've pushed the code to a branch so you can take a look first.",
                "Happy to buy you lunch as thanks!",
            ),
        ),
    ),
    "internal": (
        ("Budget for Q3", "Team offsite", "Lunch order", "Updated slides", "Printer on 4th floor"),
        (
            (
                "Attached are the updated numbers for next quarter.",
                "Reminder: the offsite is on {day}, please confirm dietary needs.",
                "Can someone restock the kitchen? We're out of coffee again.",
                "The printer is jammed again, IT has been notified.",
            ),
        ),
    ),
    "mentoring_programme": (
        ("Call for mentors: spring cohort", "Volunteer for career chats!", "Join our mentoring programme"),
        (
            (
                "Our mentoring programme for early-career professionals opens its next cohort on {day}.",
                "We're looking for volunteers to host informal career chats with our students this term.",
                "Would you be open to sharing your career story with a group of participants in a one-hour session?",
                "Our alumni office is organising career conversations where professionals meet small groups of students.",
            ),
            (
                "Mentors commit about two hours a month; sign up through the form linked below.",
                "If you'd like to take part, please register by the end of the month.",
                "Volunteers choose a date that works for them and talk about their work and career path.",
                "No preparation is needed; participants come with questions about your field.",
            ),
            ("Thank you for supporting the next generation of talent!",),
        ),
    ),
}

AUTOMATED: dict[str, tuple[tuple[str, ...], Pools]] = {
    "ooo": (
        ("Out of Office: {subject_any}", "Automatic reply: {subject_any}", "Auto: I'm away"),
        (
            (
                "I am out of the office until {day} with limited access to email.",
                "Thank you for your message. I'm on annual leave and will reply when I return.",
            ),
            (
                "For urgent matters please contact {other} at {other_email}.",
                "Your email will not be forwarded.",
            ),
        ),
    ),
    "bounce": (
        (
            "Undelivered Mail Returned to Sender",
            "Delivery Status Notification (Failure)",
            "Mail delivery failed: returning message to sender",
        ),
        (
            (
                "This is the mail system at host mx.{domain}.",
                "Delivery to the following recipient failed permanently:",
            ),
            (
                "<{bad_email}>: host mx.{domain} said: 550 5.1.1 User unknown",
                "    {bad_email}\n\nTechnical details of permanent failure: 550 No such user",
            ),
        ),
    ),
    "newsletter": (
        (
            "{org2} Weekly: {field} trends",
            "Your monthly digest",
            "This week in {field}",
            "[Newsletter] Top stories",
        ),
        (
            (
                "In this issue: five trends reshaping {field}, plus our upcoming webinar schedule.",
                "Welcome to this month's digest of the best reads in {field}.",
            ),
            ("Read more on our blog.", "Register now — seats are limited."),
            ("You are receiving this email because you subscribed. Unsubscribe | Manage preferences",),
        ),
    ),
    "meeting_invite": (
        (
            "Invitation: Weekly sync @ {day} 10am",
            "Updated invitation: Interview programme check-in",
            "Accepted: Coffee chat",
        ),
        (
            ("{other} has invited you to a meeting.", "This event has been updated."),
            (
                "When: {day} 10:00 – 10:30\nWhere: Zoom (link below)\nJoining info: https://zoom.example/j/123",
                "Going? Yes - Maybe - No\nView your event at https://calendar.example/event",
            ),
            ("Invitation from Calendar. You are receiving this because you are an attendee.",),
        ),
    ),
    "programme_announcement": (
        (
            "[Mentoring] New cohort announced",
            "Mentor matching is open",
            "You've been invited to co-mentor a project",
        ),
        (
            (
                "This is an automated message from the Mentorship Portal.",
                "You have been invited to join as a co-mentor.",
            ),
            ("Log in to accept the invitation or decline it.", "Matches will be announced by email."),
            ("Please do not reply to this message.",),
        ),
    ),
    "notification": (
        (
            "Your order has shipped",
            "Password reset requested",
            "New sign-in to your account",
            "Your receipt from {sales}",
        ),
        (
            (
                "We noticed a new sign-in from Chrome on Windows.",
                "Your order #{ref} is on its way.",
                "Here's your receipt for the monthly plan.",
            ),
            ("If this wasn't you, secure your account.", "Track your package in the app."),
        ),
    ),
}
