"""Benchmark: résumé text extraction per page against parsing the message that carries the résumé.

The baseline, measured in the same run, is ``parse_message`` on the raw message (the standard library's
``email`` parser until mail/parse.py is importable). Ratios above 1 mean extraction costs more than parsing.

    python bench/resume.py [--repeat N]

``figures(quick)`` (``python -m bench``) gives text extraction per page and per document against the parse;
``--quick`` takes the median of 5 timings instead of 15.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import functools
import hashlib
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "resumes"
sys.path.insert(0, str(ROOT / "src"))

from bench.figures import Figure  # noqa: E402
from inboxbroker.domain import Attachment  # noqa: E402
from inboxbroker.extract.resume import detect_resume, document_text, parse_resume  # noqa: E402

REPEAT, QUICK_REPEAT = 15, 5
MIME = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".rtf": "application/rtf",
    ".html": "text/html",
}


def _parser() -> Callable[[bytes], Any]:
    try:
        from inboxbroker.mail.parse import parse_message
    except ImportError:
        return lambda raw: email.message_from_bytes(raw, policy=email.policy.default)
    return parse_message


def _minimal_pdf() -> Callable[[list[list[str]]], bytes]:
    spec = importlib.util.spec_from_file_location("make_resumes", ROOT / "scripts" / "make_resumes.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    minimal_pdf: Callable[[list[list[str]]], bytes] = module.minimal_pdf
    return minimal_pdf


def _message(name: str, content: bytes) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Candidate <candidate@example.com>"
    msg["To"] = "interviews@example.org"
    msg["Subject"] = "Informational interview request"
    msg.set_content("Hello, my résumé is attached. Could we talk next Tuesday afternoon?\n")
    maintype, subtype = MIME[Path(name).suffix].split("/")
    msg.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def _best(fn: Callable[[], object], repeat: int) -> float:
    """Median of ``repeat`` timings, in seconds (median: robust to a noisy neighbour)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _attachment(name: str, content: bytes) -> Attachment:
    mime = MIME[Path(name).suffix]
    return Attachment(name, name, mime, mime, len(content), hashlib.sha256(content).hexdigest(), content)


def cases() -> list[tuple[str, bytes, int]]:
    """(name, bytes, pages): the committed fixtures plus generated résumé PDFs of 1, 2, 5 and 10 pages."""
    out = [
        (p.name, p.read_bytes(), 1)
        for p in sorted(FIXTURES.iterdir())
        if p.suffix in MIME and (FIXTURES / f"{p.name}.expected.json").exists()
    ]
    minimal_pdf = _minimal_pdf()
    page = [
        "# Experience",
        *[f"Engineer | Example Systems {n} | 2015 - 2020" for n in range(10)],
        *["• Built data pipelines in Python and SQL on Kubernetes for the payments team" for _ in range(30)],
    ]
    for pages in (1, 2, 5, 10):
        out.append(
            (
                f"generated-{pages:02d}-pages.pdf",
                minimal_pdf([["Alex Doe", "alex@example.com", *page]] * pages),
                pages,
            )
        )
    return out


@dataclass(frozen=True)
class Row:
    name: str
    pages: int
    size: int
    parse: float  # seconds: the message carrying the document
    text: float  # document_text
    fields: float  # parse_resume of the text
    detect: float  # detect_resume over the attachment


def measure(repeat: int = REPEAT) -> list[Row]:
    parse = _parser()
    rows = []
    for name, content, pages in cases():
        raw = _message(name, content)
        att = _attachment(name, content)
        document_text(att)  # warm up: lazy imports and the skills vocabulary are one-off costs
        text = document_text(att)
        parse_resume(text)
        rows.append(
            Row(
                name,
                pages,
                len(content),
                _best(functools.partial(parse, raw), repeat),
                _best(functools.partial(document_text, att), repeat),
                _best(functools.partial(parse_resume, text), repeat),
                _best(functools.partial(detect_resume, [att]), repeat),
            )
        )
    return rows


def figures(quick: bool) -> dict[str, Figure]:
    repeat = QUICK_REPEAT if quick else REPEAT
    rows = measure(repeat)
    per_page = statistics.median(r.text / r.pages for r in rows) * 1e3
    text = statistics.median(r.text for r in rows) * 1e3
    parse = statistics.median(r.parse for r in rows) * 1e3
    print(
        f"résumé text {per_page:.2f} ms/page, {text:.2f} ms/document; message parse {parse:.2f} ms (medians)"
    )
    note = f"median over {len(rows)} documents (fixtures + 1-10 page PDFs), each timed {repeat}x"
    return {
        "resume_text_ms_per_page": Figure(per_page, parse, "ms", "parse of the carrying message", note=note),
        "resume_text_over_parse": Figure(
            statistics.median(r.text / r.parse for r in rows), 1.0, "x", "parse of the carrying message",
            note=f"median of text/parse per document; {note}",
        ),
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=REPEAT)
    # The bench runner calls main() with no arguments; its own argv names benchmarks, not our options.
    args = parser.parse_args(argv if argv is not None else [])
    columns = ("parse ms", "text ms", "ms/page", "fields ms", "detect ms")
    print(
        f"{'document':38} {'pages':>5} {'bytes':>7} " + " ".join(f"{c:>9}" for c in columns) + " text/parse"
    )
    ratios = []
    for r in measure(args.repeat):
        ratio = r.text / r.parse
        ratios.append(ratio)
        ms = [t * 1e3 for t in (r.parse, r.text, r.text / r.pages, r.fields, r.detect)]
        print(
            f"{r.name[:38]:38} {r.pages:5d} {r.size:7d} "
            + " ".join(f"{v:9.2f}" for v in ms)
            + f" {ratio:10.2f}"
        )
    print(f"median text-extraction / message-parse ratio: {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
