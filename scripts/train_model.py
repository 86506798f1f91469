"""Retrain the shipped classifier (``src/inboxbroker/data/model/``), with the shared corpus's figures on its card.

The maintainers' entry point (``inboxbroker train`` is the users'): it reads ``models/training/``, writes the
model where the package reads it (``inboxbroker.bundled.model_dir()``, unless ``--out``), and
adds, when ``../shared/corpus`` is present, precision/recall on its request set and the false-alarm rate on
SpamAssassin — measured only, never used to fit or select.

    python scripts/train_model.py [DIR…] [--seed N] [--out DIR] [--select]

Without ``--select`` it trains the first candidate (``triage.training.DEFAULT``, the shipped one) and heads the
card with its grouped evaluation; ``--select`` also measures the others and takes the best grouped figure —
which, on our synthetic families, has not yet meant better figures on real mail (see ``CANDIDATES``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_eval import measure_shared_corpus

from inboxbroker.bundled import model_dir
from inboxbroker.triage.training import DEFAULT, train_from_folders

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Train the triage classifier into the package's model folder."
    )
    parser.add_argument(
        "dirs", nargs="*", type=Path, help="folder-per-label training dirs (default models/training)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument(
        "--select",
        action="store_true",
        help=f"choose a candidate by the grouped figure (default {DEFAULT.name!r})",
    )
    args = parser.parse_args(argv)
    dirs = args.dirs or [ROOT / "models" / "training"]
    # Not default_model_dir(): $INBOXBROKER_MODELS must not divert the shipped model somewhere else.
    report = train_from_folders(
        dirs,
        seed=args.seed,
        out=args.out or model_dir(),
        run_selection=args.select,
        measure=measure_shared_corpus,
    )
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
