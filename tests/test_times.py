"""extract/times.py: one test per rule, then the grammar measured against dateparser on the labelled set.

dateparser (``search_dates``) is the library candidate; it lives here only as the baseline it lost to, so the
product does not depend on it. Both are scored the same way: a message counts when the set of proposed
intervals equals the expected set exactly (and, more leniently, when the set of proposed *days* matches).
"""

from __future__ import annotations

import importlib.util
import json
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

import pytest

from inboxbroker.domain import Interval
from inboxbroker.extract.times import DAY_PARTS, POINT_MINUTES, WORKDAY, extract_times, resolve_zone

SET = Path(__file__).parent / "fixtures" / "extraction"
FRIDAY = datetime.fromisoformat("2026-02-20T10:15:00-05:00")  # the reference for the rule tests


def spans(text: str, reference: datetime = FRIDAY, hint: str | None = None) -> list[str]:
    result = extract_times(text, reference, hint)
    return [f"{i.start:%a %m-%d %H:%M}-{i.end:%H:%M}" for i in result.intervals]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Could we talk next Tuesday afternoon?", ["Tue 02-24 13:00-17:00"]),
        ("Thursday or Friday morning would be great.", ["Thu 02-26 09:00-12:00", "Fri 02-27 09:00-12:00"]),
        ("Wed 2–4pm ET works.", ["Wed 02-25 14:00-16:00"]),
        ("Maybe between 10 and noon PST on the 12th?", ["Thu 03-12 10:00-12:00"]),
        ("How about Monday at 3?", ["Mon 02-23 15:00-15:30"]),
        ("Tuesday afternoon or Wednesday morning", ["Tue 02-24 13:00-17:00", "Wed 02-25 09:00-12:00"]),
        ("at 3pm on Monday", ["Mon 02-23 15:00-15:30"]),
        ("Tuesday, March 3rd at 11am", ["Tue 03-03 11:00-11:30"]),
        ("10-11:30am on 24 February", ["Tue 02-24 10:00-11:30"]),
        ("after 4pm on Thursday", ["Thu 02-26 16:00-18:00"]),
        ("from 2 to 4 on Tuesday", ["Tue 02-24 14:00-16:00"]),
        ("11-1 on Monday", ["Mon 02-23 11:00-13:00"]),
    ],
)
def test_day_and_time_grammar(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


def test_spans_week_of_and_after() -> None:
    assert spans("any time the week of March 3rd") == [
        f"{d} 03-0{n} 09:00-17:00"
        for n, d in zip(range(2, 7), ("Mon", "Tue", "Wed", "Thu", "Fri"), strict=True)
    ]
    assert spans("Any time after the 15th.")[0] == "Mon 03-16 09:00-17:00"
    assert len(spans("any afternoon next week except Friday")) == 4


@pytest.mark.parametrize(
    "text",
    [
        "I could do 3/4.",  # day/month order unknown
        "We met on February 3rd at the fair.",  # a date just behind the reference is a past event
        "Call me at 555-1234 or 415 555 0134.",  # phone numbers are not times
        "I'm a 3rd year student.",
        "I'm free 2-4pm.",  # a time with no day
        "I'm away Monday.",  # a negative clause
        "Monday, March 4th",  # March 4th 2026 is a Wednesday: which did they mean?
        "I followed your talk and interviewed a few people.",  # weekday names inside words: no Wednesday
        "We have a common friend; I sat in on your session.",
    ],
)
def test_ambiguous_or_past_gives_nothing(text: str) -> None:
    assert spans(text) == []


def test_never_in_the_past() -> None:
    late_friday = FRIDAY.replace(hour=15, minute=10)
    assert spans("today at 2pm or tomorrow at 2pm", late_friday) == ["Sat 02-21 14:00-14:30"]
    assert spans("this afternoon", late_friday) == ["Fri 02-20 15:30-17:00"]


def test_zone_order_text_then_hint_then_reference() -> None:
    assert extract_times("Monday at 3 London time", FRIDAY, "Asia/Kolkata").timezone == "Europe/London"
    assert extract_times("Monday at 3", FRIDAY, "Asia/Kolkata").timezone == "Asia/Kolkata"
    assert extract_times("Monday at 3", FRIDAY).timezone == "-05:00"
    assert spans("Monday at 9:30 CET") == ["Mon 02-23 09:30-10:00"]


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("EST", "America/New_York"),
        ("pacific time", "America/Los_Angeles"),
        ("Europe/Paris", "Europe/Paris"),
        ("GMT+1", "+01:00"),
        ("UTC-03:30", "-03:30"),
        ("IST", None),
        ("et", None),
    ],
)
def test_resolve_zone(name: str, label: str | None) -> None:
    zone = resolve_zone(name)
    assert (zone[1] if zone else None) == label


