"""Write src/inboxbroker/data/sample-inbox/: a Maildir of 40 messages as an interview coordinator receives them.

It is package data, so ``inboxbroker demo`` finds it in a wheel as in a checkout.

Every person, school, company and address is fictional and written for this project (example.* domains).
Résumés are the fixtures from scripts/make_resumes.py. Output is deterministic: fixed dates, Message-IDs,
MIME boundaries and file names, so rerunning leaves ``git diff`` empty.

    python scripts/make_sample_inbox.py [OUTDIR]
"""

# The messages are prose; wrapping their string literals would only make them harder to read.

from __future__ import annotations

import email.policy
import email.utils
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "inboxbroker" / "data" / "sample-inbox"
RESUMES = ROOT / "tests" / "fixtures" / "resumes"
US = "Interview Programme <interviews@example.org>"
POLICY = email.policy.default.clone(linesep="\n", max_line_length=78)
MIME = {
    ".pdf": ("application", "pdf"),
    ".docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ".odt": ("application", "vnd.oasis.opendocument.text"),
    ".rtf": ("application", "rtf"),
    ".html": ("text", "html"),
}
RACHEL = "Rachel Kim <rachel.kim@example.org>"
TOM = "Tom Berger <tom.berger@example.org>"
AISHA = "Aisha Nwosu <aisha.nwosu@example.org>"
DANIEL = "Daniel Ortega <daniel.ortega@example.org>"
MEI = "Mei Lin <mei.lin@example.org>"


def when(day: int, hour: int, minute: int, offset_hours: float) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=timezone(timedelta(hours=offset_hours)))


@dataclass
class Mail:
    """One sample message and the README row that explains it."""

    shows: str
    label: str
    frm: str
    subject: str
    date: datetime
    body: str
    to: str = US
    headers: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)  # résumé fixture names to attach
    html: str | None = None
    reply_to_n: int | None = None  # number of the message this one answers
    attached_original: Mail | None = None  # a message/rfc822 forward
    seen: bool = True
    raw: bytes | None = None  # for the malformed one: exact bytes


def gmail_fwd(note: str, frm: str, date: str, subject: str, to: str, body: str) -> str:
    return (
        f"{note}\n\n---------- Forwarded message ---------\nFrom: {frm}\nDate: {date}\n"
        f"Subject: {subject}\nTo: {to}\n\n\n{body}"
    )


def outlook_fwd(note: str, frm: str, sent: str, to: str, subject: str, body: str) -> str:
    rule = "_" * 32
    return f"{note}\n\n{rule}\nFrom: {frm}\nSent: {sent}\nTo: {to}\nSubject: {subject}\n\n{body}"


def apple_fwd(note: str, frm: str, subject: str, date: str, to: str, body: str) -> str:
    return f"{note}\n\nBegin forwarded message:\n\nFrom: {frm}\nSubject: {subject}\nDate: {date}\nTo: {to}\n\n{body}"


def thunderbird_fwd(note: str, subject: str, date: str, frm: str, to: str, body: str) -> str:
    return (
        f"{note}\n\n-------- Forwarded Message --------\nSubject: \t{subject}\nDate: \t{date}\n"
        f"From: \t{frm}\nTo: \t{to}\n\n\n{body}"
    )


SIG_JORDAN = "Jordan Lee\nM.S. Applied Statistics candidate, Brookfield State University\n(617) 555-0134 | linkedin.com/in/jordan-lee-example"

