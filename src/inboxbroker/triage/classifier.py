"""The shipped message classifier: load it, label unwrapped messages, explain each label.

The model is a linear one (logistic regression over tf-idf blocks, see ``features.py``) with a temperature
fitted by cross-validation so ``Decision.probability`` can be trusted against a threshold. Scoring it needs
only numpy: scikit-learn is imported by ``training.py`` alone, so a cron run starts in milliseconds.

    >>> classifier = persistence.load_classifier()   # the shipped model unless a path is given
    >>> classifier.classify(unwrapped).label     # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from inboxbroker.domain import Decision, Label, Unwrapped
from inboxbroker.triage.features import FeatureSpace, Fields, extract_fields

REASONS = 5  # how many top features a decision names


class Classifier:
    """A fitted linear model over a ``FeatureSpace``; immutable once built."""

    def __init__(
        self,
        space: FeatureSpace,
        labels: Sequence[Label],
        coef: np.ndarray,
        intercept: np.ndarray,
        beta: float,
        version: str,
        meta: dict[str, object] | None = None,
    ) -> None:
        if coef.shape != (len(labels), space.size):
            raise ValueError(
                f"coefficients {coef.shape} do not match {len(labels)} labels × {space.size} features"
            )
        self.space = space
        self.labels = tuple(labels)
        self.coef = np.ascontiguousarray(coef, dtype=np.float64)
        # Column-major copy: scoring gathers whole columns (one per feature present in a message).
        self._coef_t = np.ascontiguousarray(self.coef.T)
        # Contributions relative to the mean over labels: softmax ignores a shift shared by all labels, so this
        # is what a feature says *for this label against the others*.
        self._relative_t = self._coef_t - self._coef_t.mean(axis=1, keepdims=True)
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.beta = float(beta)
        self.version = version
        self.meta = dict(meta or {})

    # -- scoring ---------------------------------------------------------------------------------------
    def _scores(self, rows: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        scores = np.tile(self.intercept, (len(rows), 1))
        if not rows:
            return scores
        lengths = [len(idx) for idx, _ in rows]
        indices = np.concatenate([idx for idx, _ in rows])
        values = np.concatenate([val for _, val in rows])
        row_ids = np.repeat(np.arange(len(rows)), lengths)
        np.add.at(scores, row_ids, self._coef_t[indices] * values[:, None])
        return scores

    def _probabilities(self, scores: np.ndarray) -> np.ndarray:
        logits = self.beta * scores
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)

    def probabilities_for_fields(self, fields: Sequence[Fields]) -> np.ndarray:
        """Calibrated probabilities, one row per message, columns in ``self.labels`` order."""
        return self._probabilities(self._scores([self.space.vector(f) for f in fields]))

    def _reasons(self, row: tuple[np.ndarray, np.ndarray], label_index: int) -> tuple[str, ...]:
        indices, values = row
        if not len(indices):
            return ()
        # In calibrated logit units (times the temperature), so "+2.1" reads the same across models.
        contributions = self.beta * self._relative_t[indices, label_index] * values
        order = np.argsort(-contributions, kind="stable")[:REASONS]
        return tuple(
            f"{self.space.name(int(indices[i]))} {contributions[i]:+.2f}"
            for i in order
            if contributions[i] > 0
        )

    # -- public API ------------------------------------------------------------------------------------
    def classify(self, unwrapped: Unwrapped) -> Decision:
        """Label one message; ``reasons`` are its top features, e.g. ``word:"informational interview" +2.10``."""
        return self.classify_many([unwrapped])[0]

    def classify_many(self, items: Iterable[Unwrapped]) -> list[Decision]:
        """Label many messages in one vectorised pass (about five times faster per message than one by one)."""
        rows = [self.space.vector(extract_fields(u)) for u in items]
        probabilities = self._probabilities(self._scores(rows))
        decisions = []
        request = (
            self.labels.index(Label.INTERVIEW_REQUEST) if Label.INTERVIEW_REQUEST in self.labels else None
        )
        for row, proba in zip(rows, probabilities, strict=True):
            best = int(np.argmax(proba))
            decisions.append(
                Decision(
                    label=self.labels[best],
                    probability=float(proba[best]),
                    reasons=self._reasons(row, best),
                    source="classifier",
                    model_version=self.version,
                    request_probability=None if request is None else float(proba[request]),
                )
            )
        return decisions
