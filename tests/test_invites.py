"""Invitations: every REQUEST and CANCEL parses with icalendar, passes check_itip, and a real CalDAV server
(Radicale) stores it and gives back the same times and attendees; REPLYs from calendar clients are read."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from inboxbroker.drafting.ics_rules import check_itip
from inboxbroker.drafting.invite import InviteSpec, Party, build_cancel, build_request, parse_itip_reply
from inboxbroker.errors import CalendarReplyError, MessageError

LA, KOLKATA = ZoneInfo("America/Los_Angeles"), ZoneInfo("Asia/Kolkata")


def spec(**changes: Any) -> InviteSpec:
    base = InviteSpec(
        uid="meeting-42@inboxbroker.example.org",
        sequence=0,
        dtstamp=datetime(2025, 3, 1, 12, 0, tzinfo=UTC),
        # 8 March 2025 is the Saturday before the US clocks go forward (9 March, 02:00 PST → 03:00 PDT).
        start=datetime(2025, 3, 10, 9, 0, tzinfo=LA),
        end=datetime(2025, 3, 10, 9, 30, tzinfo=LA),
        tz_name="America/Los_Angeles",
        summary="Conversation with Rachel Kim",
        description="Informational interview about data science.\nArranged by the Interview Programme.",
        organizer=Party("Interview Programme", "interviews@example.org"),
        attendees=(Party("Asha Rao", "asha.rao@example.in"), Party("Rachel Kim", "rachel.kim@example.org")),
        video_url="https://meet.example.org/rachel-kim",
    )
    return dataclasses.replace(base, **changes)


def event_of(data: bytes) -> Any:
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


# --- building ------------------------------------------------------------------------------------------


def test_a_request_carries_what_rfc_5546_asks_of_it() -> None:
    data = build_request(spec())
    calendar, event = event_of(data)
    assert calendar["METHOD"] == "REQUEST"
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert event["UID"] == "meeting-42@inboxbroker.example.org"
    assert event["SEQUENCE"] == 0
    assert event["STATUS"] == "CONFIRMED"
    assert event.decoded("DTSTAMP") == datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    assert b"DTSTAMP:20250301T120000Z\r\n" in data
    assert event["ORGANIZER"] == "mailto:interviews@example.org"
    assert event["ORGANIZER"].params["CN"] == "Interview Programme"
    attendees = event["ATTENDEE"]
    assert [str(a) for a in attendees] == ["mailto:asha.rao@example.in", "mailto:rachel.kim@example.org"]
    for attendee in attendees:
        assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
        assert attendee.params["RSVP"] == "TRUE"
        assert attendee.params["PARTSTAT"] == "NEEDS-ACTION"
    assert attendees[0].params["CN"] == "Asha Rao"
    assert event["LOCATION"] == "https://meet.example.org/rachel-kim"
    assert check_itip(data) == []


def test_a_room_goes_in_location_and_the_video_link_in_url() -> None:
    _, event = event_of(build_request(spec(location="Building 4, room 2.17")))
    assert event["LOCATION"] == "Building 4, room 2.17"
    assert event["URL"] == "https://meet.example.org/rachel-kim"


def test_the_same_meeting_builds_the_same_bytes() -> None:
    # The draft stores its .ics; a rebuild (review, resend) must not quietly differ from what was approved.
    assert build_request(spec()) == build_request(spec())


def test_a_cancel_keeps_the_uid_and_takes_the_sequence_given() -> None:
    data = build_cancel(spec(sequence=3))
    calendar, event = event_of(data)
    assert calendar["METHOD"] == "CANCEL"
    assert event["STATUS"] == "CANCELLED"
    assert event["UID"] == "meeting-42@inboxbroker.example.org"
    assert event["SEQUENCE"] == 3
    assert check_itip(data) == []


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Kolkata"])
def test_every_tzid_used_has_its_vtimezone(zone: str) -> None:
    data = build_request(spec(tz_name=zone))
    calendar, event = event_of(data)
    assert event["DTSTART"].params["TZID"] == zone
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == [zone]
    assert calendar.get_missing_tzids() == set()
    # The instant is the same whichever zone it is written in.
    assert event.decoded("DTSTART") == datetime(2025, 3, 10, 9, 0, tzinfo=LA)
    assert check_itip(data) == []


def test_the_los_angeles_vtimezone_knows_the_march_clock_change() -> None:
    # Booked before the change for a date after it: the offset must come from the VTIMEZONE, not from today.
    before = spec(start=datetime(2025, 3, 7, 9, tzinfo=LA), end=datetime(2025, 3, 7, 9, 30, tzinfo=LA))
    after = spec(start=datetime(2025, 3, 11, 9, tzinfo=LA), end=datetime(2025, 3, 11, 9, 30, tzinfo=LA))
    for meeting, utc_hour in ((before, 17), (after, 16)):
        data = build_request(meeting)
        _, event = event_of(data)
        assert event.decoded("DTSTART").astimezone(UTC).hour == utc_hour
        assert check_itip(data) == []
    calendar, _ = event_of(build_request(after))
    (tz,) = calendar.walk("VTIMEZONE")
    daylight = [sub for sub in tz.walk() if sub.name == "DAYLIGHT"]
    assert daylight and {str(sub["TZOFFSETTO"].to_ical()) for sub in daylight} == {"-0700"}
    assert b"20250309T030000" in tz.to_ical()  # the 2025 change itself, where PST becomes PDT


def test_the_hour_repeated_in_november_is_written_in_utc() -> None:
    # 01:30 happens twice on 2 November 2025 in Los Angeles; RFC 5545 reads a local time as the first one,
    # so the second can only be named exactly in UTC.
    second = datetime(2025, 11, 2, 1, 30, tzinfo=LA, fold=1)
    data = build_request(spec(start=second, end=second + timedelta(minutes=30)))
    _, event = event_of(data)
    assert event.decoded("DTSTART") == second.astimezone(
        UTC
    )  # PEP 495: a fold=1 time is never == across zones
    assert b"DTSTART:20251102T093000Z\r\n" in data
    assert check_itip(data) == []


def test_utc_or_an_unknown_zone_writes_utc_times_and_no_vtimezone() -> None:
    for zone in ("UTC", "Mars/Olympus_Mons"):
        data = build_request(spec(tz_name=zone))
        calendar, _ = event_of(data)
        assert calendar.walk("VTIMEZONE") == []
        assert b"DTSTART:20250310T160000Z\r\n" in data
        assert check_itip(data) == []


def test_hostile_text_is_escaped_and_never_breaks_the_structure() -> None:
    hostile = 'Evil\r\nATTENDEE:mailto:victim@example.org\r\nEND:VEVENT, ; \\ "quoted" \x00\x1b\u2028'
    huge = "N" * 10_000
    data = build_request(
        spec(
            summary=hostile,
            description=hostile,
            location=hostile,
            organizer=Party(hostile, "interviews@example.org"),
            attendees=(Party(huge, "asha.rao@example.in"), Party(hostile, "rachel.kim@example.org")),
        )
    )
    assert check_itip(data) == []
    calendar, event = event_of(data)
    assert len(event["ATTENDEE"]) == 2  # the injected ATTENDEE stayed text
    assert len(calendar.walk("VEVENT")) == 1
    assert event["ATTENDEE"][0].params["CN"] == huge
    assert "ATTENDEE:mailto:victim@example.org" in str(event["SUMMARY"])
    assert "\r" not in str(event["SUMMARY"]) and "\n" not in str(event["SUMMARY"])
    assert "\x00" not in str(event["DESCRIPTION"]) and "\x1b" not in str(event["DESCRIPTION"])
    assert '"quoted"' in event["ATTENDEE"][1].params["CN"]
    assert "\n" in str(event["DESCRIPTION"])  # a description keeps its line breaks, escaped


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"start": datetime(2025, 3, 10, 9, 0)}, "aware"),
        ({"end": datetime(2025, 3, 10, 8, 0, tzinfo=LA)}, "end after"),
        ({"attendees": ()}, "attendee"),
        ({"uid": " \r\n"}, "UID"),
        ({"sequence": -1}, "SEQUENCE"),
        ({"attendees": (Party("x", "victim@example.org\r\nATTENDEE:mailto:a@b"),)}, "email"),
        ({"organizer": Party("x", "a;b@example.org")}, "email"),
    ],
)
def test_a_spec_that_cannot_be_a_valid_invite_is_refused(change: dict[str, Any], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        build_request(spec(**change))


# --- a real CalDAV server --------------------------------------------------------------------------------


def without_method(data: bytes) -> str:
    """RFC 4791 §4.1 keeps iTIP METHOD out of stored calendar objects; the rest is the same VEVENT."""
    return data.decode("utf-8").replace("METHOD:REQUEST\r\n", "").replace("METHOD:CANCEL\r\n", "")


INVITES = {
    "request-los-angeles": lambda: build_request(spec()),
    "request-kolkata-across-dst": lambda: build_request(
        # Requester's zone, on the day the interviewer's clocks go forward.
        spec(
            tz_name="Asia/Kolkata",
            start=datetime(2025, 3, 9, 22, 30, tzinfo=KOLKATA),
            end=datetime(2025, 3, 9, 23, 0, tzinfo=KOLKATA),
            uid="meeting-43@inboxbroker.example.org",
        )
    ),
    "cancel": lambda: build_cancel(spec(sequence=1, uid="meeting-44@inboxbroker.example.org")),
}


@pytest.mark.parametrize("name", sorted(INVITES))
def test_radicale_stores_the_invite_and_gives_back_the_same_times_and_attendees(
    name: str, radicale_calendar: Any
) -> None:
    data = INVITES[name]()
    assert check_itip(data) == []
    _, sent = event_of(data)
    # Radicale takes the object as sent (METHOD included); the stored copy the library will keep is the
    # same VEVENT without METHOD, which is what RFC 4791 asks for, so that is what is saved here.
    radicale_calendar.add_event(without_method(data), increase_seqno=False)
    stored = radicale_calendar.get_event_by_uid(str(sent["UID"]))
    _, back = event_of(stored.data.encode("utf-8"))
    assert back.decoded("DTSTART") == sent.decoded("DTSTART")
    assert back.decoded("DTEND") == sent.decoded("DTEND")
    assert back["DTSTART"].params.get("TZID") == sent["DTSTART"].params.get("TZID")
    assert [str(a) for a in back["ATTENDEE"]] == [str(a) for a in sent["ATTENDEE"]]
    assert [a.params["CN"] for a in back["ATTENDEE"]] == [a.params["CN"] for a in sent["ATTENDEE"]]
    assert back["SEQUENCE"] == sent["SEQUENCE"]


def test_radicale_also_accepts_the_invite_with_its_method(radicale_calendar: Any) -> None:
    data = build_request(spec(uid="with-method@inboxbroker.example.org"))
    radicale_calendar.add_event(data.decode("utf-8"), increase_seqno=False)
    stored = radicale_calendar.get_event_by_uid("with-method@inboxbroker.example.org")
    _, back = event_of(stored.data.encode("utf-8"))
    assert back.decoded("DTSTART") == datetime(2025, 3, 10, 9, 0, tzinfo=LA)


# --- property: any text makes a valid invite --------------------------------------------------------------

wild_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from('\r\n\t,;:\\"^='),
    max_size=300,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=wild_text,
    summary=wild_text,
    description=wild_text | st.text(min_size=2000, max_size=4000),
    location=st.none() | wild_text,
    start_minutes=st.integers(min_value=0, max_value=60 * 24 * 400),
    zone=st.sampled_from(["America/Los_Angeles", "Asia/Kolkata", "UTC", "Europe/London"]),
)
def test_any_text_and_time_make_a_valid_invite_that_round_trips(
    name: str, summary: str, description: str, location: str | None, start_minutes: int, zone: str
) -> None:
    start = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=start_minutes)
    meeting = spec(
        summary=summary,
        description=description,
        location=location,
        start=start,
        end=start + timedelta(minutes=30),
        tz_name=zone,
        attendees=(Party(name, "asha.rao@example.in"),),
    )
    for data in (build_request(meeting), build_cancel(meeting)):
        assert check_itip(data) == []
        calendar, event = event_of(data)
        assert calendar.get_missing_tzids() == set()
        assert event.decoded("DTSTART") == start
        assert event.decoded("DTEND") == start + timedelta(minutes=30)
        assert str(event["ATTENDEE"]) == "mailto:asha.rao@example.in"
        # What went in comes back, less only what a content line cannot hold.
        assert str(event["SUMMARY"]) == " ".join(
            "".join(
                " " if ord(c) < 32 or ord(c) == 127 or c in "\x85\u2028\u2029" else c for c in summary
            ).split()
        )


# --- replies from calendar clients -----------------------------------------------------------------------


def reply(partstat: str = "ACCEPTED", **extra: str) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Example Corp//Calendar//EN",
        f"METHOD:{extra.get('method', 'REPLY')}",
        "BEGIN:VEVENT",
        "UID:meeting-42@inboxbroker.example.org",
        "DTSTAMP:20250302T080000Z",
        f"SEQUENCE:{extra.get('sequence', '0')}",
        "ORGANIZER;CN=Interview Programme:mailto:interviews@example.org",
        f"ATTENDEE;PARTSTAT={partstat};CN=Asha Rao:MAILTO:Asha.Rao@example.in",
        "COMMENT:See you then",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
    return "\r\n".join(lines).encode()


@pytest.mark.parametrize("partstat", ["ACCEPTED", "DECLINED", "TENTATIVE"])
def test_a_calendar_reply_is_read(partstat: str) -> None:
    data = reply(partstat, sequence="2")
    assert check_itip(data) == []
    answer = parse_itip_reply(data)
    assert answer.uid == "meeting-42@inboxbroker.example.org"
    assert answer.attendee_email == "asha.rao@example.in"
    assert answer.partstat == partstat
    assert answer.sequence == 2
    assert answer.comment == "See you then"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "iCalendar|VCALENDAR"),
        (b"hello, I accept!", "iCalendar|VCALENDAR"),
        (b"\xff\xfe\x00garbage", "iCalendar|VCALENDAR"),
        (reply(method="REQUEST"), "not REPLY"),
        (reply("NEEDS-ACTION"), "PARTSTAT"),
        (reply("ACCEPTED").replace(b"UID:meeting-42@inboxbroker.example.org\r\n", b""), "UID"),
        (reply().replace(b"ATTENDEE", b"X-ATTENDEE"), "ATTENDEE"),
        (reply().replace(b"END:VEVENT", b"ATTENDEE:mailto:b@example.org\r\nEND:VEVENT"), "exactly one"),
        (reply(sequence="two"), "SEQUENCE"),
        (reply().replace(b"BEGIN:VEVENT", b"BEGIN:VTODO").replace(b"END:VEVENT", b"END:VTODO"), "VEVENT"),
    ],
)
def test_junk_in_place_of_a_reply_is_a_clear_error(data: bytes, reason: str) -> None:
    with pytest.raises(CalendarReplyError, match=reason) as caught:
        parse_itip_reply(data)
    assert isinstance(caught.value, MessageError)  # the runner quarantines the message with this reason
