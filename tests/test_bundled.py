"""What ships in the package is found through ``inboxbroker.bundled``; a trained model is used when the config names it.

The wheel itself is built, installed and run in tests/test_wheel.py; these tests check the same paths from the
checkout, quickly.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import inboxbroker
from inboxbroker import bundled
from inboxbroker.domain import Label
from inboxbroker.errors import UsageError
from inboxbroker.triage.persistence import ARRAYS_NAME, default_model_dir, load_classifier

PACKAGE = Path(inboxbroker.__file__).resolve().parent
ROOT = Path(__file__).resolve().parents[1]
REQUEST = ROOT / "tests" / "fixtures" / "extraction" / "021_gmail.eml"


def test_the_model_and_the_sample_mailbox_are_package_data() -> None:
    assert bundled.model_dir().is_relative_to(PACKAGE)
    assert load_classifier().labels  # checked against its card, probes and all
    sample = bundled.sample_inbox()
    assert sample.is_relative_to(PACKAGE)
    assert len(list((sample / "cur").iterdir()) + list((sample / "new").iterdir())) == 40


def test_the_training_corpus_is_the_checkouts_and_not_package_data() -> None:
    corpus = bundled.training_corpus()
    assert corpus == ROOT / "models" / "training"
    assert {p.name for p in corpus.iterdir()} == {label.value for label in Label} | {"FAMILIES.tsv"}
    assert not corpus.is_relative_to(PACKAGE)


def test_the_environment_can_name_another_default_model(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(bundled.MODELS_ENV, raising=False)
    assert default_model_dir() == bundled.model_dir()
    monkeypatch.setenv(bundled.MODELS_ENV, str(tmp_path))
    assert default_model_dir() == tmp_path


def test_without_a_checkout_training_says_where_the_corpus_is(monkeypatch: pytest.MonkeyPatch) -> None:
    from inboxbroker.cli.training import shipped_corpus

    monkeypatch.setattr(bundled, "training_corpus", lambda: None)
    with pytest.raises(
        UsageError, match=r"only in a source checkout \(models/training\).*; add --no-shipped"
    ):
        shipped_corpus("add --no-shipped")


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inboxbroker", *args], capture_output=True, text=True, cwd=cwd, timeout=300
    )


def test_a_trained_model_named_by_model_dir_is_the_one_used(tmp_path: Path) -> None:
    from inboxbroker.triage.training import train_from_folders

    data = tmp_path / "labelled"
    for label in Label:
        (data / label.value).mkdir(parents=True)
        for path in sorted((ROOT / "models" / "training" / label.value).glob("*.eml"))[:8]:
            shutil.copy(path, data / label.value / path.name)
    out = tmp_path / "our-model"
    # What `inboxbroker train --out` does, without its candidate selection (a minute of fitting).
    train_from_folders([data], seed=0, out=out, run_selection=False)

    config = tmp_path / "inboxbroker.toml"
    config.write_text(f'[triage]\nmodel_dir = "{out}"\n', encoding="utf-8")
    used = cli(tmp_path, "--config", str(config), "classify", "--json", str(REQUEST))
    assert used.returncode == 0, used.stderr
    assert json.loads(used.stdout)["label"] in {label.value for label in Label}
    # The configured folder, not the shipped model, is what classify read: break it and classify says so.
    (out / ARRAYS_NAME).unlink()
    broken = cli(tmp_path, "--config", str(config), "classify", "--json", str(REQUEST))
    assert broken.returncode == 2
    assert str(out / ARRAYS_NAME) in broken.stderr
