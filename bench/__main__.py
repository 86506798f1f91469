"""Run the benchmarks in ``bench/`` and print one table: each figure beside its baseline from the same run.

    python -m bench [--quick] [--json PATH] [NAME…]

Every module with ``figures(quick) -> dict[str, Figure]`` takes part; the table and
``bench/results/latest.json`` hold the same keys with and without ``--quick`` (``make bench QUICK=1``),
which only measures smaller inputs (each figure's ``note`` says what it measured). A module that only has
``main()`` prints its own detail when named: ``python -m bench.NAME`` always does.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import platform
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

import bench
from bench.figures import Figure

RESULTS = Path(bench.__file__).resolve().parent / "results" / "latest.json"


def discover() -> list[str]:
    """Module names in bench/ (not private ones, not this runner), in a stable order."""
    return sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if not m.name.startswith("_"))


def table(figures: dict[str, Figure]) -> str:
    width = max((len(name) for name in figures), default=10) + 2
    lines = [
        f"{'figure':<{width}}{'value':>12} {'unit':<7}{'baseline':>12}  {'ratio':>8}  goal         baseline is"
    ]
    for name, f in figures.items():
        goal = (
            ""
            if f.goal is None
            else f"{'≥' if f.higher_is_better else '≤'}{f.goal:g} {'ok' if f.met else 'MISSED'}"
        )
        lines.append(
            f"{name:<{width}}{f.value:>12.4g} {f.unit:<7}{f.baseline:>12.4g}  {f.ratio:>8.3g}  {goal:<13}"
            f"{f.baseline_name}" + (f"  [{f.note}]" if f.note else "")
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--quick", action="store_true", help="smaller inputs, same keys, under 3 minutes")
    parser.add_argument("--json", type=Path, default=RESULTS, help=f"where to write the figures ({RESULTS})")
    args = parser.parse_args(argv)
    names = discover()
    unknown = sorted(set(args.names) - set(names))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; available: {', '.join(names)}", file=sys.stderr)
        return 2
    figures: dict[str, Figure] = {}
    seconds: dict[str, float] = {}
    failed: dict[str, str] = {}
    started_at = datetime.now(UTC)
    for name in names:
        if args.names and name not in args.names:
            continue
        module = importlib.import_module(f"bench.{name}")
        measure = getattr(module, "figures", None)
        if not callable(measure):
            if args.names and callable(getattr(module, "main", None)):
                module.main()  # named on the command line: its own detailed report
            continue
        print(f"\n=== bench.{name}{' (quick)' if args.quick else ''} ===", flush=True)
        started = time.perf_counter()
        try:
            figures.update(measure(args.quick))
        except Exception as exc:  # one broken benchmark must not lose the others' figures
            traceback.print_exc()
            failed[name] = f"{type(exc).__name__}: {exc}"
        seconds[name] = round(time.perf_counter() - started, 1)
        print(f"(bench.{name} took {seconds[name]:.1f} s)", flush=True)
    print("\n" + table(figures))
    for name, error in failed.items():
        print(f"bench.{name} FAILED: {error}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "started": started_at.isoformat(timespec="seconds"),
        "quick": args.quick,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "seconds": seconds,
        "failed": failed,
        "figures": {name: f.as_json() for name, f in figures.items()},
    }
    args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwrote {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
