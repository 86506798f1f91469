"""`make bench` runs every benchmark: each module in bench/ with a report gives figures, and the table reads them."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_benchmark_with_a_report_gives_figures_for_the_table() -> None:
    sys.path.insert(0, str(ROOT))
    try:
        from bench.__main__ import discover

        missing = []
        for name in discover():
            module = importlib.import_module(f"bench.{name}")
            if callable(getattr(module, "main", None)) and not callable(getattr(module, "figures", None)):
                missing.append(name)
    finally:
        sys.path.remove(str(ROOT))
    assert missing == [], f"benchmarks make bench would skip: {missing}"


def test_the_table_and_the_json_carry_each_figure_with_its_baseline_and_goal(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    try:
        from bench.__main__ import table
        from bench.figures import Figure
    finally:
        sys.path.remove(str(ROOT))
    slow = Figure(20.0, 1.0, "x", "bare parse", goal=2.0)
    fast = Figure(62.0, 1.0, "x", "one per message", goal=10.0, higher_is_better=True, note="20 ms RTT")
    text = table({"e2e_cost_over_parse": slow, "imap_batched_over_single": fast})
    assert "≤2 MISSED" in text and "≥10 ok" in text and "[20 ms RTT]" in text
    assert json.loads(json.dumps(slow.as_json()))["met"] is False
    assert fast.as_json()["ratio"] == 62.0
