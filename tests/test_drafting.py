"""The drafting stage end to end: mail in, one draft per request out, with holds, threading and invites.

Each test runs the real runner over .eml files into a real store (SQLite; the store tests cover PostgreSQL),
with interviewers whose busy time comes from an .ics file or a real CalDAV server (Radicale), and a clock
fixed on a Monday so the slots are known.
"""

from __future__ import annotations

import email
import json
import logging
import os
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from email import policy
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event as sa_event

from inboxbroker.domain import Interval
from inboxbroker.drafting.ics_rules import check_itip
from inboxbroker.runtime.runner import Runner, RunOptions
from inboxbroker.settings.config import Settings, parse_config
from inboxbroker.store.ledger import Store
from support.mailgen import request_message

NOW = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)  # a Monday
LA = ZoneInfo("America/Los_Angeles")
RACHEL = "rachel.kim@example.org"
TOMAS = "tomas.ortega@example.org"

# Rachel is busy every weekday 12:00–13:00 Los Angeles time (lunch), and all of Wednesday 9 December.
BUSY_ICS = textwrap.dedent(
    """\
    BEGIN:VCALENDAR
    VERSION:2.0
    PRODID:-//inboxbroker tests//EN
    BEGIN:VEVENT
    UID:lunch@test
    DTSTAMP:20261101T000000Z
    DTSTART;TZID=America/Los_Angeles:20261102T120000
    DTEND;TZID=America/Los_Angeles:20261102T130000
    RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR
    SUMMARY:Lunch
    END:VEVENT
    BEGIN:VEVENT
    UID:offsite@test
    DTSTAMP:20261101T000000Z
    DTSTART;VALUE=DATE:20261209
    DTEND;VALUE=DATE:20261210
    SUMMARY:Offsite
    END:VEVENT
    END:VCALENDAR
    """
).replace("\n", "\r\n")


def forwarded_by_rachel(n: int) -> bytes:
    """A Gmail-style inline forward of a request, by an interviewer (so she hosts it)."""
    original = request_message(n).decode().split("\r\n\r\n", 1)[1]
    body = (
        "Could the programme take this one? Happy to host.\r\n\r\n"
        "---------- Forwarded message ---------\r\n"
        f"From: Lena Hoffmann <lena.hoffmann{n}@example.de>\r\n"
        "Date: Mon, 30 Nov 2026 at 10:02\r\n"
        f"Subject: Informational interview about data engineering\r\n"
        "To: Rachel Kim <rachel.kim@example.org>\r\n\r\n" + original.replace("Ana", "Lena")
    )
    return (
        "From: Rachel Kim <rachel.kim@example.org>\r\n"
        "To: interviews@example.org\r\n"
        "Subject: Fwd: Informational interview about data engineering\r\n"
        "Date: Tue, 01 Dec 2026 09:00:00 -0800\r\n"
        f"Message-ID: <fwd-{n}@example.org>\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body
    ).encode()


def settings_for(tmp_path: Path, url: str, **overrides: Any) -> Settings:
    calendar = tmp_path / "rachel.ics"
    calendar.write_text(BUSY_ICS, newline="")
    data: dict[str, Any] = {
        "store": {"url": url},
        "runtime": {"state_dir": str(tmp_path)},
        "drafting": {
            "from": "Interview Programme <interviews@example.org>",
            "careers_address": "careers@example.org",
        },
        "interviewers": [
            {
                "name": "Rachel Kim",
                "email": RACHEL,
                "topics": ["data engineering", "analytics"],
                "timezone": "America/Los_Angeles",
                "working_hours": "Mon-Fri 09:00-17:00",
                "capacity_per_month": 4,
                "busy_ics": str(calendar),
                "video_link": "https://meet.example.org/rachel-kim",
            },
            {
                "name": "Tomás Ortega",
                "email": TOMAS,
                "topics": ["product management", "career change"],
                "timezone": "Europe/Madrid",
                "working_hours": "Mon-Fri 10:00-16:00",
                "capacity_per_month": 2,
            },
        ],
    }
    for key, value in overrides.items():
        data[key] = {**data.get(key, {}), **value} if isinstance(value, dict) else value
    return parse_config(data, tmp_path)


def run_folder(settings: Settings, folder: Path) -> Any:
    with Store.open(settings.store.url) as store:
        return Runner(settings, store, clock=lambda: NOW).run(RunOptions(source=f"eml:{folder}"))