MAILS: list[Mail] = [
    Mail(
        "direct request, plain text, proposes 'next Tuesday afternoon' and a phone number",
        "interview_request",
        "Jordan Lee <jordan.lee@example.edu>",
        "Informational interview about data science?",
        when(2, 9, 14, -5),
        "Hello,\n\nI'm finishing a master's in applied statistics and I'm trying to understand what data scientists\n"
        "actually do day to day in logistics. Would someone on your analytics team have 30 minutes for a short\n"
        "video call? Next Tuesday afternoon works well for me, or any time Thursday before 3pm ET.\n\n"
        f"Thank you for considering it,\n{SIG_JORDAN}\n",
    ),
    Mail(
        "Gmail inline forward from a manager; résumé PDF attached; 'Thu 2-4pm ET'",
        "interview_request",
        RACHEL,
        "Fwd: Coffee chat about data science?",
        when(3, 10, 2, -8),
        gmail_fwd(
            "Could one of our DS folks take this? She seems great. -R",
            "Priya Raman <priya.raman@example.net>",
            "Tue, Nov 3, 2026 at 8:41 AM",
            "Coffee chat about data science?",
            RACHEL,
            "Hi Rachel,\n\nWe met at the Seattle analytics meetup last month. I'm a senior data analyst moving\n"
            "toward data science and would love a 20-minute chat with someone on your team about how you run\n"
            "experiments. I'm free Thu 2-4pm ET or Friday morning. My résumé is attached.\n\n"
            "Best,\nPriya Raman\n(206) 555-0142\nlinkedin.com/in/priya-raman-example\n",
        ),
        files=["Priya_Raman_Resume.pdf"],
    ),
    Mail(
        "Outlook forward with résumé DOCX and a cover letter",
        "interview_request",
        TOM,
        "FW: Informational interview request – product design",
        when(4, 11, 30, -5),
        outlook_fwd(
            "Forwarding – anyone in design with time this month?",
            "Marcus Oyelaran <marcus.oyelaran@example.org>",
            "Wednesday, November 4, 2026 10:15 AM",
            TOM,
            "Informational interview request – product design",
            "Dear Tom,\n\nA friend at Brightloom suggested I write to you. I'm a product designer in London and\n"
            "curious how your design team works with engineering. Could I have 30 minutes of someone's time?\n"
            "Mornings New York time suit me best (I'm five hours ahead). I've attached my CV.\n\n"
            "Kind regards,\nMarcus Oyelaran\n+44 20 7946 0321\n",
        ),
        files=["Marcus Oyelaran CV.docx", "Cover Letter - Marcus Oyelaran.docx"],
    ),
    Mail(
        "Apple Mail forward ('Begin forwarded message:'); résumé PDF with a generic name",
        "interview_request",
        AISHA,
        "Fwd: Learning about product management",
        when(5, 8, 47, -6),
        apple_fwd(
            "For the programme queue. Thanks!\n\nAisha",
            "Hana Sato <hana.sato@example.jp>",
            "Learning about product management",
            "November 5, 2026 at 9:12:44 PM GMT+9",
            AISHA,
            "Dear Ms. Nwosu,\n\nI lead growth marketing at an online retailer in Tokyo and I am considering a move\n"
            "into product management. Would anyone be open to a 30-minute video call? I can do 8-10am JST,\n"
            "which I believe is the previous evening in Chicago.\n\nBest regards,\nHana Sato\n",
        ),
        files=["document.pdf"],
    ),
    Mail(
        "Thunderbird inline forward of a German/English request; ODT Lebenslauf",
        "interview_request",
        DANIEL,
        "Fwd: Kurze Frage / informational interview",
        when(6, 15, 20, 1),
        thunderbird_fwd(
            "Can we help her? Berlin time zone.",
            "Kurze Frage / informational interview",
            "Fri, 6 Nov 2026 14:03:11 +0100",
            "Lena Hoffmann <lena.hoffmann@example.de>",
            DANIEL,
            "Hallo Daniel,\n\nthanks again for the talk at the meetup. Would someone from your platform team\n"
            "have time for a short call about running Kubernetes at scale? I'm free Mon-Wed 16:00-18:00 CET.\n"
            "Lebenslauf anbei.\n\nViele Grüße\nLena Hoffmann\n+49 30 901820 77\n",
        ),
        files=["Lebenslauf_Lena_Hoffmann.odt"],
    ),
    Mail(
        "forward as an attached message (message/rfc822) carrying an RTF résumé",
        "interview_request",
        MEI,
        "Fwd: Engineering career question",
        when(9, 9, 5, -8),
        "See attached – from my cousin's classmate.\n\nMei\n",
        attached_original=Mail(
            "",
            "",
            "Diego Álvarez <diego.alvarez@example.com>",
            "Engineering career question",
            when(8, 18, 40, -6),
            "Hi Mei,\n\nI'm a mechanical engineer in Austin thinking about moving into robotics. Could I\n"
            "ask someone on your hardware team a few questions over a 20-minute phone call? My number\n"
            "is 512-555-0187; weekday lunchtimes Central work best.\n\nThanks!\nDiego\n",
            to=MEI,
            files=["diego-alvarez-resume.rtf"],
        ),
    ),
    Mail(
        "job application with résumé (HTML) — not an interview request",
        "job_application",
        "Amara Okafor <amara.okafor@example.com>",
        "Application: Clinical Nurse Educator (req. 2231)",
        when(9, 13, 12, -6),
        "Dear Hiring Team,\n\nI am applying for the Clinical Nurse Educator position posted on your careers page.\n"
        "I have ten years of cardiac nursing experience and have trained new staff on our EHR. My résumé is\n"
        "attached.\n\nSincerely,\nAmara Okafor\n+1 312 555 0176\n",
        files=["amara-okafor-resume.html"],
    ),
    Mail(
        "job application with cover letter only (no résumé)",
        "job_application",
        "Marcus Oyelaran <marcus.oyelaran@example.org>",
        "Senior Product Designer application",
        when(10, 7, 55, 0),
        "Hello,\n\nPlease find my cover letter for the Senior Product Designer role attached. Happy to send my\n"
        "portfolio link as well.\n\nMarcus\n",
        files=["Cover Letter - Marcus Oyelaran.docx"],
    ),
    Mail(
        "thank-you note after an informational interview",
        "other",
        "Jordan Lee <jordan.lee@example.edu>",
        "Thank you!",
        when(19, 17, 3, -5),
        "Hi Sam,\n\nThank you so much for the time yesterday. The advice about building a portfolio of small\n"
        f"forecasting projects was exactly what I needed. I'll keep you posted.\n\nAll the best,\n{SIG_JORDAN}\n",
        reply_to_n=1,
    ),
    Mail(
        "reply in a thread confirming a proposed time",
        "thread_reply",
        "Jordan Lee <jordan.lee@example.edu>",
        "Re: Informational interview about data science?",
        when(4, 8, 20, -5),
        "Tuesday at 2:30pm ET is perfect. I'll use the video link in the invitation.\n\nThanks,\nJordan\n\n"
        "On Tue, Nov 3, 2026 at 4:10 PM Interview Programme <interviews@example.org> wrote:\n"
        "> Hi Jordan, Sam Whitfield from our analytics team can talk on Tuesday at 2:30pm ET.\n",
        reply_to_n=1,
    ),
    Mail(
        "reply asking to reschedule ('could we move to Wednesday morning?')",
        "thread_reply",
        "Priya Raman <priya.raman@example.net>",
        "Re: Coffee chat about data science?",
        when(11, 6, 58, -8),
        "Hi,\n\nSomething came up on Thursday. Could we move to Wednesday morning, 9-11am PT? Sorry for the shuffle.\n\n"
        "Priya\n",
        reply_to_n=2,
        seen=False,
    ),
    Mail(
        "newsletter with List-Id and List-Unsubscribe",
        "automated",
        "Career Weekly <news@careerweekly.example.com>",
        "Career Weekly #212: negotiating your first offer",
        when(2, 6, 0, 0),
        "This week: negotiating your first offer, five interview myths, and a reader Q&A.\n\n"
        "Unsubscribe: https://careerweekly.example.com/u/0000\n",
        headers={
            "List-Id": "Career Weekly <weekly.careerweekly.example.com>",
            "List-Unsubscribe": "<https://careerweekly.example.com/u/0000>",
            "Precedence": "list",
        },
    ),
    Mail(
        "HTML-only bulk newsletter (Precedence: bulk)",
        "automated",
        "Metro Tech Events <events@metrotech.example.net>",
        "November meetups near you",
        when(7, 12, 0, -5),
        "",
        html="<html><body><h1>November meetups</h1><p>Data Night, Nov 18, 6pm.</p><p>Design Crit, Nov 20.</p>"
        "</body></html>",
        headers={"Precedence": "bulk", "List-Id": "<announce.metrotech.example.net>"},
    ),
    Mail(
        "out-of-office reply (Auto-Submitted: auto-replied)",
        "automated",
        "Sam Whitfield <sam.whitfield@example.org>",
        "Automatic reply: Informational interview about data science?",
        when(12, 9, 1, -5),
        "I'm out of the office until Monday, November 16, with limited access to email.\n",
        headers={"Auto-Submitted": "auto-replied"},
    ),
    Mail(
        "German out-of-office (Abwesenheitsnotiz) with X-Auto-Response-Suppress",
        "automated",
        DANIEL.replace("Daniel Ortega", "Daniel Ortega (Abwesend)"),
        "Abwesenheitsnotiz: Kurze Frage",
        when(13, 8, 0, 1),
        "Ich bin bis zum 20. November nicht im Büro. In dringenden Fällen: team@example.org\n",
        headers={"Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All"},
    ),
    Mail(
        "Outlook 'Automatic reply' without Auto-Submitted (only X-Auto-Response-Suppress)",
        "automated",
        TOM,
        "Automatic reply: FW: Informational interview request – product design",
        when(16, 7, 30, -5),
        "Thanks for your email. I am travelling this week and will reply when I'm back on Nov 23.\n",
        headers={
            "X-Auto-Response-Suppress": "All",
            "X-MS-Exchange-Inbox-Rules-Loop": "tom.berger@example.org",
        },
    ),
    Mail(
        "delivery failure (multipart/report DSN) for one of our replies",
        "automated",
        "Mail Delivery Subsystem <mailer-daemon@example.org>",
        "Undelivered Mail Returned to Sender",
        when(14, 10, 11, 0),
        "",
        headers={"Auto-Submitted": "auto-replied"},
    ),
    Mail(
        "malformed message: garbage header lines and a MIME boundary that never closes",
        "other",
        "",
        "",
        when(15, 3, 3, 0),
        "",
        seen=False,
    ),
    Mail(
        "direct request, Outlook HTML + text alternative, career changer; 'Mon Nov 16 10:00-11:30 PT'",
        "interview_request",
        "Gabriel Mendes <gabriel.mendes@example.com>",
        "Request for a 30-minute conversation",
        when(10, 16, 45, -8),
        "Hello,\n\nAfter eight years teaching high-school physics I am moving into UX research. I would be grateful\n"
        "for 30 minutes with a researcher on your team. I am available Mon Nov 16 10:00-11:30 PT or Wed 1pm PT.\n\n"
        "Gabriel Mendes\n(415) 555-0163\nhttps://www.linkedin.com/in/gabriel-mendes-example\n",
        html="<html><body><p>Hello,</p><p>After eight years teaching high-school physics I am moving into UX research."
        " I would be grateful for 30 minutes with a researcher on your team. I am available <b>Mon Nov 16"
        " 10:00-11:30 PT</b> or <b>Wed 1pm PT</b>.</p><p>Gabriel Mendes<br>(415) 555-0163</p></body></html>",
    ),
    Mail(
        "direct request in Spanish (entrevista informativa)",
        "interview_request",
        "Lucía Ferrer <lucia.ferrer@example.es>",
        "Solicitud de entrevista informativa",
        when(11, 12, 30, 1),
        "Hola:\n\nSoy estudiante de último año de Ingeniería Informática en la Universidad de Levante y me\n"
        "gustaría hablar 20 minutos con alguien del equipo de ciberseguridad. Puedo el jueves 19 de 15:00 a\n"
        "17:00 (hora de Madrid).\n\nGracias,\nLucía Ferrer\n+34 612 555 014\n",
    ),
    Mail(
        "recruiter outreach (looks like a request, is a sales pitch)",
        "other",
        "Bea Castillo <bea@talentbridge.example.com>",
        "Quick chat about your hiring plans?",
        when(3, 14, 5, -5),
        "Hi there,\n\nI help fast-growing teams hire senior engineers in weeks, not months. Do you have 15 minutes\n"
        "next week for a quick intro call? Here's my calendar link: https://talentbridge.example.com/bea\n\nBea\n",
    ),
    Mail(
        "Gmail forward with a note asking a specific team; request came via LinkedIn message",
        "interview_request",
        RACHEL,
        "Fwd: Question about your design team",
        when(12, 13, 40, -8),
        gmail_fwd(
            "Design team — can someone take this one? Please cc me.",
            "Noor Haddad <noor.haddad@example.com>",
            "Thu, Nov 12, 2026 at 11:02 AM",
            "Question about your design team",
            RACHEL,
            "Hi Rachel, I saw your talk on accessible design systems. I'm a front-end developer hoping to move\n"
            "into design. Would someone be open to a coffee chat? I'm near the Midtown office most days.\n\n"
            "Noor\nlinkedin.com/in/noor-haddad-example\n",
        ),
    ),
    Mail(
        "referral from an employee for a relative ('my nephew')",
        "interview_request",
        "Grace Abernathy <grace.abernathy@example.org>",
        "Would anyone talk to my nephew about product?",
        when(13, 10, 0, -5),
        "Hi team,\n\nMy nephew Theo Abernathy (theo.abernathy@example.edu) is a junior at Fairmont College studying\n"
        "economics and is curious about product management. Would someone have 20 minutes for a call in the\n"
        "next couple of weeks? He's free most afternoons after 3pm ET.\n\nThanks so much,\nGrace\n",
    ),
    Mail(
        "nested forward: Outlook forward inside a Gmail forward",
        "interview_request",
        AISHA,
        "Fwd: FW: informational interview",
        when(16, 9, 15, -6),
        gmail_fwd(
            "Tom sent this to me but it's more your area – Aisha",
            TOM,
            "Mon, Nov 16, 2026 at 8:55 AM",
            "FW: informational interview",
            AISHA,
            outlook_fwd(
                "Aisha – fintech question, yours?",
                "Kofi Mensah <kofi.mensah@example.com>",
                "Sunday, November 15, 2026 7:42 PM",
                TOM,
                "informational interview",
                "Hello Mr. Berger,\n\nI'm an accountant exploring fintech product roles. Could I have a\n"
                "short call with someone on the payments team? Evenings after 6pm ET are best.\n\n"
                "Kofi Mensah\n+1 (646) 555-0122\n",
            ),
        ),
    ),
    Mail(
        "phone call request with a time window and time zone in words",
        "interview_request",
        "Ravi Iyer <ravi.iyer@example.in>",
        "Informational call – cloud infrastructure",
        when(17, 20, 5, 5.5),
        "Dear Sir/Madam,\n\nI am a DevOps engineer in Bengaluru. I would like a 30-minute phone call with a site\n"
        "reliability engineer. I can talk Friday 9:30am IST or Saturday morning IST.\n\n"
        "Regards,\nRavi Iyer\n+91 98450 55501\n",
    ),
    Mail(
        "French Outlook forward ('De :', 'Envoyé :', 'Objet :')",
        "interview_request",
        MEI,
        "TR: Demande d'entretien informatif",
        when(12, 16, 2, -8),
        "Mei's note: can someone who speaks French take this?\n\n"
        "De : Camille Durand <camille.durand@example.fr>\nEnvoyé : jeudi 12 novembre 2026 09:40\n"
        "À : Mei Lin <mei.lin@example.org>\nObjet : Demande d'entretien informatif\n\n"
        "Bonjour Madame Lin,\n\nJe termine un master en science des données à Lyon et j'aimerais échanger 30 minutes\n"
        "avec une personne de votre équipe data. Je suis disponible mardi ou mercredi entre 14h et 17h (heure de Paris).\n\n"
        "Cordialement,\nCamille Durand\n",
    ),
    Mail(
        "interviewer replying in the thread with availability ('I can do Thursday at 3')",
        "thread_reply",
        "Sam Whitfield <sam.whitfield@example.org>",
        "Re: Coffee chat about data science?",
        when(11, 11, 20, -5),
        "I can do Thursday at 3pm ET or Wednesday 12:30 ET. Either is fine.\n\nSam\n",
        reply_to_n=2,
    ),
    Mail(
        "polite follow-up bump ('just checking in')",
        "thread_reply",
        "Gabriel Mendes <gabriel.mendes@example.com>",
        "Re: Request for a 30-minute conversation",
        when(18, 8, 5, -8),
        "Hi again, just checking in on my note from last week. Happy to work around your schedule.\n\nGabriel\n",
        reply_to_n=19,
        seen=False,
    ),
    Mail(
        "automated social-network notification from a no-reply address",
        "automated",
        "Connections Digest <no-reply@connections.example.com>",
        "You appeared in 9 searches this week",
        when(9, 4, 0, 0),
        "See who's looking at your profile. Manage notifications in your settings.\n",
        headers={"Auto-Submitted": "auto-generated", "Precedence": "bulk"},
    ),
    Mail(
        "request for a group session from a student club (not a 1:1)",
        "other",
        "Women in Computing at Brookfield <wic@example.edu>",
        "Speaker for our career panel?",
        when(5, 15, 0, -5),
        "Hello!\n\nOur student club is hosting a career panel on December 3 and would love a speaker from your\n"
        "engineering team. The panel is 6-7:30pm ET on campus.\n\nThanks,\nthe WiC board\n",
    ),
    Mail(
        "request with a portfolio PDF only (a portfolio is not a résumé)",
        "interview_request",
        "Marcus Oyelaran <marcus.oyelaran@example.org>",
        "Design portfolio – chat?",
        when(18, 14, 22, 0),
        "Hi, following up on my earlier request: here are a few case studies in case they help the person I\n"
        "talk to. Any morning New York time works.\n\nMarcus\n",
        files=["marcus-work.pdf"],
    ),
    Mail(
        "direct request with an unusual time zone (Pacific/Auckland, +13:00)",
        "interview_request",
        "Aroha Wiremu <aroha.wiremu@example.nz>",
        "Informational interview – data engineering",
        when(19, 8, 45, 13),
        "Kia ora,\n\nI'm a data engineer in Auckland interested in how your team uses dbt and Airflow. Could\n"
        "someone spare 30 minutes? 7-9am NZDT works, which should be early afternoon on the US west coast.\n\n"
        "Ngā mihi,\nAroha Wiremu\n+64 21 555 0198\n",
    ),
    Mail(
        "thank-you note from a forwarded requester, with a LinkedIn link",
        "other",
        "Hana Sato <hana.sato@example.jp>",
        "Thank you for the conversation",
        when(20, 7, 30, 9),
        "Dear team,\n\nThank you for arranging my call with Ms. Patel. It was very helpful.\n\n"
        "Hana Sato\nlinkedin.com/in/hana-sato-example\n",
    ),
    Mail(
        "sales pitch for a scheduling tool",
        "other",
        "Kai at SlotSmart <kai@slotsmart.example.io>",
        "Cut scheduling back-and-forth by 80%",
        when(6, 11, 11, -7),
        "Hi! Teams like yours use SlotSmart to schedule interviews automatically. Want a 15-minute demo?\n",
    ),
    Mail(
        "direct request from a veteran, in-person preferred, 45 minutes",
        "interview_request",
        "Dana Whitaker <dana.whitaker@example.com>",
        "Transitioning from the Army into operations",
        when(17, 10, 35, -6),
        "Good morning,\n\nI'm leaving the Army after twelve years in logistics and I'm exploring operations roles.\n"
        "Would someone be willing to meet in person for 45 minutes at your Denver office? Any weekday next week\n"
        "between 10am and 2pm MT.\n\nV/r,\nDana Whitaker\n(720) 555-0109\n",
    ),
    Mail(
        "reply in thread declining politely (no longer needed)",
        "thread_reply",
        "Lucía Ferrer <lucia.ferrer@example.es>",
        "Re: Solicitud de entrevista informativa",
        when(18, 19, 10, 1),
        "Muchas gracias, pero ya he encontrado a alguien con quien hablar. ¡Un saludo!\n\nLucía\n",
        reply_to_n=20,
    ),
    Mail(
        "forward with an empty note (manager forwarded without comment)",
        "interview_request",
        DANIEL,
        "Fwd: informational interview?",
        when(19, 12, 0, -8),
        gmail_fwd(
            "",
            "Owen Price <owen.price@example.co.uk>",
            "Thu, Nov 19, 2026 at 6:30 PM",
            "informational interview?",
            DANIEL,
            "Hi Daniel, could I pick someone's brain about security engineering for half an hour? I'm in\n"
            "Manchester; 4-6pm GMT on weekdays works.\n\nOwen\n07700 900123\n",
        ),
    ),
    Mail(
        "calendar-invite acceptance (automated, from an interviewer's calendar)",
        "automated",
        "Sam Whitfield <sam.whitfield@example.org>",
        "Accepted: Informational interview – Jordan Lee",
        when(4, 9, 30, -5),
        "Sam Whitfield has accepted this invitation.\n",
        headers={"Auto-Submitted": "auto-generated"},
    ),
    Mail(
        "job application forwarded by a manager with résumé PDF ('not an info interview')",
        "job_application",
        TOM,
        "Fwd: Application – Data Analyst",
        when(20, 15, 5, -5),
        gmail_fwd(
            "This one is a job application, not an info interview – please route to recruiting.",
            "Priya Raman <priya.raman@example.net>",
            "Fri, Nov 20, 2026 at 11:00 AM",
            "Application – Data Analyst",
            TOM,
            "Hello Tom,\n\nI'd like to apply for the Senior Data Analyst opening. My résumé is attached.\n\n"
            "Priya\n",
        ),
        files=["Priya_Raman_Resume.pdf"],
        seen=False,
    ),
    Mail(
        "short request written on a phone ('Sent from my iPhone'), proposes 'tomorrow or Friday'",
        "interview_request",
        "Sofia Russo <sofia.russo@example.it>",
        "info interview",
        when(20, 22, 48, 1),
        "Hi! Is anyone from the marketing team free for a quick 15 min call tomorrow or Friday? Rome time.\n"
        "Thanks, Sofia\n\nSent from my iPhone\n",
        seen=False,
    ),
]


