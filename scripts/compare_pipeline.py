"""Dump what the pipeline makes of every mail file, one JSON line per file, to compare two versions of ``src``.

Run it once per version with that version's ``src`` first on ``PYTHONPATH`` and diff the outputs::

    PYTHONPATH=/tmp/base/src python scripts/compare_pipeline.py DIR… > before.jsonl
    PYTHONPATH=src python scripts/compare_pipeline.py DIR… > after.jsonl
    python scripts/compare_pipeline.py --diff before.jsonl after.jsonl

A line holds every ``Message`` field (headers, text, attachments with their hashes and sniffed types,
embedded messages, defects), every ``Unwrapped`` field, the decision (label, probability, reasons) and the
extraction, each forced for every file so a change anywhere upstream shows. Long strings are kept as
their length and a hash, so the dump stays small; ``--diff`` names the differing fields per file and counts
them per field. No database, no network.
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

_SKIP_SUFFIXES = (".tsv", ".md", ".json", ".npz", ".pdf", ".docx", ".odt", ".rtf", ".py", ".gitattributes")
_LONG = 160  # strings longer than this are kept as length and hash


def _files(roots: list[Path]) -> Iterator[Path]:
    for root in roots:
        paths = [root] if root.is_file() else sorted(root.rglob("*"))
        for path in paths:
            if path.is_file() and not path.name.startswith(".") and not path.name.endswith(_SKIP_SUFFIXES):
                yield path


def _plain(value: Any, depth: int = 0) -> Any:
    """A JSON-ready form of a pipeline value: dataclasses field by field, bytes and long text hashed."""
    if depth > 12:
        return "<deep>"
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, str):
        text = str(value)  # a Deferred field resolves here
        if len(text) > _LONG:
            return f"<{len(text)} chars {hashlib.sha256(text.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}>"
        return text
    if isinstance(value, bytes | bytearray | memoryview):
        return f"<{len(value)} bytes {hashlib.sha256(bytes(value)).hexdigest()[:16]}>"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 6)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name), depth + 1) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v, depth + 1) for v in value]
        return sorted(items, key=repr) if isinstance(value, set | frozenset) else items
    if value is None or isinstance(value, bool | int):
        return value
    return repr(value)


def dump(roots: list[Path]) -> None:
    from inboxbroker.pipeline import Pipeline

    pipeline = Pipeline()
    out = sys.stdout
    for path in _files(roots):
        outcome = pipeline.process(path.read_bytes(), extract=True)
        unwrapped = outcome.unwrapped
        row = {
            "file": str(path),
            "quarantine": outcome.quarantine_reason,
            "message": _plain(outcome.message),
            # the unwrapped message is the parsed one: only the fields unwrap adds
            "unwrapped": None
            if unwrapped is None
            else {
                f.name: _plain(getattr(unwrapped, f.name))
                for f in dataclasses.fields(unwrapped)
                if f.name != "message"
            },
            "decision": _plain(outcome.decision),
            "extraction": _plain(outcome.extraction),
        }
        out.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def _leaves(value: Any, prefix: str) -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, f"{prefix}.{key}" if prefix else key)
    elif isinstance(value, list):
        if not value:
            yield prefix + "[]", "empty"
        for item in value:
            yield from _leaves(item, prefix + "[]")
    else:
        yield prefix, value


def _fields_that_differ(a: dict[str, Any], b: dict[str, Any]) -> set[str]:
    left, right = Counter(_leaves(a, "")), Counter(_leaves(b, ""))
    return {path for path, _ in (left - right) + (right - left)}


def diff(before: Path, after: Path, show: int) -> int:
    old = {row["file"]: row for row in map(json.loads, before.read_text().splitlines())}
    new = {row["file"]: row for row in map(json.loads, after.read_text().splitlines())}
    by_field: Counter[str] = Counter()
    files: list[tuple[str, list[str]]] = []
    for name in sorted(old.keys() | new.keys()):
        if name not in old or name not in new:
            by_field["<file only on one side>"] += 1
            continue
        differing = sorted(_fields_that_differ(old[name], new[name]))
        by_field.update(differing)
        if differing:
            files.append((name, differing))
    print(f"{len(old)} files before, {len(new)} after, {len(files)} differ")
    for field, count in by_field.most_common():
        print(f"  {count:6}  {field}")
    for name, differing in files[:show]:
        print(f"{name}: {', '.join(differing)}")
    return 1 if files else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("paths", nargs="+", type=Path, help="directories or files (with --diff: two dumps)")
    parser.add_argument("--diff", action="store_true", help="compare two dumps instead of writing one")
    parser.add_argument("--show", type=int, default=50, help="with --diff: list this many differing files")
    args = parser.parse_args()
    if args.diff:
        before, after = args.paths
        return diff(before, after, args.show)
    dump(args.paths)
    return 0


if __name__ == "__main__":
    sys.exit(main())
