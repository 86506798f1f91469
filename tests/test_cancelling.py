"""Cancelling a meeting withdraws its unsent invite: never approved, never sent, even one caught being sent.

Meetings and drafts come from the real drafting stage (a proposal answered by the requester, or one free slot
confirmed at once); sending speaks to a real aiosmtpd server with the real Dovecot as the Sent folder.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

import test_sending
from inboxbroker.errors import DraftNotPendingError
from inboxbroker.review.service import ReviewService
from inboxbroker.runtime.meetings import cancel_meeting
from inboxbroker.settings.config import Settings
from inboxbroker.store.ledger import Store
from support.dovecot import Mailbox
from test_closing_the_loop import propose_and_send, reply_from_dara
from test_drafting import NOW, cli, run_folder, settings_for, write_mail
from test_sending import (
    SENT_AT,
    Recorder,
    draft_and_approve,
    one_request,
    send,
    sending_settings,
    set_states,
    stored_draft,
)

REASON = "the meeting was cancelled"
# The sending tests' fixtures: a recording SMTP server, the Dovecot Sent folder, a SQLite store.
smtp_server, sent_box, url = test_sending.smtp_server, test_sending.sent_box, test_sending.url


def booked_by_reply(tmp_path: Path, url: str) -> tuple[Settings, int, int]:
    """A sent proposal, the requester's pick, and its confirmation pending: (settings, meeting, draft)."""
    settings, proposal = propose_and_send(tmp_path, url)
    reply = reply_from_dara(proposal, "The first one please.")
    run_folder(settings, write_mail(tmp_path / "replies", {"a.eml": reply}))
    with Store.open(url) as store:
        (meeting,) = store.meetings.find(("tentative",))
        (confirm,) = [d for d in store.drafts.drafts() if d.purpose == "confirm"]
    assert confirm.state == "pending" and meeting.draft_id == confirm.id
    return settings, meeting.id, confirm.id


