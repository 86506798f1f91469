"""Counts and their nouns in what inboxbroker prints: no "1 replies"."""

from __future__ import annotations

import pytest

from inboxbroker.cli.reporting import print_summary
from inboxbroker.runtime.drafting import attention_lines
from inboxbroker.runtime.runner import RunSummary
from inboxbroker.wording import agree, plural


def test_plural_agrees_with_the_count() -> None:
    assert plural(1, "reply", "replies") == "1 reply"
    assert plural(2, "reply", "replies") == "2 replies"
    assert plural(0, "draft") == "0 drafts"
    assert plural(1, "person", "people") == "1 person"
    assert (agree(1, "needs", "need"), agree(3, "needs", "need")) == ("needs", "need")


def test_a_run_summary_of_one_says_one(capsys: pytest.CaptureFixture[str]) -> None:
    print_summary(RunSummary(source="imap", drafted=1, needs_attention=1, sent=1), as_json=False)
    out = capsys.readouterr().out
    assert "drafted 1 reply for review" in out
    assert "1 request needs attention" in out
    assert "sent 1 approved reply;" in out


def test_a_run_summary_of_several_says_several(capsys: pytest.CaptureFixture[str]) -> None:
    print_summary(RunSummary(source="imap", drafted=2, needs_attention=3, sent=2), as_json=False)
    out = capsys.readouterr().out
    assert "drafted 2 replies for review" in out
    assert "3 requests need attention" in out
    assert "sent 2 approved replies;" in out


def test_attention_lines_count_one_other_reason_as_one() -> None:
    moved = [(i, f"reason {i % 9}") for i in range(40)]  # nine reasons: eight shown, one counted
    assert attention_lines(moved)[-1].endswith("more, for 1 other reason")