def _attach_files(msg: EmailMessage, files: list[str]) -> None:
    for name in files:
        maintype, subtype = MIME[Path(name).suffix]
        msg.add_attachment((RESUMES / name).read_bytes(), maintype=maintype, subtype=subtype, filename=name)


DSN = (
    b"Return-Path: <>\nFrom: Mail Delivery Subsystem <mailer-daemon@example.org>\nTo: interviews@example.org\n"
    b"Subject: Undelivered Mail Returned to Sender\nDate: Sat, 14 Nov 2026 10:11:00 +0000\n"
    b"Message-ID: <sample-17@example.invalid>\nAuto-Submitted: auto-replied\nMIME-Version: 1.0\n"
    b'Content-Type: multipart/report; report-type=delivery-status; boundary="=_sample17_0"\n\n'
    b"--=_sample17_0\nContent-Type: text/plain; charset=us-ascii\n\n"
    b"This is the mail system at host mx.example.org.\n\nI'm sorry to have to inform you that your message\n"
    b"could not be delivered to one or more recipients.\n\n<noor.hadad@example.com>: host mx.example.com said:\n"
    b"    550 5.1.1 <noor.hadad@example.com>: Recipient address rejected: User unknown\n\n"
    b"--=_sample17_0\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.org\n\n"
    b"Final-Recipient: rfc822; noor.hadad@example.com\nAction: failed\nStatus: 5.1.1\n"
    b"Diagnostic-Code: smtp; 550 5.1.1 User unknown\n\n"
    b"--=_sample17_0\nContent-Type: text/rfc822-headers\n\nFrom: Interview Programme <interviews@example.org>\n"
    b"To: Noor Haddad <noor.hadad@example.com>\nSubject: Re: Question about your design team\n"
    b"Message-ID: <draft-0007@example.org>\n\n--=_sample17_0--\n"
)


