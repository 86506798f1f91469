"""The shipped classifier: loads fast and safely, labels typical mail as expected, refuses tampered files,
and meets its targets on the shared evaluation corpus."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from inboxbroker import bundled
from inboxbroker.domain import Label
from inboxbroker.errors import ModelError
from inboxbroker.triage import persistence
from inboxbroker.triage.classifier import Classifier
from inboxbroker.triage.evaluation import unwrap_bytes
from inboxbroker.triage.persistence import default_model_dir, load_classifier
from support.corpus import corpus_dir

MODELS = default_model_dir()


def mail(headers: str, body: str) -> bytes:
    return (textwrap.dedent(headers).strip() + "\n\n" + textwrap.dedent(body).strip() + "\n").encode()


FIXTURES: dict[str, tuple[bytes, Label]] = {
    "direct_request": (
        mail(
            """
            From: Lena Fischer <lena.fischer@example.net>
            To: interviews@example.org
            Subject: Informational interview about data engineering
            """,
            """
            Dear team,

            I'm a final-year statistics student and I'm trying to understand what data engineers actually do
            day to day. Would someone be open to a 20-minute informational interview in the next few weeks?
            I'm flexible on times. Thank you for considering it!

            Lena
            """,
        ),
        Label.INTERVIEW_REQUEST,
    ),
    "gmail_forwarded_request": (
        mail(
            """
            From: Rachel Kim <rachel.kim@example.org>
            To: interviews@example.org
            Subject: Fwd: Career advice?
            """,
            """
            Can someone on the programme take this one?

            ---------- Forwarded message ---------
            From: Tomas Varga <tomas.varga@example.com>
            Date: Mon, 2 Nov 2026 at 09:12
            Subject: Career advice?
            To: Rachel Kim <rachel.kim@example.org>

            Hi Rachel, after ten years as a nurse I'm retraining for UX research. Could I buy you a coffee
            and ask how you made the move? Happy to keep it to 15 minutes.

            Best, Tomas
            """,
        ),
        Label.INTERVIEW_REQUEST,
    ),
    "job_application": (
        mail(
            """
            From: Omar Haddad <omar.haddad@example.com>
            To: interviews@example.org
            Subject: Application for the Senior Analyst position
            """,
            """
            Dear hiring manager,

            I am writing to apply for the Senior Analyst position advertised on your careers page. Please find
            my résumé and cover letter attached. I would welcome the opportunity to interview for the role.

            Sincerely,
            Omar Haddad
            """,
        ),
        Label.JOB_APPLICATION,
    ),
    "out_of_office": (
        mail(
            """
            From: Sam Lee <sam.lee@example.com>
            To: interviews@example.org
            Subject: Automatic reply: Informational interview request
            Auto-Submitted: auto-replied
            """,
            """
            I am out of the office until Monday with limited access to email. For urgent matters please
            contact my colleague.
            """,
        ),
        Label.AUTOMATED,
    ),
    "newsletter": (
        mail(
            """
            From: Weekly Digest <no-reply@news.example.com>
            To: interviews@example.org
            Subject: This week in machine learning
            List-Id: <digest.news.example.com>
            Precedence: bulk
            """,
            """
            In this issue: five trends reshaping machine learning, plus our webinar schedule.
            Read more on our blog. Unsubscribe | Manage preferences
            """,
        ),
        Label.AUTOMATED,
    ),
    "sales_coffee_pitch": (
        mail(
            """
            From: Jo Park <jo@growth.example.com>
            To: interviews@example.org
            Subject: Coffee on us?
            """,
            """
            Hi, I'm reaching out from GrowthStack - we help teams cut their cloud spend by 30%.
            Could I buy you a virtual coffee and show you a quick demo of the product? If you're not the right
            person, who should I talk to about pricing?
            """,
        ),
        Label.OTHER,
    ),
}


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return load_classifier()


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_labels_fixtures_as_expected(classifier: Classifier, name: str) -> None:
    raw, expected = FIXTURES[name]
    decision = classifier.classify(unwrap_bytes(raw))
    assert decision.label is expected, decision
    assert 0.0 <= decision.probability <= 1.0
    assert decision.source == "classifier"
    assert decision.model_version == classifier.version
    assert decision.reasons and all(
        re.fullmatch(r"(word|char|note|header):\S.* [+]\d+\.\d\d", r) for r in decision.reasons
    )


def test_batch_agrees_with_single(classifier: Classifier) -> None:
    unwrapped = [unwrap_bytes(raw) for raw, _ in FIXTURES.values()]
    assert classifier.classify_many(unwrapped) == [classifier.classify(u) for u in unwrapped]


def test_importing_and_loading_needs_no_sklearn() -> None:
    """Scoring needs numpy only; how fast loading is, bench.classify measures."""
    code = textwrap.dedent(
        """
        import sys, time
        import inboxbroker.triage
        assert "sklearn" not in sys.modules
        from inboxbroker.triage.persistence import load_classifier
        load_classifier()
        bad = sorted(m for m in ("sklearn", "scipy", "joblib", "skops", "cloudpickle") if m in sys.modules)
        print(bad)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"


