"""check_itip catches each RFC 5545/5546 rule it claims to: a valid invite is broken one way at a time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from inboxbroker.drafting.ics_rules import check_itip
from inboxbroker.drafting.invite import InviteSpec, Party, build_cancel, build_request

LA = ZoneInfo("America/Los_Angeles")
MEETING = InviteSpec(
    uid="meeting-7@inboxbroker.example.org",
    sequence=2,
    dtstamp=datetime(2025, 3, 1, 12, tzinfo=UTC),
    start=datetime(2025, 3, 10, 9, tzinfo=LA),
    end=datetime(2025, 3, 10, 9, 30, tzinfo=LA),
    tz_name="America/Los_Angeles",
    summary="Conversation with Rachel Kim",
    description="About data science.",
    organizer=Party("Interview Programme", "interviews@example.org"),
    attendees=(Party("Asha Rao", "asha.rao@example.in"),),
)
REQUEST = build_request(MEETING)
CANCEL = build_cancel(MEETING)
REPLY = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//EN\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
    b"UID:meeting-7@inboxbroker.example.org\r\nDTSTAMP:20250302T080000Z\r\n"
    b"ORGANIZER:mailto:interviews@example.org\r\n"
    b"ATTENDEE;PARTSTAT=ACCEPTED:mailto:asha.rao@example.in\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def drop(data: bytes, prefix: bytes) -> bytes:
    """``data`` without the content line (and its folded continuations) that starts with ``prefix``."""
    lines = data.split(b"\r\n")
    out, skipping = [], False
    for line in lines:
        if line.startswith(prefix):
            skipping = True
            continue
        if skipping and line.startswith(b" "):
            continue
        skipping = False
        out.append(line)
    return b"\r\n".join(out)


def replace_line(data: bytes, prefix: bytes, new: bytes) -> bytes:
    lines = data.split(b"\r\n")
    return b"\r\n".join(new if line.startswith(prefix) else line for line in lines)


def test_the_valid_objects_pass() -> None:
    assert check_itip(REQUEST) == []
    assert check_itip(CANCEL) == []
    assert check_itip(REPLY) == []


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # VCALENDAR
        (drop(REQUEST, b"VERSION:"), "VERSION:2.0"),
        (replace_line(REQUEST, b"VERSION:", b"VERSION:1.0"), "VERSION:2.0"),
        (drop(REQUEST, b"PRODID:"), "lacks PRODID"),
        (drop(REQUEST, b"METHOD:"), "lacks METHOD"),
        (replace_line(REQUEST, b"METHOD:", b"METHOD:PUBLISHX"), "not one this checker knows"),
        (REQUEST.replace(b"METHOD:REQUEST\r\n", b"METHOD:REQUEST\r\nMETHOD:CANCEL\r\n"), "2 METHOD"),
        # REQUEST's VEVENT
        (drop(REQUEST, b"DTSTAMP:"), "lacks DTSTAMP"),
        (drop(REQUEST, b"DTSTART;"), "lacks DTSTART"),
        (drop(REQUEST, b"ORGANIZER"), "lacks ORGANIZER"),
        (drop(REQUEST, b"SUMMARY:"), "lacks SUMMARY"),
        (drop(REQUEST, b"UID:"), "lacks UID"),
        (drop(REQUEST, b"ATTENDEE"), "at least one ATTENDEE"),
        (replace_line(REQUEST, b"STATUS:", b"STATUS:CANCELLED"), "STATUS:CANCELLED in METHOD:REQUEST"),
        (replace_line(REQUEST, b"SEQUENCE:", b"SEQUENCE:-1"), "SEQUENCE is not"),
        (REQUEST.replace(b"UID:", b"UID:a\r\nUID:"), "2 UID"),
        (REQUEST.replace(b"mailto:asha.rao@example.in", b"asha.rao@example.in"), "not a mailto:"),
        # CANCEL's VEVENT
        (drop(CANCEL, b"SEQUENCE:"), "lacks SEQUENCE, required for METHOD:CANCEL"),
        (drop(CANCEL, b"ATTENDEE"), "at least one ATTENDEE"),
        (drop(CANCEL, b"DTSTAMP:"), "lacks DTSTAMP"),
        (drop(CANCEL, b"ORGANIZER"), "lacks ORGANIZER"),
        (drop(CANCEL, b"UID:"), "lacks UID"),
        (replace_line(CANCEL, b"STATUS:", b"STATUS:CONFIRMED"), "STATUS:CONFIRMED in METHOD:CANCEL"),
        # REPLY's VEVENT
        (drop(REPLY, b"ATTENDEE"), "exactly one ATTENDEE, found 0"),
        (REPLY.replace(b"END:VEVENT", b"ATTENDEE:mailto:b@example.org\r\nEND:VEVENT"), "found 2"),
        (drop(REPLY, b"DTSTAMP:"), "lacks DTSTAMP"),
        (drop(REPLY, b"ORGANIZER"), "lacks ORGANIZER"),
        (drop(REPLY, b"UID:"), "lacks UID"),
        # times
        (
            replace_line(REQUEST, b"DTEND;", b"DTEND;TZID=America/Los_Angeles:20250310T085900"),
            "DTEND is not after",
        ),
        (
            replace_line(REQUEST, b"DTEND;", b"DTEND;TZID=America/Los_Angeles:20250310T090000"),
            "DTEND is not after",
        ),
        (replace_line(REQUEST, b"DTEND;", b"DTEND:20250310T160000Z"), "DTEND is not after"),
        (
            replace_line(REQUEST, b"DTEND;", b"DTEND;TZID=America/Los_Angeles:20250231T090000"),
            "not a real date",
        ),
        (replace_line(REQUEST, b"DTEND;", b"DTEND;TZID=America/Los_Angeles:tomorrow"), "not a DATE"),
        (REQUEST.replace(b"END:VEVENT", b"DURATION:PT30M\r\nEND:VEVENT"), "both DTEND and DURATION"),
        # time zones
        (drop(drop(drop(REQUEST, b"BEGIN:VTIMEZONE"), b"TZID:"), b"END:VTIMEZONE"), "has no VTIMEZONE"),
        (
            REQUEST.replace(
                b"TZID=America/Los_Angeles:20250310T093000", b"TZID=Asia/Kolkata:20250310T233000"
            ),
            "TZID=Asia/Kolkata of DTEND has no VTIMEZONE",
        ),
        (drop(REQUEST, b"TZOFFSETTO:"), "lacks TZOFFSETTO"),
        # lines
        (REQUEST.replace(b"\r\n", b"\n"), "bare LF or CR"),
        (REQUEST.replace(b"SUMMARY:", b"SUMMARY:\r", 1), "bare LF or CR"),
        (REQUEST[:-2], "does not end with CRLF"),
        (replace_line(REQUEST, b"SUMMARY:", b"SUMMARY:" + b"x" * 70), "78 octets, longer than 75"),
        (replace_line(REQUEST, b"SUMMARY:", b"SUMMARY:" + "é".encode() * 34), "76 octets"),
        (REQUEST.replace(b"SUMMARY:Conversation", b"SUMMARY:\xffConversation"), "not UTF-8"),
        # structure
        (drop(REQUEST, b"END:VEVENT"), "never closed"),
        (REQUEST.replace(b"END:VEVENT", b"END:VTODO"), "does not close"),
        (REQUEST + b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "expected one VCALENDAR"),
        (b"", "expected one VCALENDAR"),
        (REQUEST.replace(b"BEGIN:VEVENT", b"BEGIN:VTODO").replace(b"END:VEVENT", b"END:VTODO"), "no VEVENT"),
        (REQUEST.replace(b"SUMMARY:", b'SUMMARY;CN="un"closed:'), "malformed parameter"),
        (REQUEST.replace(b"TRANSP:OPAQUE", b"TRANSP OPAQUE"), "no ':'"),
        (REQUEST.replace(b"END:VCALENDAR\r\n", b"END:VCALENDAR\r\nX-AFTER:1\r\n"), "outside any component"),
    ],
)
def test_each_broken_rule_is_reported(data: bytes, expected: str) -> None:
    problems = check_itip(data)
    assert any(expected in problem for problem in problems), problems


def test_a_second_event_with_another_uid_is_reported() -> None:
    start = REQUEST.index(b"BEGIN:VEVENT")
    end = REQUEST.index(b"END:VEVENT\r\n") + len(b"END:VEVENT\r\n")
    second = REQUEST[start:end].replace(b"UID:meeting-7", b"UID:meeting-8")
    problems = check_itip(REQUEST[:end] + second + REQUEST[end:])
    assert any("share one UID" in p for p in problems), problems


def test_a_folded_line_is_read_whole() -> None:
    # A value folded across three lines, with a multi-byte character split only between characters.
    summary = "SUMMARY:" + "a" * 60 + "\r\n " + "é" * 30 + "\r\n " + "b" * 10
    data = replace_line(REQUEST, b"SUMMARY:", summary.encode())
    assert check_itip(data) == []
