"""Choosing the interviewer: the forwarding manager first, else the measured best fit weighted by capacity;
never anyone over capacity; reasons a coordinator can read; the chosen measure keeps its measured accuracy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inboxbroker.scheduling.matching import (
    CHOSEN,
    MAX_BODY_CHARS,
    MEASURES,
    Candidate,
    RequestSubject,
    match_interviewer,
    rank,
)

SET = Path(__file__).parent / "fixtures" / "matching" / "requests.json"
MEASURED = {"words": 57 / 62, "trigrams": 50 / 62, "tfidf": 54 / 62}  # matching.py's docstring

RACHEL = Candidate("rachel.kim@example.org", "Rachel Kim", ("data science", "machine learning"), 4, 1)
OMAR = Candidate("omar.haddad@example.org", "Omar Haddad", ("data engineering", "databases"), 4, 0)
PRIYA = Candidate("priya.nair@example.org", "Priya Nair", ("product management",), 2, 0)


def subject(topic: str | None = None, role: str | None = None, body: str = "") -> RequestSubject:
    return RequestSubject(topic, role, None, body)


def labelled() -> tuple[list[Candidate], list[tuple[RequestSubject, str]]]:
    data = json.loads(SET.read_text("utf-8"))
    candidates = [Candidate(i["email"], i["name"], tuple(i["topics"]), 4, 0) for i in data["interviewers"]]
    return candidates, [
        (RequestSubject(r["topic"], r["role"], r["organization"], r["body"]), r["expected"])
        for r in data["requests"]
    ]


@pytest.mark.parametrize("name", sorted(MEASURES))
def test_each_measure_reaches_its_measured_accuracy(name: str) -> None:
    candidates, requests = labelled()
    hits = sum(rank(s, candidates, MEASURES[name])[0].candidate.email == want for s, want in requests)
    assert hits / len(requests) >= MEASURED[name] - 0.02


def test_the_chosen_measure_is_the_most_accurate_one_measured() -> None:
    assert MEASURED[CHOSEN] == max(MEASURED.values())


def test_the_labelled_set_is_big_enough_and_names_only_known_interviewers() -> None:
    candidates, requests = labelled()
    emails = {c.email for c in candidates}
    assert len(requests) >= 60 and len(candidates) >= 8
    assert {want for _, want in requests} == emails  # every interviewer is the answer somewhere


def test_the_forwarding_manager_hosts_when_they_have_capacity() -> None:
    match = match_interviewer(subject("databases"), [RACHEL, OMAR], forwarded_by=" Rachel.Kim@example.org ")
    assert match is not None
    assert (match.email, match.reason) == ("rachel.kim@example.org", "forwarded by Rachel Kim, 3 of 4 left")


def test_a_full_forwarding_manager_hands_over_to_the_best_fit_and_says_so() -> None:
    full = Candidate(RACHEL.email, RACHEL.name, RACHEL.topics, 4, 4)
    match = match_interviewer(subject("data engineering"), [full, OMAR], forwarded_by=RACHEL.email)
    assert match is not None and match.email == OMAR.email
    assert match.reason == (
        "forwarded by Rachel Kim, who has no capacity left; topic 'data engineering' ~ 'data engineering' 1.00, 4 of 4 left"
    )


def test_the_best_topic_fit_wins_and_the_reason_names_the_pair() -> None:
    match = match_interviewer(subject("machine learning careers"), [OMAR, RACHEL, PRIYA], forwarded_by=None)
    assert match is not None and match.email == RACHEL.email
    assert match.reason == "topic 'machine learning careers' ~ 'machine learning' 1.00, 3 of 4 left"


def test_a_partial_fit_is_reported_with_its_similarity() -> None:
    match = match_interviewer(subject("data visualisation"), [RACHEL, PRIYA], forwarded_by=None)
    assert match is not None and match.email == RACHEL.email
    assert match.reason == "topic 'data visualisation' ~ 'data science' 0.50, 3 of 4 left"


def test_nobody_with_capacity_gives_none_never_an_overbooked_interviewer() -> None:
    full = [
        Candidate(c.email, c.name, c.topics, c.capacity, c.capacity + u) for u, c in enumerate([RACHEL, OMAR])
    ]
    assert match_interviewer(subject("machine learning"), full, forwarded_by=RACHEL.email) is None
    assert match_interviewer(subject("machine learning"), [], forwarded_by=None) is None
    zero = Candidate("z@example.org", "Zed", ("machine learning",), 0, 0)
    assert match_interviewer(subject("machine learning"), [zero], forwarded_by=None) is None


def test_an_overbooked_best_fit_is_skipped_for_the_next_one() -> None:
    full = Candidate(RACHEL.email, RACHEL.name, RACHEL.topics, 4, 4)
    match = match_interviewer(subject("data science"), [full, OMAR, PRIYA], forwarded_by=None)
    assert match is not None and match.email == OMAR.email  # shares 'data'; Priya shares nothing


def test_capacity_left_breaks_an_equal_fit() -> None:
    busy = Candidate("a.busy@example.org", "A Busy", ("security",), 4, 3)
    free = Candidate("b.free@example.org", "B Free", ("security",), 4, 0)
    match = match_interviewer(subject("security"), [busy, free], forwarded_by=None)
    assert match is not None and match.email == free.email


def test_capacity_does_not_beat_a_clearly_better_fit() -> None:
    nearly_full = Candidate("a@example.org", "A", ("privacy",), 4, 3)
    empty = Candidate("b@example.org", "B", ("privacy law", "sales"), 4, 0)
    match = match_interviewer(subject("privacy engineering"), [nearly_full, empty], forwarded_by=None)
    assert match is not None and match.email == "a@example.org"


def test_ties_go_to_the_smaller_email_whatever_the_order() -> None:
    twins = [Candidate(f"{c}@example.org", c, ("finance",), 4, 0) for c in ("zoe", "adam", "mia")]
    for order in (twins, twins[::-1]):
        match = match_interviewer(subject("finance"), order, forwarded_by=None)
        assert match is not None and match.email == "adam@example.org"


def test_no_topic_in_common_picks_the_most_capacity_and_says_so() -> None:
    match = match_interviewer(subject("beekeeping"), [RACHEL, OMAR], forwarded_by=None)
    assert match is not None and match.email == OMAR.email
    assert match.reason == "no topic in common; most capacity: 4 of 4 left"


def test_only_the_first_part_of_a_long_body_is_read() -> None:
    body = "hello " * (MAX_BODY_CHARS // 6 + 10) + "machine learning"
    match = match_interviewer(subject(body=body), [RACHEL, OMAR], forwarded_by=None)
    assert match is not None and match.reason.startswith("no topic in common")
    match = match_interviewer(
        subject(body="I want advice on machine learning."), [RACHEL, OMAR], forwarded_by=None
    )
    assert match is not None and match.reason == "request text ~ 'machine learning' 0.60, 3 of 4 left"


def test_a_hostile_topic_is_shown_on_one_short_line() -> None:
    match = match_interviewer(
        subject("data\r\nBcc: x@evil.example " + "a" * 200), [RACHEL], forwarded_by=None
    )
    assert match is not None
    assert "\r" not in match.reason and "\n" not in match.reason and len(match.reason) < 130
