"""Grouped evaluation: each family of mail held out in turn, so the figures are about kinds never seen.

A random split of a generated corpus scores near 1.0 and says nothing about unseen kinds of mail: the test
half holds siblings of every training message, written by the same grammar. Here the families (one per grammar
that wrote the message, from the corpus' ``FAMILIES.tsv``) are dealt into folds; each fold is predicted by a
model trained on every *other* family, so every message is scored by a model that never saw its kind.

Reported: interview-request precision and recall over all those predictions (the model card's headline), the
families the model does worst on (a request family by the share it misses, any other family by the share it
would have answered as a request), and the threshold trade-off: for each ``[triage] threshold``, how precise
the drafted requests would be, how many real requests would be drafted, and what share of all mail a
coordinator would be asked to triage.

Languages are a second axis, not a kind: a family named ``<label>/lang:<code>…`` (a request or a look-alike
written in that language) is held out together with every other family of its language. Holding out Polish
requests alone while training on Polish look-alikes would teach the model that Polish means "not a request";
holding out the whole language asks the fair question, what happens to mail in a language never seen (it
should not be drafted). Those figures are reported per language, apart from the headline, which is about
kinds of mail.

Pure: the caller passes the ``fit`` (``training.grouped_evaluation`` binds one to a candidate), so this module
imports neither scikit-learn nor ``training``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from inboxbroker.domain import Label
from inboxbroker.triage.evaluation import Example, Report, score
from inboxbroker.triage.features import Fields, extract_fields

if TYPE_CHECKING:
    from inboxbroker.triage.classifier import Classifier

# Fits a classifier on some examples and their features.
Fit = Callable[[Sequence[Example], Sequence[Fields]], "Classifier"]

# Five folds: each model trains on four fifths of the families, one fit per fold (about 15 s each on the shipped
# corpus), and choosing a candidate costs that again per candidate. More folds are kinder (fewer related families
# held out together: the foreign-language requests lose their nudges in other languages in some draws) and slower;
# ``--folds 0`` holds out one family at a time.
DEFAULT_FOLDS = 5
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
WORST = 5


@dataclass(frozen=True)
class Prediction:
    """One held-out message: its truth, what a model that never saw its family said, and how sure it was."""

    family: str
    truth: Label
    predicted: Label
    probability: float  # of the predicted label


@dataclass(frozen=True)
class FamilyScore:
    family: str
    label: Label
    count: int
    correct: float  # share given its true label
    as_request: float  # share labelled interview_request

    @property
    def request_error(self) -> float:
        """What a coordinator feels: a request family's misses, or any other family's would-be wrong drafts."""
        return 1 - self.as_request if self.label is Label.INTERVIEW_REQUEST else self.as_request


@dataclass(frozen=True)
class ThresholdRow:
    """What ``[triage] threshold`` = ``threshold`` would do to the held-out predictions."""

    threshold: float
    drafted_precision: float  # of the messages that would get a draft, the share that are requests
    drafted_recall: float  # of the real requests, the share that would get a draft
    triage_share: float  # of all messages, the share sent to needs_triage
    wrong_drafts: int
    missed: int  # requests neither drafted nor sent to triage


@dataclass(frozen=True)
class LanguageScore:
    """Mail in one language, scored by a model that saw no mail in that language."""

    language: str
    requests: int
    recall: float  # of its requests, the share labelled interview_request
    others: int
    as_request: float  # of its other mail, the share labelled interview_request


@dataclass(frozen=True)
class GroupedReport:
    """``report``, ``families`` and ``thresholds`` are about kinds of mail; ``languages`` about languages."""

    folds: int
    report: Report
    families: tuple[FamilyScore, ...]
    thresholds: tuple[ThresholdRow, ...]
    languages: tuple[LanguageScore, ...] = ()

    @property
    def request(self) -> tuple[float, float]:
        s = self.report.scores[Label.INTERVIEW_REQUEST]
        return s.precision, s.recall

    def worst(self, n: int = WORST) -> list[FamilyScore]:
        ranked = sorted(self.families, key=lambda f: (-f.request_error, f.family))
        return [f for f in ranked[:n] if f.request_error > 0]

    def as_dict(self) -> dict[str, object]:
        precision, recall = self.request
        return {
            "evaluation": "grouped",
            "folds": self.folds,
            "families": len(self.families),
            "interview_request": {"precision": precision, "recall": recall},
            "worst": [_family_dict(f) for f in self.worst()],
            "by_family": [_family_dict(f) for f in self.families],
            "thresholds": [vars(row) for row in self.thresholds],
            "languages_never_seen": [vars(language) for language in self.languages],
            "report": self.report.as_dict(),
        }

    def headline(self) -> str:
        precision, recall = self.request
        worst = ", ".join(f"{f.family} {f.request_error:.0%}" for f in self.worst()) or "none"
        return (
            f"interview_request precision {precision:.3f}, recall {recall:.3f} on kinds held out "
            f"({len(self.families)} families, {self.folds} folds); worst: {worst}"
        )

    def threshold_table(self) -> str:
        lines = ["threshold  drafted precision  drafted recall  to needs_triage  wrong drafts  missed"]
        lines += [
            f"  {r.threshold:7.2f}  {r.drafted_precision:17.3f}  {r.drafted_recall:14.3f}  "
            f"{r.triage_share:15.1%}  {r.wrong_drafts:12d}  {r.missed:6d}"
            for r in self.thresholds
        ]
        return "\n".join(lines)

    def __str__(self) -> str:
        lines = [
            "Grouped evaluation: every family of mail scored by a model trained without it",
            self.headline(),
            "",
            "worst families (requests: share missed; others: share labelled interview_request):",
        ]
        lines += [
            f"  {f.family:<44} {f.request_error:6.1%}  of {f.count:4d}  (given its own label: {f.correct:.1%})"
            for f in self.worst()
        ]
        lines += ["", self.threshold_table()]
        if self.languages:
            lines += ["", self.language_table()]
        lines += ["", str(self.report)]
        return "\n".join(lines)

    def language_table(self) -> str:
        lines = ["language never seen  requests  labelled request  other mail  labelled request"]
        lines += [
            f"  {g.language:<17}  {g.requests:8d}  {g.recall:16.1%}  {g.others:10d}  {g.as_request:16.1%}"
            for g in self.languages
        ]
        return "\n".join(lines)


def _family_dict(f: FamilyScore) -> dict[str, object]:
    return {
        "family": f.family,
        "label": f.label.value,
        "count": f.count,
        "correct": round(f.correct, 4),
        "as_request": round(f.as_request, 4),
        "request_error": round(f.request_error, 4),
    }


LANGUAGE_MARK = "lang:"


def language_of(family: str) -> str:
    """``other/lang:sv-thanks`` → ``sv``; ``""`` for a family that is a kind of mail."""
    kind = family.partition("/")[2]
    return kind[len(LANGUAGE_MARK) :].partition("-")[0] if kind.startswith(LANGUAGE_MARK) else ""


def unit_of(family: str) -> str:
    """What is held out as one piece: a family, or every family of one language."""
    language = language_of(family)
    return LANGUAGE_MARK + language if language else family


def fold_count(units: int, folds: int) -> int:
    """How many folds ``units`` pieces are dealt into (``folds`` 0: one each)."""
    return max(1, min(folds, units)) if folds else units


def deal_folds(families: Counter[str], folds: int) -> dict[str, int]:
    """Each family to one fold, largest first onto the lightest fold: folds of similar size, same every run."""
    folds = fold_count(len(families), folds)
    sizes = [0] * folds
    assignment: dict[str, int] = {}
    for family, count in sorted(families.items(), key=lambda item: (-item[1], item[0])):
        fold = min(range(folds), key=lambda i: (sizes[i], i))
        assignment[family] = fold
        sizes[fold] += count
    return assignment


def is_triaged(prediction: Prediction, threshold: float) -> bool:
    """Mirrors the pipeline: a message labelled interview_request below the threshold goes to needs_triage."""
    return prediction.predicted is Label.INTERVIEW_REQUEST and prediction.probability < threshold


def threshold_rows(
    predictions: Sequence[Prediction], thresholds: Sequence[float]
) -> tuple[ThresholdRow, ...]:
    rows = []
    requests = sum(p.truth is Label.INTERVIEW_REQUEST for p in predictions)
    for t in thresholds:
        drafted = [p for p in predictions if p.predicted is Label.INTERVIEW_REQUEST and not is_triaged(p, t)]
        right = sum(p.truth is Label.INTERVIEW_REQUEST for p in drafted)
        triaged = [p for p in predictions if is_triaged(p, t)]
        seen = right + sum(p.truth is Label.INTERVIEW_REQUEST for p in triaged)
        rows.append(
            ThresholdRow(
                threshold=t,
                drafted_precision=round(right / len(drafted), 4) if drafted else 0.0,
                drafted_recall=round(right / requests, 4) if requests else 0.0,
                triage_share=round(len(triaged) / len(predictions), 4) if predictions else 0.0,
                wrong_drafts=len(drafted) - right,
                missed=requests - seen,
            )
        )
    return tuple(rows)


def family_scores(predictions: Sequence[Prediction]) -> tuple[FamilyScore, ...]:
    by_family: dict[str, list[Prediction]] = defaultdict(list)
    for p in predictions:
        by_family[p.family].append(p)
    out = []
    for family, items in sorted(by_family.items()):
        label = Counter(p.truth for p in items).most_common(1)[0][0]
        out.append(
            FamilyScore(
                family=family,
                label=label,
                count=len(items),
                correct=sum(p.predicted is p.truth for p in items) / len(items),
                as_request=sum(p.predicted is Label.INTERVIEW_REQUEST for p in items) / len(items),
            )
        )
    return tuple(out)


def predict_held_out(
    examples: Sequence[Example],
    folds: int = DEFAULT_FOLDS,
    *,
    fit: Fit,
    progress: Callable[[int, int], None] | None = None,
    fields: Sequence[Fields] | None = None,
) -> list[Prediction]:
    """Every example with a family, predicted by a model trained on the folds that do not hold its family.

    Examples without one (coordinators' feedback, files the manifest does not list) are always trained on.
    """
    fields = list(fields) if fields is not None else [extract_fields(e.unwrapped) for e in examples]
    listed = [i for i, e in enumerate(examples) if e.family]
    assignment = deal_folds(Counter(unit_of(examples[i].family) for i in listed), folds)
    predictions: dict[int, Prediction] = {}
    used = sorted(set(assignment.values()))
    for fold in used:
        held = [i for i in listed if assignment[unit_of(examples[i].family)] == fold]
        held_set = set(held)
        kept = [i for i in range(len(examples)) if i not in held_set]
        classifier = fit([examples[i] for i in kept], [fields[i] for i in kept])
        proba = classifier.probabilities_for_fields([fields[i] for i in held])
        for row, i in zip(proba, held, strict=True):
            best = int(np.argmax(row))
            predictions[i] = Prediction(
                family=examples[i].family,
                truth=examples[i].label,
                predicted=classifier.labels[best],
                probability=float(row[best]),
            )
        if progress is not None:
            progress(fold + 1, len(used))
    return [predictions[i] for i in sorted(predictions)]


def language_scores(predictions: Sequence[Prediction]) -> tuple[LanguageScore, ...]:
    by_language: dict[str, list[Prediction]] = defaultdict(list)
    for p in predictions:
        if language := language_of(p.family):
            by_language[language].append(p)
    out = []
    for language, items in sorted(by_language.items()):
        requests = [p for p in items if p.truth is Label.INTERVIEW_REQUEST]
        others = [p for p in items if p.truth is not Label.INTERVIEW_REQUEST]
        out.append(
            LanguageScore(
                language=language,
                requests=len(requests),
                recall=sum(p.predicted is Label.INTERVIEW_REQUEST for p in requests) / (len(requests) or 1),
                others=len(others),
                as_request=sum(p.predicted is Label.INTERVIEW_REQUEST for p in others) / (len(others) or 1),
            )
        )
    return tuple(out)


def grouped_report(predictions: Sequence[Prediction], folds: int) -> GroupedReport:
    kinds = [p for p in predictions if not language_of(p.family)]
    report = score([p.truth for p in kinds], [p.predicted for p in kinds])
    return GroupedReport(
        folds=folds,
        report=report,
        families=family_scores(kinds),
        thresholds=threshold_rows(kinds, THRESHOLDS),
        languages=language_scores(predictions),
    )


def evaluate_grouped(
    examples: Sequence[Example],
    folds: int = DEFAULT_FOLDS,
    *,
    fit: Fit,
    progress: Callable[[int, int], None] | None = None,
    fields: Sequence[Fields] | None = None,
) -> GroupedReport:
    """Hold out each family in turn (dealt into ``folds`` folds; 0 = one fold per family) and report."""
    if not any(e.family for e in examples):
        raise ValueError(
            "no example names its family: a grouped evaluation needs a FAMILIES.tsv beside the label folders"
        )
    predictions = predict_held_out(examples, folds, fit=fit, progress=progress, fields=fields)
    return grouped_report(predictions, fold_count(len({unit_of(p.family) for p in predictions}), folds))
