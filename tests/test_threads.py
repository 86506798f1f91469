"""Thread matching: header hits are strong, subject plus participant is weak, ambiguity is no match."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from inboxbroker.mail.parse import parse_message
from inboxbroker.mail.threads import KnownThread, ThreadIndex, match_thread, normalise_subject

REPLY = Path(__file__).parent / "fixtures" / "forwards" / "reply_with_outlook_quote.eml"


def test_in_reply_to_our_draft_is_strong() -> None:
    msg = parse_message(REPLY.read_bytes())
    match = match_thread(msg, ThreadIndex(message_ids={"<draft-42@NORTHWIND.example>": 7}))
    assert match is not None and (match.request_id, match.strength) == (7, "strong")
    assert "In-Reply-To" in match.reason


def test_references_hit_is_strong() -> None:
    msg = replace(
        parse_message(REPLY.read_bytes()),
        in_reply_to=None,
        references=("<x@y>", "<draft-42@northwind.example>"),
    )
    match = match_thread(msg, ThreadIndex(message_ids={"draft-42@northwind.example": 9}))
    assert match is not None and (match.request_id, match.strength) == (9, "strong")


def test_subject_and_participant_is_weak() -> None:
    msg = replace(parse_message(REPLY.read_bytes()), in_reply_to=None, references=())
    thread = KnownThread(
        3, normalise_subject("Your informational interview"), frozenset({"tom.becker@uni.example"})
    )
    match = match_thread(msg, ThreadIndex(threads=(thread,)))
    assert match is not None and (match.request_id, match.strength) == (3, "weak")
    stranger = replace(thread, participants=frozenset({"someone@else.example"}))
    assert match_thread(msg, ThreadIndex(threads=(stranger,))) is None
    other = replace(thread, request_id=4)
    assert match_thread(msg, ThreadIndex(threads=(thread, other))) is None  # ambiguous: no guess


def test_normalise_subject() -> None:
    assert normalise_subject("AW: SV: Re: FW:  Your   Interview") == "your interview"
    assert normalise_subject("[External] RE: Hello") == "hello"
