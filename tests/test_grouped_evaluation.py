"""The grouped evaluation: whole families held out, no family scored by a model that trained on it."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from inboxbroker.domain import Label
from inboxbroker.triage.classifier import Classifier
from inboxbroker.triage.evaluation import FAMILIES, Example, read_families, read_folders
from inboxbroker.triage.features import Fields
from inboxbroker.triage.grouped import (
    FamilyScore,
    Prediction,
    deal_folds,
    family_scores,
    grouped_report,
    threshold_rows,
    unit_of,
)

TRAINING = Path(__file__).resolve().parents[1] / "models" / "training"
IR, OTHER = Label.INTERVIEW_REQUEST, Label.OTHER


def test_the_shipped_corpus_names_a_family_for_every_file() -> None:
    families = read_families(TRAINING)
    files = {f"{p.parent.name}/{p.name}" for p in TRAINING.glob("*/*.eml")}
    assert set(families) == files
    # A family is one grammar of one label: holding it out must not hold out half of another label.
    assert all(family.split("/", 1)[0] == name.split("/", 1)[0] for name, family in families.items())
    assert len(set(families.values())) >= 40


def test_folds_hold_whole_families_and_are_balanced() -> None:
    sizes = Counter({"a": 50, "b": 40, "c": 30, "d": 20, "e": 10, "f": 10})
    assignment = deal_folds(sizes, 3)
    assert set(assignment) == set(sizes)
    load = Counter()
    for family, fold in assignment.items():
        load[fold] += sizes[family]
    assert sorted(load.values()) == [50, 50, 60]
    assert deal_folds(sizes, 0) == {f: i for i, f in enumerate(["a", "b", "c", "d", "e", "f"])}
    assert deal_folds(sizes, 3) == assignment  # the same every run


def _p(family: str, truth: Label, predicted: Label, probability: float) -> Prediction:
    return Prediction(family, truth, predicted, probability)


def test_threshold_rows_count_drafts_triage_and_misses() -> None:
    predictions = [
        _p("ir/a", IR, IR, 0.95),  # drafted at every threshold
        _p("ir/a", IR, IR, 0.65),  # drafted at 0.6, triaged at 0.7
        _p("ir/b", IR, OTHER, 0.9),  # missed outright
        _p("other/press", OTHER, IR, 0.75),  # a wrong draft at 0.6 and 0.7, triaged at 0.8
        _p("other/x", OTHER, OTHER, 0.99),
    ]
    rows = {r.threshold: r for r in threshold_rows(predictions, (0.6, 0.7, 0.8))}
    assert (rows[0.6].wrong_drafts, rows[0.6].drafted_precision, rows[0.6].triage_share) == (1, 0.6667, 0)
    assert rows[0.6].drafted_recall == 0.6667 and rows[0.6].missed == 1
    assert (rows[0.7].wrong_drafts, rows[0.7].drafted_recall, rows[0.7].triage_share) == (1, 0.3333, 0.2)
    assert (rows[0.8].wrong_drafts, rows[0.8].drafted_precision, rows[0.8].triage_share) == (0, 1.0, 0.4)
    assert rows[0.8].missed == 1  # the triaged request is seen by a person, not missed


def test_worst_families_rank_misses_and_would_be_drafts() -> None:
    predictions = [
        *[_p("interview_request/returner", IR, OTHER, 0.8)] * 3,
        _p("interview_request/returner", IR, IR, 0.8),
        *[_p("other/press", OTHER, IR, 0.8)] * 2,
        *[_p("other/press", OTHER, OTHER, 0.8)] * 2,
        *[_p("other/list", OTHER, OTHER, 0.8)] * 4,
    ]
    scores = {f.family: f for f in family_scores(predictions)}
    assert scores["interview_request/returner"].request_error == 0.75
    assert scores["other/press"].request_error == 0.5
    report = grouped_report(predictions, folds=3)
    assert [f.family for f in report.worst()] == ["interview_request/returner", "other/press"]
    assert report.request == (0.3333, 0.25)
    data = json.loads(json.dumps(report.as_dict()))
    assert data["worst"][0]["family"] == "interview_request/returner"
    assert "returner 75%" in report.headline()


def test_a_family_score_of_a_negative_counts_requests_only() -> None:
    score = FamilyScore("job_application/x", Label.JOB_APPLICATION, 10, correct=0.5, as_request=0.1)
    assert score.request_error == 0.1  # labelled "other" instead of application: no draft, no harm here


@pytest.fixture(scope="module")
def small_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Some files of each family of the shipped corpus, with their FAMILIES.tsv rows."""
    pytest.importorskip("sklearn")
    root = tmp_path_factory.mktemp("grouped")
    families = read_families(TRAINING)
    taken: Counter[str] = Counter()
    rows = ["file\tfamily"]
    for name, family in sorted(families.items()):
        label = family.split("/", 1)[0]
        if taken[family] >= 3 or sum(v for k, v in taken.items() if k.startswith(label + "/")) >= 45:
            continue
        taken[family] += 1
        (root / label).mkdir(exist_ok=True)
        shutil.copy(TRAINING / name, root / name)
        rows.append(f"{name}\t{family}")
    (root / FAMILIES).write_text("\n".join(rows) + "\n", "utf-8")
    return root