def test_documented_windows() -> None:
    assert (
        DAY_PARTS["morning"] == (9, 12)
        and DAY_PARTS["afternoon"] == (13, 17)
        and DAY_PARTS["evening"] == (17, 19)
    )
    assert WORKDAY == (9, 17) and POINT_MINUTES == 30


# --- measurement: own grammar against dateparser ----------------------------------------------------------


def dateparser_times(text: str, reference: datetime, tz_hint: str | None) -> list[Interval]:
    """The library candidate: search_dates, a found time → a POINT_MINUTES window, a bare day → WORKDAY."""
    from dateparser.search import search_dates

    zone = resolve_zone(tz_hint)
    tz: tzinfo = zone[0] if zone else reference.tzinfo  # type: ignore[assignment]
    local = reference.astimezone(tz)
    settings = {
        "RELATIVE_BASE": local.replace(tzinfo=None),
        "PREFER_DATES_FROM": "future",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "REQUIRE_PARTS": [],
    }
    found = search_dates(text, languages=["en"], settings=settings) or []  # type: ignore[arg-type]
    out: list[Interval] = []
    for phrase, moment in found:
        moment = moment.replace(tzinfo=tz)
        if moment.time() == datetime.min.time() or not any(ch.isdigit() for ch in phrase):
            day = moment.date()
            start = datetime.combine(day, datetime.min.time(), tz).replace(hour=WORKDAY[0])
            out.append(Interval(start, start.replace(hour=WORKDAY[1])))
        else:
            out.append(Interval(moment, moment + timedelta(minutes=POINT_MINUTES)))
    return [i for i in out if i.end > reference]


def _labelled() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SET.glob("*.json"))]


def _hint(case: dict[str, Any]) -> str | None:
    # The signature's zone, as extract_fields would hand it over (see fields._TZ_BY_REGION).
    from inboxbroker.extract.fields import extract_fields
    from test_fields import from_labelled  # tests/ is on sys.path (rootdir-relative import mode)

    return extract_fields(from_labelled(case["input"])).tz_hint


def _score(predict: Any, cases: list[dict[str, Any]]) -> tuple[float, float]:
    exact = days = 0
    for case in cases:
        reference = datetime.fromisoformat(case["input"]["date"])
        got = {
            (i.start.isoformat(), i.end.isoformat())
            for i in predict(case["input"]["body"], reference, _hint(case))
        }
        want = {(a["start"], a["end"]) for a in case["availability"]}
        exact += got == want
        days += {s[:10] for s, _ in got} == {s[:10] for s, _ in want}
    return exact / len(cases), days / len(cases)


def test_grammar_beats_dateparser_on_the_labelled_set() -> None:
    cases = _labelled()
    own = _score(lambda t, r, h: extract_times(t, r, h).intervals, cases)
    print(f"\ntimes on the labelled set (n={len(cases)})\n{'method':<22}{'exact':>7}{'same days':>11}")
    print(f"{'own grammar':<22}{own[0]:7.3f}{own[1]:11.3f}")
    hand = [c for c in cases if c["file"].startswith("h")]
    own_hand = _score(lambda t, r, h: extract_times(t, r, h).intervals, hand)
    print(f"{'own grammar, hand':<22}{own_hand[0]:7.3f}{own_hand[1]:11.3f}")
    if importlib.util.find_spec("dateparser") is not None:
        lib, lib_hand = _score(dateparser_times, cases), _score(dateparser_times, hand)
        print(f"{'dateparser 1.x':<22}{lib[0]:7.3f}{lib[1]:11.3f}")
        print(f"{'dateparser 1.x, hand':<22}{lib_hand[0]:7.3f}{lib_hand[1]:11.3f}")
        assert own[0] > lib[0]
    assert own[0] >= 0.9


def test_phrase_zone_is_used_for_the_labelled_set() -> None:
    # Generated cases only: two hand cases name zones we do not know ("Vietnam time", "Riga time").
    for case in (c for c in _labelled() if not c["file"].startswith("h")):
        result = extract_times(
            case["input"]["body"], datetime.fromisoformat(case["input"]["date"]), _hint(case)
        )
        assert result.timezone == case["timezone"], case["file"]
