"""Local mail as a source: a Maildir, an mbox file or a folder of .eml files, streamed as raw bytes.

Used by ``inboxbroker run --source maildir:PATH|mbox:PATH|eml:DIR``, backlog imports and the demo. It
yields the bytes exactly as stored (the ledger keeps them first, DESIGN.md §4 rule 1) with a key that
stays the same across runs, reads one message at a time, and never follows a symlink out of the folder.
"""

from __future__ import annotations

import mailbox
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from inboxbroker.errors import SourceError, UsageError

__all__ = ["ACCEPTED_FORMS", "LocalItem", "iter_local", "parse_spec"]

ACCEPTED_FORMS = "maildir:PATH, mbox:PATH or eml:DIR"
_KINDS = ("maildir", "mbox", "eml")


@dataclass(frozen=True)
class LocalItem:
    """One stored message: the normalised source spec, a stable key within it, and the raw bytes."""

    source: str
    key: str
    raw: bytes


def parse_spec(spec: str) -> tuple[str, Path]:
    """Split ``kind:PATH`` into kind and resolved path; a bad form raises UsageError naming the good ones."""
    kind, sep, path = spec.partition(":")
    kind = kind.strip().lower()
    if not sep or kind not in _KINDS or not path.strip():
        raise UsageError(f"unknown mail source {spec!r}: use {ACCEPTED_FORMS}")
    return kind, Path(path.strip()).expanduser().resolve()


def iter_local(spec: str) -> Iterator[LocalItem]:
    """Every message of a local source, in a stable order.

    The spec is checked at once (UsageError for a bad form, SourceError for a missing or wrong path);
    the messages are then read lazily, one at a time.
    """
    kind, root = parse_spec(spec)
    source = f"{kind}:{root}"
    if kind == "maildir":
        if not all((root / sub).is_dir() for sub in ("cur", "new")):
            raise SourceError(f"{root} is not a Maildir (no cur/ and new/ folders); check the maildir: path")
        return _iter_maildir(source, root)
    if kind == "mbox":
        if not root.is_file():
            raise SourceError(f"{root} is not an mbox file; check the mbox: path")
        return _iter_mbox(source, root)
    if not root.is_dir():
        raise SourceError(f"{root} is not a folder; eml: takes a folder of message files")
    return _iter_eml(source, root)


def _inside(path: Path, root: Path) -> bool:
    # Resolving catches a symlink (or a symlinked parent) that points out of the folder.
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a symlink loop
        return False


def _iter_maildir(source: str, root: Path) -> Iterator[LocalItem]:
    # mailbox.Maildir knows the layout and how a file name becomes a key (the part before the info
    # separator); we list the files ourselves only to check each one stays inside the folder.
    box = mailbox.Maildir(str(root), factory=None, create=False)
    entries: list[tuple[str, Path]] = []
    for sub in ("new", "cur"):
        for entry in os.scandir(root / sub):
            if entry.name.startswith(".") or not entry.is_file():
                continue
            entries.append((entry.name.split(box.colon)[0], Path(entry.path)))
    for key, path in sorted(entries):
        if not _inside(path, root):
            continue
        try:
            raw = path.read_bytes()
        except FileNotFoundError:  # moved between new/ and cur/ by a mail client while we read
            continue
        yield LocalItem(source=source, key=key, raw=raw)


def _iter_mbox(source: str, root: Path) -> Iterator[LocalItem]:
    # mailbox.mbox splits on "From " lines and keeps only offsets in memory; get_bytes reads one message.
    # It leaves ">From " quoting as stored (mboxo/mboxrd cannot be told apart), and so do we.
    box = mailbox.mbox(str(root), factory=None, create=False)
    try:
        box.lock()
    except mailbox.ExternalClashError:
        raise SourceError(f"{root} is locked by another program; try again later") from None
    except OSError:
        pass  # a read-only folder cannot hold a lock file; reading without one is still correct
    try:
        for key in sorted(box.iterkeys()):
            yield LocalItem(source=source, key=str(key), raw=box.get_bytes(key))
    finally:
        box.unlock()
        box.close()


def _iter_eml(source: str, root: Path) -> Iterator[LocalItem]:
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        for name in sorted(files):
            path = base / name
            if name.startswith(".") or not path.is_file() or not _inside(path, root):
                continue
            # Every file is yielded, mail or not: the pipeline quarantines what does not parse.
            yield LocalItem(source=source, key=path.relative_to(root).as_posix(), raw=path.read_bytes())
