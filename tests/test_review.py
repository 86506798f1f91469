"""The review service over drafts made by the real drafting stage, on SQLite and PostgreSQL.

Approve, reject, edit, reclassify and reassign each change the store in one commit with an audit row naming
the actor; a broken edit changes nothing. The clock is the drafting tests' fixed Monday, so slots are known.
"""

from __future__ import annotations

import email
import os
import stat
import subprocess
import sys
from datetime import datetime, timedelta
from email import policy
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from inboxbroker.domain import Interval
from inboxbroker.drafting.ics_rules import check_itip
from inboxbroker.errors import (
    DraftEditError,
    DraftNotFoundError,
    DraftNotPendingError,
    UnknownInterviewerError,
    UnknownLabelError,
)
from inboxbroker.review.service import ReviewService
from inboxbroker.settings.config import Settings
from inboxbroker.store.ledger import Store
from support.mailgen import request_message
from test_drafting import NOW, RACHEL, TOMAS, run_folder, settings_for, write_mail

LA = ZoneInfo("America/Los_Angeles")
MADRID = ZoneInfo("Europe/Madrid")


def drafted(tmp_path: Path, url: str, count: int = 1, **overrides: Any) -> Settings:
    settings = settings_for(tmp_path, url, **overrides)
    run_folder(settings, write_mail(tmp_path / "in", {f"r{n}.eml": request_message(n) for n in range(count)}))
    return settings


def service(settings: Settings, store: Store, actor: str = "alice") -> ReviewService:
    return ReviewService(settings, store, actor, clock=lambda: NOW)


def message(mime: bytes | None) -> email.message.EmailMessage:
    assert mime is not None
    parsed = email.message_from_bytes(mime, policy=policy.default)
    assert isinstance(parsed, email.message.EmailMessage)
    return parsed


def held(store: Store, draft_id: int) -> set[tuple[datetime, datetime]]:
    return {(m.start, m.end) for m in store.meetings.find(("held", "tentative")) if m.draft_id == draft_id}


def test_approve_and_reject_in_bulk_all_or_none_and_audited(tmp_path: Path, store_url: str) -> None:
    settings = drafted(tmp_path, store_url, count=3)
    with Store.open(store_url) as store:
        review = service(settings, store)
        a, b, c = sorted(d.id for d in store.drafts.drafts())
        assert review.counts()["pending"] == 3
        result = review.approve(a, b)
        assert result.approved == [a, b] and result.already == []
        assert review.approve(a).already == [a]  # approving twice is not an error, and changes nothing
        with pytest.raises(DraftNotFoundError):
            review.reject(c, 999, reason="no")
        assert store.drafts.draft(c).state == "pending"  # all or none: the good id was not rejected either
        released = review.reject(b, c, reason="answered by phone")
        assert released[c] == 3 and held(store, c) == set()
        with pytest.raises(DraftNotPendingError):
            review.approve(c)
        assert {d.id: d.state for d in store.drafts.drafts()} == {a: "approved", b: "rejected", c: "rejected"}
        audit = store.review.audit("draft")
        assert [(x.action, x.object_id) for x in audit] == [
            ("approve", a),
            ("approve", b),
            ("reject", b),
            ("reject", c),
        ]
        assert {x.actor for x in audit} == {"alice"}
        view = review.show(a)
        assert view.extra.approved_by == "alice" and view.request.state == "approved"
        assert [item.row.id for item in review.queue(state="approved")] == [a]


def test_the_queue_and_a_request_page(tmp_path: Path, store_url: str) -> None:
    settings = drafted(tmp_path, store_url, count=2)
    with Store.open(store_url) as store:
        review = service(settings, store)
        items = review.queue()
        assert [i.row.request_id for i in items] == [2, 1]  # newest request first
        row = items[0].as_json()
        assert row["requester"]["email"].endswith("@example.net") and row["label"] == "interview_request"
        assert row["interviewer"] == "Rachel Kim" and row["age_hours"] > 24 * 30
        assert review.queue(interviewer=TOMAS) == [] and len(review.queue(interviewer=RACHEL)) == 2
        assert review.queue(older_than=timedelta(days=365)) == []
        view = review.show(items[0].row.id)
        assert "informational interview" in view.original_text and view.forward_kind == "direct"
        assert view.reasons and view.request.extraction["confidence"]["name"] > 0.5
        assert view.draft.match_reason and len(view.slots) == 3
        assert "PST" in view.slots[0].interviewer_text
        assert view.as_json()["details"]["topic"] == "data engineering"


