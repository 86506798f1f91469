"""The times grammar's cheap first pass (``_MAY_HOLD_A_TOKEN``) never hides a token the grammar would read.

It only says "no token can be here"; the invariant is that the tokens are exactly the grammar's own, on every
alternative of the grammar, on random mixtures of its words, and on the shared real-world corpus.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inboxbroker.extract import times
from inboxbroker.extract.zones import TZ_ABBREVIATIONS

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _bare(text: str) -> list[tuple[int, int, str]]:
    grammar = times._TOKENS if times._TIME.search(text) else times._TOKENS_NO_ZONE_WORDS
    return [(m.start(), m.end(), m.lastgroup or "") for m in grammar.finditer(text)]


def _ours(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.lastgroup or "") for m in times._tokens(text)]


EVERY_KIND = [
    "the week of March 3rd", "early next week", "the end of this week", "Tuesday, the 4th", "Mar 3, 2027",
    "4 March", "2027-03-04", "12/3", "next Thursday", "this coming Fri.", "tomorrow", "the day after tomorrow",
    "this afternoon", "between 2 and 4pm", "10:00–11:30", "after 3pm", "before noon", "from the 15th",
    "by March", "at 3", "around 10.30", "@ 9am", "noon", "midday", "late mornings", "lunchtime",
    "end of day", "after work", "early evening", "ET", "cest", "GMT+2", "UTC−05:30", "Pacific time",
    "Central European timezone", "Europe/Berlin", "America/Argentina/Buenos_Aires", "except Fridays",
    "other than Monday", "but not Tuesday", "_monday", "ſunday", "next wee\u212a", "٣pm",
]  # fmt: skip


@pytest.mark.parametrize("text", EVERY_KIND)
def test_each_alternative_passes_the_first_pass(text: str) -> None:
    assert _bare(text), text  # the example does hold a token
    assert _ours(text) == _bare(text)
    assert _ours(f"Could we talk {text}? Thanks") == _bare(f"Could we talk {text}? Thanks")


def test_every_zone_abbreviation_passes_the_first_pass() -> None:
    for abbreviation in TZ_ABBREVIATIONS:
        text = f"at 3 {abbreviation}"
        assert _ours(abbreviation) == _bare(abbreviation), abbreviation
        assert _ours(text) == _bare(text), abbreviation


WORDS = [*EVERY_KIND, "hello", "could", "we", "meet", "a", "the", "of", "and", ",", ".", "\n", "I", "am", "x"]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS) | st.text(max_size=6), max_size=12), st.sampled_from(["", " ", "_", "-"])
)
def test_random_mixtures_read_the_same(parts: list[str], glue: str) -> None:
    text = glue.join(parts)
    assert _ours(text) == _bare(text)


@pytest.mark.skipif(not CORPUS.exists() and os.environ.get("CI") != "true", reason="no ../shared/corpus")
def test_the_shared_corpus_reads_the_same() -> None:
    files = [p for p in sorted(CORPUS.rglob("*")) if p.is_file() and p.suffix not in {".md", ".json", ".csv"}]
    assert files
    for path in files[::10]:  # a tenth, spread over every set: the whole reads the same and costs a minute
        text = path.read_bytes().decode("utf-8", "replace")
        for line in text.splitlines():
            assert _ours(line) == _bare(line), (path, line)