def write_mail(folder: Path, messages: dict[str, bytes]) -> Path:
    folder.mkdir(exist_ok=True)
    for name, raw in messages.items():
        (folder / name).write_bytes(raw)
    return folder


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ledger.sqlite3'}"


def parsed(mime: bytes | None) -> email.message.EmailMessage:
    assert mime is not None
    message = email.message_from_bytes(mime, policy=policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


def test_each_request_gets_one_draft_with_free_slots_and_held_time(tmp_path: Path, url: str) -> None:
    folder = write_mail(
        tmp_path / "in",
        {**{f"r{n}.eml": request_message(n) for n in range(3)}, "fwd.eml": forwarded_by_rachel(7)},
    )
    settings = settings_for(tmp_path, url)
    summary = run_folder(settings, folder)
    assert summary.drafted == 4 and summary.needs_attention == 0

    with Store.open(url) as store:
        drafts = store.drafts.drafts()
        assert len(drafts) == 4 and {d.state for d in drafts} == {"pending"}
        assert {d.request_id for d in drafts} == set(range(1, 5))
        forwarded = next(d for d in drafts if "lena" in d.to[0].lower())
        assert forwarded.interviewer == "Rachel Kim" and "forwarded by Rachel Kim" in (
            forwarded.match_reason or ""
        )
        assert forwarded.cc and RACHEL in forwarded.cc[0]  # the manager is copied, never the addressee
        held = store.meetings.find(("held",))
        assert stats_drafts(store) == {
            "pending": 4,
            "approved": 0,
            "sending": 0,
            "sent": 0,
            "rejected": 0,
            "failed": 0,
        }

    slots = [Interval(m.start, m.end) for m in held if m.interviewer_email == RACHEL]
    assert len(slots) >= 6
    for one in held:  # two drafts never offer the same time: each keeps the buffer from the other's holds
        for other in held:
            if one.draft_id != other.draft_id and one.interviewer_email == other.interviewer_email:
                gap = timedelta(minutes=15)
                assert one.end + gap <= other.start or other.end + gap <= one.start
    for slot in slots:
        local = slot.start.astimezone(LA)
        assert local.weekday() < 5 and local.hour >= 9 and slot.end.astimezone(LA).hour <= 17
        assert not (local.hour == 12 or (local.hour == 11 and local.minute >= 30))  # lunch plus buffer
        assert local.date().isoformat() != "2026-12-09"  # the all-day offsite
        assert slot.start >= NOW + timedelta(hours=24)

    for draft in drafts:
        message = parsed(store_mime(url, draft.id))
        assert message["Subject"].startswith("Re: ") and "Fwd" not in message["Subject"]
        assert message["Message-ID"] == draft.message_id_header
        assert message["Auto-Submitted"] is None and message["Date"] is None  # the sender sets Date


def stats_drafts(store: Store) -> dict[str, int]:
    return dict(store.stats()["drafts"])


def store_mime(url: str, draft_id: int) -> bytes | None:
    with Store.open(url) as store:
        return store.drafts.draft(draft_id).mime


def test_a_direct_request_is_answered_in_its_own_thread(tmp_path: Path, url: str) -> None:
    folder = write_mail(tmp_path / "in", {"r.eml": request_message(3)})
    run_folder(settings_for(tmp_path, url, drafting={"coordinator_name": "Sam Okoro"}), folder)
    with Store.open(url) as store:
        (draft,) = store.drafts.drafts()
    message = parsed(draft_mime := store_mime(url, draft.id))
    assert message["In-Reply-To"] == "<req-3@example.net>" and "<req-3@example.net>" in message["References"]
    assert message["Subject"] == "Re: Informational interview request #3"
    assert message["Cc"] is None
    assert "Sam Okoro\nInterview Programme" in draft.text  # the coordinator signs above the programme
    assert b"\r\n" in draft_mime and b"\n" not in draft_mime.replace(b"\r\n", b"")


def test_rejecting_a_draft_frees_the_slots_it_held(tmp_path: Path, url: str) -> None:
    folder = write_mail(tmp_path / "in", {"r.eml": request_message(1)})
    settings = settings_for(tmp_path, url)
    run_folder(settings, folder)
    with Store.open(url) as store:
        (draft,) = store.drafts.drafts()
        offered = {(s["start"], s["end"]) for s in draft.slots}
        store.drafts.reject_draft(draft.id, "not now")
        assert store.meetings.find(("held",)) == []
    folder2 = write_mail(tmp_path / "in2", {"r.eml": request_message(2)})
    run_folder(settings, folder2)
    with Store.open(url) as store:
        second = next(d for d in store.drafts.drafts() if d.id != draft.id)
    assert {(s["start"], s["end"]) for s in second.slots} == offered  # the same first free times again


def test_templates_are_chosen_by_rule(tmp_path: Path, url: str) -> None:
    application = (
        b"From: Amara Okafor <amara@example.net>\r\nTo: interviews@example.org\r\nSubject: Application for the"
        b" Data Engineer position\r\nMessage-ID: <app-1@example.net>\r\nDate: Tue, 01 Dec 2026 09:00:00 +0000"
        b"\r\n\r\nDear hiring manager,\r\n\r\nI am writing to apply for the Data Engineer position advertised on"
        b" your careers page. Please find my CV attached; I have five years of experience with Spark and"
        b" Airflow and would welcome the chance to interview for the role.\r\n\r\nSincerely,\r\nAmara Okafor\r\n"
    )
    folder = write_mail(tmp_path / "in", {"app.eml": application, "r.eml": request_message(4)})
    settings = settings_for(tmp_path, url, scheduling={"slots": 1})
    run_folder(settings, folder)
    with Store.open(url) as store:
        by_template = {d.template: d for d in store.drafts.drafts()}
        assert set(by_template) == {"redirect_application", "confirm_slot"}
        assert "careers@example.org" in by_template["redirect_application"].text
        confirm = by_template["confirm_slot"]
        assert confirm.ics is not None and check_itip(confirm.ics.encode()) == []
        (meeting,) = store.meetings.find(("tentative",))
        assert f"UID:{meeting.ical_uid}" in confirm.ics.replace("\r\n ", "")


def test_nobody_with_capacity_gets_the_decline_template(tmp_path: Path, url: str) -> None:
    folder = write_mail(tmp_path / "in", {"r.eml": request_message(5)})
    full = [{"capacity_per_month": 0}, {"capacity_per_month": 0}]
    settings = settings_for(tmp_path, url)
    data_interviewers = [
        {**vars_of(i), **change} for i, change in zip(settings.interviewers, full, strict=True)
    ]
    settings = settings_for(tmp_path, url, interviewers=data_interviewers)
    run_folder(settings, folder)
    with Store.open(url) as store:
        (draft,) = store.drafts.drafts()
        assert draft.template == "decline_capacity" and draft.interviewer is None
        assert "nobody has capacity" in (draft.rule or "")
        assert store.meetings.find(None) == []


def vars_of(interviewer: Any) -> dict[str, Any]:
    keep = ("name", "email", "topics", "timezone", "working_hours", "capacity_per_month")
    return {k: (list(v) if isinstance(v := getattr(interviewer, k), tuple) else v) for k in keep}


def test_hostile_mail_gives_a_draft_with_intact_headers_and_literal_text(tmp_path: Path, url: str) -> None:
    hostile = (
        b"From: =?utf-8?q?=3Cscript=3Ealert(1)=3C/script=3E?= <mallory@example.net>\r\n"
        b"To: interviews@example.org\r\n"
        b"Subject: =?utf-8?q?Coffee_chat=0D=0ABcc:_victim@example.org_{{_7*7_}}?=\r\n"
        b"Message-ID: <hostile-1@example.net>\r\nDate: Tue, 01 Dec 2026 09:00:00 +0000\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        b"Hello,\r\n\r\nI am a student of data engineering and would love a 20 minute informational interview"
        b" about your analytics team.\r\n\r\nThanks,\r\nMallory\r\n"
    )
    folder = write_mail(tmp_path / "in", {"h.eml": hostile})
    run_folder(settings_for(tmp_path, url), folder)
    with Store.open(url) as store:
        (draft,) = store.drafts.drafts()
    message = parsed(store_mime(url, draft.id))
    assert message["Bcc"] is None and "victim@example.org" not in (message["To"] + str(message["Cc"] or ""))
    assert "{{ 7*7 }}" in message["Subject"] and "49" not in message["Subject"]
    html = message.get_body(("html",))
    assert html is not None and "<script>" not in html.get_content()


def test_a_kill_between_the_outcome_and_the_draft_leaves_one_draft_per_request(
    tmp_path: Path, url: str
) -> None:
    folder = write_mail(tmp_path / "in", {f"r{n}.eml": request_message(n) for n in range(3)})
    config = tmp_path / "config.json"
    settings_for(tmp_path, url)  # writes the calendar
    config.write_text(json.dumps({"url": url, "calendar": str(tmp_path / "rachel.ics")}))
    child = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_drafting import NOW, settings_for, run_folder
        from pathlib import Path
        from inboxbroker.store import drafts
        real = drafts.DraftStore.save_draft
        def killing(self, *args, **kwargs):
            if os.environ.get("KILL_AT_DRAFT"):
                os.kill(os.getpid(), signal.SIGKILL)
            return real(self, *args, **kwargs)
        drafts.DraftStore.save_draft = killing
        tmp = Path({str(tmp_path)!r})
        run_folder(settings_for(tmp, {url!r}), Path({str(folder)!r}))
        """
    )
    killed = subprocess.run(
        [sys.executable, "-c", child],
        env={**os.environ, "KILL_AT_DRAFT": "1"},
        capture_output=True,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]
    with Store.open(url) as store:
        assert store.stats()["by_state"]["processed"] == 3  # the outcomes were committed
        assert store.drafts.drafts() == []
    for _ in range(2):  # the rerun drafts them; a further rerun changes nothing
        done = subprocess.run([sys.executable, "-c", child], capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
    with Store.open(url) as store:
        drafts_made = store.drafts.drafts()
        assert sorted(d.request_id for d in drafts_made) == [1, 2, 3]
        assert len(store.meetings.find(("held",))) == sum(len(d.slots) for d in drafts_made)


def test_a_calendar_that_cannot_be_read_keeps_the_request_waiting(tmp_path: Path, url: str) -> None:
    folder = write_mail(tmp_path / "in", {"r.eml": request_message(6)})
    settings = settings_for(tmp_path, url)
    (tmp_path / "rachel.ics").unlink()
    with Store.open(url) as store:
        summary = Runner(settings, store, clock=lambda: NOW).run(RunOptions(source=f"eml:{folder}"))
        assert summary.drafted == 0 and store.drafts.drafts() == []
        assert len(store.drafts.requests_to_draft()) == 1  # still new: the next run tries again
    settings_for(tmp_path, url)  # the calendar is back
    run_folder(settings, folder)
    with Store.open(url) as store:
        assert len(store.drafts.drafts()) == 1


def test_busy_time_from_a_caldav_calendar_is_respected(tmp_path: Path, url: str, radicale: Any) -> None:
    with radicale.client() as client:
        calendar = client.principal().make_calendar(name="busy", cal_id="rachel-busy")
        # Busy all of Tuesday and Thursday in Los Angeles: no slot may fall on them.
        for day in ("20261208", "20261210"):
            calendar.add_event(
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\n"
                f"UID:busy-{day}@t\r\nDTSTAMP:20261101T000000Z\r\n"
                f"DTSTART;TZID=America/Los_Angeles:{day}T080000\r\n"
                f"DTEND;TZID=America/Los_Angeles:{day}T180000\r\nSUMMARY:Busy\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            )
        calendar_url = str(calendar.url)
    settings = settings_for(tmp_path, url)
    rachel = {
        **vars_of(settings.interviewers[0]),
        "busy_caldav": {
            "url": calendar_url,
            "username": "coordinator",
            "password": "x",
            "allow_plaintext_password": True,
        },
    }
    settings = settings_for(tmp_path, url, interviewers=[rachel])
    folder = write_mail(tmp_path / "in", {"r.eml": request_message(8)})
    run_folder(settings, folder)
    with Store.open(url) as store:
        (draft,) = store.drafts.drafts()
    days = {datetime.fromisoformat(s["start"]).astimezone(LA).date().isoformat() for s in draft.slots}
    assert days and not days & {"2026-12-08", "2026-12-10"}


def cli(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    config = tmp_path / "inboxbroker.toml"
    config.write_text(
        f'[store]\nurl = "{url}"\n[runtime]\nstate_dir = "{tmp_path}"\n[drafting]\n'
        'from = "Interview Programme <interviews@example.org>"\n'
        f'[[interviewers]]\nname = "Rachel Kim"\nemail = "{RACHEL}"\ntimezone = "America/Los_Angeles"\n'
        f'topics = ["data engineering"]\nbusy_ics = "{tmp_path / "rachel.ics"}"\n'
    )
    return subprocess.run(
        [sys.executable, "-m", "inboxbroker", "--config", str(config), *args],
        capture_output=True,
        timeout=120,
    )


def test_the_command_line_lists_shows_and_cancels(tmp_path: Path, url: str) -> None:
    folder = write_mail(tmp_path / "in", {"r.eml": request_message(9)})
    settings = settings_for(tmp_path, url, scheduling={"slots": 1})
    run_folder(settings, folder)

    listed = cli(tmp_path, url, "drafts", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    (row,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {"id", "request_id", "state", "to", "cc", "subject", "template", "interviewer", "slots"} <= set(
        row
    )
    assert row["template"] == "confirm_slot" and row["interviewer"] == "Rachel Kim" and len(row["slots"]) == 1

    raw = cli(tmp_path, url, "drafts", "show", str(row["id"]), "--raw")
    assert raw.returncode == 0 and raw.stdout == store_mime(url, row["id"])
    assert parsed(raw.stdout).get_content_type() == "multipart/mixed"

    people = cli(tmp_path, url, "interviewers", "list", "--json")
    assert people.returncode == 0, people.stderr
    (rachel,) = [json.loads(line) for line in people.stdout.splitlines()]
    assert rachel["used"] == 1 and rachel["capacity"] == 4 and rachel["meetings"] == 1

    meetings = [
        json.loads(line) for line in cli(tmp_path, url, "meetings", "list", "--json").stdout.splitlines()
    ]
    assert [m["state"] for m in meetings] == ["tentative"]
    cancelled = cli(tmp_path, url, "meetings", "cancel", str(meetings[0]["id"]))
    assert cancelled.returncode == 0, cancelled.stderr
    with Store.open(url) as store:
        cancel = next(d for d in store.drafts.drafts() if d.purpose == "cancel")
        assert store.meetings.find(("cancelled",))[0].sequence == 1
    ics = (cancel.ics or "").replace("\r\n ", "")
    assert "METHOD:CANCEL" in ics and f"UID:{meetings[0]['uid']}" in ics and "SEQUENCE:1" in ics
    assert check_itip((cancel.ics or "").encode()) == []


def test_a_second_message_from_the_same_requester_joins_the_open_request(tmp_path: Path, url: str) -> None:
    settings = settings_for(tmp_path, url)
    run_folder(settings, write_mail(tmp_path / "in", {"r.eml": request_message(2)}))
    nudge = request_message(2).replace(b"<req-2@example.net>", b"<req-2-again@example.net>")
    nudge = nudge.replace(
        b"Subject: Informational interview request #2", b"Subject: Following up on my request"
    )
    run_folder(settings, write_mail(tmp_path / "in2", {"again.eml": nudge}))
    with Store.open(url) as store, store.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT id, state, parent_id FROM request ORDER BY id").all()
        assert rows == [(1, "drafted", None), (2, "joined", 1)]
        assert len(store.drafts.drafts()) == 1  # never a second draft for the same person


def test_a_run_with_the_same_interviewers_does_not_rewrite_them(tmp_path: Path, url: str) -> None:
    settings = settings_for(tmp_path, url)
    with Store.open(url) as store:
        first = store.interviewers.sync(settings.interviewers)
        statements: list[str] = []
        sa_event.listen(store.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        assert store.interviewers.sync(settings.interviewers) == first
        assert not [s for s in statements if s.lstrip().upper().startswith(("UPDATE", "INSERT"))]
        fewer = store.interviewers.sync(settings.interviewers[:1])
        assert list(fewer) == [RACHEL]
        assert [(r.email, r.active) for r in store.interviewers.rows()] == [(RACHEL, True), (TOMAS, False)]


def test_one_run_never_books_an_interviewer_past_capacity(tmp_path: Path, url: str) -> None:
    """Drafting reuses the interviewers' load within a run: the holds it saves must count at once."""
    folder = write_mail(tmp_path / "in", {f"r{n}.eml": request_message(n) for n in range(8)})
    summary = run_folder(settings_for(tmp_path, url), folder)
    with Store.open(url) as store:
        drafts = store.drafts.drafts()
        hosted: dict[str | None, int] = {}
        for draft in drafts:
            hosted[draft.interviewer] = hosted.get(draft.interviewer, 0) + 1
    assert summary.drafted == len(drafts) == 8
    assert hosted == {"Rachel Kim": 4, "Tomás Ortega": 2, None: 2}  # capacities 4 and 2, then declines
    assert all(d.template == "decline_capacity" for d in drafts if d.interviewer is None)


def test_drafting_reads_the_text_stored_with_the_request_else_the_raw_message(
    tmp_path: Path, url: str
) -> None:
    """The pipeline stores the thread and the requester's text with each request, so drafting does not parse
    the message again; a request stored without them (by an older version) is read from its raw message."""
    import sqlalchemy as sa

    from inboxbroker.store import schema

    folder = write_mail(tmp_path / "in", {f"r{n}.eml": request_message(n) for n in range(2)})
    run_folder(settings_for(tmp_path, url, drafting={"enabled": False}), folder)
    r = schema.Request.c
    with Store.open(url) as store, store.engine.begin() as conn:
        rows = conn.execute(sa.select(r.id, r.extraction).order_by(r.id)).all()
        assert [row.extraction["reply_source"]["message_id"] for row in rows] == [
            "<req-0@example.net>",
            "<req-1@example.net>",
        ]
        changed = dict(rows[0].extraction)
        changed["reply_source"] = {
            **changed["reply_source"],
            "text": "I would love to hear about product management.",
        }
        conn.execute(schema.Request.update().where(r.id == rows[0].id).values(extraction=changed, topic=None))
        older = {k: v for k, v in rows[1].extraction.items() if k != "reply_source"}
        conn.execute(schema.Request.update().where(r.id == rows[1].id).values(extraction=older, topic=None))
    run_folder(settings_for(tmp_path, url), folder)
    with Store.open(url) as store:
        drafts = {d.request_id: d for d in store.drafts.drafts()}
        assert drafts[rows[0].id].interviewer == "Tomás Ortega"  # matched on the stored text
        assert drafts[rows[1].id].interviewer == "Rachel Kim"  # matched on the message's own text
        threaded = parsed(store.drafts.draft(drafts[rows[1].id].id).mime)
    assert threaded["In-Reply-To"] == "<req-1@example.net>"


def test_more_requests_needing_attention_than_one_read_are_all_moved_in_one_run(
    tmp_path: Path, url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Moves to needs_attention are queued and committed in groups: the queue must be written before the
    next read of `new` requests, or a read of only queued ones would end the run with requests untouched."""
    always = tmp_path / "always.ics"
    always.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//inboxbroker tests//EN\r\nBEGIN:VEVENT\r\nUID:busy@test\r\n"
        "DTSTAMP:20261101T000000Z\r\nDTSTART;VALUE=DATE:20261101\r\nDTEND;VALUE=DATE:20261102\r\n"
        "RRULE:FREQ=DAILY\r\nSUMMARY:Busy\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    rachel = settings_for(tmp_path, url).interviewers[0]
    only_rachel = [
        {
            "name": rachel.name,
            "email": rachel.email,
            "topics": list(rachel.topics),
            "timezone": rachel.timezone,
            "working_hours": "Mon-Fri 09:00-17:00",
            "capacity_per_month": 1000,
            "busy_ics": str(always),
        }
    ]
    folder = write_mail(tmp_path / "in", {f"r{n}.eml": request_message(n) for n in range(130)})
    with caplog.at_level(logging.INFO, logger="inboxbroker.runtime.runner"):
        summary = run_folder(settings_for(tmp_path, url, interviewers=only_rachel), folder)
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.INFO]
    # Counted by reason, not a line each: the run's other lines must not drown.
    assert not any(line.startswith("request ") and "needs attention" in line for line in said)
    heading = next(line for line in said if "requests need attention" in line)
    reasons = [line for line in said if " × " in line]
    assert heading.startswith(f"{summary.needs_attention} requests") and reasons
    assert sum(int(line.split(" × ")[0]) for line in reasons) == summary.needs_attention
    import sqlalchemy as sa

    from inboxbroker.store import schema

    r = schema.Request.c
    with Store.open(url) as store, store.engine.connect() as conn:
        states = dict(conn.execute(sa.select(r.state, sa.func.count()).group_by(r.state)).all())
    assert "new" not in states and states["needs_attention"] > 100  # more than one read of 100
    assert summary.drafted == 0 and summary.needs_attention == states["needs_attention"]


def test_attention_lines_name_a_few_and_count_many() -> None:
    from inboxbroker.runtime.drafting import attention_lines

    assert attention_lines([(3, "a job application")]) == ["request 3 needs attention: a job application"]
    many = [(n, "no free slot" if n % 3 else "a job application") for n in range(1, 31)]
    many += [(100 + n, f"reason {n}") for n in range(10)]
    lines = attention_lines(many)
    assert lines[0] == "40 requests need attention (`inboxbroker requests list` shows them all):"
    assert lines[1] == "  20 × no free slot (request 1, 2, 4, …)"
    assert lines[2] == "  10 × a job application (request 3, 6, 9, …)"
    assert lines[-1] == "  4 more, for 4 other reasons"  # eight reasons shown, the rest counted
    assert len(lines) == 1 + 8 + 1
