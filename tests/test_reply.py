"""The reply's MIME bytes: structure with and without an invite, threading headers, and hostile names and
subjects that arrive as the characters they were instead of becoming headers or other names."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest

from inboxbroker.domain import Address
from inboxbroker.drafting.ics_rules import check_itip
from inboxbroker.drafting.invite import InviteSpec, Party, build_cancel, build_request
from inboxbroker.drafting.reply import ReplySpec, build_reply, reply_subject

LA = ZoneInfo("America/Los_Angeles")
HOSTILE_SUBJECT = "Hello\r\nBcc: victim@example.org {{ 7*7 }}"
ENCODED_WORD_NAME = "=?utf-8?q?Eve_=3Ceve=40evil.example=3E?="
INVITE = build_request(
    InviteSpec(
        uid="meeting-9@inboxbroker.example.org",
        sequence=0,
        dtstamp=datetime(2025, 3, 1, 12, tzinfo=UTC),
        start=datetime(2025, 3, 10, 9, tzinfo=LA),
        end=datetime(2025, 3, 10, 9, 30, tzinfo=LA),
        tz_name="America/Los_Angeles",
        summary="Conversation with Rachel Kim — données",
        description="About data science.",
        organizer=Party("Interview Programme", "interviews@example.org"),
        attendees=(Party("Asha Rao", "asha.rao@example.in"),),
    )
)


def spec(**changes: Any) -> ReplySpec:
    base = ReplySpec(
        sender="Interview Programme <interviews@example.org>",
        to=Address("Asha Rao", "asha.rao@example.in"),
        cc=(Address("Tom Baker", "tom.baker@example.org"),),
        subject="Fwd: Could I have 30 minutes of your time?",
        in_reply_to="<original-1@mail.example.in>",
        message_id="<draft-17.abc@inboxbroker.example.org>",
        text="Dear Asha,\n\nWould one of these times suit you?\n",
        html="<p>Dear Asha,</p>",
    )
    return dataclasses.replace(base, **changes)


def parse(raw: bytes) -> EmailMessage:
    return cast(EmailMessage, message_from_bytes(raw, policy=policy.default))


def content(part: Any) -> str:
    """A text part's content; the stdlib keeps the wire's CRLF when it parses bytes."""
    return str(part.get_content()).replace("\r\n", "\n")


def structure(msg: EmailMessage) -> Any:
    if msg.is_multipart():
        return (msg.get_content_type(), [structure(cast(EmailMessage, p)) for p in msg.iter_parts()])
    return msg.get_content_type()


# --- structure ------------------------------------------------------------------------------------------


def test_with_an_invite_the_calendar_is_an_alternative_and_an_attachment() -> None:
    raw = build_reply(spec(ics=INVITE))
    msg = parse(raw)
    assert structure(msg) == (
        "multipart/mixed",
        [("multipart/alternative", ["text/plain", "text/html", "text/calendar"]), "application/ics"],
    )
    alternative, attachment = msg.iter_parts()
    calendar = list(cast(EmailMessage, alternative).iter_parts())[2]
    assert calendar.get_param("method") == "REQUEST"
    assert calendar.get_content_charset() == "utf-8"
    assert calendar.get_payload(decode=True) == INVITE  # the folded lines survive the transfer encoding
    assert attachment.get_filename() == "invite.ics"
    assert attachment.get_param("name") == "invite.ics"
    assert attachment.get_payload(decode=True) == INVITE
    assert check_itip(attachment.get_payload(decode=True)) == []


def test_a_cancel_says_method_cancel() -> None:
    meeting = build_cancel(
        InviteSpec(
            uid="m@x.example", sequence=1, dtstamp=datetime(2025, 3, 1, tzinfo=UTC),
            start=datetime(2025, 3, 10, 9, tzinfo=LA), end=datetime(2025, 3, 10, 10, tzinfo=LA),
            tz_name="UTC", summary="s", description="", organizer=Party("", "o@example.org"),
            attendees=(Party("", "a@example.org"),),
        )
    )  # fmt: skip
    msg = parse(build_reply(spec(ics=meeting, ics_method="CANCEL")))
    calendar = list(cast(EmailMessage, next(msg.iter_parts())).iter_parts())[2]
    assert calendar.get_param("method") == "CANCEL"


def test_without_an_invite_text_and_html_are_alternatives() -> None:
    msg = parse(build_reply(spec()))
    assert structure(msg) == ("multipart/alternative", ["text/plain", "text/html"])


def test_text_alone_is_one_text_part() -> None:
    msg = parse(build_reply(spec(html=None)))
    assert structure(msg) == "text/plain"
    assert content(msg) == "Dear Asha,\n\nWould one of these times suit you?\n"
    assert msg["MIME-Version"] == "1.0"


def test_the_bytes_are_crlf_throughout_and_headers_are_folded() -> None:
    raw = build_reply(spec(ics=INVITE, subject="x" * 200 + " " + "y" * 50))
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert b"\r" not in raw.replace(b"\r\n", b"")
    head = raw.split(b"\r\n\r\n", 1)[0]
    assert all(len(line) <= 998 for line in head.split(b"\r\n"))


# --- headers --------------------------------------------------------------------------------------------


def test_headers_thread_the_reply_and_keep_our_message_id() -> None:
    msg = parse(
        build_reply(spec(references=("<root@mail.example.in>",), date=datetime(2025, 3, 2, 9, tzinfo=UTC)))
    )
    assert msg["Message-ID"] == "<draft-17.abc@inboxbroker.example.org>"
    assert msg["In-Reply-To"] == "<original-1@mail.example.in>"
    assert msg["References"] == "<root@mail.example.in> <original-1@mail.example.in>"
    assert msg["From"] == "Interview Programme <interviews@example.org>"
    assert msg["To"] == "Asha Rao <asha.rao@example.in>"
    assert msg["Cc"] == "Tom Baker <tom.baker@example.org>"
    assert msg["Subject"] == "Re: Could I have 30 minutes of your time?"
    assert msg["Date"].datetime == datetime(2025, 3, 2, 9, tzinfo=UTC)
    assert msg["Auto-Submitted"] is None  # a person approves it: not automated mail (RFC 3834)


def test_without_the_original_id_there_is_no_threading_and_no_date_until_sent() -> None:
    msg = parse(build_reply(spec(in_reply_to=None, cc=())))
    assert msg["In-Reply-To"] is None and msg["References"] is None
    assert msg["Date"] is None and msg["Cc"] is None


def test_a_malformed_original_id_is_dropped_not_written() -> None:
    msg = parse(
        build_reply(spec(in_reply_to="<a>\r\nBcc: victim@example.org", references=("junk", "<ok@x.example>")))
    )
    assert msg["In-Reply-To"] is None
    assert msg["References"] == "<ok@x.example>"
    assert msg["Bcc"] is None


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("Fwd: Coffee chat?", "Re: Coffee chat?"),
        ("Re: Fwd: Coffee chat?", "Re: Coffee chat?"),
        ("AW: WG: Kaffee?", "Re: Kaffee?"),
        ("TR: RE: Café ?", "Re: Café ?"),
        ("FW: fw: Fwd:Coffee", "Re: Coffee"),
        ("[External] Fwd: Coffee", "Re: Coffee"),
        ("Coffee: a question", "Re: Coffee: a question"),
        ("  ", "Your conversation"),
        (None, "Your conversation"),
        ("Fwd:", "Your conversation"),
    ],
)
def test_the_subject_is_re_plus_the_original(original: str | None, expected: str) -> None:
    assert reply_subject(original, "Your conversation") == expected
    assert (
        parse(build_reply(spec(subject=original, fallback_subject="Your conversation")))["Subject"]
        == expected
    )


def test_our_message_id_must_be_one_well_formed_id() -> None:
    for bad in ("draft-17@x", "<a@b> <c@d>", "<a@b>\r\nBcc: v@x.example"):
        with pytest.raises(ValueError, match="message_id"):
            build_reply(spec(message_id=bad))


# --- hostile input --------------------------------------------------------------------------------------


def test_a_hostile_subject_stays_one_header_shown_as_text() -> None:
    raw = build_reply(spec(subject=HOSTILE_SUBJECT))
    msg = parse(raw)
    assert msg["Bcc"] is None
    assert b"\r\nBcc:" not in raw
    assert msg["Subject"] == "Re: Hello Bcc: victim@example.org {{ 7*7 }}"


def test_a_script_name_is_a_name() -> None:
    msg = parse(build_reply(spec(to=Address("<script>alert(1)</script>", "asha.rao@example.in"))))
    (to,) = msg["To"].addresses
    assert to.display_name == "<script>alert(1)</script>"
    assert to.addr_spec == "asha.rao@example.in"


def test_an_encoded_word_in_a_name_arrives_as_written_and_adds_no_recipient() -> None:
    raw = build_reply(
        spec(
            to=Address(ENCODED_WORD_NAME, "asha.rao@example.in"),
            cc=(
                Address("Tom\r\nBcc: victim@example.org", "tom.baker@example.org"),
                Address("Zoë", "zoe@example.org"),
            ),
        )
    )
    msg = parse(raw)
    (to,) = msg["To"].addresses
    assert to.display_name == ENCODED_WORD_NAME  # not "Eve <eve@evil.example>"
    assert to.addr_spec == "asha.rao@example.in"
    assert [a.addr_spec for a in msg["Cc"].addresses] == ["tom.baker@example.org", "zoe@example.org"]
    assert [a.display_name for a in msg["Cc"].addresses] == ["Tom Bcc: victim@example.org", "Zoë"]
    assert msg["Bcc"] is None


def test_an_encoded_word_in_the_subject_arrives_as_written() -> None:
    subject = "Question =?utf-8?q?=3Cb=3E?= about you"
    assert parse(build_reply(spec(subject=subject)))["Subject"] == f"Re: {subject}"


def test_non_ascii_names_subject_and_body_are_encoded_and_read_back() -> None:
    raw = build_reply(
        spec(
            to=Address("Zoë Ångström-Núñez 山田", "zoe@example.org"),
            subject="Fwd: Entretien d'information — café ☕",
            text="Chère Zoë,\n\n" + "très " * 40 + "\n",
        )
    )
    assert raw.isascii()  # 7-bit clean: no server needs 8BITMIME for it
    msg = parse(raw)
    assert msg["To"].addresses[0].display_name == "Zoë Ångström-Núñez 山田"
    assert msg["Subject"] == "Re: Entretien d'information — café ☕"
    body = cast(EmailMessage, msg.get_body(("plain",)))
    assert content(body).startswith("Chère Zoë,\n\ntrès très")


def test_the_text_part_shows_hostile_characters_as_text() -> None:
    text = "Your topic: {{ 7*7 }} <script>alert(1)</script>\n"
    msg = parse(build_reply(spec(text=text, html="<p>&lt;script&gt;</p>")))
    body = cast(EmailMessage, msg.get_body(("plain",)))
    assert content(body) == text


def test_an_address_that_is_not_an_address_is_refused() -> None:
    for bad in ("asha@example.in\r\nBcc: v@x.example", "not an address", "a b@example.org"):
        with pytest.raises(ValueError):
            build_reply(spec(to=Address("Asha", bad)))
    with pytest.raises(ValueError, match=r"smtp\.from"):
        build_reply(spec(sender="a@example.org, b@example.org"))
