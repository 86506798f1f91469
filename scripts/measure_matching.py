"""Measure the interviewer-matching similarities on our labelled set; prints top-1 accuracy per measure.

The set is tests/fixtures/matching/requests.json (written by us). Every candidate gets equal capacity, so
only the text similarity decides. The figures go into scheduling/matching.py's docstring.

Usage: python scripts/measure_matching.py [-v]   (-v lists each miss)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from inboxbroker.scheduling.matching import MEASURES, Candidate, Measure, RequestSubject, rank

SET = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "matching" / "requests.json"


def load() -> tuple[list[Candidate], list[tuple[RequestSubject, str]]]:
    data = json.loads(SET.read_text("utf-8"))
    candidates = [Candidate(i["email"], i["name"], tuple(i["topics"]), 4, 0) for i in data["interviewers"]]
    requests = [
        (RequestSubject(r["topic"], r["role"], r["organization"], r["body"]), r["expected"])
        for r in data["requests"]
    ]
    return candidates, requests


def accuracy(measure: Measure, verbose: bool = False) -> tuple[int, int]:
    candidates, requests = load()
    hits = 0
    for subject, expected in requests:
        got = rank(subject, candidates, measure)[0]
        if got.candidate.email == expected:
            hits += 1
        elif verbose:
            print(
                f"  miss: {subject.topic!r}/{subject.role!r} → {got.candidate.email} via {got.topic!r}, want {expected}"
            )
    return hits, len(requests)


def main() -> None:
    verbose = "-v" in sys.argv
    for name, measure in MEASURES.items():
        hits, total = accuracy(measure, verbose)
        print(f"{name:10s} top-1 {hits}/{total} = {hits / total:.3f}")


if __name__ == "__main__":
    main()
