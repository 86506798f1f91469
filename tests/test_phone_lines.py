"""The lines phonenumbers is asked about: every number it would find, none of the clock times and dates."""

from __future__ import annotations

import re

import phonenumbers
import pytest

from inboxbroker.extract import fields
from inboxbroker.extract.phones import digit_run, phone_lines
from inboxbroker.mail.forwards import unwrap_forward
from inboxbroker.mail.parse import parse_message
from support.corpus import corpus_dir


@pytest.mark.parametrize(("region", "shortest"), [("US", 6), ("GB", 6), ("DE", 4), ("de", 4)])
def test_the_run_is_as_long_as_the_shortest_number_the_library_knows(region: str, shortest: int) -> None:
    """+43 and +49 take national numbers of four digits, six digits written internationally; Germany's own
    shortest national number is four digits, so a German's mail is read with that."""
    spaced = " ".join("7" * shortest)  # "7 7 7 7 7 7": one run of `shortest` digits
    assert digit_run(region).fullmatch(spaced)
    assert not digit_run(region).search(spaced[2:])  # one digit short


@pytest.mark.parametrize(
    "line",
    [
        "Call me on +1 (415) 555-0100 any afternoon",
        "mobile: 415.555.0100",
        "Tel +44 20 7946 0321",
        "+49 30 1234567",
        "Phone 07700 900123",
        "(415)\u00a0555\u20110100",  # no-break space, non-breaking hyphen
        "４１５－５５５－０１００",  # full-width digits and dash
    ],
)
def test_a_line_with_a_number_is_kept(line: str) -> None:
    assert phone_lines(f"Hello,\n{line}\nThanks", "US") == line


@pytest.mark.parametrize(
    "line",
    [
        "> Date: Sat, 14 Feb 2026 18:00:00 +0000",
        "Sent: Monday, March 2, 2026 9:41 AM",
        "Could we talk Tuesday 10:00-11:00 or Thursday 14:30-15:00?",
        "A 15 or 20 minute call in week 12 would be great.",
        "OVERALL%   SPAM% NONSPAM%\n  15113     4797    10316    0.32",  # a table's columns, not a number
    ],
)
def test_times_dates_and_tables_are_not_worth_the_matcher(line: str) -> None:
    assert phone_lines(line, "US") == ""


def test_a_german_number_keeps_its_line_where_germany_is_the_region() -> None:
    assert phone_lines("Ruf an: 030 12345\n", "DE") == "Ruf an: 030 12345"
    assert fields._phone("Ruf an: 030 12345\n", "DE").value == "+493012345"


def _whole_body(body: str, region: str) -> str | None:
    """What ``fields._phone`` found before the lines were chosen: the matcher over the whole body."""
    for m in phonenumbers.PhoneNumberMatcher(body, region, leniency=phonenumbers.Leniency.VALID):
        before = body[max(0, m.start - 20) : m.start]
        if fields._ID_CONTEXT.search(before) or re.fullmatch(
            r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}", m.raw_string
        ):
            continue
        return phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
    return None


def test_real_mail_gives_the_numbers_the_whole_body_gave() -> None:
    """Over the corpus's requests and a slice of SpamAssassin's ham and spam (signatures, phone-order spam,
    tables of figures): the same number or none for every body, but where the whole body's "number" was
    digits joined by more blanks than any number is written with (the columns of a table)."""
    paths = sorted(corpus_dir("requests").rglob("*.txt"))
    paths += sorted(p for p in corpus_dir("spamassassin").rglob("*") if p.is_file())[::5]
    found = same = 0
    for path in paths:
        try:
            body = unwrap_forward(parse_message(path.read_bytes())).original.body
        except Exception:  # unparseable mail is other tests' business
            continue
        expected = _whole_body(body, "US")
        got = fields._phone(body, "US").value
        found += expected is not None
        if got == expected:
            same += 1
            continue
        assert got is None and expected is not None, (path.name, expected, got)
        digits = expected.lstrip("+1")
        assert re.search(r"\d {4,}\d", body), (path.name, expected)  # a table, not a number
        assert digits  # what the whole body took for one
    assert found >= 50, found  # the check saw numbers, not just their absence
    assert same >= len(paths) - 5, (same, len(paths))
