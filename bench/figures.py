"""One benchmark figure beside the baseline it was measured against in the same run; what ``make bench`` prints."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Figure:
    value: float
    baseline: float
    unit: str
    baseline_name: str
    goal: float | None = None  # a ceiling on ``ratio`` (or a floor, with ``higher_is_better``)
    higher_is_better: bool = False
    note: str = ""  # what was measured, when it is not what the key says in full (``--quick``)

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("nan")

    @property
    def met(self) -> bool | None:
        if self.goal is None:
            return None
        return self.ratio >= self.goal if self.higher_is_better else self.ratio <= self.goal

    def describe(self) -> str:
        goal = ""
        if self.goal is not None:
            goal = f"  goal {'≥' if self.higher_is_better else '≤'} {self.goal:g}: {'met' if self.met else 'MISSED'}"
        return (
            f"{self.value:>10.3g} {self.unit:<6} baseline {self.baseline:>10.3g} ({self.baseline_name})"
            f"  ratio {self.ratio:.2f}{goal}"
        )

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "ratio": self.ratio, "met": self.met}
