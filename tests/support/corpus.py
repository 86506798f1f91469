"""Where the shared real-world corpus lives, and how tests skip when it is absent.

The corpus (../shared/corpus) is read, never copied. Outside CI a missing corpus skips the test;
in CI (CI=true) it fails, because a skipped measurement there would hide a regression.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(os.environ.get("INBOXBROKER_CORPUS", ROOT.parent / "shared" / "corpus"))


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_service(available: bool, what: str) -> None:
    """Skip a test whose service is missing, except in CI where that is a failure."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{what} is required in CI but is not available")
    pytest.skip(f"{what} is not available")


def corpus_dir(*parts: str) -> Path:
    path = CORPUS.joinpath(*parts)
    require_service(path.exists(), f"the shared corpus ({path})")
    return path