def test_the_command_line_withdraws_the_pending_confirmation_of_a_cancelled_meeting(tmp_path: Path) -> None:
    """The reported case: cancelling left the confirmation pending, and approving and sending it worked."""
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    _, meeting_id, confirm_id = booked_by_reply(tmp_path, url)

    cancelled = cli(tmp_path, url, "meetings", "cancel", str(meeting_id), "--as", "alice")
    assert cancelled.returncode == 0, cancelled.stderr
    out = cancelled.stdout.decode()
    assert f"Meeting {meeting_id} cancelled; draft " in out
    assert f"Withdrawn, never to be sent: draft {confirm_id} (was pending)" in out

    approve = cli(tmp_path, url, "drafts", "approve", str(confirm_id), "--as", "alice")
    assert approve.returncode != 0
    assert f"draft {confirm_id} is about meeting {meeting_id}, which was cancelled" in approve.stderr.decode()

    with Store.open(url) as store:
        confirm = store.drafts.draft(confirm_id)
        (cancel,) = [d for d in store.drafts.drafts() if d.purpose == "cancel"]
        audit = [(a.action, a.actor, a.object_id) for a in store.review.audit("draft")]
        assert confirm.state == "rejected" and ("reject", "alice", confirm_id) in audit
        assert store.review.extra(confirm_id).rejected_reason == REASON
    assert cli(tmp_path, url, "drafts", "approve", str(cancel.id), "--as", "alice").returncode == 0
    dry = cli(tmp_path, url, "send", "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    assert [json.loads(line)["id"] for line in dry.stdout.splitlines()] == [cancel.id]

    shown = cli(tmp_path, url, "drafts", "show", str(cancel.id)).stdout.decode()
    assert "Invite:  attached (METHOD:CANCEL)" in shown


def test_drafts_show_names_the_host_by_address_on_a_confirmation(tmp_path: Path) -> None:
    """A confirmation has no match reason: the Host line printed ``Rachel Kim (None)``."""
    url = f"sqlite:///{tmp_path / 'ledger.sqlite3'}"
    _, _, confirm_id = booked_by_reply(tmp_path, url)
    shown = cli(tmp_path, url, "drafts", "show", str(confirm_id))
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.decode().splitlines()
    assert "Host:    Rachel Kim <rachel.kim@example.org>" in lines
    assert "Invite:  attached (METHOD:REQUEST)" in lines
    assert not any("None" in line for line in lines if not line.startswith(" "))


def test_an_approved_invite_and_the_forwarders_note_are_withdrawn_for_every_reviewer(
    tmp_path: Path, store_url: str
) -> None:
    """One free slot: the reply carries the invite and the forwarder's note says it is booked. The review
    service (the web page's too) refuses to approve either once the meeting is off."""
    settings = settings_for(tmp_path, store_url, scheduling={"slots": 1}, drafting={"notify_forwarder": True})
    run_folder(settings, one_request(tmp_path))
    with Store.open(store_url) as store:
        review = ReviewService(settings, store, "alice", clock=lambda: NOW)
        drafts = {d.purpose: d.id for d in store.drafts.drafts()}
        assert set(drafts) == {"reply", "forwarder_note"}
        review.approve(drafts["reply"])
        (meeting,) = store.meetings.find(("tentative",))

        done = cancel_meeting(settings, store, meeting.id, "bob", now=NOW)
        assert done.withdrawn == {drafts["reply"]: "approved", drafts["forwarder_note"]: "pending"}
        assert done.in_flight == []
        for draft_id in drafts.values():
            assert store.drafts.draft(draft_id).state == "rejected"
            with pytest.raises(DraftNotPendingError, match="which was cancelled"):
                review.approve(draft_id)
        assert store.outbox.due(SENT_AT) == [] and store.outbox.claim_next(SENT_AT) is None
        rejects = [a for a in store.review.audit("draft") if a.action == "reject"]
        assert sorted(a.object_id for a in rejects) == sorted(drafts.values())
        assert {(a.actor, a.detail["reason"], a.detail["meeting"]) for a in rejects} == {
            ("bob", REASON, meeting.id)
        }
        review.approve(done.draft_id)  # the CANCEL itself goes out as usual
        assert [d.id for d in store.outbox.due(SENT_AT)] == [done.draft_id]


def test_an_invite_being_sent_when_the_meeting_is_cancelled_is_withdrawn_before_smtp(
    tmp_path: Path, url: str, smtp_server: tuple[int, Recorder], sent_box: Mailbox
) -> None:
    """Claimed (``sending``) but not yet handed to the server: the cancel leaves it to the sender, which
    rejects it instead of sending it; the CANCEL goes out."""
    port, recorder = smtp_server
    settings = sending_settings(tmp_path, url, port, sent_box)
    (draft_id,) = draft_and_approve(settings, one_request(tmp_path), url)
    set_states(url, [draft_id], "sending")  # claimed, cut short before SMTP
    with Store.open(url) as store:
        (meeting,) = store.meetings.find(("tentative",))
        done = cancel_meeting(settings, store, meeting.id, "alice", now=NOW)
    assert done.withdrawn == {} and done.in_flight == [draft_id]
    assert stored_draft(url, draft_id)[1] == "sending"  # it may be at the server: not ours to relabel
    set_states(url, [done.draft_id], "approved")

    summary = send(settings)
    assert [(r.draft_id, r.outcome) for r in summary.results] == [
        (draft_id, "withdrawn"),
        (done.draft_id, "sent"),
    ]
    assert summary.exit_code == 0
    assert [b"METHOD:CANCEL" in m.content for m in recorder.received] == [True]
    assert stored_draft(url, draft_id)[1] == "rejected"


def test_an_invite_given_back_by_a_temporary_failure_after_the_cancel_is_never_sent(
    tmp_path: Path, url: str, smtp_server: tuple[int, Recorder], sent_box: Mailbox
) -> None:
    port, recorder = smtp_server
    settings = sending_settings(tmp_path, url, port, sent_box)
    (draft_id,) = draft_and_approve(settings, one_request(tmp_path), url)
    with Store.open(url) as store:
        claimed = store.outbox.claim_next(SENT_AT)
        assert claimed is not None and claimed.id == draft_id
        (meeting,) = store.meetings.find(("tentative",))
        done = cancel_meeting(settings, store, meeting.id, "alice", now=NOW)
        assert done.in_flight == [draft_id]
        store.outbox.mark_temporary(draft_id, "451 try later", next_attempt_at=SENT_AT)
        assert store.outbox.due(SENT_AT + timedelta(hours=1)) == []
    set_states(url, [done.draft_id], "approved")

    summary = send(settings, at=SENT_AT + timedelta(hours=1))
    assert [(r.draft_id, r.outcome) for r in summary.results] == [
        (draft_id, "withdrawn"),
        (done.draft_id, "sent"),
    ]
    assert len(recorder.received) == 1 and b"METHOD:CANCEL" in recorder.received[0].content
    assert stored_draft(url, draft_id)[1] == "rejected"
