"""Cost of extraction per message and per résumé page, against parse cost, on the labelled extraction set.

Run by ``python -m bench extract``. For each message of tests/fixtures/extraction: ``parse_message``,
``unwrap_forward``, fields + times (``extract_fields`` + ``extract_times``), and the résumé step as
``extract_all`` runs it (``detect_resume`` over the attachments, then ``document_text`` + ``parse_resume``
on the one found). Each stage's time is the best of REPEAT runs, the runs interleaved across messages so
a noisy moment hits every stage alike. Pages: pypdf's count for PDF; for DOCX/ODT/RTF explicit page breaks
+ 1 (those formats have no layout, so per page there means per document unless the author broke pages).
``figures(quick)`` (``python -m bench``) gives unwrap + extraction, and fields + times alone, over the parse;
``--quick`` keeps the best of 3.
"""

from __future__ import annotations

import re
import statistics
import time
import zipfile
from collections import defaultdict
from collections.abc import Callable
from io import BytesIO
from typing import Any

from bench.figures import Figure
from inboxbroker.extract.details import candidate_attachments
from inboxbroker.extract.fields import extract_fields
from inboxbroker.extract.resume import detect_resume, document_text, parse_resume
from inboxbroker.extract.times import extract_times
from inboxbroker.mail.forwards import unwrap_forward
from inboxbroker.mail.parse import parse_message
from support.extraction_eval import SET, labelled_cases

REPEAT, QUICK_REPEAT = 7, 3
STAGES = ("parse", "unwrap", "fields+times", "résumé")


def pages(filename: str, content: bytes) -> int:
    """Pages of one document: pypdf for PDF, page breaks + 1 for the flowing formats."""
    if filename.lower().endswith(".pdf"):
        from pypdf import PdfReader

        return len(PdfReader(BytesIO(content)).pages)
    if filename.lower().endswith((".docx", ".odt")):
        with zipfile.ZipFile(BytesIO(content)) as zf:
            xml = zf.read("word/document.xml" if filename.lower().endswith(".docx") else "content.xml")
        return 1 + len(re.findall(rb'w:type="page"|fo:break-before="page"', xml))
    return 1 + content.count(b"\\page ")


def _stages(raw: bytes) -> dict[str, Callable[[], Any]]:
    """One callable per stage, each fed the previous stage's output (computed once, outside the timing)."""
    msg = parse_message(raw)
    u = unwrap_forward(msg)
    attachments = candidate_attachments(u)

    def fields_times() -> object:
        fields = extract_fields(u)
        reference = u.original.date or u.message.date
        return extract_times(u.original.body, reference, fields.tz_hint) if reference else None

    def resume() -> object:
        found = detect_resume(attachments, body_hint=u.original.body) if attachments else None
        return parse_resume(document_text(found)) if found is not None else None

    return {
        "parse": lambda: parse_message(raw),
        "unwrap": lambda: unwrap_forward(msg),
        "fields+times": fields_times,
        "résumé": resume,
    }


def _resume_pages(raw: bytes) -> tuple[str, int] | None:
    u = unwrap_forward(parse_message(raw))
    found = detect_resume(candidate_attachments(u), body_hint=u.original.body)
    if found is None:
        return None
    return found.filename.rsplit(".", 1)[-1].lower(), pages(found.filename, found.content)


def measure(raws: list[bytes], repeat: int = REPEAT) -> list[dict[str, float]]:
    """Per message, each stage's best seconds over ``repeat`` interleaved runs."""
    stages = [_stages(raw) for raw in raws]
    for s in stages:  # warm up: lazy imports, the skills vocabulary, pypdf's first page
        for fn in s.values():
            fn()
    best = [dict.fromkeys(STAGES, float("inf")) for _ in raws]
    for _ in range(repeat):
        for b, s in zip(best, stages, strict=True):
            for name in STAGES:
                start = time.perf_counter()
                s[name]()
                b[name] = min(b[name], time.perf_counter() - start)
    return best


def figures(quick: bool) -> dict[str, Figure]:
    repeat = QUICK_REPEAT if quick else REPEAT
    raws = [(SET / c["file"]).read_bytes() for c in labelled_cases()]
    best = measure(raws, repeat)
    parse = statistics.fmean(b["parse"] for b in best) * 1e6
    total = statistics.fmean(sum(b[n] for n in STAGES[1:]) for b in best) * 1e6
    fields = statistics.fmean(b["fields+times"] for b in best) * 1e6
    print(f"parse {parse:.1f} µs/msg; unwrap + extraction {total:.1f}; fields + times {fields:.1f}")
    note = f"{len(raws)} messages of {SET.name}/, mean of each one's best of {repeat}"
    return {
        "extract_cost_over_parse": Figure(
            total, parse, "µs", "parse_message", note=f"unwrap + fields + times + résumé; {note}"
        ),
        "extract_fields_times_over_parse": Figure(fields, parse, "µs", "parse_message", note=note),
    }


def main() -> None:
    cases = labelled_cases()
    raws = [(SET / c["file"]).read_bytes() for c in cases]
    best = measure(raws)
    resumes = [_resume_pages(raw) for raw in raws]
    parse_mean = statistics.fmean(b["parse"] for b in best)
    print(f"extract: {len(raws)} messages from {SET.name}/, best of {REPEAT} interleaved runs")
    print(f"  {'stage':<26}{'mean µs/msg':>12}{'median µs':>11}{'× parse':>9}")
    for name in STAGES:
        values = [b[name] for b in best]
        mean = statistics.fmean(values)
        print(
            f"  {name:<26}{mean * 1e6:12.1f}{statistics.median(values) * 1e6:11.1f}{mean / parse_mean:9.2f}"
        )
    total = statistics.fmean(sum(b[n] for n in STAGES[1:]) for b in best)
    print(f"  {'unwrap+extract (all)':<26}{total * 1e6:12.1f}{'':>11}{total / parse_mean:9.2f}")
    groups: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    for b, found, c in zip(best, resumes, cases, strict=True):
        if found is not None:
            groups[found[0]].append((b["résumé"], b["parse"], found[1]))
        elif c["attachments"]:
            groups["negatives only"].append((b["résumé"], b["parse"], 0))
        else:
            groups["no attachment"].append((b["résumé"], b["parse"], 0))
    print(
        f"\n  {'résumé step by kind':<20}{'msgs':>5}{'pages':>6}{'µs/msg':>10}{'µs/page':>10}{'msg × parse':>12}"
    )
    for kind, rows in sorted(groups.items()):
        cost = statistics.fmean(r[0] for r in rows)
        parse = statistics.fmean(r[1] for r in rows)
        n_pages = sum(r[2] for r in rows)
        per_page = f"{sum(r[0] for r in rows) / n_pages * 1e6:10.1f}" if n_pages else f"{'-':>10}"
        print(f"  {kind:<20}{len(rows):5d}{n_pages:6d}{cost * 1e6:10.1f}{per_page}{cost / parse:12.2f}")


if __name__ == "__main__":
    main()
