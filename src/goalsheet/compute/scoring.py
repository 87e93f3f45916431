"""Questionnaire scoring: totals, bands and item flags, exactly as the measure's data says.

Missing items: an administration with at most `max_missing` unanswered items is prorated
(mean of the answered items times the number of items, rounded half up); with more it has
no total. Item flags (PHQ-9 item 9) are raised from the answers whatever the total.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from goalsheet.model.measures import MeasureDefinition


@dataclass(frozen=True)
class MeasureScore:
    measure: str
    date: dt.date
    total: int | None  # None when too many items are unanswered to score
    band: str | None
    flags: tuple[str, ...]
    answered: int
    prorated: bool


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def score(definition: MeasureDefinition, date: dt.date, answers: list[int | None]) -> MeasureScore:
    """Score one administration. `answers` has one entry per item, None if unanswered."""
    if len(answers) != definition.items:
        raise ValueError(
            f"{definition.id} has {definition.items} items, got {len(answers)} answers"
        )
    values = [
        _reversed(definition, number, answer)
        for number, answer in enumerate(answers, start=1)
        if answer is not None
    ]
    missing = definition.items - len(values)
    total: int | None = None
    if values and missing <= definition.max_missing:
        total = round_half_up(sum(values) * definition.items / len(values))
    flags = tuple(
        flag.flag
        for flag in definition.flags
        if (answer := answers[flag.item - 1]) is not None and answer >= flag.at_least
    )
    return MeasureScore(
        definition.id,
        date,
        total,
        band(definition, total),
        flags,
        len(values),
        missing > 0 and total is not None,
    )


def _reversed(definition: MeasureDefinition, number: int, answer: int) -> int:
    if number in definition.reverse:
        return definition.item_min + definition.item_max - answer
    return answer


def band(definition: MeasureDefinition, total: int | None) -> str | None:
    """The severity band a total falls in, or None."""
    if total is None:
        return None
    return next((b.label for b in definition.bands if b.min <= total <= b.max), None)


def is_case(definition: MeasureDefinition, total: int | None) -> bool | None:
    """At or above the measure's cut-off; None if there is no cut-off or no total."""
    if definition.cutoff is None or total is None:
        return None
    return total >= definition.cutoff


def jacobson_truax_threshold(sd: float, reliability: float) -> float:
    """The smallest reliable change: 1.96 * sqrt(2) * SD * sqrt(1 - r) (Jacobson & Truax 1991)."""
    return 1.96 * math.sqrt(2) * sd * math.sqrt(1 - reliability)
