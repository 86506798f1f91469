"""The labelled extraction set through the real path (parse → unwrap → extract_all): per-field accuracy.

Unlike tests/test_fields.py, which feeds the unwrapped ground truth to the field rules, this runs every .eml
the way the pipeline does, attachments included: which attachment is the résumé (or none), and what the
résumé says. Tables are printed (``pytest -s``); the floors are the issue's, or for résumé fields what the
parser achieves today less a margin.
"""

from __future__ import annotations

from typing import Any

import pytest

from support.extraction_eval import (
    RESUME_FIELDS,
    SET,
    extract_case,
    labelled_cases,
    resume_choice,
    resume_field_hits,
)

# tests/ is on sys.path (rootdir-relative import mode); the floors are the same on the ground truth and end to end.
from test_fields import FLOORS, measure, print_table

DETECTION_FLOOR = 0.97
# Measured 2026-11: name 0.965 (van der Berg), school 0.895 (a school named without "University"), the rest 1.
RESUME_FLOORS = {"name": 0.97, "email": 0.97, "phone": 0.95, "school": 0.95, "employer": 0.95, "skills": 0.95}


@pytest.fixture(scope="module")
def outputs() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(extract_case((SET / c["file"]).read_bytes(), c["file"]), c) for c in labelled_cases()]


def test_set_has_real_resumes_and_hard_negatives() -> None:
    cases = labelled_cases()
    with_resume = [c for c in cases if c["resume"]]
    formats = [
        a["filename"].rsplit(".", 1)[1] for c in with_resume for a in c["attachments"] if a["is_resume"]
    ]
    negatives_only = [c for c in cases if c["attachments"] and not c["resume"]]
    both = [c for c in with_resume if len(c["attachments"]) > 1]
    assert len(cases) >= 150 and len(with_resume) >= 40
    assert formats.count("pdf") >= 15 and formats.count("docx") >= 15 and {"odt", "rtf"} <= set(formats)
    assert len(negatives_only) >= 15 and len(both) >= 10
    for c in with_resume:
        r = c["resume"]
        assert r["name"] and r["email"] and r["skills"] and r["education"][0]["school"]
        assert r["experience"][0]["employer"]
    assert sum(p.stat().st_size for p in SET.iterdir() if p.is_file()) < 3_000_000


def test_message_fields_end_to_end(outputs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    scores = measure(outputs)
    print_table("extraction set, end to end (parse + unwrap + extract_all)", scores, len(outputs))
    print_by_kind(outputs)
    for name, floor in FLOORS.items():
        assert scores[name] >= floor, (name, scores[name])


def print_by_kind(outputs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    """Issue 13's cases by what each shows: the field it is about, and whether the others held."""
    about = {"in_passing": "organization", "college": "organization", "referral": "referred_by"}
    kinds = sorted({e["shows"] for _, e in outputs if "shows" in e})
    print(
        f"\nissue 13's cases by kind\n{'kind':<28}{'n':>4}  {'field':<14}{'accuracy':>8}  worst other field"
    )
    for kind in kinds:
        cases = [(g, e) for g, e in outputs if e.get("shows") == kind]
        field = next((f for k, f in about.items() if k in kind), "name")
        scores = measure(cases)
        other = min((v, f) for f, v in scores.items() if f != field)
        print(f"{kind:<28}{len(cases):>4}  {field:<14}{scores[field]:8.3f}  {other[1]} {other[0]:.3f}")


def test_resume_detection_picks_exactly_the_resume(
    outputs: list[tuple[dict[str, Any], dict[str, Any]]],
) -> None:
    """Exact match of which attachment is the résumé, "none" included, over every message."""
    wrong = [
        (e["file"], resume_choice(e), resume_choice(g))
        for g, e in outputs
        if resume_choice(g) != resume_choice(e)
    ]
    carrying = [(g, e) for g, e in outputs if e["attachments"]]
    accuracy = 1 - len(wrong) / len(outputs)
    false_pos = sum(resume_choice(g) is not None for g, e in carrying if not e["resume"])
    print(
        f"\nrésumé detection: {accuracy:.3f} over {len(outputs)} messages; "
        f"{1 - len(wrong) / len(carrying):.3f} over the {len(carrying)} with attachments; "
        f"{false_pos} false positives on {sum(not e['resume'] for _, e in carrying)} negatives-only"
    )
    assert accuracy >= DETECTION_FLOOR, wrong


def test_resume_fields(outputs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    with_resume = [(g, e) for g, e in outputs if e["resume"]]
    hits = [resume_field_hits(g["resume"], e["resume"]) for g, e in with_resume]
    scores = {f: sum(h[f] for h in hits) / len(hits) for f in RESUME_FIELDS}
    print_table(
        "résumé fields (name/email/phone exact; every school, employer, skill found)", scores, len(hits)
    )
    misses = {
        f: [e["file"] for (_, e), h in zip(with_resume, hits, strict=True) if not h[f]][:5] for f in scores
    }
    for name, floor in RESUME_FLOORS.items():
        assert scores[name] >= floor, (name, scores[name], misses[name])
