"""``classify`` and ``extract``: the pipeline on files given by name, printed, with no database involved."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from .config import Settings
    from .pipeline import Outcome


def _outcomes(settings: Settings, files: list[Path], *, extract: bool) -> Iterator[tuple[Path, Outcome]]:
    from .runner import pipeline_for

    pipeline = pipeline_for(settings)
    for path in files:
        yield path, pipeline.process(path.read_bytes(), extract=extract)


def classify_files(settings: Settings, files: list[Path], *, as_json: bool) -> int:
    failed = 0
    for path, outcome in _outcomes(settings, files, extract=False):
        if outcome.decision is None:
            failed += 1
            _emit(
                {"file": str(path), "error": outcome.quarantine_reason},
                as_json,
                f"{path}: error: {outcome.quarantine_reason}",
            )
            continue
        reasons = list(outcome.decision.reasons)
        row = {
            "file": str(path),
            "label": outcome.decision.label.value,
            "probability": round(outcome.decision.probability, 4),
            "reasons": reasons,
        }
        because = "; ".join(reasons[:3])
        _emit(row, as_json, f"{path}: {row['label']} ({row['probability']:.2f}) because {because}")
    return 1 if failed else 0


def extract_files(settings: Settings, files: list[Path], *, as_json: bool) -> int:
    from .extract.fields import extraction_to_json

    failed = 0
    for path, outcome in _outcomes(settings, files, extract=True):
        if outcome.extraction is None:
            failed += 1
            _emit(
                {"file": str(path), "error": outcome.quarantine_reason},
                as_json,
                f"{path}: error: {outcome.quarantine_reason}",
            )
            continue
        row = extraction_to_json(outcome.extraction, file=str(path), label=outcome.label)
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            click.echo(_render(row))
    return 1 if failed else 0


def _emit(row: dict[str, Any], as_json: bool, text: str) -> None:
    click.echo(json.dumps(row, ensure_ascii=False) if as_json else text)


def _render(row: dict[str, Any]) -> str:
    lines = [f"{row['file']}  [{row['label']}]"]
    requester = row.get("requester") or {}
    for key in ("name", "email", "phone", "linkedin", "organization", "role"):
        if requester.get(key):
            lines.append(f"  {key:<14}{requester[key]}")
    if row.get("forwarded_by"):
        lines.append(
            f"  {'forwarded by':<14}{row['forwarded_by'].get('name') or ''} <{row['forwarded_by']['email']}>"
        )
    for key in ("topic", "referred_by", "duration_minutes", "format", "timezone"):
        if row.get(key) is not None:
            lines.append(f"  {key:<14}{row[key]}")
    for slot in row.get("availability") or []:
        lines.append(f"  {'proposes':<14}{slot['start']} – {slot['end']}")
    for att in row.get("attachments") or []:
        mark = " (résumé)" if att.get("is_resume") else ""
        lines.append(f"  {'attachment':<14}{att['filename']} {att['content_type']} {att['size']} B{mark}")
    return "\n".join(lines)
