"""Cost of parse + unwrap per message against bare ``email.message_from_bytes``, on real mail.

Run by ``python -m bench`` (which calls ``main``) or directly. Reads the shared corpus in place
(robustness + spamassassin). The measurements are interleaved in each repetition and the best of
``INBOXBROKER_BENCH_REPEAT`` (default 5) repetitions is kept, so load from other processes on the machine
inflates all alike instead of skewing the ratio. Prints µs/message and each row's ratio to the baseline.
There is no goal: the ratio says what our work on top of the parser costs.

``parse_message`` parses with ``email.message_from_bytes`` itself (compat32), so the baseline's work is
inside every row. ``Message`` is lazy (headers decoded, HTML converted when first read), so the rows say what they read:
- "parse_message": the parse alone, nothing read back;
- "parse + unwrap": every message unwrapped, nothing else read (unwrap itself reads ``text`` to look for
  inline forwards, so HTML-only mail is converted here already);
- "parse + unwrap + .text": every message unwrapped and its ``text`` read (the full, honest figure);
- "parse + guards + unwrap if human": the pipeline's front end, which does not unwrap (nor read the body
  of) mail the automated-mail guards already settled.

The corpus is stored mostly with LF line ends; IMAP delivers CRLF. The CRLF rows measure the same
messages with their line ends rewritten, against the baseline on those bytes.

``figures(quick)`` (``python -m bench``) gives "parse + unwrap + .text" over the bare parse, LF and CRLF;
``--quick`` uses every sixth message and the best of 2.
"""

from __future__ import annotations

import email
import gc
import os
import re
import time
from collections.abc import Callable
from pathlib import Path

from bench.figures import Figure
from inboxbroker.mail.forwards import unwrap_forward
from inboxbroker.mail.guards import check_automated
from inboxbroker.mail.parse import parse_message

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("INBOXBROKER_CORPUS", ROOT.parent / "shared" / "corpus"))
BARE, FULL = "email.message_from_bytes", "parse + unwrap + .text"
BARE_CRLF, FULL_CRLF = f"{BARE} (CRLF)", f"{FULL} (CRLF)"


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


def _unwrap_only(raw: bytes) -> object:
    return unwrap_forward(parse_message(raw))


def _parse_unwrap(raw: bytes) -> object:
    unwrapped = unwrap_forward(parse_message(raw))
    return unwrapped.message.text, unwrapped.original.body


def _front_end(raw: bytes) -> object:
    """What ``Pipeline.process`` does before triage: parse, guards, and unwrap only mail no guard settled."""
    msg = parse_message(raw)
    if check_automated(msg) is not None:
        return msg
    unwrapped = unwrap_forward(msg)
    return unwrapped.message.text, unwrapped.original.body


def _measure(
    messages: list[bytes], candidates: dict[str, Callable[[bytes], object]], repeat: int
) -> dict[str, float]:
    for fn in candidates.values():  # warm-up: imports, regex compilation, codec lookups
        _once(fn, messages[:200])
    best = dict.fromkeys(candidates, float("inf"))
    for _ in range(repeat):
        for label, fn in candidates.items():
            best[label] = min(best[label], _once(fn, messages))
    return best


def _report(best: dict[str, float], baseline: str) -> None:
    bare = best[baseline]
    for label, seconds in best.items():
        print(f"  {label:<40} {seconds * 1e6:9.1f} µs/message")
    for label, seconds in best.items():
        if label != baseline:
            print(f"  ratio {label + ' / baseline:':<48} {seconds / bare:.2f}x")


def _repeat() -> int:
    return max(1, int(os.environ.get("INBOXBROKER_BENCH_REPEAT", "5")))


def measure_lf(messages: list[bytes], repeat: int) -> dict[str, float]:
    return _measure(
        messages,
        {
            BARE: email.message_from_bytes,
            "parse_message": parse_message,
            "parse + unwrap": _unwrap_only,
            FULL: _parse_unwrap,
            "parse + guards + unwrap if human": _front_end,
        },
        repeat,
    )


def measure_crlf(messages: list[bytes], repeat: int) -> dict[str, float]:
    crlf = [re.sub(rb"\r?\n", b"\r\n", raw) for raw in messages]
    return _measure(
        crlf,
        {
            BARE_CRLF: email.message_from_bytes,
            FULL_CRLF: _parse_unwrap,
            "parse + guards + unwrap if human (CRLF)": _front_end,
        },
        repeat,
    )


def figures(quick: bool) -> dict[str, Figure]:
    messages = _messages()
    if not messages:
        raise FileNotFoundError(f"no corpus at {CORPUS} (set INBOXBROKER_CORPUS)")
    repeat = 2 if quick else _repeat()
    if quick:
        messages = messages[::6]
    lf = measure_lf(messages, repeat)
    _report(lf, BARE)
    crlf = measure_crlf(messages, repeat)
    _report(crlf, BARE_CRLF)
    note = f"{len(messages):,} corpus messages, best of {repeat}"
    return {
        "parse_unwrap_cost_over_parse": Figure(
            lf[FULL] * 1e6, lf[BARE] * 1e6, "µs", BARE, note=f"{FULL}; {note}"
        ),
        "parse_unwrap_crlf_cost_over_parse": Figure(
            crlf[FULL_CRLF] * 1e6, crlf[BARE_CRLF] * 1e6, "µs", BARE_CRLF, note=f"{FULL}, CRLF; {note}"
        ),
    }


def main() -> None:
    messages = _messages()
    if not messages:
        print(f"parse_unwrap: no corpus at {CORPUS}; skipped")
        return
    repeat = _repeat()
    print(f"parse_unwrap: {len(messages)} messages from {CORPUS}, best of {repeat} interleaved runs")
    best = measure_lf(messages, repeat)
    _report(best, BARE)
    print(f"  unwrap (and the body text) add {(best[FULL] - best['parse_message']) * 1e6:.1f} µs/message")
    print("parse_unwrap, the same messages with CRLF line ends (as IMAP delivers them):")
    _report(measure_crlf(messages, repeat), BARE_CRLF)


if __name__ == "__main__":
    main()