def test_an_edit_rebuilds_the_message_with_the_same_message_id(tmp_path: Path, store_url: str) -> None:
    settings = drafted(tmp_path, store_url)
    with Store.open(store_url) as store:
        review = service(settings, store, "bob")
        (draft,) = store.drafts.drafts()
        before = message(store.drafts.draft(draft.id).mime)
        body = "Dear Bilal,\n\nRachel can meet on the first of these.\n{{ 7*7 }} stays as written.\n"
        changed = review.edit(
            draft.id,
            subject="Your conversation with Rachel",
            body=body,
            cc=["Rachel Kim <rachel.kim@example.org>"],
        )
        assert changed == ["subject", "body", "cc"]
        after = store.drafts.draft(draft.id)
        mime = message(after.mime)
        assert mime["Message-ID"] == before["Message-ID"] == draft.message_id_header
        assert mime["In-Reply-To"] == before["In-Reply-To"] and mime["References"] == before["References"]
        assert mime["Subject"] == "Your conversation with Rachel" and RACHEL in mime["Cc"]
        assert mime.get_content_type() == "text/plain" and "{{ 7*7 }} stays as written." in mime.get_content()
        assert after.text == body and review.show(draft.id).extra.edited_by == "bob"
        assert review.edit(draft.id, body=body) == []  # the same text again changes nothing
        (audit,) = store.review.audit("draft", draft.id)
        assert (
            audit.actor == "bob"
            and audit.action == "edit"
            and audit.detail
            == {
                "changed": ["subject", "body", "cc"],
                "from_state": "pending",
            }
        )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"body": "  \n"}, "the body is empty"),
        ({"cc": ["not-an-address"]}, "not one email address"),
        ({"subject": "two\nlines"}, "one line"),
        ({"slots": "lunch", "body": "new times"}, "not free"),
        ({"slots": "free"}, "the body still names the old times"),
    ],
)
def test_a_broken_edit_is_refused_and_changes_nothing(
    tmp_path: Path, store_url: str, change: dict[str, Any], reason: str
) -> None:
    settings = drafted(tmp_path, store_url)
    with Store.open(store_url) as store:
        review = service(settings, store)
        (draft,) = store.drafts.drafts()
        before = store.drafts.draft(draft.id)
        if change.get("slots") == "lunch":  # Rachel's lunch, 12:00 Los Angeles on Tuesday
            lunch = datetime(2026, 12, 8, 12, 0, tzinfo=LA)
            change["slots"] = [Interval(lunch, lunch + timedelta(minutes=20))]
        elif change.get("slots") == "free":
            change["slots"] = review.free_slots(draft.id)[:1]
        with pytest.raises(DraftEditError, match=reason):
            review.edit(draft.id, **change)
        assert store.drafts.draft(draft.id) == before and store.review.audit() == []


def test_choosing_other_free_slots_moves_the_holds(tmp_path: Path, store_url: str) -> None:
    settings = drafted(tmp_path, store_url)
    with Store.open(store_url) as store:
        review = service(settings, store)
        (draft,) = store.drafts.drafts()
        offered = held(store, draft.id)
        free = review.free_slots(draft.id)
        assert free and not {(s.start, s.end) for s in free} & offered
        for slot in free:
            local = slot.start.astimezone(LA)
            assert local.weekday() < 5 and 9 <= local.hour < 17 and local.date().isoformat() != "2026-12-09"
        keep = min(offered)
        chosen = [Interval(*keep), free[-1]]
        assert review.edit(draft.id, slots=chosen, body="Two times now.\n") == ["body", "slots"]
        assert held(store, draft.id) == {keep, (free[-1].start, free[-1].end)}
        assert len(store.meetings.find(("released",))) == 2
        assert [s["start"] for s in store.drafts.draft(draft.id).slots] == [
            keep[0].isoformat(),
            free[-1].start.isoformat(),
        ]


def test_moving_a_confirmed_slot_rebuilds_the_invite_with_the_same_uid(
    tmp_path: Path, store_url: str
) -> None:
    settings = drafted(tmp_path, store_url, scheduling={"slots": 1})
    with Store.open(store_url) as store:
        review = service(settings, store)
        (draft,) = store.drafts.drafts()
        (meeting,) = store.meetings.find(("tentative",))
        new = review.free_slots(draft.id)[2]
        review.edit(draft.id, slots=[new], body="See you then.\n")
        (moved,) = store.meetings.find(("tentative",))
        assert (moved.id, moved.ical_uid, moved.sequence) == (meeting.id, meeting.ical_uid, 1)
        assert (moved.start, moved.end) == (new.start, new.end)
        after = store.drafts.draft(draft.id)
        ics = (after.ics or "").replace("\r\n ", "")
        assert f"UID:{meeting.ical_uid}" in ics and "SEQUENCE:1" in ics
        assert new.start.astimezone(LA).strftime("DTSTART;TZID=America/Los_Angeles:%Y%m%dT%H%M%S") in ics
        assert check_itip((after.ics or "").encode()) == []
        assert message(after.mime)["Message-ID"] == draft.message_id_header
        with pytest.raises(DraftEditError, match="exactly one"):
            review.edit(draft.id, slots=review.free_slots(draft.id)[:2], body="Two?\n")


