"""Reply splitting: new text, quoted history and signature."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inboxbroker.mail.quotes import is_mobile_signature, split_reply


def test_gmail_attribution_and_sign_off() -> None:
    text = (
        "Thursday at 3pm works.\n\nThanks,\nTom\n\n"
        "On Fri, 14 Mar 2025 at 09:00, Programme <p@x.example> wrote:\n> Could you do Thursday?\n"
    )
    parts = split_reply(text)
    assert parts.new == "Thursday at 3pm works."
    assert parts.signature == "Thanks,\nTom"
    assert parts.quoted.startswith("On Fri") and "> Could you" in parts.quoted


def test_wrapped_attribution_in_german() -> None:
    parts = split_reply(
        "Passt gut.\n\nAm Fr., 14. März 2025 um 09:00 schrieb Programm\n<p@x.example>:\n> Hallo"
    )
    assert parts.new == "Passt gut." and parts.quoted.startswith("Am Fr.")


def test_outlook_header_block_and_mobile_signature() -> None:
    text = (
        "Yes please.\n\nSent from my iPhone\n\n________________________________\n"
        "From: A <a@x.example>\nSent: Friday\nTo: b@y.example\nSubject: Slots\n\nold"
    )
    parts = split_reply(text)
    assert (parts.new, parts.signature) == ("Yes please.", "Sent from my iPhone")
    assert parts.quoted.startswith("____") and parts.quoted.endswith("old")


def test_dash_dash_signature_without_quote() -> None:
    parts = split_reply("See you then.\n-- \nJane Roe\n+1 555 0100")
    assert parts == type(parts)("See you then.", "", "-- \nJane Roe\n+1 555 0100")


def test_forward_block_is_not_a_quote() -> None:
    text = "fyi\n\n---------- Forwarded message ---------\nFrom: A <a@x.example>\nSubject: Hi\n\nbody"
    assert split_reply(text).quoted == ""


@given(st.text())
def test_never_raises(text: str) -> None:
    split_reply(text)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Sent from my iPhone", True),
        ("Sent from my Samsung Galaxy smartphone.", True),
        ("Get Outlook for iOS<https://aka.ms/o0ukef>", True),
        ("Get Outlook for Android", True),
        ("Enviado do meu iPhone", True),
        ("Wysłane z iPhone'a", True),
        ("Von meinem iPad gesendet", True),
        ("Sent from my desk, where I read about your team and would love a 20-minute chat next week", False),
        ("I sent from my phone yesterday", False),
    ],
)
def test_mobile_signature_lines(line: str, expected: bool) -> None:
    assert is_mobile_signature(line) is expected
