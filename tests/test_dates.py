"""Date headers: the common form is read directly and must answer what ``parsedate_to_datetime`` answers."""

from __future__ import annotations

import email
import email.utils
from datetime import datetime
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from inboxbroker.mail.headers import _common_date, header_date
from support.corpus import CORPUS, corpus_dir

ROOT = Path(__file__).resolve().parents[1]


def _stdlib(value: str) -> datetime | None:
    try:
        return email.utils.parsedate_to_datetime(value)
    except Exception:
        return None


def _same(value: str) -> bool:
    fast = _common_date(value)
    if fast is None:
        return True
    reference = _stdlib(value)
    return reference is not None and fast == reference and fast.utcoffset() == reference.utcoffset()


def test_common_dates_agree_with_the_stdlib_on_every_real_header() -> None:
    corpus_dir()
    values = []
    for root in (CORPUS, ROOT / "tests" / "fixtures"):
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix not in (".tsv", ".md", ".pdf", ".docx", ".odt"):
                for key, value in email.message_from_bytes(path.read_bytes()).raw_items():
                    if key.lower() == "date" and isinstance(value, str):
                        values.append(value)
    assert len(values) > 6000
    assert sum(_common_date(v) is not None for v in values) > 0.85 * len(values)
    assert [v for v in values if not _same(v)] == []


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(["", "Tue, ", "tue,", "Xyz, "]),
    st.integers(0, 32),
    st.sampled_from(["Jan", "feb", "MAR", "Sep", "Foo"]),
    st.integers(1899, 2100),
    st.integers(0, 25),
    st.integers(0, 61),
    st.sampled_from(["+0000", "-0000", "+0530", "-0800", "+2400", "-1259"]),
    st.sampled_from(["", " (UTC)", "  ", " (a (b) c)"]),
)
def test_generated_dates_agree_with_the_stdlib(
    dow: str, day: int, month: str, year: int, hour: int, second: int, zone: str, tail: str
) -> None:
    assert _same(f"{dow}{day} {month} {year} {hour:02d}:30:{second:02d} {zone}{tail}")


def test_zone_unknown_and_broken_dates_are_defects() -> None:
    defects: list[str] = []
    assert header_date("Tue, 3 Nov 2026 09:30:00 -0000", defects) is None
    assert header_date("31 Feb 2026 09:30:00 +0100", defects) is None
    assert [d.split(":")[0] for d in defects] == ["date", "date"]
    assert header_date("Tue, 3 Nov 2026 09:30:00 +0100 (CET)", []) == datetime.fromisoformat(
        "2026-11-03T09:30:00+01:00"
    )
