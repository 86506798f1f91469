"""After a proposal is sent: the requester's reply books the slot it picks, and their calendar's answer
updates the meeting. The proposal is marked sent in the store, as the sending stage does."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

import sqlalchemy as sa

from inboxbroker.drafting.ics_rules import check_itip
from inboxbroker.store import schema
from inboxbroker.store.ledger import Store
from support.mailgen import request_message
from test_drafting import LA, run_folder, settings_for, write_mail


def propose_and_send(tmp_path: Path, url: str) -> tuple[object, dict[str, object]]:
    settings = settings_for(tmp_path, url)
    run_folder(settings, write_mail(tmp_path / "in", {"r.eml": request_message(3)}))
    with Store.open(url) as store:
        (draft,) = store.drafts.drafts()
        with store.engine.begin() as conn:
            conn.execute(
                sa.update(schema.Draft).values(state="sent", sent_at=datetime(2026, 12, 7, 9, tzinfo=UTC))
            )
        return settings, {"id": draft.id, "message_id": draft.message_id_header, "slots": draft.slots}


def reply_from_dara(proposal: dict[str, object], text: str, n: int = 1) -> bytes:
    return (
        "From: Dara Okafor <dara.okafor3@example.net>\r\nTo: interviews@example.org\r\n"
        "Subject: Re: Informational interview request #3\r\n"
        f"Date: {format_datetime(datetime(2026, 12, 7, 10, n, tzinfo=UTC))}\r\n"
        f"Message-ID: <reply-{n}@example.net>\r\nIn-Reply-To: {proposal['message_id']}\r\n"
        f"References: <req-3@example.net> {proposal['message_id']}\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        f"{text}\r\n\r\nDara\r\n\r\n> Would one of these times suit you?\r\n"
    ).encode()


def test_a_reply_naming_a_slot_books_it_and_releases_the_others(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    settings, proposal = propose_and_send(tmp_path, url)
    slots = proposal["slots"]
    assert isinstance(slots, list) and len(slots) == 3
    second = datetime.fromisoformat(slots[1]["start"]).astimezone(LA)
    said = f"{second:%A} at {second:%-I:%M%p} works for me, thank you!"
    run_folder(settings, write_mail(tmp_path / "replies", {"a.eml": reply_from_dara(proposal, said)}))
    run_folder(settings, tmp_path / "replies")  # a rerun drafts nothing more

    with Store.open(url) as store:
        confirm = [d for d in store.drafts.drafts() if d.purpose == "confirm"]
        assert len(confirm) == 1 and confirm[0].template == "confirm_slot"
        (tentative,) = store.meetings.find(("tentative",))
        assert tentative.start == datetime.fromisoformat(slots[1]["start"])
        assert len(store.meetings.find(("released",))) == 2 and store.meetings.find(("held",)) == []
        ics = confirm[0].ics or ""
        assert check_itip(ics.encode()) == [] and f"UID:{tentative.ical_uid}" in ics.replace("\r\n ", "")
        raw = store.drafts.draft(confirm[0].id).mime or b""
        assert b"In-Reply-To: <reply-1@example.net>" in raw


def test_an_ordinal_answer_and_an_unclear_one(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    settings, proposal = propose_and_send(tmp_path, url)
    unclear = reply_from_dara(proposal, "Thanks! Any of those is fine, whatever suits Rachel.", n=1)
    run_folder(settings, write_mail(tmp_path / "replies", {"u.eml": unclear}))
    with Store.open(url) as store, store.engine.connect() as conn:
        state, reason = conn.execute(
            sa.select(schema.Request.c.state, schema.Request.c.state_reason).where(
                schema.Request.c.label == "thread_reply"
            )
        ).one()
        assert state == "needs_attention" and "offered:" in (reason or "")
        assert len(store.meetings.find(("held",))) == 3  # nothing was booked on a guess
    ordinal = reply_from_dara(proposal, "The third one would be perfect.", n=2)
    run_folder(settings, write_mail(tmp_path / "replies2", {"o.eml": ordinal}))
    with Store.open(url) as store:
        (tentative,) = store.meetings.find(("tentative",))
        assert tentative.start == datetime.fromisoformat(proposal["slots"][2]["start"])  # type: ignore[index]


def calendar_answer(uid: str, attendee: str, partstat: str) -> bytes:
    ics = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Client//EN\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTAMP:20261207T120000Z\r\nSEQUENCE:0\r\n"
        "ORGANIZER:mailto:interviews@example.org\r\n"
        f"ATTENDEE;PARTSTAT={partstat}:mailto:{attendee}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    return (
        f"From: {attendee}\r\nTo: interviews@example.org\r\nSubject: Accepted: our conversation\r\n"
        f"Message-ID: <cal-{partstat}-{attendee}@example.net>\r\nDate: Mon, 07 Dec 2026 12:00:00 +0000\r\n"
        'MIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nAccepted.\r\n"
        f"--b\r\nContent-Type: text/calendar; method=REPLY; charset=UTF-8\r\n\r\n{ics}--b--\r\n"
    ).encode()


def test_a_calendar_reply_from_the_requester_confirms_the_meeting(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    settings, proposal = propose_and_send(tmp_path, url)
    run_folder(
        settings, write_mail(tmp_path / "r1", {"a.eml": reply_from_dara(proposal, "The first one please.")})
    )
    with Store.open(url) as store:
        (meeting,) = store.meetings.find(("tentative",))
    forged = calendar_answer(meeting.ical_uid, "mallory@example.net", "DECLINED")
    real = calendar_answer(meeting.ical_uid, "dara.okafor3@example.net", "ACCEPTED")
    run_folder(settings, write_mail(tmp_path / "r2", {"forged.eml": forged}))
    with Store.open(url) as store:
        assert store.meetings.find(("tentative",))[0].partstat is None  # only the requester answers for it
    run_folder(settings, write_mail(tmp_path / "r3", {"real.eml": real}))
    with Store.open(url) as store:
        (confirmed,) = store.meetings.find(("confirmed",))
        assert confirmed.partstat == "ACCEPTED" and confirmed.id == meeting.id
