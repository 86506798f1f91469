"""Benchmarks run by ``python -m bench``: each module with a ``main()`` prints its figures and ratios.

Benchmarks reuse the test support code (a throwaway Dovecot), so ``tests/`` goes on the import path; ``src/``
only when the package is not installed (a plain checkout).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))
if importlib.util.find_spec("inboxbroker") is None:
    sys.path.insert(0, str(ROOT / "src"))
