"""A generated backlog for the end-to-end benchmark: the mix a shared mailbox holds, reproducible from a seed.

70 % plain text of 1-4 KB, 20 % text with an HTML alternative, 10 % with a 100-300 KB résumé (PDF or
DOCX, its size mostly an embedded photo, as real résumés' is); a fifth of all of them forwarded inline by
a manager. Bodies are drawn from our own training corpus (``models/training``), so the classifier sees
the label mix it was built for; every message is distinct (its own Message-ID and sequence number).
No ``main()``: ``python -m bench`` runs only the benchmarks that use it.
"""

from __future__ import annotations

import email
import email.policy
import io
import random
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from functools import cache
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAINING = ROOT / "models" / "training"
DOCX_FIXTURE = ROOT / "tests" / "fixtures" / "resumes" / "Marcus Oyelaran CV.docx"
MANAGERS = ("Priya Shah", "Tom Becker", "Lena Hoffmann", "Sam Ortiz")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Mix:
    html: float = 0.20
    resume: float = 0.10
    forwarded: float = 0.20


@cache
def _bodies() -> tuple[str, ...]:
    """Plain-text bodies of the training corpus (read once; our own text)."""
    bodies = []
    for path in sorted(TRAINING.glob("*/*.eml")):
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        part = msg.get_body(("plain",))
        if part is not None:
            text = part.get_content().strip()
            if 80 < len(text) < 3000:
                bodies.append(text)
    if not bodies:
        raise SystemExit(f"no training mail under {TRAINING}: the backlog is drawn from it")
    return tuple(bodies)


def _text(rng: random.Random, n: int) -> str:
    """1-4 KB: one body, then quoted earlier mail from others until the size is reached."""
    bodies = _bodies()
    target = rng.randint(1024, 4096)
    text = rng.choice(bodies) + f"\n\n(ref {n})"
    while len(text.encode()) < target:
        text += "\n\n> " + rng.choice(bodies).replace("\n", "\n> ")
    return text


def pdf_resume(rng: random.Random, name: str, size: int) -> bytes:
    """A one-page PDF résumé (Helvetica text) with an uncompressed photo filling it out to ``size`` bytes."""
    lines = [
        name,
        f"{name.split()[0].lower()}@example.net | +1 206 555 01{rng.randint(10, 99)}",
        "Experience",
        f"Data analyst, Example Analytics ({rng.randint(2016, 2022)} - present)",
        "Built forecasting dashboards and ran pricing experiments.",
        "Education",
        "BSc Statistics, University of Washington",
        "Skills",
        "Python, SQL, experimentation, forecasting",
    ]
    text = (
        "BT /F1 11 Tf 72 720 Td "
        + " ".join(f"({line.replace('(', '[').replace(')', ']')}) Tj 0 -16 Td" for line in lines)
        + " ET q 96 0 0 96 440 660 cm /Im1 Do Q"
    )
    side = max(8, int((size / 3) ** 0.5))
    pixels = rng.randbytes(side * side * 3)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
        b"/Resources << /Font << /F1 4 0 R >> /XObject << /Im1 6 0 R >> >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode("latin-1", "replace")),
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
        b"/BitsPerComponent 8 /Length %d >>\nstream\n%s\nendstream" % (side, side, len(pixels), pixels),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


@cache
def _docx_parts() -> tuple[tuple[str, bytes], ...]:
    with zipfile.ZipFile(DOCX_FIXTURE) as z:
        return tuple((name, z.read(name)) for name in z.namelist())


def docx_resume(rng: random.Random, size: int) -> bytes:
    """Our DOCX résumé fixture with a photo in word/media that brings it to about ``size`` bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in _docx_parts():
            z.writestr(name, data)
        z.writestr("word/media/photo.jpeg", rng.randbytes(size), compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


def message(n: int, rng: random.Random, mix: Mix = Mix()) -> bytes:
    """Message ``n`` of the backlog."""
    first = rng.choice(("Ana", "Bilal", "Chen", "Dara", "Emeka", "Farah", "Goran", "Hana", "Ines", "Jonas"))
    last = rng.choice(("Okafor", "Lindqvist", "Moreau", "Tanaka", "Varga", "Silva", "Novak", "Reyes"))
    sender = f"{first} {last} <{first.lower()}.{last.lower()}{n}@example.net>"
    when = datetime(2026, 11, 2, 8, tzinfo=UTC) + timedelta(minutes=7 * n)
    text = _text(rng, n)
    subject = text.splitlines()[0][:60] if rng.random() < 0.3 else f"Question about your team ({n})"
    roll = rng.random()
    kind = "resume" if roll < mix.resume else "html" if roll < mix.resume + mix.html else "plain"
    forwarded = rng.random() < mix.forwarded

    msg = EmailMessage()
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<backlog-{n}@example.net>"
    if forwarded:
        manager = rng.choice(MANAGERS)
        msg["From"] = f"{manager} <{manager.split()[0].lower()}@example.org>"
        msg["To"] = "interviews@example.org"
        msg["Subject"] = f"Fwd: {subject}"
        text = (
            "Can someone take this one? Thanks.\n\n---------- Forwarded message ---------\n"
            f"From: {sender}\nDate: {format_datetime(when - timedelta(days=1))}\n"
            f"Subject: {subject}\nTo: {msg['From']}\n\n{text}"
        )
    else:
        msg["From"] = sender
        msg["To"] = "interviews@example.org"
        msg["Subject"] = subject
    msg.set_content(text)
    if kind == "html":
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n\n"))
        msg.add_alternative(f"<html><body>{paragraphs}</body></html>", subtype="html")
    elif kind == "resume":
        size = rng.randint(100_000, 300_000)
        if rng.random() < 0.5:
            data, maintype, subtype, name = (
                pdf_resume(rng, f"{first} {last}", size),
                "application",
                "pdf",
                "pdf",
            )
        else:
            data, (maintype, subtype), name = docx_resume(rng, size), DOCX.split("/"), "docx"
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=f"{first}_{last}_Resume.{name}")
    return msg.as_bytes(policy=email.policy.SMTP)


def backlog(count: int, seed: int = 0, mix: Mix = Mix()) -> Iterator[bytes]:
    rng = random.Random(seed)
    for n in range(count):
        yield message(n, rng, mix)


def write_backlog(folder: Path, count: int, seed: int = 0) -> list[Path]:
    """``count`` messages as ``NNNNNN.eml`` files in ``folder`` (for ``run --source eml:``)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, raw in enumerate(backlog(count, seed)):
        path = folder / f"{n:06d}.eml"
        path.write_bytes(raw)
        paths.append(path)
    return paths
