"""The charts of one client's report, drawn from the progress figures.

Measures over their severity bands, with the dates a critical item was raised (and a small
trend chart of each for the first page), each goal's ratings (one line per rater, or the
client's own for the client report), and each tracker's weekly or monthly levels on the
tracker's own scale, with the levels that come from the weekly log marked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from goalsheet.compute.figures import GoalProgress, Progress, TrackerTrend
from goalsheet.compute.risk import CriticalAnswer
from goalsheet.compute.trends import SUMMED
from goalsheet.language.messages import _
from goalsheet.language.terms import term
from goalsheet.model.client import ClientSheet, RatingTracker, Tracker
from goalsheet.model.measures import MeasureDefinition
from goalsheet.render.chart_frame import WIDTH_IN, day
from goalsheet.render.charts import (
    BandShade,
    Chart,
    CriticalMark,
    MeasurePoint,
    level_chart,
    measure_chart,
    rating_chart,
)
from goalsheet.render.small_chart import SMALL_WIDTH_IN, small_measure_chart

# Raters in the order their lines are drawn and named in a legend.
RATER_ORDER = ("client", "parent", "therapist")
DAYS_IN_WEEK = 7


def measure_charts(
    figures: Progress, measures: dict[str, MeasureDefinition], width_in: float = WIDTH_IN
) -> dict[str, Chart]:
    """One chart per measure the client has answered, keyed by measure ID, with the dates
    a critical item was raised (open or followed up) marked on it. `width_in` is the width
    the chart is printed at (3.2 beside a table), so its text stays readable."""
    charts = {}
    for index, (measure_id, points) in enumerate(_series(figures).items()):
        definition = measures[measure_id]
        charts[measure_id] = measure_chart(
            f"m{index}",
            measure_id,
            points,
            [BandShade(b.min, b.max, _(b.label)) for b in definition.bands],
            _scale(definition),
            definition.cutoff,
            definition.reliable_change,
            higher_is_worse=definition.higher_is_worse,
            critical=critical_marks(figures, definition),
            width_in=width_in,
        )
    return charts


def small_measure_charts(
    figures: Progress,
    measures: dict[str, MeasureDefinition],
    width_in: float = SMALL_WIDTH_IN,
) -> dict[str, Chart]:
    """A small trend chart per measure the client has answered (about 2.2 by 0.8 inches, or
    `width_in` wide), keyed by measure ID: for the clinician report's first page."""
    return {
        measure_id: small_measure_chart(
            f"s{index}",
            measure_id,
            points,
            _scale(measures[measure_id]),
            measures[measure_id].cutoff,
            width_in,
        )
        for index, (measure_id, points) in enumerate(_series(figures).items())
    }


def critical_marks(figures: Progress, definition: MeasureDefinition) -> list[CriticalMark]:
    """The measure's critical answers (open or followed up) as marks for its chart."""
    at_least = {flag.item: flag.at_least for flag in definition.flags}
    marks = []
    for answer in figures.critical:
        if answer.measure != definition.id:
            continue
        item = answer.item
        answered = answer.kind == "answered"
        if answered:
            # NOTE: a legend entry on a questionnaire's chart, e.g. "item 9 answered above 0".
            label = _("item {item} answered above {below}").format(
                item=item, below=at_least.get(item, 1) - 1
            )
        else:
            # NOTE: a legend entry: a critical item left blank or unreadable, a reason to ask.
            label = _("item {item} blank or unclear: ask").format(item=item)
        marks.append(CriticalMark(answer.date, label, answered, _critical_cell(answer)))
    return marks


def _critical_cell(answer: CriticalAnswer) -> str:
    """A critical answer and its follow-up, for a chart's table and description."""
    follow_up = answer.follow_up
    if follow_up is None:
        # NOTE: a critical questionnaire answer in a chart's table, e.g. "item 9: 1 (Several
        # days), not followed up yet".
        return _("item {item}: {answer}, not followed up yet").format(
            item=answer.item, answer=answer.answer_text()
        )
    # NOTE: a critical questionnaire answer in a chart's table, with who followed it up when.
    return _("item {item}: {answer}, followed up on {date} by {by}").format(
        item=answer.item,
        answer=answer.answer_text(),
        date=day(follow_up.date),
        by=follow_up.by,
    )


def _series(figures: Progress) -> dict[str, list[MeasurePoint]]:
    """Each measure's administrations in the figures' order (oldest first)."""
    series: dict[str, list[MeasurePoint]] = {}
    for administration in figures.measures:
        series.setdefault(administration.measure, []).append(
            MeasurePoint(administration.date, administration.total)
        )
    return series


