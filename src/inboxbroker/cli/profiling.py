"""``--profile FILE``: where a command's time goes, from the standard library's cProfile.

The report is a pstats file: ``python -m pstats FILE`` then ``sort cumulative`` / ``stats 30``, or any viewer
that reads pstats (snakeviz, for one). Written when the command ends, also when it fails or exits non-zero.
"""

from __future__ import annotations

import cProfile
import sys
from collections.abc import Callable
from pathlib import Path


def start_profile(path: str) -> Callable[[], None]:
    """Start profiling now; the returned callable stops it and writes the report to ``path``."""
    profile = cProfile.Profile()
    profile.enable()

    def finish() -> None:
        profile.disable()
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        profile.dump_stats(target)
        print(f"profile written to {target}; read it with: python -m pstats {target}", file=sys.stderr)

    return finish
