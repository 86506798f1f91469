"""Measuring a classifier on the shared evaluation corpus (``../shared/corpus``), read in place, never copied.

* ``requests/`` — real-world request texts and hard negatives: per-label report, our labels via
  ``evaluation.REQUEST_CORPUS_MAP``;
* ``spamassassin/`` — 6,046 public ham and spam messages, none a request: the share labelled
  ``interview_request`` is the false-alarm rate a shared mailbox would see.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

from inboxbroker.domain import Label
from inboxbroker.triage.classifier import Classifier
from inboxbroker.triage.evaluation import Report, evaluate, read_request_corpus, unwrap_bytes


def corpus_root() -> Path:
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    return Path(os.environ.get("INBOXBROKER_CORPUS", default))


def spamassassin_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.name != "labels.tsv")


def measure_requests(classifier: Classifier, root: Path) -> Report:
    return evaluate(classifier, read_request_corpus(root))


def measure_spamassassin(classifier: Classifier, root: Path, batch: int = 500) -> tuple[int, Counter[str]]:
    """(number of messages, count per predicted label)."""
    files = spamassassin_files(root)
    counts: Counter[str] = Counter()
    for start in range(0, len(files), batch):
        chunk = [unwrap_bytes(p.read_bytes()) for p in files[start : start + batch]]
        counts.update(d.label.value for d in classifier.classify_many(chunk))
    return len(files), counts


def measure_shared_corpus(classifier: Classifier, root: Path | None = None) -> dict[str, str]:
    """Printable figures for the model card; empty when the corpus is absent."""
    root = root or corpus_root()
    figures: dict[str, str] = {}
    if (root / "requests").is_dir():
        report = measure_requests(classifier, root / "requests")
        ir = report.scores[Label.INTERVIEW_REQUEST]
        figures["shared requests/ interview_request"] = (
            f"precision {ir.precision:.3f}, recall {ir.recall:.3f}, F1 {ir.f1:.3f} "
            f"({ir.support} requests, {report.total} messages)"
        )
        figures["shared requests/ report"] = "\n" + str(report)
    if (root / "spamassassin").is_dir():
        total, counts = measure_spamassassin(classifier, root / "spamassassin")
        hits = counts.get(Label.INTERVIEW_REQUEST.value, 0)
        figures["shared spamassassin/ labelled interview_request"] = (
            f"{hits} of {total} ({100 * hits / max(total, 1):.2f}%); all labels: {dict(sorted(counts.items()))}"
        )
    return figures
