"""``train`` and ``evaluate``: gather labelled mail (shipped corpus, folders, IMAP folders, feedback), call triage.

The adapter between the outside world and ``triage.training``: it reads the store's feedback and IMAP folders;
the training code itself only ever sees bytes and labels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from inboxbroker.domain import Label
from inboxbroker.errors import UsageError

if TYPE_CHECKING:
    from inboxbroker.settings.config import Settings
    from inboxbroker.store.ledger import Store
    from inboxbroker.triage.evaluation import Report
    from inboxbroker.triage.grouped import GroupedReport


def parse_imap_folders(specs: Sequence[str]) -> list[tuple[Label, str]]:
    """``LABEL=FOLDER`` pairs, checked against the five labels."""
    pairs = []
    for spec in specs:
        label, sep, folder = spec.partition("=")
        if not sep or not folder:
            raise UsageError(
                f"--imap-folder {spec!r}: expected LABEL=FOLDER, e.g. interview_request=Training/Requests"
            )
        try:
            pairs.append((Label(label), folder))
        except ValueError:
            names = ", ".join(item.value for item in Label)
            raise UsageError(f"--imap-folder {spec!r}: unknown label {label!r}; use one of {names}") from None
    return pairs


def imap_examples(settings: Settings, pairs: Sequence[tuple[Label, str]]) -> list[tuple[bytes, str]]:
    """Every message of each labelled IMAP folder of the first account, read without changing anything."""
    if not pairs:
        return []
    if not settings.imap:
        raise UsageError("--imap-folder needs an [imap] account in the config")
    from inboxbroker.runtime.runner import open_mailbox

    examples: list[tuple[bytes, str]] = []
    with open_mailbox(settings.imap[0]) as box:
        for label, folder in pairs:
            box.select(folder)
            for batch in box.fetch_new(0, batch_size=settings.imap[0].batch_size):
                examples.extend((item.raw, label.value) for item in batch)
    return examples


def model_out(settings: Settings, out: Path | None) -> Path:
    return out or settings.triage.model_dir or settings.runtime.state_dir / "model"


def shipped_corpus(fix: str) -> Path:
    """The repository's ``models/training``; a wheel does not carry it (only retraining needs 4,450 messages)."""
    from inboxbroker.bundled import training_corpus

    corpus = training_corpus()
    if corpus is None:
        raise UsageError(
            f"our training corpus is only in a source checkout (models/training), not in the installed package; {fix}"
        )
    return corpus


def train(
    settings: Settings,
    store: Store,
    *,
    data: Sequence[Path],
    imap_folders: Sequence[str],
    out: Path | None,
    seed: int,
    use_feedback: bool,
    shipped: bool,
) -> tuple[Report, Path, int]:
    from inboxbroker.triage.training import train_from_folders

    dirs = (
        [shipped_corpus("add --no-shipped, with --data CHECKOUT/models/training to train on it")]
        if shipped
        else []
    ) + list(data)
    extra = imap_examples(settings, parse_imap_folders(imap_folders))
    feedback = store.feedback_examples() if use_feedback else []
    if not dirs and not extra and not feedback:
        raise UsageError("nothing to train on: drop --no-shipped or give --data / --imap-folder")
    target = model_out(settings, out)
    # The maintainers chose the candidate on the grouped figure (scripts/train_model.py); a user retraining
    # with feedback keeps it, and pays for one grouped evaluation (the card's headline), not five.
    report = train_from_folders(dirs, [*feedback, *extra], seed=seed, out=target, run_selection=False)
    return report, target, len(feedback)


def evaluate(
    settings: Settings,
    *,
    data: Sequence[Path],
    seed: int,
    grouped: bool = False,
    folds: int = 5,
    progress: Callable[[int, int], None] | None = None,
) -> Report | GroupedReport:
    from inboxbroker.triage.evaluation import evaluate as score
    from inboxbroker.triage.evaluation import read_folders
    from inboxbroker.triage.persistence import load_classifier

    if data:
        return score(load_classifier(settings.triage.model_dir), read_folders(data))
    # No folder given: the shipped corpus, split so the figure is about mail the model did not train on.
    examples = read_folders([shipped_corpus("score the model on labelled folders with --data DIR")])
    if grouped:
        from inboxbroker.triage.training import grouped_evaluation

        return grouped_evaluation(examples, seed, folds, progress=progress)
    from inboxbroker.triage.training import split
    from inboxbroker.triage.training import train as fit

    train_part, test_part = split(examples, seed)
    return score(fit(train_part, seed), test_part)
