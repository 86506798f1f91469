"""Fitting the classifier: candidate pipelines measured on a held-out split, the winner refit and saved.

``train_from_folders`` trains on folder-per-label dirs (the maintainers' ``scripts/train_model.py`` passes the
repository's ``models/training``), writes ``triage.json``, ``triage.npz`` and ``card.md`` into the shipped model
folder (``inboxbroker/data/model``) or the ``out`` a user names, and returns the held-out report. The shared
evaluation corpus, when present, is only *measured* (figures go in the card); it never takes part in fitting or
in choosing between candidates.

This is the only triage module that imports scikit-learn and scipy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from inboxbroker.domain import Label
from inboxbroker.triage.classifier import Classifier
from inboxbroker.triage.evaluation import Example, Report, evaluate, read_folders, unwrap_bytes
from inboxbroker.triage.features import ANALYZERS, Block, FeatureSpace, Fields, extract_fields
from inboxbroker.triage.persistence import default_model_dir

if TYPE_CHECKING:
    from inboxbroker.triage.grouped import GroupedReport


@dataclass(frozen=True)
class Candidate:
    """One pipeline configuration: which blocks, how many features, and the regularisation strength."""

    name: str
    blocks: tuple[str, ...] = ("word", "char", "note")
    c: float = 10.0
    max_char_features: int = 30000
    min_df: int = 2
    balanced: bool = True


# Two candidates the grouped evaluation tells apart (5 folds, this corpus: word + char 0.793 precision / 0.839
# recall on kinds held out, word only 0.772 / 0.834; C=1 and C=10 within 0.02 of C=3). The first is the shipped
# one and what a user's retrain uses: on real mail (the shared requests set, SpamAssassin) word + char did worse
# (recall 0.926 against 0.963, 0.18% of SpamAssassin labelled a request against 0.08%), so a better grouped
# figure on our synthetic families is not yet a better model; ``scripts/train_model.py`` still measures both.
CANDIDATES: tuple[Candidate, ...] = (
    Candidate("word 1-2-grams, C=3", blocks=("word", "note"), c=3.0),
    Candidate("word + char 3-5-grams, C=3", c=3.0),
)
DEFAULT = CANDIDATES[0]
PROBES = (
    "Would you be open to a 20-minute informational interview about your career?",
    "Please find attached my resume for the open analyst position.",
    "I am out of the office until Monday.",
)


def calibration_splits(examples: Sequence[Example], seed: int, folds: int = 5) -> list[tuple[Any, Any]]:
    """Out-of-fold splits for fitting the temperature, whole families to a side where families are known.

    With families split across folds, every calibration fold holds siblings of its training messages, the
    scores come out near-certain and so does the fitted temperature; a whole family kept out instead makes
    the probabilities honest about kinds of mail the model has not seen, which is what the needs_triage
    threshold has to catch. Messages without a family (feedback) are groups of their own.
    """
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    labels = [e.label.value for e in examples]
    groups = [e.family or f"single:{i}" for i, e in enumerate(examples)]
    if not any(e.family for e in examples) or len(set(groups)) < folds:
        splitter = StratifiedKFold(folds, shuffle=True, random_state=seed)
        return list(splitter.split(np.zeros(len(labels)), labels))
    grouped = StratifiedGroupKFold(folds, shuffle=True, random_state=seed)
    return list(grouped.split(np.zeros(len(labels)), labels, groups))


def _sklearn_pipeline(candidate: Candidate, seed: int, splits: list[tuple[Any, Any]] | None = None) -> Any:
    """The scikit-learn Pipeline: our feature space as a transformer, then calibrated logistic regression."""
    from sklearn.base import BaseEstimator, TransformerMixin
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import Pipeline

    class SpaceVectorizer(TransformerMixin, BaseEstimator):
        """Fits vocabularies and idf per block; transforms with ``FeatureSpace`` (the code inference runs)."""

        def fit(self, fields: Sequence[Fields], y: object = None) -> SpaceVectorizer:
            self.space_ = fit_space(fields, candidate)
            return self

        def transform(self, fields: Sequence[Fields]) -> Any:
            return to_matrix(self.space_, fields)

    model = LogisticRegression(
        C=candidate.c, max_iter=3000, class_weight="balanced" if candidate.balanced else None
    )
    # Temperature scaling: one parameter fitted on out-of-fold scores keeps the argmax of the
    # model fit on all data (ensemble=False) while making its probabilities honest.
    cv = splits if splits is not None else StratifiedKFold(5, shuffle=True, random_state=seed)
    calibrated = CalibratedClassifierCV(model, method="temperature", cv=cv, ensemble=False)
    return Pipeline([("features", SpaceVectorizer()), ("model", calibrated)])


def fit_space(fields: Sequence[Fields], candidate: Candidate) -> FeatureSpace:
    from sklearn.feature_extraction.text import TfidfVectorizer

    blocks = []
    for name in candidate.blocks:
        texts = [f.note if name == "note" else f.text for f in fields]
        limit = candidate.max_char_features if name == "char" else None
        vectorizer = TfidfVectorizer(
            analyzer=ANALYZERS[name], min_df=candidate.min_df, max_features=limit, sublinear_tf=True
        )
        try:
            vectorizer.fit(texts)
        except ValueError:  # e.g. no forwards in a tiny training set: an empty note vocabulary
            continue
        terms = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
        blocks.append(Block.create(name, terms, vectorizer.idf_))
    return FeatureSpace(blocks)


def to_matrix(space: FeatureSpace, fields: Sequence[Fields]) -> Any:
    from scipy.sparse import csr_matrix

    rows = [space.vector(f) for f in fields]
    indptr = np.cumsum([0] + [len(idx) for idx, _ in rows])
    indices = np.concatenate([idx for idx, _ in rows]) if rows else np.zeros(0, np.int64)
    values = np.concatenate([val for _, val in rows]) if rows else np.zeros(0)
    return csr_matrix((values, indices, indptr), shape=(len(rows), space.size))


def train(
    examples: Sequence[Example],
    seed: int = 0,
    candidate: Candidate = DEFAULT,
    *,
    fields: Sequence[Fields] | None = None,
) -> Classifier:
    """Fit one candidate pipeline on ``examples`` and return it as a numpy-only ``Classifier``.

    ``fields`` are the examples' features when the caller already has them (the grouped evaluation fits many
    models on subsets of one corpus).
    """
    import sklearn

    fields = list(fields) if fields is not None else [extract_fields(e.unwrapped) for e in examples]
    labels = [e.label.value for e in examples]
    splits = calibration_splits(examples, seed)
    pipeline = _sklearn_pipeline(candidate, seed, splits).fit(fields, labels)
    space: FeatureSpace = pipeline.named_steps["features"].space_
    outer = pipeline.named_steps["model"]
    calibrated = outer.calibrated_classifiers_[0]
    base = calibrated.estimator
    beta = float(np.ravel(calibrated.calibrators[0].beta_)[0])
    classifier = Classifier(
        space,
        [Label(str(v)) for v in outer.classes_],
        base.coef_,
        base.intercept_,
        beta,
        version="unsaved",
        meta={"sklearn_version": sklearn.__version__, "candidate": candidate.name, "seed": seed},
    )
    # The numpy scorer must agree with scikit-learn's, or the shipped model is not the measured one.
    check = fields[: min(len(fields), 50)]
    theirs = pipeline.predict_proba(check)
    ours = classifier.probabilities_for_fields(check)
    if not np.allclose(theirs, ours, atol=1e-6):
        raise AssertionError("numpy scoring disagrees with scikit-learn's predict_proba")
    return classifier


def split(
    examples: Sequence[Example], seed: int, test_size: float = 0.2
) -> tuple[list[Example], list[Example]]:
    from sklearn.model_selection import train_test_split

    train_part, test_part = train_test_split(
        list(examples), test_size=test_size, random_state=seed, stratify=[e.label.value for e in examples]
    )
    return train_part, test_part


def select_random_split(examples: Sequence[Example], seed: int) -> tuple[Candidate, list[str]]:
    """Pick a candidate on a random held-out split (training data that names no families).

    On synthetic mail every candidate scores near 1.0, and an F1 difference of one message in 670 is noise; so
    candidates within 0.01 macro-F1 of the best count as tied, and the tie goes to the earliest in
    ``CANDIDATES`` — the smallest, most regularised model. Log loss is reported but not used: synthetic classes
    are separable, so the weakest regularisation always "wins" it by being the most confident, and on real mail
    that confidence turned into wrong answers at probability 1.00 that no needs_triage threshold could catch.
    """
    train_part, test_part = split(examples, seed)
    truth = [e.label for e in test_part]
    fields = [extract_fields(e.unwrapped) for e in test_part]
    results = []
    for candidate in CANDIDATES:
        classifier = train(train_part, seed, candidate)
        report = evaluate(classifier, test_part)
        macro = sum(s.f1 for s in report.scores.values()) / len(report.scores)
        proba = classifier.probabilities_for_fields(fields)
        columns = [classifier.labels.index(t) for t in truth]
        loss = abs(float(np.mean(np.log(np.clip(proba[np.arange(len(truth)), columns], 1e-12, 1.0)))))
        results.append((macro, loss, candidate))
    best_macro = max(r[0] for r in results)
    lines = [f"{c.name}: macro-F1 {m:.4f}, log loss {x:.4f} (random split)" for m, x, c in results]
    return next(c for m, _, c in results if m >= best_macro - 0.01), lines


def grouped_evaluation(
    examples: Sequence[Example],
    seed: int = 0,
    folds: int | None = None,
    *,
    candidate: Candidate = DEFAULT,
    progress: Callable[[int, int], None] | None = None,
    fields: Sequence[Fields] | None = None,
) -> GroupedReport:
    """``grouped.evaluate_grouped`` with ``candidate`` fitted by this module."""
    from inboxbroker.triage.grouped import DEFAULT_FOLDS, evaluate_grouped

    def fit(part: Sequence[Example], part_fields: Sequence[Fields]) -> Classifier:
        return train(part, seed, candidate, fields=part_fields)

    chosen = DEFAULT_FOLDS if folds is None else folds
    return evaluate_grouped(examples, chosen, fit=fit, progress=progress, fields=fields)


def select_grouped(examples: Sequence[Example], seed: int) -> tuple[Candidate, GroupedReport, list[str]]:
    """Pick the candidate that does best on kinds of mail it never saw: interview-request F1, grouped.

    The random split cannot tell candidates apart (all score ≈0.997: its test half is written by the grammars
    of its training half); holding whole families out can. Within 0.01 F1 counts as a tie, won by the earliest.
    """
    fields = [extract_fields(e.unwrapped) for e in examples]
    results = []
    for candidate in CANDIDATES:
        report = grouped_evaluation(examples, seed, candidate=candidate, fields=fields)
        results.append((report.report.scores[Label.INTERVIEW_REQUEST].f1, candidate, report))
    best = max(r[0] for r in results)
    lines = [f"{c.name}: {r.headline()}" for _, c, r in results]
    _, chosen, report = next(r for r in results if r[0] >= best - 0.01)
    return chosen, report, lines


def data_hash(paths: Sequence[str], feedback: Sequence[tuple[bytes, str]]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(Path(path).name.encode() + b"\0" + hashlib.sha256(Path(path).read_bytes()).digest())
    for raw, label in feedback:
        digest.update(label.encode() + b"\0" + hashlib.sha256(raw).digest())
    return digest.hexdigest()


def train_from_folders(
    dirs: list[Path],
    feedback: Sequence[tuple[bytes, str]] = (),
    seed: int = 0,
    out: Path | None = None,
    *,
    run_selection: bool = True,
    measure: Callable[[Classifier], dict[str, str]] | None = None,
) -> Report:
    """Train from folder-per-label dirs plus coordinators' feedback, save to ``out``, return the held-out report.

    Where the training data names its families (our corpus' ``FAMILIES.tsv``), the candidate is chosen and the
    card headed by the grouped evaluation; the random split is reported beside it. ``measure`` adds figures
    from an evaluation set outside the package to the card (the maintainers' script passes the shared
    corpus); it is never used to fit or select.
    """
    from inboxbroker.triage import persistence
    from inboxbroker.triage.card import write_card

    out = out if out is not None else default_model_dir()
    examples = read_folders(dirs)
    examples += [
        Example(unwrap_bytes(raw), Label(label), f"feedback:{i}") for i, (raw, label) in enumerate(feedback)
    ]
    grouped: GroupedReport | None = None
    families = any(e.family for e in examples)
    if run_selection and families:
        candidate, grouped, selection = select_grouped(examples, seed)
    elif run_selection:
        candidate, selection = select_random_split(examples, seed)
    else:
        candidate, selection = DEFAULT, []
        grouped = grouped_evaluation(examples, seed, candidate=candidate) if families else None
    train_part, test_part = split(examples, seed)
    held_out = evaluate(train(train_part, seed, candidate), test_part)
    classifier = train(examples, seed, candidate)
    digest = data_hash([e.source for e in examples if not e.source.startswith("feedback:")], feedback)
    trained_at = datetime.now(UTC).replace(microsecond=0)
    classifier.version = f"{trained_at:%Y%m%d}-{digest[:10]}"
    classifier.meta.update(
        {"training_data_sha256": digest, "trained_at": trained_at.isoformat(), "examples": len(examples)}
    )
    if grouped is not None:
        classifier.meta["grouped"] = grouped.headline()
    shared = measure(classifier) if measure is not None else {}
    persistence.save(classifier, out, list(PROBES))
    write_card(out, classifier, held_out, grouped, selection, shared, dirs, len(feedback))
    headline = {"kinds never seen": grouped.headline()} if grouped is not None else {}
    return replace(held_out, extra={**held_out.extra, **headline, **shared})


def evaluate_folders(dirs: list[Path], model: Path | None = None) -> Report:
    """Score the saved classifier on folder-per-label dirs."""
    from inboxbroker.triage.persistence import load_classifier

    return evaluate(load_classifier(model), read_folders(dirs))