def _scale(definition: MeasureDefinition) -> tuple[int, int]:
    """The lowest and highest total the measure can have."""
    return definition.items * definition.item_min, definition.items * definition.item_max


def goal_charts(
    goals: Sequence[GoalProgress], raters: dict[str, str] | None = None
) -> dict[str, Chart]:
    """One GBO chart per goal with ratings, keyed by goal ID; if `raters` is given, only
    those raters, under the names it gives them ({"client": "your rating"}). Raters are
    drawn in a fixed order and style (client, parent, therapist, then others)."""
    charts = {}
    for index, goal in enumerate(goals):
        by_rater: dict[str, list[tuple[dt.date, float]]] = {}
        for rating in goal.ratings:
            if rating.gbo is None or rating.rater is None:
                continue
            if raters is not None and rating.rater not in raters:
                continue
            by_rater.setdefault(rating.rater, []).append((rating.date, float(rating.gbo)))
        if not by_rater:
            continue
        roles = sorted(by_rater, key=_rater_rank)
        charts[goal.id] = rating_chart(
            f"g{index}",
            _("Ratings of “{title}” (0 to 10)").format(title=goal.title),
            {(raters[r] if raters else term(r)): by_rater[r] for r in roles},
            ylabel=_("rating (0-10)"),
            roles=roles,
        )
    return charts


def _rater_rank(rater: str) -> tuple[int, str]:
    return (RATER_ORDER.index(rater) if rater in RATER_ORDER else len(RATER_ORDER), rater)


def tracker_charts(figures: Progress, sheet: ClientSheet) -> dict[str, Chart]:
    """One chart per tracker with numbers in the diary or weekly log, keyed by tracker ID."""
    trackers = {t.id: t for t in sheet.trackers}
    charts = {}
    for index, data in enumerate(figures.trends):
        tracker = trackers.get(data.tracker)
        points = data.points
        if tracker is None or not any(p.level is not None for p in points):
            continue
        period = data.period
        charts[tracker.id] = level_chart(
            f"t{index}",
            _("{label}: {meaning}").format(
                label=_(tracker.label), meaning=level_words(tracker, period)
            ),
            period,
            [(p.start, p.level) for p in points],
            level_words(tracker, period),
            whole_numbers=tracker.kind in SUMMED,
            target=_weekly_target(tracker, sheet),
            baseline=_baseline(data),
            logged=_logged(data, period),
            scale=_tracker_scale(tracker),
        )
    return charts


def level_words(tracker: Tracker, period: str) -> str:
    """What a tracker's chart level means, in words: "days ticked per week", "mean rating"."""
    monthly = period == "month"
    if tracker.kind == "yesno":
        return (
            _("days ticked per week, by month") if monthly else _("days ticked per week, by week")
        )
    if tracker.kind == "duration":
        return _("minutes per week, by month") if monthly else _("minutes per week, by week")
    if tracker.kind == "count":
        unit = getattr(tracker, "unit", None) or _("times")
        text = _("{unit} per week, by month") if monthly else _("{unit} per week, by week")
        return text.format(unit=unit)
    return _("average rating, by month") if monthly else _("average rating, by week")


def _tracker_scale(tracker: Tracker) -> tuple[float, float] | None:
    """The fixed range of a tracker's chart: a rating's own scale (1-10 mood is drawn 1 to
    10), 0 to 7 days ticked a week; None for counts and minutes, drawn from 0 up."""
    if isinstance(tracker, RatingTracker):
        return float(tracker.min), float(tracker.max)
    if tracker.kind == "yesno":
        return 0.0, float(DAYS_IN_WEEK)
    return None


def _weekly_target(tracker: Tracker, sheet: ClientSheet) -> float | None:
    """A linked goal's target when it is on the same footing as the chart's level."""
    for goal in sheet.goals:
        measure = goal.measure
        if measure is None or measure.tracker != tracker.id or measure.target is None:
            continue
        if tracker.kind in SUMMED and "week" not in (measure.unit or ""):
            return None
        return measure.target
    return None


def _baseline(trend: TrackerTrend) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the baseline fortnight, when there was one. It is taken
    from the diary's days, so it starts in the first week with days in the diary."""
    daily = [w for w in trend.weeks if not w.logged]
    if trend.baseline_mean is None or not daily:
        return None
    first = daily[0].start
    return first, first + dt.timedelta(days=13)


def _logged(trend: TrackerTrend, period: str) -> set[dt.date]:
    """The chart's periods (Mondays, or firsts of months) whose level uses the weekly log."""
    starts = {w.start for w in trend.weeks if w.logged}
    if period == "month":
        return {start.replace(day=1) for start in starts}
    return starts