def test_reclassifying_writes_feedback_that_train_reads(tmp_path: Path, store_url: str) -> None:
    settings = drafted(tmp_path, store_url)
    with Store.open(store_url) as store:
        review = service(settings, store, "carol")
        (draft,) = store.drafts.drafts()
        with pytest.raises(UnknownLabelError):
            review.reclassify("spam", draft_id=draft.id)
        result = review.reclassify("other", draft_id=draft.id, note="a sales pitch")
        assert (result.old_label, result.label, result.rejected) == ("interview_request", "other", [draft.id])
        assert held(store, draft.id) == set() and store.drafts.draft(draft.id).state == "rejected"
        ((raw, label),) = store.feedback_examples()
        assert label == "other" and b"<req-0@example.net>" in raw
        assert review.show(draft.id).request.state == "declined"
        actions = [(a.actor, a.action, a.object_type) for a in store.review.audit()]
        assert actions == [("carol", "reject", "draft"), ("carol", "reclassify", "request")]


def test_reassigning_gives_the_new_interviewer_s_free_slots(tmp_path: Path, store_url: str) -> None:
    settings = drafted(tmp_path, store_url)
    with Store.open(store_url) as store:
        review = service(settings, store)
        (draft,) = store.drafts.drafts()
        with pytest.raises(UnknownInterviewerError):
            review.reassign(draft.id, "nobody@example.org")
        result = review.reassign(draft.id, TOMAS)
        after = store.drafts.draft(draft.id)
        assert result.interviewer == after.interviewer == "Tomás Ortega"
        assert after.message_id_header == draft.message_id_header and "reassigned by alice" in (
            after.match_reason or ""
        )
        assert "Tomás Ortega" in after.text and message(after.mime)["Message-ID"] == draft.message_id_header
        tomas = [m for m in store.meetings.find(("held",)) if m.draft_id == draft.id]
        assert tomas and {m.interviewer_email for m in tomas} == {TOMAS}
        for m in tomas:
            local = m.start.astimezone(MADRID)
            assert local.weekday() < 5 and local.hour >= 10 and m.end.astimezone(MADRID).hour <= 16
        assert {m.interviewer_email for m in store.meetings.find(("released",))} == {RACHEL}
        assert [a.action for a in store.review.audit("draft", draft.id)] == ["reassign"]
        review.approve(draft.id)
        with pytest.raises(DraftNotPendingError):
            review.edit(draft.id, body="too late")


EDITOR = """#!{python}
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
head, body = text.split("\\n\\n", 1)
head = head.replace("Subject: ", "Subject: Edited: ", 1).replace("Cc: ", "Cc: {cc}", 1)
open(path, "w", encoding="utf-8").write(head + "\\n\\n" + {body!r})
"""


def test_drafts_edit_opens_the_editor_and_refuses_a_broken_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    drafted(tmp_path, url)
    config = tmp_path / "inboxbroker.toml"
    config.write_text(
        f'[store]\nurl = "{url}"\n[runtime]\nstate_dir = "{tmp_path}"\n[drafting]\n'
        'from = "Interview Programme <interviews@example.org>"\n'
        f'[[interviewers]]\nname = "Rachel Kim"\nemail = "{RACHEL}"\ntimezone = "America/Los_Angeles"\n'
        f'topics = ["data engineering"]\nbusy_ics = "{tmp_path / "rachel.ics"}"\n'
    )

    def edit_with(name: str, cc: str, body: str) -> subprocess.CompletedProcess[str]:
        script = tmp_path / name
        script.write_text(EDITOR.format(python=sys.executable, cc=cc, body=body))
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
        return subprocess.run(
            [
                sys.executable,
                "-m",
                "inboxbroker",
                "--config",
                str(config),
                "drafts",
                "--as",
                "dana",
                "edit",
                "1",
            ],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "EDITOR": str(script), "VISUAL": str(script)},
        )

    with Store.open(url) as store:
        before = store.drafts.draft(1)
    broken = edit_with("broken.py", "not-an-address", "Hello again.\n")
    assert broken.returncode == 2 and "not one email address" in broken.stderr
    with Store.open(url) as store:
        assert store.drafts.draft(1) == before
    done = edit_with("good.py", "Rachel Kim <rachel.kim@example.org>", "Hello again,\n\nSee you soon.\n")
    assert done.returncode == 0, done.stderr
    assert "subject, body, cc changed" in done.stdout
    with Store.open(url) as store:
        after = store.drafts.draft(1)
        (audit,) = store.review.audit("draft", 1)
    assert after.subject == "Edited: " + before.subject and after.text == "Hello again,\n\nSee you soon.\n"
    assert message(after.mime)["Message-ID"] == before.message_id_header and audit.actor == "dana"
