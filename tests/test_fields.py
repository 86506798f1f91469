"""extract/fields.py: one test per rule, then the labelled set's per-field accuracy (printed as a table).

The labelled set (tests/fixtures/extraction, written by scripts/make_extraction_set.py) carries the
unwrapped original as ground truth, so these figures measure extraction alone. The same set through the real
path (parse → unwrap → extract, attachments and résumés included) is floored in tests/test_extraction_set.py.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from inboxbroker.domain import Address, Message, Original, Unwrapped
from inboxbroker.extract.fields import build_extraction, extract_fields, extraction_to_json
from inboxbroker.extract.times import extract_times

SET = Path(__file__).parent / "fixtures" / "extraction"
REQUESTER = ("name", "email", "phone", "linkedin", "organization", "role")
OTHER = ("topic", "referred_by", "duration_minutes", "format", "forwarded_by", "availability", "timezone")
PRIYA = Address("Priya Natarajan", "priya.natarajan@gmail.com")
FLOORS = {
    "name": 0.97,
    "email": 0.97,
    "organization": 0.9,
    "referred_by": 0.9,
    "phone": 0.9,
    "availability": 0.9,
}


def _addr(d: dict[str, str] | None) -> Address | None:
    return None if d is None else Address(d.get("name", ""), d.get("email", ""))


def make_unwrapped(
    body: str,
    *,
    sender: Address | None = PRIYA,
    date: datetime | None = None,
    reply_to: tuple[Address, ...] = (),
    forwarder: Address | None = None,
    note: str = "",
) -> Unwrapped:
    """An Unwrapped as ``unwrap_forward`` would return it, built straight from values."""
    date = date or datetime.fromisoformat("2026-02-20T10:15:00-05:00")
    outer = forwarder or sender
    msg = Message(
        message_id="<t@example.org>",
        subject="Informational interview",
        from_=outer,
        sender=None,
        reply_to=reply_to,
        to=(),
        cc=(),
        date=date,
        in_reply_to=None,
        references=(),
        headers=(),
        text=body,
        html=None,
        attachments=(),
        embedded=(),
        defects=(),
    )
    original = Original(sender=sender, to=(), cc=(), date=date, subject="Informational interview", body=body)
    kind = "inline" if forwarder else "direct"
    return Unwrapped(msg, original, forwarder is not None, forwarder, note, int(forwarder is not None), kind)


def from_labelled(inp: dict[str, Any]) -> Unwrapped:
    return make_unwrapped(
        inp["body"],
        sender=_addr(inp["from"]),
        date=datetime.fromisoformat(inp["date"]),
        reply_to=tuple(a for a in map(_addr, inp["reply_to"]) if a),
        forwarder=_addr(inp["forwarder"]),
        note=inp["note"],
    )


def extract_json(u: Unwrapped, file: str) -> dict[str, Any]:
    fields = extract_fields(u)
    reference = u.original.date or u.message.date
    assert reference is not None
    times = extract_times(u.original.body, reference, fields.tz_hint)
    return extraction_to_json(build_extraction(u, fields, times, None, None), file, "interview_request")


# --- rules --------------------------------------------------------------------------------------------


def test_name_prefers_a_full_signed_name_over_closing_words() -> None:
    u = make_unwrapped(
        "Hi,\n\nCould we talk?\n\nBest regards,\nPriya Natarajan\nData Analyst | Acme\n", sender=None
    )
    assert extract_fields(u).name.value == "Priya Natarajan"


@pytest.mark.parametrize(
    "line", ["Thanks", "Best regards", "Product Manager", "Acme Corp", "Sent from my iPhone"]
)
def test_name_is_never_a_closing_title_or_company(line: str) -> None:
    u = make_unwrapped(f"Hello,\n\nCould we talk?\n\n{line}\n", sender=Address("", "x9@example.com"))
    assert extract_fields(u).name.value is None


def test_name_surname_from_address_when_sign_off_gives_only_first_name() -> None:
    u = make_unwrapped("Hi!\n\nThanks,\nPriya\n", sender=Address("", "priya.natarajan@gmail.com"))
    assert extract_fields(u).name.value == "Priya Natarajan"


def test_display_name_last_comma_first_and_caps() -> None:
    assert extract_fields(make_unwrapped("Hi", sender=Address("Lee, Sam", "s@x.com"))).name.value == "Sam Lee"
    u = make_unwrapped("Hi", sender=Address("EMILY VAN DER BERG", "e@x.com"))
    assert extract_fields(u).name.value == "Emily van der Berg"


def test_email_is_never_the_forwarders() -> None:
    manager = Address("Rachel Kim", "rachel.kim@example.org")
    u = make_unwrapped("Hi\n\nAna Souza\nana@uni.edu\n", sender=Address("Ana Souza", ""), forwarder=manager)
    assert extract_fields(u).email.value == "ana@uni.edu"


def test_email_from_reply_to_behind_a_no_reply_form() -> None:
    u = make_unwrapped(
        "Hi",
        sender=Address("Careers", "no-reply@careers.example.org"),
        reply_to=(Address("Ana Souza", "ana@x.org"),),
    )
    fields = extract_fields(u)
    assert (fields.email.value, fields.name.value) == ("ana@x.org", "Ana Souza")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phone: (415) 555-0134", "+14155550134"),
        ("Mobile: +44 20 7946 0958", "+442079460958"),
        ("My student ID is 2023123456.", None),
        ("Any time after 2026-03-12.", None),
    ],
)
def test_phone_e164_rejecting_ids_and_dates(text: str, expected: str | None) -> None:
    assert extract_fields(make_unwrapped(f"Hi\n\n{text}\n")).phone.value == expected


def test_phone_region_from_the_address_tld() -> None:
    u = make_unwrapped("Tel. 030 12345678", sender=Address("Hannah Müller", "hannah@mail.de"))
    assert extract_fields(u).phone.value == "+493012345678"


@pytest.mark.parametrize(
    "raw",
    ["linkedin.com/in/Priya-N", "https://www.linkedin.com/in/priya-n/", "http://uk.linkedin.com/in/priya-n"],
)
def test_linkedin_normalised(raw: str) -> None:
    assert (
        extract_fields(make_unwrapped(f"Hi\n{raw}\n")).linkedin.value == "https://www.linkedin.com/in/priya-n"
    )


@pytest.mark.parametrize(
    ("text", "role", "org"),
    [
        (
            "I'm a third-year CS student at the University of Michigan, and",
            "third-year CS student",
            "University of Michigan",
        ),
        ("I work as a Product Manager at Stripe.", "Product Manager", "Stripe"),
        ("I am data analyst in Acme Logistics and I write", "data analyst", "Acme Logistics"),
        ("I am based in London.", None, None),
    ],
)
def test_role_and_organisation(text: str, role: str | None, org: str | None) -> None:
    fields = extract_fields(make_unwrapped(f"Hi,\n\n{text}\n"))
    assert (fields.role.value, fields.organization.value) == (role, org)


def test_role_and_organisation_from_signature() -> None:
    fields = extract_fields(make_unwrapped("Hi\n\nBest,\nAna Souza\nUX Designer | Initech\n"))
    assert (fields.role.value, fields.organization.value) == ("UX Designer", "Initech")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sam Lee suggested I reach out.", "Sam Lee"),
        ("I was referred to you by Maria Lopez.", "Maria Lopez"),
        ("My professor, David Kim, recommended I contact you.", "David Kim"),
        ("I found your profile online.", None),
    ],
)
def test_referral(text: str, expected: str | None) -> None:
    assert extract_fields(make_unwrapped(text)).referred_by.value == expected


@pytest.mark.parametrize(
    ("text", "org", "role"),
    [
        (
            "I'm Lea Marchetti, a final-semester student at UCL, and I'd love a chat.",
            "UCL",
            "final-semester student",
        ),
        ("As a grad student at NYU, I have followed your lab for a while.", "NYU", "grad student"),
        ("I'm a recent graduate of Penn State and work in retail for now.", "Penn State", "recent graduate"),
        (
            "I'm taking my last two courses at Ridgeline Community College this term.",
            "Ridgeline Community College",
            None,
        ),
        ("I recently graduated from the Copperfield Code Bootcamp.", "Copperfield Code Bootcamp", None),
        ("I'm getting ready to separate from the Navy after ten years.", "Navy", None),
        ("I left the Army in May and I'm figuring out what is next.", "Army", None),
        ("I'm a U.S. Air Force veteran now living in Ohio.", "U.S. Air Force", None),
        (
            "After nine years at Tollgate Shipping, I'd like to move toward analytics.",
            "Tollgate Shipping",
            None,
        ),
        ("I study chemistry at McMaster and tutor on weekends.", "McMaster", None),
        # Not the requester's: the referrer's employer, a place, the reader's course.
        ("Joanna Pike at Meridian Bank suggested I write.", None, None),
        ("After six years in Denver I moved east.", None, None),
        ("I loved your course at Coursera last spring.", None, None),
        ("I've worked with Python for years and studied with Professor Lindqvist.", None, None),
    ],
)
def test_organisation_named_in_passing(text: str, org: str | None, role: str | None) -> None:
    fields = extract_fields(make_unwrapped(f"Hi,\n\n{text}\n"))
    assert (fields.organization.value, fields.role.value) == (org, role)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The person, never the employer beside them.
        ("Maria Delgado at Cardwell Health suggested I get in touch.", "Maria Delgado"),
        ("Maria, who recruits for Cardwell Health, suggested I write.", "Maria"),
        (
            "I was pointed your way by a colleague. Ivan Petrov from Northbeam Logistics shared your email.",
            "Ivan Petrov",
        ),
        ("I got your email from Ivan Petrov of Northbeam Logistics.", "Ivan Petrov"),
        ("Cardwell Health's recruiter suggested I write.", None),
        # A title and a surname keep the title; a full name loses it.
        ("Mr. Abernathy suggested I contact you.", "Mr. Abernathy"),
        ("I'm writing at the suggestion of Dr. Osei.", "Dr. Osei"),
        ("Professor Lindgren mentioned your team in class.", "Professor Lindgren"),
        ("My advisor, Ms. Ferreira, recommended I reach out.", "Ms. Ferreira"),
        ("Dr. Hana Sato told me you might have time.", "Hana Sato"),
        # A first name where the text says who they are.
        ("My old roommate Kai, now on your platform team, suggested I write.", "Kai"),
        ("My cousin Priti works in your legal team and thought we should talk.", "Priti"),
        ("I spoke with Helen Marsh about your group, and she recommended I reach out.", "Helen Marsh"),
        # Template blanks are nobody.
        ("[Professor's name], who teaches at Harbor State University, suggested I reach out.", None),
        ("[Referrer] suggested I contact you.", None),
        ("<Referrer Name> mentioned you might have time.", None),
        ("{Professor} at Penn State recommended I write.", None),
        ("I got your name from (contact's name).", None),
        # Not a referral: pronouns, a platform, a relative put forward, the requester's own reading.
        ("He suggested I write.", None),
        ("LinkedIn suggested your profile.", None),
        ("My nephew Theo Marsh is a junior at Fairmont College.", None),
        ("I read Jordan Blake's post and thought I'd write.", None),
        ("Dear Ms. Kim, I hope you are well.", None),
    ],
)
def test_referral_names_the_person(text: str, expected: str | None) -> None:
    assert extract_fields(make_unwrapped(f"Hello,\n\n{text}\n")).referred_by.value == expected


@pytest.mark.parametrize(
    "ending",
    [
        "Thanks,\nDana\n\nSent from my iPhone\n",
        "Talk soon,\nDana\n\nSent from my iPhone\n",
        "Thx!\nDana\nGet Outlook for Android\n",
        "Much appreciated,\nDana\nMobile: (415) 555-0134\n\nSent from my Galaxy\n",
        "Dana\n\nSent from my iPad\n",
    ],
)
def test_first_name_sign_off_under_a_phone_forward(ending: str) -> None:
    manager = Address("Tom Alvarez", "tom.alvarez@example.org")
    body = f"Hi Tom,\n\nCould we have 20 minutes next week?\n\n{ending}"
    note = "Can you take this?\n\nThanks,\nTom\n\nSent from my iPhone"
    u = make_unwrapped(body, sender=Address("", "dkw1994@gmail.com"), forwarder=manager, note=note)
    assert extract_fields(u).name.value == "Dana"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Could we talk?\n\nThanks,\nInés\n", "Inés Calderon"),  # an address has no accents
        ("Could we talk?\n\nWarmly\n\nSent from my iPhone\n", None),  # a closing is not a name
        ("Could we talk on Zoom?\n\nSent from my iPhone\n", None),
    ],
)
def test_name_from_a_short_sign_off(body: str, expected: str | None) -> None:
    u = make_unwrapped(body, sender=Address("", "ines.calderon@gmail.com" if expected else "x9@example.com"))
    assert extract_fields(u).name.value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("20 minutes", 20), ("half an hour", 30), ("15-20 min", 20), ("a 30-minute chat", 30), ("a chat", None)],
)
def test_duration(text: str, expected: int | None) -> None:
    assert extract_fields(make_unwrapped(f"Could we have {text}?")).duration_minutes.value == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a quick Zoom call", "video"),
        ("a phone call", "phone"),
        ("grab a coffee", "coffee"),
        ("I could stop by your office", "in_person"),
        ("a virtual coffee", "video"),
        ("a call or a coffee", None),
        ("a chat", None),
    ],
)
def test_format(text: str, expected: str | None) -> None:
    assert (
        extract_fields(make_unwrapped(f"Could we have {text}?\n\nBest,\nAna\nPhone: 1")).format.value
        == expected
    )


def test_topic() -> None:
    u = make_unwrapped("I'd love to learn more about product management.")
    assert extract_fields(u).topic.value == "product management"


def test_json_matches_the_design_schema() -> None:
    body = "Hi,\nCould we talk next Tuesday afternoon ET?\n\nBest,\nAna Souza\n"
    out = extract_json(
        make_unwrapped(body, forwarder=Address("Rachel Kim", "rachel@x.org"), note="FYI"), "a.eml"
    )
    assert list(out) == [
        "file",
        "label",
        "requester",
        "forwarded_by",
        "forward_note",
        "topic",
        "referred_by",
        "duration_minutes",
        "format",
        "availability",
        "timezone",
        "attachments",
        "resume",
    ]
    assert list(out["requester"]) == list(REQUESTER)
    assert out["forwarded_by"] == {"name": "Rachel Kim", "email": "rachel@x.org"}
    assert out["availability"] == [{"start": "2026-02-24T13:00:00-05:00", "end": "2026-02-24T17:00:00-05:00"}]
    assert out["timezone"] == "America/New_York" and out["resume"] is None
    json.dumps(out)


# --- the labelled set ---------------------------------------------------------------------------------


def _labelled() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SET.glob("*.json"))]


def _field_value(out: dict[str, Any], name: str) -> Any:
    value = out["requester"][name] if name in REQUESTER else out[name]
    return value.lower() if isinstance(value, str) and name in ("organization", "role", "topic") else value


def measure(outputs: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, float]:
    scores: dict[str, float] = {}
    for name in (*REQUESTER, *OTHER):
        hits = sum(_field_value(got, name) == _field_value(exp, name) for got, exp in outputs)
        scores[name] = hits / len(outputs)
    return scores


def print_table(title: str, scores: dict[str, float], n: int) -> None:
    print(f"\n{title} (n={n})\n{'field':<18}accuracy")
    for name, score in scores.items():
        print(f"{name:<18}{score:7.3f}")


def test_labelled_set_is_big_and_varied() -> None:
    cases = _labelled()
    assert len(cases) >= 150 and sum(c["file"].startswith("h") for c in cases) >= 10
    assert sum(c["resume_expected"] for c in cases) >= 40
    # Exactly one attachment is the résumé (a cover letter or transcript may sit beside it): the end-to-end
    # detection test compares against that one choice.
    resumes = [c for c in cases if c["resume_expected"]]
    assert all(sum(a["is_resume"] for a in c["attachments"]) == 1 for c in resumes)
    assert {c["file"].split("_", 1)[1] for c in cases} >= {
        "direct.eml",
        "form.eml",
        "gmail.eml",
        "outlook.eml",
        "apple.eml",
    }


def test_labelled_set_accuracy() -> None:
    cases = _labelled()
    outputs = [(extract_json(from_labelled(c["input"]), c["file"]), c) for c in cases]
    scores = measure(outputs)
    print_table("extraction on the labelled set (unwrapped ground truth)", scores, len(cases))
    # The hand-written slice is phrasing the generator does not produce: reported, not floored (12 cases).
    hand = [(g, e) for g, e in outputs if e["file"].startswith("h")]
    print_table("  of which hand-written", measure(hand), len(hand))
    misses = {
        k: [e["file"] for g, e in outputs if _field_value(g, k) != _field_value(e, k)][:5] for k in FLOORS
    }
    for name, floor in FLOORS.items():
        assert scores[name] >= floor, (name, scores[name], misses[name])
