"""The labelled extraction set (tests/fixtures/extraction) run through the real path, and its résumé scoring.

``extract_case`` is what the pipeline does with one raw message: ``parse_message`` → ``unwrap_forward`` →
``extract_all`` → ``extraction_to_json``. The résumé answers are scored here; the message fields are scored
by tests/test_fields.py's ``measure``, which compares them exactly as that file always has.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from inboxbroker.extract.details import extract_all
from inboxbroker.extract.fields import extraction_to_json
from inboxbroker.mail.forwards import unwrap_forward
from inboxbroker.mail.parse import parse_message

SET = Path(__file__).resolve().parents[1] / "fixtures" / "extraction"
RESUME_FIELDS = ("name", "email", "phone", "school", "employer", "skills")


def labelled_cases() -> list[dict[str, Any]]:
    """Every expected JSON of the set, in file order."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(SET.glob("*.json"))]


def extract_case(raw: bytes, file: str) -> dict[str, Any]:
    """The ``extract --json`` object for one raw message, by the same calls the pipeline makes."""
    result = extract_all(unwrap_forward(parse_message(raw)))
    return extraction_to_json(result.extraction, file, "interview_request")


def resume_choice(out: dict[str, Any]) -> str | None:
    """The file name of the attachment marked as the résumé, or None when none is."""
    chosen = [a["filename"] for a in out["attachments"] if a["is_resume"]]
    return chosen[0] if len(chosen) == 1 else None if not chosen else "|".join(chosen)


def resume_field_hits(got: dict[str, Any] | None, exp: dict[str, Any]) -> dict[str, bool]:
    """Per résumé field, whether the extraction got it: name/email/phone exact; every expected school and
    employer among those read (case-insensitive); every expected skill among those found."""
    if got is None:
        return dict.fromkeys(RESUME_FIELDS, False)

    def fold(values: list[Any]) -> set[str]:
        return {v.casefold() for v in values if isinstance(v, str)}

    return {
        "name": got["name"] == exp["name"],
        "email": got["email"] == exp["email"],
        "phone": got["phone"] == exp["phone"],
        "school": fold([e["school"] for e in exp["education"]])
        <= fold([e.get("school") for e in got["education"]]),
        "employer": fold([e["employer"] for e in exp["experience"]])
        <= fold([e.get("employer") for e in got["experience"]]),
        "skills": set(exp["skills"]) <= set(got["skills"]),
    }