MALFORMED = (
    b"Return-Path: <>\nFrom Jonas <jonas@@example..com\nTo: interviews@example.org\n"
    b"Subject: =?utf-8?B?broken base64?= informational interview\n"
    b"Date: Sun, 15 Nov 2026 03:03:03 +0000\nX-Garbage \x01\x02\xff header without colon\n"
    b'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="never-closed\n\n'
    b"--never-closed\nContent-Type: text/plain; charset=utf-8\n\nHi, can we talk next week? \xe9\xe9\xff\n"
    b"--never-closed\nContent-Type: application/pdf; name=cv.pdf\nContent-Transfer-Encoding: base64\n\n"
    b"JVBERi0xLjQKJcfs==truncated!!\n"
)


def build(n: int, mail: Mail) -> bytes:
    if mail.shows.startswith("malformed"):
        return MALFORMED
    if mail.shows.startswith("delivery failure"):
        return DSN
    msg = EmailMessage(policy=POLICY)
    msg["From"] = mail.frm
    msg["To"] = mail.to
    msg["Subject"] = mail.subject
    msg["Date"] = email.utils.format_datetime(mail.date)
    msg["Message-ID"] = f"<sample-{n:02d}@example.invalid>"
    if mail.reply_to_n:
        msg["In-Reply-To"] = f"<sample-{mail.reply_to_n:02d}@example.invalid>"
        msg["References"] = f"<sample-{mail.reply_to_n:02d}@example.invalid>"
    for name, value in mail.headers.items():
        msg[name] = value
    if mail.body:
        msg.set_content(mail.body)
    if mail.html:
        if mail.body:
            msg.add_alternative(mail.html, subtype="html")
        else:
            msg.set_content(mail.html, subtype="html")
    _attach_files(msg, mail.files)
    if mail.attached_original is not None:
        msg.add_attachment(build_inner(n, mail.attached_original))
    # Fixed boundaries: the library's random ones would change every run.
    for index, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_sample{n:02d}_{index}")
    return msg.as_bytes(policy=POLICY)