def test_no_family_is_scored_by_a_model_that_saw_it(small_tree: Path) -> None:
    from inboxbroker.triage import grouped, training

    examples = read_folders([small_tree])
    assert all(e.family for e in examples)
    seen: list[set[str]] = []

    def recording_fit(part: Sequence[Example], fields: Sequence[Fields]) -> Classifier:
        seen.append({e.family for e in part})
        return training.train(part, 0, fields=fields)

    predictions = grouped.predict_held_out(examples, folds=3, fit=recording_fit)
    assert len(seen) == 3
    assert sorted(p.family for p in predictions) == sorted(e.family for e in examples)
    by_family = Counter(p.family for p in predictions)
    folds = deal_folds(Counter(unit_of(p.family) for p in predictions), 3)
    for fold, trained_on in enumerate(seen):
        held = {family for family in by_family if folds[unit_of(family)] == fold}
        assert held and not held & trained_on
        assert trained_on | held == set(by_family)


def test_evaluate_command_reports_grouped_figures_as_json(
    small_tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI path, with a small tree standing in for the shipped corpus (the whole one takes minutes)."""
    from click.testing import CliRunner

    from inboxbroker import bundled
    from inboxbroker.cli.commands import main

    monkeypatch.setattr(bundled, "training_corpus", lambda: small_tree)
    config = tmp_path / "config.toml"
    config.write_text(f'[runtime]\nstate_dir = "{tmp_path / "state"}"\n', "utf-8")
    result = CliRunner().invoke(main, ["--config", str(config), "evaluate", "--folds", "2", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["evaluation"] == "grouped" and data["folds"] == 2
    # Mail in another language (a ``lang:`` family) is reported apart from the kinds of mail, never dropped.
    languages = sum(g["requests"] + g["others"] for g in data["languages_never_seen"])
    assert data["report"]["total"] + languages == sum(1 for _ in small_tree.glob("*/*.eml"))
    assert {row["threshold"] for row in data["thresholds"]} >= {0.5, 0.9}


def test_a_language_is_held_out_whole_and_reported_apart() -> None:
    from inboxbroker.triage.grouped import language_of

    assert language_of("other/lang:sv-thanks") == "sv" and language_of("interview_request/lang:pl") == "pl"
    assert language_of("other/press") == "" and unit_of("other/press") == "other/press"
    assert unit_of("other/lang:sv-thanks") == unit_of("interview_request/lang:sv") == "lang:sv"
    predictions = [
        _p("interview_request/lang:sv", IR, OTHER, 0.9),
        _p("interview_request/lang:sv", IR, IR, 0.9),
        _p("other/lang:sv-thanks", OTHER, IR, 0.9),
        _p("interview_request/peer", IR, IR, 0.9),
        _p("other/press", OTHER, OTHER, 0.9),
    ]
    report = grouped_report(predictions, folds=2)
    assert report.request == (1.0, 1.0)  # the headline is about kinds of mail; languages are apart
    assert [f.family for f in report.families] == ["interview_request/peer", "other/press"]
    (swedish,) = report.languages
    assert (swedish.language, swedish.requests, swedish.recall, swedish.as_request) == ("sv", 2, 0.5, 1.0)
