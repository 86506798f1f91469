"""Forward unwrapping on fixtures we wrote: one informational-interview request per client style."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inboxbroker.domain import Message, Unwrapped
from inboxbroker.mail.forward_headers import (
    _may_hold_forward_block_reference,
    may_hold_forward_block,
    parse_date,
)
from inboxbroker.mail.forwards import (
    has_forward_prefix,
    original_subject,
    parse_inline_forward,
    unwrap_forward,
)
from inboxbroker.mail.parse import parse_message

FIXTURES = Path(__file__).parent / "fixtures" / "forwards"


def unwrap(name: str) -> Unwrapped:
    return unwrap_forward(parse_message((FIXTURES / name).read_bytes()))


# fixture → (kind, depth, requester email, requester name, forwarder email, note start, subject, résumé file)
CASES = {
    "gmail_forward.eml": (
        "inline",
        1,
        "priya.raman@mail.example",
        "Priya Raman",
        "d.okafor@northwind.example",
        "Could someone set this up?",
        "Informational interview request",
        "Priya_Raman_CV.pdf",
    ),
    "outlook_desktop_forward.eml": (
        "inline",
        1,
        "tom.becker@uni.example",
        "Tom Becker",
        "hannah.lee@northwind.example",
        "Forwarding for the programme",
        "Coffee chat about product management?",
        None,
    ),
    "outlook_web_forward_de.eml": (
        "inline",
        1,
        "lena.vogel@post.example",
        "Lena Vogel",
        "j.weiss@northwind.example",
        "Hallo zusammen,",
        "Bitte um ein Informationsgespräch",
        "Lebenslauf_Lena_Vogel.pdf",
    ),
    "apple_mail_forward_fr.eml": (
        "inline",
        1,
        "julien.moreau@etu.example",
        "Julien Moreau",
        "c.martin@northwind.example",
        "Pour le programme, merci !",
        "Demande d'entretien informatif",
        None,
    ),
    "thunderbird_forward.eml": (
        "inline",
        1,
        "alex.kim@college.example",
        "Alex Kim",
        "sam.patel@northwind.example",
        "See below.",
        "Informational interview - UX research",
        None,
    ),
    "attached_rfc822_forward.eml": (
        "attached",
        1,
        "maria.rossi@posta.example",
        "Maria Rossi",
        "g.bianchi@northwind.example",
        "Vi giro la richiesta in allegato.",
        "Richiesta di colloquio informativo",
        "CV_Maria_Rossi.pdf",
    ),
    "nested_forward_twice.eml": (
        "inline",
        2,
        "kwame.mensah@mail.example",
        "Kwame Mensah",
        "r.chen@northwind.example",
        "Adding the programme inbox - thanks!",
        "Could we talk about a career in supply chain?",
        None,
    ),
    # Yahoo web, English and Spanish ("----- Forwarded Message -----", "Enviado:")
    "yahoo_forward.eml": (
        "inline",
        1,
        "aisha.bello@yahoo.example",
        "Aisha Bello",
        "mark.evans@northwind.example",
        "Hi team - Aisha took my evening course",
        "Request for a short informational interview",
        "Aisha_Bello_Resume.pdf",
    ),
    "yahoo_forward_es.eml": (
        "inline",
        1,
        "carlos.ruiz@correo.example",
        "Carlos Ruiz",
        "e.gomez@northwind.example",
        "¿Alguien del programa puede atenderle?",
        "Solicitud de entrevista informativa",
        None,
    ),
    # iOS Mail: "Sent from my iPhone", then "Begin forwarded message:"
    "iphone_forward.eml": (
        "inline",
        1,
        "noah.w@student.example",
        "Noah Williams",
        "r.green@northwind.example",
        "Can one of you take this one?",
        "Quick chat about your career in design?",
        None,
    ),
    # the Gmail app on Android, in Portuguese ("Mensagem encaminhada", "Assunto:")
    "android_gmail_forward_pt.eml": (
        "inline",
        1,
        "beatriz.costa@mail.example",
        "Beatriz Costa",
        "p.almeida@northwind.example",
        "Pessoal, alguém pode responder",
        "Pedido de conversa informativa",
        "CV_Beatriz_Costa.pdf",
    ),
    # Samsung Email ("-------- Original message --------"), sent with CRLF line ends
    "samsung_forward.eml": (
        "inline",
        1,
        "mei.lin@uni.example",
        "Mei Lin",
        "o.haddad@northwind.example",
        "FYI - could someone reply to her?",
        "Informational interview about data engineering",
        None,
    ),
    # Outlook for iOS: "Get Outlook for iOS", a rule of underscores, From/Sent/To/Subject
    "outlook_ios_forward.eml": (
        "inline",
        1,
        "sofia.petrova@mail.example",
        "Sofia Petrova",
        "d.okafor@northwind.example",
        "Please pick this up",
        "Informational interview request - referred by Anna Kowalski",
        None,
    ),
    # the new Outlook, HTML only, in Dutch (<b>Van:</b> … <b>Onderwerp:</b>)
    "new_outlook_html_forward_nl.eml": (
        "inline",
        1,
        "daan.devries@student.example",
        "Daan de Vries",
        "s.bakker@northwind.example",
        "Kan iemand dit oppakken?",
        "Verzoek om een oriënterend gesprek",
        None,
    ),
    # Outlook desktop in Swedish, no separator line (Från/Skickat/Till/Ämne), subject "VB:"
    "outlook_sv_forward.eml": (
        "inline",
        1,
        "linnea.svensson@post.example",
        "Linnea Svensson",
        "erik.lund@northwind.example",
        "Kan någon ta detta?",
        "Förfrågan om informationsintervju",
        "CV_Linnea_Svensson.pdf",
    ),
    # Thunderbird in Polish: the subject first, tab-separated labels, subject "PD:"
    "thunderbird_pl_forward.eml": (
        "inline",
        1,
        "piotr.nowak@poczta.example",
        "Piotr Nowak",
        "k.zielinska@northwind.example",
        "Przesyłam dalej",
        "Prośba o rozmowę informacyjną",
        None,
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_client_styles(name: str) -> None:
    kind, depth, email, person, forwarder, note, subject, resume = CASES[name]
    unwrapped = unwrap(name)
    assert unwrapped.is_forward
    assert (unwrapped.kind, unwrapped.depth) == (kind, depth)
    assert unwrapped.original.sender is not None
    assert (unwrapped.original.sender.email, unwrapped.original.sender.name) == (email, person)
    assert unwrapped.forwarder is not None and unwrapped.forwarder.email == forwarder
    assert unwrapped.note.startswith(note)
    assert unwrapped.original.subject == subject
    assert unwrapped.original.body.strip()
    names = [a.filename for a in unwrapped.original.attachments]
    assert (resume in names) if resume else not any(n.endswith(".pdf") for n in names)


def test_dates_with_offsets_are_aware_and_others_none() -> None:
    assert unwrap("thunderbird_forward.eml").original.date == datetime(
        2025, 3, 9, 19, 3, 44, tzinfo=timezone(timedelta(hours=-5))
    )
    assert unwrap("apple_mail_forward_fr.eml").original.date == datetime(
        2025, 3, 6, 17, 45, 10, tzinfo=timezone(timedelta(hours=1))
    )
    assert unwrap("gmail_forward.eml").original.date is None  # "at 18:40" has no zone: None, not a guess
    # Yahoo's "…, 08:42:10 AM EDT": parsedate reads it but drops the zone (and would drop a PM)
    assert unwrap("yahoo_forward.eml").original.date == datetime(
        2025, 3, 11, 8, 42, 10, tzinfo=timezone(timedelta(hours=-4))
    )
    assert unwrap("yahoo_forward_es.eml").original.date == datetime(
        2025, 3, 11, 10, 5, 33, tzinfo=timezone(timedelta(hours=1))
    )
    assert unwrap("samsung_forward.eml").original.date is None  # 3/10/25: day or month first? None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            "Monday, September 19, 2022, 5:55:44 PM -0400",
            datetime(2022, 9, 19, 17, 55, 44, tzinfo=timezone(timedelta(hours=-4))),
        ),
        (
            "Tuesday, November 2, 2021, 09:26:50 AM GMT+1",
            datetime(2021, 11, 2, 9, 26, 50, tzinfo=timezone(timedelta(hours=1))),
        ),
        ("Tue, 11 Mar 2025 08:42:10 -0000", None),  # RFC 5322: the zone is not known
        ("Wednesday, March 12, 2025 6:31:02 PM", None),  # no zone at all
    ],
)
def test_forward_block_dates_keep_their_zone_and_meridiem(value: str, expected: datetime | None) -> None:
    assert parse_date(value) == expected


def test_attached_original_keeps_its_message() -> None:
    unwrapped = unwrap("attached_rfc822_forward.eml")
    assert unwrapped.original.message is not None
    assert (
        unwrapped.original.message.message_id == "inner-1@posta.example"
        or unwrapped.original.message.message_id
    )


def test_direct_message_mirrors_itself() -> None:
    unwrapped = unwrap("direct_request.eml")
    assert (unwrapped.is_forward, unwrapped.kind, unwrapped.depth, unwrapped.note) == (False, "direct", 0, "")
    assert unwrapped.forwarder is None
    assert unwrapped.original.sender == unwrapped.message.from_
    assert unwrapped.original.subject == unwrapped.message.subject


def test_reply_quoting_an_outlook_block_is_not_a_forward() -> None:
    assert unwrap("reply_with_outlook_quote.eml").kind == "direct"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Name <a@b.example>", ("Name", "a@b.example")),
        ("Name [mailto:a@b.example]", ("Name", "a@b.example")),
        ("a@b.example", ("", "a@b.example")),
        ("Name", ("Name", "")),
        ("Doe, Jane <j@b.example<mailto:j@b.example>>", ("Doe, Jane", "j@b.example")),
    ],
)
def test_sender_forms(value: str, expected: tuple[str, str]) -> None:
    body = f"note\n\n-----Original Message-----\nFrom: {value}\nSent: Monday\nSubject: Hello\n\nbody\n"
    found = parse_inline_forward(body, "FW: Hello")
    assert found is not None and found.sender is not None
    assert (found.sender.name, found.sender.email) == expected
    assert found.sender_email == (expected[1] or None)


def test_quoted_and_bold_outlook_blocks() -> None:
    body = "fyi\n\n*From:* Ana <ana@x.example>\n*Sent:* Friday\n*To:* me@y.example\n*Subject:* Hi\n\ntext"
    found = parse_inline_forward(body)
    assert found is not None and found.sender_email == "ana@x.example" and found.note == "fyi"
    quoted = "> Von: Ana <ana@x.example>\n> Betreff: Hallo\n> An: me@y.example\n>\n> Text"
    found = parse_inline_forward("Siehe unten\n\n> ---------- Weitergeleitete Nachricht ---------\n" + quoted)
    assert found is not None and (found.sender_email, found.subject, found.body) == (
        "ana@x.example",
        "Hallo",
        "Text",
    )


def test_subject_prefixes() -> None:
    assert original_subject("RE: Fwd: TR: WG: RV: Doorst: VS: PD: ENC: Rif: Hello") == "Hello"
    assert has_forward_prefix("Fwd: x") and has_forward_prefix("[ext] WG: x")
    assert not has_forward_prefix("Re: x") and not has_forward_prefix("Fwdx: y")


def test_forward_prefix_alone_is_not_a_forward() -> None:
    assert parse_inline_forward("Please see the attached CV.", "Fwd: CV") is None


@settings(max_examples=200, deadline=None)
@given(st.text(), st.one_of(st.none(), st.text(max_size=40)))
def test_parse_inline_never_raises(body: str, subject: str | None) -> None:
    parse_inline_forward(body, subject)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_unwrap_never_raises(raw: bytes) -> None:
    msg: Message = parse_message(raw)
    assert isinstance(unwrap_forward(msg), Unwrapped)


_PRECHECK_PIECES = st.sampled_from(
    [
        "\n",
        " ",
        "\t",
        ">",
        "> ",
        "*",
        "**",
        "<b>",
        "</b>",
        ":",
        "：",
        "-",
        "=",
        "_",
        "From",
        "from",
        "VON",
        "De",
        "Da",
        "Från",
        "Forwarded message",
        "original MESSAGE",
        "Message transféré",
        "x",
        "é",
        "ß",
        "İ",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PRECHECK_PIECES, max_size=30).map("".join))
def test_forward_precheck_agrees_with_its_specification(text: str) -> None:
    assert may_hold_forward_block(text) == _may_hold_forward_block_reference(text)


def test_forward_precheck_agrees_on_real_bodies() -> None:
    bodies = [parse_message(path.read_bytes()).text for path in sorted(FIXTURES.parent.rglob("*.eml"))]
    assert len(bodies) > 50
    assert [may_hold_forward_block(b) for b in bodies] == [
        _may_hold_forward_block_reference(b) for b in bodies
    ]


@pytest.mark.parametrize(
    ("name", "note"),
    [
        ("iphone_forward.eml", "Can one of you take this one?"),
        ("samsung_forward.eml", "FYI - could someone reply to her? Thx"),
        ("outlook_ios_forward.eml", "Please pick this up - she was referred by our CTO."),
    ],
)
def test_the_note_leaves_out_what_the_managers_phone_appended(name: str, note: str) -> None:
    assert unwrap(name).note == note


ENCODED_SENDER = "=?utf-8?q?Bob_attacker@evil.example?= <bob@example.net>"
BOB = ("Bob attacker@evil.example", "bob@example.net")


def test_an_encoded_name_in_an_attached_forward_keeps_the_real_sender() -> None:
    raw = (
        "From: Dana Manager <dana@example.org>\nTo: interviews@example.org\nSubject: Fwd: coffee chat\n"
        'Content-Type: multipart/mixed; boundary="outer"\n\n--outer\nContent-Type: text/plain\n\n'
        "Could someone talk to Bob?\n--outer\nContent-Type: message/rfc822\n\n"
        f"From: {ENCODED_SENDER}\nTo: dana@example.org\nSubject: coffee chat\n\n"
        "Would you have 20 minutes for a call about your team?\n--outer--\n"
    ).encode()
    unwrapped = unwrap_forward(parse_message(raw))
    assert unwrapped.kind == "attached"
    sender = unwrapped.original.sender
    assert sender is not None and (sender.name, sender.email) == BOB


def test_an_encoded_name_in_an_inline_forward_block_is_decoded_and_keeps_the_address() -> None:
    body = (
        "Could someone talk to Bob?\n\n---------- Forwarded message ---------\n"
        f"From: {ENCODED_SENDER}\nDate: Mon, 2 Nov 2026 at 09:00\nSubject: coffee chat\n"
        f"To: Dana <dana@example.org>, {ENCODED_SENDER}\n\n"
        "Would you have 20 minutes for a call about your team?\n"
    )
    found = parse_inline_forward(body, "Fwd: coffee chat")
    assert found is not None
    assert found.sender is not None and (found.sender.name, found.sender.email) == BOB
    assert [(a.name, a.email) for a in found.to] == [("Dana", "dana@example.org"), BOB]