def build_inner(n: int, mail: Mail) -> EmailMessage:
    inner = EmailMessage(policy=POLICY)
    inner["From"] = mail.frm
    inner["To"] = mail.to
    inner["Subject"] = mail.subject
    inner["Date"] = email.utils.format_datetime(mail.date)
    inner["Message-ID"] = f"<sample-{n:02d}-original@example.invalid>"
    inner.set_content(mail.body)
    _attach_files(inner, mail.files)
    for index, part in enumerate(inner.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_sample{n:02d}_inner_{index}")
    return inner


def readme(rows: list[tuple[int, str, Mail]]) -> str:
    lines = [
        "# Sample inbox",
        "",
        "A Maildir (`cur/`, `new/`, `tmp/`) of the mail an interview coordinator's shared mailbox receives in two weeks",
        "of November 2026: direct requests, forwards from managers in several mail clients, résumés, job applications,",
        "replies, automated mail and one broken message. Everything here is fictional and written for inboxbroker;",
        "`scripts/make_sample_inbox.py` regenerates it byte for byte. `inboxbroker demo` runs the pipeline on it.",
        "",
        "| # | file | label we expect | résumé | what it shows |",
        "| --- | --- | --- | --- | --- |",
    ]
    for n, path, mail in rows:
        files = mail.files + (mail.attached_original.files if mail.attached_original else [])
        resume = ", ".join(f for f in files if not f.startswith(("Cover", "marcus-work"))) or "—"
        lines.append(f"| {n} | `{path}` | `{mail.label}` | {resume} | {mail.shows} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    out = Path((argv or sys.argv[1:] or [str(OUT)])[0])
    for sub in ("cur", "new", "tmp"):
        (out / sub).mkdir(parents=True, exist_ok=True)
        for old in (out / sub).iterdir():
            if old.name != ".gitkeep":
                old.unlink()
    (out / "tmp" / ".gitkeep").write_text("")
    rows = []
    for n, mail in enumerate(MAILS, start=1):
        stamp = int(mail.date.timestamp())
        name = f"{stamp}.M{n:02d}P4242.sample-inbox"
        path = f"cur/{name}:2,S" if mail.seen else f"new/{name}"
        (out / path).write_bytes(build(n, mail))
        rows.append((n, path, mail))
    (out / "README.md").write_text(readme(rows), encoding="utf-8")
    print(f"wrote {len(rows)} messages to {out}")


if __name__ == "__main__":
    main()
