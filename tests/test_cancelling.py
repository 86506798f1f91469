"""What ``drafts show`` says of a confirmation: who hosts it, and which iTIP method its invite carries."""

from __future__ import annotations

from pathlib import Path

from inboxbroker.settings.config import Settings
from inboxbroker.store.ledger import Store
from test_closing_the_loop import propose_and_send, reply_from_dara
from test_drafting import cli, run_folder, write_mail


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
