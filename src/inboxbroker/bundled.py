"""Where the files that ship with inboxbroker are: the one module that finds each of them.

Everything a user needs at run time is package data under ``inboxbroker/data/``: the classifier
(``model/``), the demo's mailbox (``sample-inbox/``), the reply templates (``templates/``), the skills list
and the example config. Kept inside the package, the same files are read the same way from a wheel, an
editable install and a bare source checkout (``PYTHONPATH=src``). What only maintainers need — the
training corpus — stays in the repository's ``models/training/`` and is never in the wheel.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["MODELS_ENV", "demo_dir", "model_dir", "sample_inbox", "templates_dir", "training_corpus"]

MODELS_ENV = "INBOXBROKER_MODELS"


def _data(name: str) -> Path:
    root = resources.files("inboxbroker")
    # pip always unpacks a wheel, so this is a real folder; a zipped install could not hand a Maildir or a
    # model folder to code that opens files by path, and saying so beats a confusing error later.
    if not isinstance(root, Path):
        raise RuntimeError(
            f"inboxbroker is installed in a form that is not a folder ({root!r}); reinstall it"
        )
    return root / "data" / name


def model_dir() -> Path:
    """The shipped classifier (``triage.json``, ``triage.npz``, ``card.md``); ``scripts/train_model.py`` writes here."""
    return _data("model")


def sample_inbox() -> Path:
    """The Maildir ``inboxbroker demo`` reads (written by ``scripts/make_sample_inbox.py``)."""
    return _data("sample-inbox")


def demo_dir() -> Path:
    """What ``inboxbroker demo`` adds to the sample mailbox: its interviewers' busy calendars."""
    return _data("demo")


def templates_dir() -> Path:
    """The shipped reply templates (a coordinator's own folder, named in the config, takes precedence)."""
    return _data("templates")


def training_corpus() -> Path | None:
    """``models/training/`` of the source checkout this package runs from, or None (an installed wheel).

    The corpus is ~4,450 messages that only retraining needs, so it is deliberately not package data.
    """
    here = Path(__file__).resolve()
    corpus = here.parents[2] / "models" / "training"
    return corpus if here.parent.parent.name == "src" and corpus.is_dir() else None
