"""Cost of parse + unwrap per message against bare ``email.message_from_bytes``, on real mail.

Run by ``python -m bench`` (which calls ``main``) or directly. Reads the shared corpus in place
(robustness + spamassassin). The three measurements are interleaved in each repetition and the best of
``INBOXBROKER_BENCH_REPEAT`` (default 5) repetitions is kept, so load from other processes on the machine
inflates all three alike instead of skewing the ratio. Prints µs/message and the ratios (goal: below 1.5x).
"""

from __future__ import annotations

import email
import gc
import os
import time
from collections.abc import Callable
from pathlib import Path

from inboxbroker.mail.forwards import unwrap_forward
from inboxbroker.mail.parse import parse_message

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("INBOXBROKER_CORPUS", ROOT.parent / "shared" / "corpus"))
GOAL = 1.5


def _messages() -> list[bytes]:
    found: list[bytes] = []
    for folder in ("robustness", "spamassassin"):
        for path in sorted((CORPUS / folder).rglob("*")):
            if path.is_file() and not path.name.endswith((".tsv", ".md")):
                found.append(path.read_bytes())
    return found


def _once(fn: Callable[[bytes], object], messages: list[bytes]) -> float:
    gc.collect()
    start = time.perf_counter()
    for raw in messages:
        fn(raw)
    return (time.perf_counter() - start) / len(messages)


def _parse_unwrap(raw: bytes) -> object:
    return unwrap_forward(parse_message(raw))


def main() -> None:
    messages = _messages()
    if not messages:
        print(f"parse_unwrap: no corpus at {CORPUS}; skipped")
        return
    repeat = max(1, int(os.environ.get("INBOXBROKER_BENCH_REPEAT", "5")))
    print(f"parse_unwrap: {len(messages)} messages from {CORPUS}, best of {repeat} interleaved runs")
    candidates: dict[str, Callable[[bytes], object]] = {
        "email.message_from_bytes": email.message_from_bytes,
        "parse_message": parse_message,
        "parse_message + unwrap_forward": _parse_unwrap,
    }
    for fn in candidates.values():  # warm-up: imports, regex compilation, codec lookups
        _once(fn, messages[:200])
    best = dict.fromkeys(candidates, float("inf"))
    for _ in range(repeat):
        for label, fn in candidates.items():
            best[label] = min(best[label], _once(fn, messages))
    for label, seconds in best.items():
        print(f"  {label:<34} {seconds * 1e6:9.1f} µs/message")
    bare, parse_only, both = best.values()
    print(f"  unwrap alone adds {(both - parse_only) * 1e6:.1f} µs/message")
    print(f"  ratio parse / baseline:        {parse_only / bare:.2f}x")
    ratio = both / bare
    print(
        f"  ratio parse+unwrap / baseline: {ratio:.2f}x (goal < {GOAL}x) {'ok' if ratio < GOAL else 'OVER'}"
    )


if __name__ == "__main__":
    main()
