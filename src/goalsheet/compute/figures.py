"""A client's progress as typed records: what `compute.progress` returns.

The report JSON (`report/report_json.py`) and the report templates read these; dates are
dates here and become ISO text only at that edge. Figures a report shows rounded (trend
means and levels) are rounded here, so every reader sees the same numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from goalsheet.compute.outcomes import MeasureChange, Outcome
from goalsheet.compute.risk import CriticalAnswer
from goalsheet.compute.trends import Level, Week
from goalsheet.compute.usable import Note
from goalsheet.model.entries import Rating, Review


@dataclass(frozen=True)
class Administration:
    """One questionnaire as scored, with the answers it was scored from."""

    measure: str
    date: dt.date
    total: int | None  # None when too many items are unanswered to score
    band: str | None
    flags: tuple[str, ...] = ()  # "item9" when PHQ-9 item 9 is above 0
    answered: int = 0
    prorated: bool = False
    answers: tuple[int | None, ...] = ()


@dataclass(frozen=True)
class RaterChange:
    """One rater's GBO ratings of one goal: first, latest and how many."""

    rater: str
    first: float
    latest: float
    first_date: dt.date
    latest_date: dt.date
    ratings: int

    @property
    def change(self) -> float:
        return self.latest - self.first


@dataclass(frozen=True)
class GasRating:
    """A goal's latest GAS attainment (-2..+2) and its weight."""

    latest: int
    weight: float


@dataclass(frozen=True)
class Agreement:
    """The raters' latest GBO ratings of a goal side by side, and how far apart they are."""

    latest: dict[str, float]
    spread: float


@dataclass(frozen=True)
class GoalProgress:
    """One goal's ratings and what they show."""

    id: str
    title: str
    status: str = "active"
    gbo: dict[str, RaterChange] = field(default_factory=dict)  # by rater, in rater order
    ratings: tuple[Rating, ...] = ()  # every rating of the goal, oldest first
    gas: GasRating | None = None
    agreement: Agreement | None = None  # None with fewer than two raters
    has_data: bool = False  # a rating, or a diary or weekly-log value of a linked tracker
    toward_target: float | None = None  # percent of the way from baseline to target


@dataclass(frozen=True)
class TrackerTrend:
    """A tracker's trend as a report shows it: means and levels rounded to 2 places."""

    tracker: str
    kind: str
    days: int
    baseline_mean: float | None
    recent_mean: float | None
    weeks: tuple[Week, ...]
    by_weekday: dict[str, float]
    period: str  # "week" or "month": how its chart groups the levels
    points: tuple[Level, ...]  # the chart's levels, a None level for a gap

    @property
    def logged_weeks(self) -> int:
        return sum(w.logged for w in self.weeks)


@dataclass(frozen=True)
class AttentionItem:
    """One thing for the clinician to look at; which fields are set depends on `kind`."""

    kind: str  # critical, deterioration, review_overdue, no_data or disagreement
    urgent: bool
    message: str
    measure: str | None = None  # critical, deterioration
    date: dt.date | None = None  # critical: the answer's date
    item: int | None = None  # critical
    goals: tuple[str, ...] = ()  # no_data: the goals' IDs
    goal: str | None = None  # disagreement


@dataclass(frozen=True)
class ReviewDates:
    """When the goals were last reviewed, when next due, and the cadence."""

    last: dt.date | None
    next_due: dt.date
    overdue: bool
    cadence: str


@dataclass(frozen=True)
class Progress:
    """Every computed figure for one client as of `as_of`."""

    client: str
    started: dt.date
    as_of: dt.date
    outcome: Outcome
    review: ReviewDates
    critical: tuple[CriticalAnswer, ...] = ()
    measures: tuple[Administration, ...] = ()  # by measure, each in date order
    changes: tuple[MeasureChange, ...] = ()
    goals: tuple[GoalProgress, ...] = ()
    gas_t_score: float | None = None
    trends: tuple[TrackerTrend, ...] = ()  # trackers with at least one week
    reviews: tuple[Review, ...] = ()  # oldest first
    notes: tuple[Note, ...] = ()
    attention: tuple[AttentionItem, ...] = ()