def copy_model(tmp_path: Path) -> Path:
    folder = tmp_path / "models"
    folder.mkdir()
    for name in (persistence.JSON_NAME, persistence.ARRAYS_NAME, persistence.CARD_NAME):
        shutil.copy(MODELS / name, folder / name)
    return folder


def rehash(folder: Path) -> None:
    """Make the card match edited files, as an attacker who can write the whole folder could."""
    card = folder / persistence.CARD_NAME
    text = persistence.HASH_LINE.sub("", card.read_text("utf-8"))
    card.write_text(text + persistence.hash_lines(folder) + "\n", "utf-8")


def test_tampered_file_is_refused(tmp_path: Path) -> None:
    folder = copy_model(tmp_path)
    document = json.loads((folder / persistence.JSON_NAME).read_text("utf-8"))
    document["beta"] = document["beta"] * 2
    (folder / persistence.JSON_NAME).write_text(json.dumps(document), "utf-8")
    with pytest.raises(ModelError, match="sha256"):
        load_classifier(folder)


def test_missing_card_is_refused(tmp_path: Path) -> None:
    folder = copy_model(tmp_path)
    (folder / persistence.CARD_NAME).unlink()
    with pytest.raises(ModelError, match="inboxbroker train"):
        load_classifier(folder)


def test_unknown_format_names_the_fix(tmp_path: Path) -> None:
    folder = copy_model(tmp_path)
    document = json.loads((folder / persistence.JSON_NAME).read_text("utf-8"))
    document["format"] = 999
    (folder / persistence.JSON_NAME).write_text(json.dumps(document), "utf-8")
    rehash(folder)
    with pytest.raises(ModelError, match="inboxbroker train --out"):
        load_classifier(folder)


def test_a_missing_models_folder_names_a_fix_that_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no such models"
    monkeypatch.setenv(bundled.MODELS_ENV, str(missing))
    with pytest.raises(ModelError) as info:
        load_classifier()
    message = str(info.value)
    assert message.startswith(f"there is no model folder at {missing};")
    # `train` alone writes elsewhere (triage.model_dir or the state folder): the hint names the folder.
    assert f"`inboxbroker train --out '{missing}'`" in message
    assert "unset $INBOXBROKER_MODELS to use the shipped model" in message


def test_from_an_installed_wheel_the_hint_trains_on_your_own_mail(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bundled, "training_corpus", lambda: None)  # a wheel: our corpus is not there
    with pytest.raises(ModelError) as info:
        load_classifier(tmp_path / "gone")
    message = str(info.value)
    assert f"`inboxbroker train --no-shipped --data DIR --out {tmp_path / 'gone'}`" in message
    assert "remove triage.model_dir from the config" in message


def test_a_damaged_shipped_model_asks_for_a_reinstall() -> None:
    assert persistence.retrain_hint(default_model_dir()) == (
        "the model shipped in the package is damaged: reinstall inboxbroker"
    )


def test_changed_weights_fail_the_probe_check(tmp_path: Path) -> None:
    folder = copy_model(tmp_path)
    with np.load(folder / persistence.ARRAYS_NAME) as npz:
        arrays = {key: npz[key] for key in npz.files}
    arrays["intercept"] = arrays["intercept"][::-1].copy()
    np.savez(folder / persistence.ARRAYS_NAME, **arrays)
    rehash(folder)
    with pytest.raises(ModelError, match="probe"):
        load_classifier(folder)


def test_object_arrays_are_never_unpickled(tmp_path: Path) -> None:
    folder = copy_model(tmp_path)
    with np.load(folder / persistence.ARRAYS_NAME) as npz:
        arrays: dict[str, np.ndarray] = {key: npz[key] for key in npz.files}
    arrays["coef"] = np.array([object()], dtype=object)  # would need pickle to load
    np.savez(folder / persistence.ARRAYS_NAME, **arrays)  # type: ignore[arg-type]
    rehash(folder)
    with pytest.raises(ModelError, match="unreadable"):
        load_classifier(folder)


@pytest.mark.slow
def test_requests_corpus_precision_and_recall(classifier: Classifier) -> None:
    from scripts.corpus_eval import measure_requests

    report = measure_requests(classifier, corpus_dir("requests"))
    scores = report.scores[Label.INTERVIEW_REQUEST]
    print(report)
    assert scores.precision >= 0.95, report
    assert scores.recall >= 0.95, report


@pytest.mark.slow
def test_spamassassin_is_almost_never_a_request(classifier: Classifier) -> None:
    from scripts.corpus_eval import measure_spamassassin

    total, counts = measure_spamassassin(classifier, corpus_dir("spamassassin"))
    assert total > 6000
    assert counts[Label.INTERVIEW_REQUEST.value] / total <= 0.002, counts


def test_requests_of_the_extraction_set_are_requests(classifier: Classifier) -> None:
    """278 requests written by scripts/make_extraction_set.py, a grammar the classifier never trained on."""
    folder = Path(__file__).parent / "fixtures" / "extraction"
    files = sorted(folder.glob("*.eml"))
    decisions = classifier.classify_many([unwrap_bytes(p.read_bytes()) for p in files])
    missed = [p.name for p, d in zip(files, decisions, strict=True) if d.label is not Label.INTERVIEW_REQUEST]
    assert len(files) >= 250
    assert len(missed) / len(files) <= 0.05, missed
