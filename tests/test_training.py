"""Training: deterministic for a seed, saved models round-trip, reports count correctly, corpus labels map."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from inboxbroker.domain import Label
from inboxbroker.triage.classifier import Classifier
from inboxbroker.triage.evaluation import Example, read_folders, request_corpus_label, score
from inboxbroker.triage.features import STOP_WORDS, char_ngrams, word_ngrams
from inboxbroker.triage.persistence import load_classifier

pytest.importorskip("sklearn")

TRAINING = Path(__file__).resolve().parents[1] / "models" / "training"
PER_LABEL = 12  # small on purpose: determinism does not need a good model, and tests must stay quick


@pytest.fixture(scope="module")
def small_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder-per-label copy of the first few training messages of each label."""
    root = tmp_path_factory.mktemp("training")
    for label in Label:
        target = root / label.value
        target.mkdir()
        for path in sorted((TRAINING / label.value).glob("*.eml"))[:PER_LABEL]:
            shutil.copy(path, target / path.name)
    return root


@pytest.fixture(scope="module")
def examples(small_tree: Path) -> list[Example]:
    return read_folders([small_tree])


def test_reads_every_label(examples: list[Example]) -> None:
    assert {e.label for e in examples} == set(Label)
    assert len(examples) == PER_LABEL * len(Label)


def test_training_is_deterministic_for_a_seed(examples: list[Example]) -> None:
    from inboxbroker.triage.training import train

    first, second = train(examples, seed=3), train(examples, seed=3)
    assert np.array_equal(first.coef, second.coef)
    assert np.array_equal(first.intercept, second.intercept)
    assert first.beta == second.beta
    unwrapped = [e.unwrapped for e in examples]
    assert first.classify_many(unwrapped) == second.classify_many(unwrapped)


def test_train_from_folders_saves_a_loadable_model(
    small_tree: Path, tmp_path: Path, examples: list[Example]
) -> None:
    from inboxbroker.triage.training import train_from_folders

    out = tmp_path / "models"
    feedback = [((small_tree / "other").iterdir().__next__().read_bytes(), "other")]
    report = train_from_folders([small_tree], feedback, seed=0, out=out, run_selection=False)
    assert report.total > 0
    card = (out / "card.md").read_text("utf-8")
    assert "sha256 `triage.npz`" in card and "scikit-learn" in card
    loaded: Classifier = load_classifier(out)
    assert loaded.meta["examples"] == len(examples) + 1
    decisions = loaded.classify_many([e.unwrapped for e in examples])
    assert all(d.model_version == loaded.version for d in decisions)


def test_score_counts_precision_recall_and_confusion() -> None:
    truth = [Label.INTERVIEW_REQUEST, Label.INTERVIEW_REQUEST, Label.OTHER, Label.OTHER]
    predicted = [Label.INTERVIEW_REQUEST, Label.OTHER, Label.OTHER, Label.OTHER]
    report = score(truth, predicted)
    request, other = report.scores[Label.INTERVIEW_REQUEST], report.scores[Label.OTHER]
    assert (request.precision, request.recall, request.support) == (1.0, 0.5, 2)
    assert (other.precision, other.recall) == (pytest.approx(0.6667), 1.0)
    assert report.confusion[0][0] == 1 and report.accuracy == 0.75
    assert "interview_request" in str(report)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ("X-Label: positive\nX-Category: cold email", Label.INTERVIEW_REQUEST),
        ("X-Label: negative\nX-Category: thank-you after job interview", Label.THREAD_REPLY),
        ("X-Label: negative\nX-Category: cover-letter style application email", Label.JOB_APPLICATION),
        ("X-Label: negative\nX-Category: automated invitation to co-mentor", Label.AUTOMATED),
        ("X-Label: negative\nX-Category: mentorship program announcement", Label.OTHER),
        ("From: someone@example.com", Label.OTHER),
    ],
)
def test_request_corpus_labels_map_to_ours(headers: str, expected: Label) -> None:
    assert request_corpus_label(f"{headers}\n\nbody\n".encode()) is expected


def test_word_features_drop_function_words_but_keep_asks() -> None:
    grams = word_ngrams("would you have time for an informational interview")
    assert "would" not in grams and "would you" not in grams
    assert "informational interview" in grams and "have time" in grams
    assert not STOP_WORDS.intersection(g for g in grams if " " not in g)
    assert " cv " in char_ngrams("cv")
