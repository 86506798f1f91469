"""extract/fields.py on natural prose: the school over the city, the field over a fragment, no template slot as a value.

Every sentence here is written for this file; each mirrors a shape that a hand-check of real requests got wrong.
"""

from __future__ import annotations

import pytest

from inboxbroker.domain import Address
from inboxbroker.extract.fields import extract_fields
from inboxbroker.mail.forwards import unwrap_forward
from inboxbroker.mail.parse import parse_message
from test_fields import make_unwrapped  # tests/ is on sys.path (rootdir-relative import mode)

NOBODY = Address("", "")


@pytest.mark.parametrize(
    ("text", "org"),
    [
        (
            "I'm a backend engineer in Portland about to finish the evening data program at "
            "Cascade Coding Academy.",
            "Cascade Coding Academy",
        ),
        (
            "I'm a junior developer in Austin finishing the web track at Hill Country Bootcamp next month.",
            "Hill Country Bootcamp",
        ),
        (
            "I am a research assistant in the Chemistry department at Lakeside University, and I",
            "Lakeside University",
        ),
        ("I'm a sophomore at Ohio State studying economics.", "Ohio State"),
        ("I'm a product designer in Berlin and would love a chat.", None),
        ("I work as a nurse at Mercy General Hospital.", "Mercy General Hospital"),
    ],
)
def test_organisation_is_the_school_not_the_city(text: str, org: str | None) -> None:
    assert extract_fields(make_unwrapped(f"Hi,\n\n{text}\n")).organization.value == org


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "I'm a first-year at Ridgeview College thinking about majoring in landscape architecture.",
            "landscape architecture",
        ),
        ("I'm hoping to build a career in environmental law.", "environmental law"),
        ("After six years in retail I'm moving into data engineering.", "data engineering"),
        ("I'd love advice on breaking into sports journalism.", "sports journalism"),
        ("I'm interested in the field of occupational therapy.", "occupational therapy"),
        ("I'm curious about supply chain analytics and how teams hire.", "supply chain analytics"),
        (
            "I'm transitioning from ten years of restaurant management into user research, and",
            "user research",
        ),
        ("I'm very interested in a career in public health.", "public health"),
    ],
)
def test_topic_is_the_field(text: str, topic: str) -> None:
    assert extract_fields(make_unwrapped(text)).topic.value == topic


@pytest.mark.parametrize(
    "text",
    [
        "I've been following your work on the Lantern compiler for a while.",
        "I answered your question about indexing last week on the forum.",
        "I'd love to learn more about your experience there.",
        "I'd love to hear about your journey and your team.",
        "I'm interested in learning more about the work your group does.",
        "Could I ask about your role?",
        "I'm interested in [Company]'s graduate scheme.",
        "I'd love advice on breaking into [industry].",
    ],
)
def test_fragments_and_slots_are_not_topics(text: str) -> None:
    assert extract_fields(make_unwrapped(text)).topic.value is None


def test_template_slots_are_never_values() -> None:
    body = (
        "Hi [Name],\n\nMy name is [Your Name], and I'm a [Year] student at [Your University].\n"
        "I'm interested in [Company]'s analytics team.\n\nBest,\n[Your Name]\n"
        "[University Name] | Class of [Year]\nEmail: [your@email.com] | Phone: [123-456-7890]\n"
        "[LinkedIn URL]\nlinkedin.com/in/yourname\n"
    )
    f = extract_fields(make_unwrapped(body, sender=NOBODY))
    got = (f.name.value, f.email.value, f.phone.value, f.linkedin.value, f.organization.value, f.role.value)
    assert got == (None, None, None, None, None, None)
    assert f.topic.value is None


@pytest.mark.parametrize(
    "addr", ["your.name@email.com", "firstname.lastname@company.com", "name@example.com"]
)
def test_sample_addresses_are_not_the_email(addr: str) -> None:
    assert extract_fields(make_unwrapped(f"Hi\n\nReach me at {addr}.\n", sender=NOBODY)).email.value is None


def test_real_values_next_to_slots_still_count() -> None:
    body = (
        "Hi [Name],\n\nI'm a senior at Brookfield University hoping to start a career in urban planning.\n\n"
        "Thanks,\nMarta Kowalczyk\nmarta.k@brookfield.edu\nlinkedin.com/in/marta-kowalczyk\n"
    )
    f = extract_fields(make_unwrapped(body, sender=NOBODY))
    assert (f.name.value, f.email.value, f.organization.value) == (
        "Marta Kowalczyk",
        "marta.k@brookfield.edu",
        "Brookfield University",
    )
    assert (f.topic.value, f.linkedin.value) == (
        "urban planning",
        "https://www.linkedin.com/in/marta-kowalczyk",
    )


def test_escaped_and_curly_slots() -> None:
    body = "Hello {{first_name}},\n\nI recently applied for the \\[role] at \\[company] and I'm a student at {school}.\n"
    f = extract_fields(make_unwrapped(body, sender=NOBODY))
    assert (f.organization.value, f.role.value, f.topic.value) == (None, None, None)


def test_from_a_raw_message() -> None:
    raw = (
        b"From: Tomas Reyes <tomas.reyes@example.net>\r\nTo: host@example.org\r\n"
        b"Subject: Informational interview?\r\nDate: Tue, 10 Mar 2026 09:00:00 -0500\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Hi Dana,\r\n\r\nI'm a software developer in Seattle about to graduate from the full-stack "
        b"program at Evergreen Tech Institute. I'm interested in moving into platform engineering.\r\n\r\n"
        b"Best,\r\nTomas Reyes\r\n"
    )
    f = extract_fields(unwrap_forward(parse_message(raw)))
    assert (f.organization.value, f.role.value) == ("Evergreen Tech Institute", "software developer")
    assert (f.topic.value, f.email.value) == ("platform engineering", "tomas.reyes@example.net")
