"""Hand-made progress figures (`compute.figures.Progress`) for tests that need only a few."""

from __future__ import annotations

import datetime as dt
from typing import Any

from goalsheet.compute.figures import Progress, ReviewDates
from goalsheet.compute.outcomes import MeasureChange, Outcome
from goalsheet.compute.risk import CriticalAnswer, Kind
from goalsheet.compute.scoring import MeasureScore
from goalsheet.model.entries import FollowUp

DAY = dt.date(2026, 9, 1)
NO_OUTCOME = Outcome(None, None, None, None, None, None)


def made_progress(**fields: Any) -> Progress:
    """A client's figures with only `fields` set: no outcome, no review due, nothing else."""
    base: dict[str, Any] = {
        "client": "C-0999",
        "started": DAY,
        "as_of": DAY,
        "outcome": NO_OUTCOME,
        "review": ReviewDates(None, DAY, False, "6 weeks"),
    }
    return Progress(**{**base, **fields})


def critical_answer(
    date: dt.date,
    kind: Kind = "answered",
    followed_up: dt.date | None = None,
    answer: int | None = 1,
    words: str | None = "Several days",
    message: str = "follow up today",
) -> CriticalAnswer:
    """PHQ-9 item 9 raised on `date`, followed up on `followed_up` (by Sam Lee) if given."""
    answered = kind == "answered"
    follow_up = (
        None
        if followed_up is None
        else FollowUp(date=followed_up, answer_date=date, by="Sam Lee", note="phoned")
    )
    return CriticalAnswer(
        "PHQ-9",
        date,
        9,
        "item9",
        kind,
        answer if answered else None,
        words if answered else None,
        message,
        follow_up,
    )


def measure_change(
    measure: str, first: tuple[dt.date, int], latest: tuple[dt.date, int], **flags: Any
) -> MeasureChange:
    """A change between two totals; `flags` sets reliable_improvement, _deterioration,
    threshold."""

    def scored(date: dt.date, total: int) -> MeasureScore:
        return MeasureScore(measure, date, total, None, (), 9, False)

    return MeasureChange(
        measure,
        scored(*first),
        scored(*latest),
        latest[1] - first[1],
        flags.get("reliable_improvement", False),
        flags.get("reliable_deterioration", False),
        flags.get("threshold"),
    )
