"""``classify`` and ``extract``: the pipeline on files given by name, printed, with no database involved."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from inboxbroker.pipeline import Outcome
    from inboxbroker.settings.config import Settings


def _report(
    settings: Settings,
    files: list[Path],
    *,
    as_json: bool,
    extract: bool,
    describe: Callable[[Path, Outcome], tuple[dict[str, Any], str] | None],
) -> int:
    """Run each file through the pipeline and print ``describe``'s row (JSON) or text; 1 if any file failed."""
    from inboxbroker.runtime.runner import pipeline_for

    pipeline = pipeline_for(settings)
    failed = 0
    for path in files:
        outcome = pipeline.process(path.read_bytes(), extract=extract)
        described = describe(path, outcome)
        if described is None:
            failed += 1
            described = (
                {"file": str(path), "error": outcome.quarantine_reason},
                f"{path}: error: {outcome.quarantine_reason}",
            )
        row, text = described
        click.echo(json.dumps(row, ensure_ascii=False) if as_json else text)
    return 1 if failed else 0


def classify_files(settings: Settings, files: list[Path], *, as_json: bool) -> int:
    def describe(path: Path, outcome: Outcome) -> tuple[dict[str, Any], str] | None:
        if outcome.decision is None:
            return None
        reasons = list(outcome.decision.reasons)
        label, probability = outcome.decision.label.value, round(outcome.decision.probability, 4)
        row = {"file": str(path), "label": label, "probability": probability, "reasons": reasons}
        return row, f"{path}: {label} ({probability:.2f}) because {'; '.join(reasons[:3])}"

    return _report(settings, files, as_json=as_json, extract=False, describe=describe)


def extract_files(settings: Settings, files: list[Path], *, as_json: bool) -> int:
    from inboxbroker.extract.fields import extraction_to_json

    def describe(path: Path, outcome: Outcome) -> tuple[dict[str, Any], str] | None:
        if outcome.extraction is None:
            return None
        row = extraction_to_json(outcome.extraction, file=str(path), label=outcome.label)
        return row, _render(row)

    return _report(settings, files, as_json=as_json, extract=True, describe=describe)


_LABELS = {
    "organization": "organisation",
    "referred_by": "referred by",
    "duration_minutes": "duration",
    "timezone": "time zone",
    "forward_note": "note",
}
_WIDTH = 14  # the longest label ("forwarded by") and a gap


def _render(row: dict[str, Any]) -> str:
    lines = [f"{row['file']}  [{row['label']}]"]

    def line(key: str, value: object) -> None:
        lines.append(f"  {_LABELS.get(key, key):<{_WIDTH}}{value}")

    requester = row.get("requester") or {}
    for key in ("name", "email", "phone", "linkedin", "organization", "role"):
        if requester.get(key):
            line(key, requester[key])
    if row.get("forwarded_by"):
        line(
            "forwarded by",
            f"{row['forwarded_by'].get('name') or ''} <{row['forwarded_by']['email']}>".strip(),
        )
    if row.get("forward_note"):
        note = " ".join(str(row["forward_note"]).split())
        line("forward_note", note if len(note) <= 100 else note[:99] + "…")
    for key in ("topic", "referred_by", "duration_minutes", "format", "timezone"):
        if row.get(key) is not None:
            line(key, f"{row[key]} min" if key == "duration_minutes" else row[key])
    for slot in row.get("availability") or []:
        line("proposes", f"{slot['start']} – {slot['end']}")
    for att in row.get("attachments") or []:
        mark = " (résumé)" if att.get("is_resume") else ""
        line("attachment", f"{att['filename']} {att['content_type']} {att['size']} B{mark}")
    return "\n".join(lines)
