"""Benchmark triage: model load time, classification one by one and batched, against parsing the same mail.

Uses the held-in training corpus (``models/training``, our own synthetic mail) so it runs anywhere. The
baseline is parse + unwrap of the same messages, measured in the same run: the ratio says whether the
classifier, not MIME parsing, is the bottleneck of a cron run. Load time is measured in a fresh interpreter
(imports included), as a cron run pays it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from inboxbroker.mail.forwards import unwrap_forward
from inboxbroker.mail.parse import parse_message
from inboxbroker.triage.persistence import default_model_dir, load_classifier

MESSAGES = int(os.environ.get("BENCH_CLASSIFY_MESSAGES", "1000"))
TRAINING = Path(__file__).resolve().parents[1] / "models" / "training"
LOAD_CODE = (
    "import time; t = time.perf_counter(); from inboxbroker.triage.persistence import load_classifier; "
    "load_classifier(); print(time.perf_counter() - t)"
)


def sample(n: int) -> list[bytes]:
    files = sorted(TRAINING.rglob("*.eml"))
    step = max(1, len(files) // n)
    return [p.read_bytes() for p in files[::step][:n]]


def rate(n: int, seconds: float) -> str:
    return f"{n / seconds:8.0f} msg/s ({1000 * seconds / n:.2f} ms each)"


def main() -> None:
    raws = sample(MESSAGES)
    n = len(raws)

    started = time.perf_counter()
    unwrapped = [unwrap_forward(parse_message(raw)) for raw in raws]
    parse_s = time.perf_counter() - started

    started = time.perf_counter()
    classifier = load_classifier()
    load_warm_s = time.perf_counter() - started
    cold = [
        float(
            subprocess.run(
                [sys.executable, "-c", LOAD_CODE], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(3)
    ]

    started = time.perf_counter()
    for u in unwrapped:
        classifier.classify(u)
    single_s = time.perf_counter() - started

    started = time.perf_counter()
    classifier.classify_many(unwrapped)
    batch_s = time.perf_counter() - started

    features = classifier.space.size
    print(
        f"messages: {n}, model features: {features}, artifact bytes: "
        f"{sum((default_model_dir() / f).stat().st_size for f in ('triage.json', 'triage.npz')):,}"
    )
    print(
        f"model load, fresh interpreter (imports included): best {min(cold):.3f} s of 3; warm: {load_warm_s:.3f} s"
    )
    print(f"parse + unwrap (baseline): {rate(n, parse_s)}")
    print(f"classify one by one:       {rate(n, single_s)}  ratio to parse {single_s / parse_s:.2f}x")
    print(
        f"classify_many (batched):   {rate(n, batch_s)}  ratio to parse {batch_s / parse_s:.2f}x; "
        f"batch speed-up {single_s / batch_s:.1f}x"
    )


if __name__ == "__main__":
    main()
