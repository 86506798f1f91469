"""Labelled examples and how well a classifier does on them: reading folders, scoring, printing a report.

Two layouts are read:

* folder per label — ``<root>/<label>/*.eml`` (our training corpus, exported feedback); a folder named after a
  label may also be passed directly;
* the shared evaluation corpus of requests — ``positive/`` and ``negative/`` files with an ``X-Label`` header
  and an ``X-Category`` that says what kind of negative it is; ``REQUEST_CORPUS_MAP`` turns those into our
  labels (files without the header are real mail from a public spam/ham archive: ``other``).

Metrics are computed here in plain Python so evaluating needs no scikit-learn.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from inboxbroker.domain import Label, Unwrapped

MAIL_SUFFIXES = {".eml", ".txt", ".msg", ""}
FAMILIES = "FAMILIES.tsv"  # beside the label folders: ``<label>/<file>`` TAB ``<family>`` per line
# X-Category keywords of the shared corpus' negatives → our labels; first match wins, default ``other``.
REQUEST_CORPUS_MAP: tuple[tuple[str, Label], ...] = (
    ("thank", Label.THREAD_REPLY),
    ("feedback after rejection", Label.THREAD_REPLY),
    ("automated", Label.AUTOMATED),
    ("application", Label.JOB_APPLICATION),
    ("cover-letter", Label.JOB_APPLICATION),
    ("referral", Label.JOB_APPLICATION),
    ("recruiter", Label.JOB_APPLICATION),
    ("job pitch", Label.JOB_APPLICATION),
)


class Example(NamedTuple):
    """One labelled message; ``source`` says where it came from (a path, or ``feedback:N``).

    ``family`` names the kind of mail (the grammar that wrote it, for our corpus) when a ``FAMILIES.tsv``
    lists it: the grouped evaluation holds out one family at a time.
    """

    unwrapped: Unwrapped
    label: Label
    source: str = ""
    family: str = ""


def unwrap_bytes(raw: bytes) -> Unwrapped:
    """Raw RFC 822 bytes through the same parse and unwrap stages the pipeline uses."""
    from inboxbroker.mail.forwards import unwrap_forward
    from inboxbroker.mail.parse import parse_message

    return unwrap_forward(parse_message(raw))


def _mail_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in MAIL_SUFFIXES)


def read_families(root: Path) -> dict[str, str]:
    """``<label>/<file>`` → family, from the tree's ``FAMILIES.tsv`` (empty when it has none)."""
    path = root / FAMILIES
    if not path.is_file():
        return {}
    rows = (line.split("\t") for line in path.read_text("utf-8").splitlines()[1:] if "\t" in line)
    return {row[0]: row[1] for row in rows}


def read_folders(dirs: Iterable[Path]) -> list[Example]:
    """Examples from folder-per-label trees, in a stable (sorted) order."""
    examples: list[Example] = []
    for root in dirs:
        single = root.name in Label._value2member_map_
        folders = [root] if single else sorted(p for p in root.iterdir() if p.is_dir())
        families = read_families(root.parent if single else root)
        for folder in folders:
            if folder.name not in Label._value2member_map_:
                continue
            label = Label(folder.name)
            examples.extend(
                Example(
                    unwrap_bytes(p.read_bytes()),
                    label,
                    str(p),
                    families.get(f"{folder.name}/{p.name}", ""),
                )
                for p in _mail_files(folder)
            )
    return examples


def request_corpus_label(raw: bytes) -> Label:
    """Our label for one file of the shared requests corpus, from its X-Label and X-Category headers."""
    head = raw.split(b"\n\n", 1)[0].decode("utf-8", "replace").lower()
    values = dict(
        (line.split(":", 1)[0].strip(), line.split(":", 1)[1].strip())
        for line in head.splitlines()
        if ":" in line
    )
    if values.get("x-label") == "positive":
        return Label.INTERVIEW_REQUEST
    category = values.get("x-category", "")
    return next((label for key, label in REQUEST_CORPUS_MAP if key in category), Label.OTHER)


def read_request_corpus(root: Path) -> list[Example]:
    """Examples from the shared corpus' ``positive/`` and ``negative/`` folders."""
    examples: list[Example] = []
    for part in ("positive", "negative"):
        for path in _mail_files(root / part):
            raw = path.read_bytes()
            label = request_corpus_label(raw) if part == "negative" else Label.INTERVIEW_REQUEST
            examples.append(Example(unwrap_bytes(raw), label, str(path)))
    return examples


@dataclass(frozen=True)
class LabelScore:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Report:
    """Per-label precision/recall/F1 and the confusion matrix (rows: true label, columns: predicted)."""

    labels: tuple[Label, ...]
    scores: dict[Label, LabelScore]
    confusion: tuple[tuple[int, ...], ...]
    total: int
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def accuracy(self) -> float:
        return sum(self.confusion[i][i] for i in range(len(self.labels))) / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "accuracy": round(self.accuracy, 4),
            "labels": {
                label.value: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "support": s.support}
                for label, s in self.scores.items()
            },
            "confusion": [list(row) for row in self.confusion],
            **self.extra,
        }

    def __str__(self) -> str:
        width = max(len(label.value) for label in self.labels)
        lines = [f"{'label':<{width}}  precision  recall     f1  support"]
        for label in self.labels:
            s = self.scores[label]
            lines.append(
                f"{label.value:<{width}}  {s.precision:9.3f}  {s.recall:6.3f}  {s.f1:5.3f}  {s.support:7d}"
            )
        lines.append(f"accuracy {self.accuracy:.3f} over {self.total} messages")
        short = [label.value[:8] for label in self.labels]
        lines.append("confusion (rows true, columns predicted): " + " ".join(f"{s:>8}" for s in short))
        for label, row in zip(self.labels, self.confusion, strict=True):
            lines.append(f"  {label.value:<{width}} " + " ".join(f"{n:>8d}" for n in row))
        lines.extend(f"{key}: {value}" for key, value in self.extra.items())
        return "\n".join(lines)


def score(
    truth: Sequence[Label], predicted: Sequence[Label], labels: Sequence[Label] = tuple(Label)
) -> Report:
    """A report from true and predicted labels (0/0 counts as 0.0, like scikit-learn's zero_division=0)."""
    position = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for t, p in zip(truth, predicted, strict=True):
        matrix[position[t]][position[p]] += 1
    scores: dict[Label, LabelScore] = {}
    for i, label in enumerate(labels):
        tp = matrix[i][i]
        predicted_n = sum(row[i] for row in matrix)
        support = sum(matrix[i])
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        scores[label] = LabelScore(round(precision, 4), round(recall, 4), round(f1, 4), support)
    return Report(tuple(labels), scores, tuple(tuple(row) for row in matrix), len(truth))


def evaluate(classifier: object, examples: Sequence[Example]) -> Report:
    """Score ``classifier`` (anything with ``classify_many``) on labelled examples."""
    decisions = classifier.classify_many([e.unwrapped for e in examples])  # type: ignore[attr-defined]
    return score([e.label for e in examples], [d.label for d in decisions])
