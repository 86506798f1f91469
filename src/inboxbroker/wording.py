"""Counts in what inboxbroker prints, with the noun that agrees: "1 reply", "2 replies"."""

from __future__ import annotations


def plural(n: int, one: str, many: str | None = None) -> str:
    """``n`` and its noun: ``plural(1, "reply", "replies")`` is "1 reply", ``plural(2, "draft")`` "2 drafts"."""
    return f"{n} {one if n == 1 else (many if many is not None else one + 's')}"


def agree(n: int, one: str, many: str) -> str:
    """The verb form for ``n`` things: ``agree(1, "needs", "need")`` is "needs"."""
    return one if n == 1 else many
