"""Goal ratings: GBO movement per goal and rater, and the GAS T-score.

GBO (0-10): progress is the movement from a rater's first to their latest rating of a goal.
GAS (-2..+2): T = 50 + 10 * sum(w*x) / sqrt((1 - rho) * sum(w^2) + rho * sum(w)^2),
with rho = 0.3 and weights 1 unless given (Kiresuk & Sherman).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

GAS_RHO = 0.3


@dataclass(frozen=True)
class GboChange:
    goal: str
    rater: str
    first: float
    latest: float
    first_date: dt.date
    latest_date: dt.date

    @property
    def change(self) -> float:
        return self.latest - self.first


def gbo_changes(ratings: list[tuple[dt.date, str, str, float]]) -> list[GboChange]:
    """(date, goal, rater, score) ratings to one change per goal and rater, sorted."""
    by_key: dict[tuple[str, str], list[tuple[dt.date, float]]] = {}
    for date, goal, rater, score in ratings:
        by_key.setdefault((goal, rater), []).append((date, score))
    changes = []
    for (goal, rater), series in sorted(by_key.items()):
        series.sort()
        (first_date, first), (latest_date, latest) = series[0], series[-1]
        changes.append(GboChange(goal, rater, first, latest, first_date, latest_date))
    return changes


def gas_t_score(scores: list[tuple[int, float]], rho: float = GAS_RHO) -> float | None:
    """The GAS T-score of (attainment -2..+2, weight) pairs; None for no goals."""
    if not scores:
        return None
    weighted = sum(weight * attainment for attainment, weight in scores)
    weights = [weight for _, weight in scores]
    denominator = math.sqrt((1 - rho) * sum(w * w for w in weights) + rho * sum(weights) ** 2)
    return 50 + 10 * weighted / denominator
