"""Benchmark triage: model load time, classification one by one and batched, against parsing the same mail.

Uses the held-in training corpus (``models/training``, our own synthetic mail) so it runs anywhere. The
baseline is parse + unwrap of the same messages, measured in the same run: the ratio says whether the
classifier, not MIME parsing, is the bottleneck of a cron run. Load time is measured in a fresh interpreter
(imports included), as a cron run pays it. Each timing is the best of 3 interleaved passes. ``figures(quick)``
(``python -m bench``) gives classification, batched and one by one, over parse + unwrap; ``--quick`` uses
300 messages and one fresh-interpreter load.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.figures import Figure
from inboxbroker.mail.forwards import unwrap_forward
from inboxbroker.mail.parse import parse_message
from inboxbroker.triage.persistence import default_model_dir, load_classifier

MESSAGES = int(os.environ.get("BENCH_CLASSIFY_MESSAGES", "1000"))
QUICK_MESSAGES, ROUNDS = 300, 3
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


@dataclass
class Timings:
    n: int
    features: int
    parse_s: float  # parse + unwrap of all n, the baseline
    single_s: float  # classify one by one
    batch_s: float  # classify_many
    load_warm_s: float
    load_cold_s: list[float]  # fresh interpreter, imports included


def measure(n: int = MESSAGES, cold_loads: int = 3, rounds: int = ROUNDS) -> Timings:
    raws = sample(n)
    n = len(raws)
    started = time.perf_counter()
    classifier = load_classifier()
    load_warm_s = time.perf_counter() - started
    cold = [
        float(
            subprocess.run(
                [sys.executable, "-c", LOAD_CODE], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(cold_loads)
    ]
    unwrapped = [unwrap_forward(parse_message(raw)) for raw in raws]  # warm-up: imports, regexes
    classifier.classify_many(unwrapped)
    parse_s = single_s = batch_s = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        unwrapped = [unwrap_forward(parse_message(raw)) for raw in raws]
        parse_s = min(parse_s, time.perf_counter() - started)

        started = time.perf_counter()
        for u in unwrapped:
            classifier.classify(u)
        single_s = min(single_s, time.perf_counter() - started)

        started = time.perf_counter()
        classifier.classify_many(unwrapped)
        batch_s = min(batch_s, time.perf_counter() - started)
    return Timings(n, classifier.space.size, parse_s, single_s, batch_s, load_warm_s, cold)


def figures(quick: bool) -> dict[str, Figure]:
    t = measure(QUICK_MESSAGES, 1) if quick else measure()
    note = f"{t.n:,} training messages, best of {ROUNDS}"
    ms = 1000 / t.n
    print(
        f"parse + unwrap {t.parse_s * ms:.3f} ms/msg, classify {t.single_s * ms:.3f}, "
        f"classify_many {t.batch_s * ms:.3f}; model load (fresh interpreter) {min(t.load_cold_s):.3f} s"
    )
    return {
        "classify_batch_over_parse": Figure(
            t.batch_s * ms, t.parse_s * ms, "ms/msg", "parse + unwrap", note=note
        ),
        "classify_single_over_parse": Figure(
            t.single_s * ms, t.parse_s * ms, "ms/msg", "parse + unwrap", note=note
        ),
    }


def main() -> None:
    t = measure()
    n, cold = t.n, t.load_cold_s
    print(
        f"messages: {n}, model features: {t.features}, artifact bytes: "
        f"{sum((default_model_dir() / f).stat().st_size for f in ('triage.json', 'triage.npz')):,}"
    )
    print(
        f"model load, fresh interpreter (imports included): best {min(cold):.3f} s of {len(cold)}; "
        f"warm: {t.load_warm_s:.3f} s"
    )
    print(f"parse + unwrap (baseline): {rate(n, t.parse_s)}")
    print(f"classify one by one:       {rate(n, t.single_s)}  ratio to parse {t.single_s / t.parse_s:.2f}x")
    print(
        f"classify_many (batched):   {rate(n, t.batch_s)}  ratio to parse {t.batch_s / t.parse_s:.2f}x; "
        f"batch speed-up {t.single_s / t.batch_s:.1f}x"
    )


if __name__ == "__main__":
    main()
