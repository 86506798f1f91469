"""Date headers: aware datetimes, and defects for the ones without a zone or unreadable."""

from __future__ import annotations

from datetime import datetime

from inboxbroker.mail.headers import header_date


def test_zone_unknown_and_broken_dates_are_defects() -> None:
    defects: list[str] = []
    assert header_date("Tue, 3 Nov 2026 09:30:00 -0000", defects) is None
    assert header_date("31 Feb 2026 09:30:00 +0100", defects) is None
    assert [d.split(":")[0] for d in defects] == ["date", "date"]
    assert header_date("Tue, 3 Nov 2026 09:30:00 +0100 (CET)", []) == datetime.fromisoformat(
        "2026-11-03T09:30:00+01:00"
    )
