"""The charts of one client's report, drawn from the progress figures.

Measures over their severity bands, each goal's ratings (one line per rater, or the client's
own for the client report), and each tracker's weekly or monthly levels, with the levels
that come from the weekly log marked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from goalsheet.compute.trends import SUMMED
from goalsheet.language.messages import _
from goalsheet.language.terms import term
from goalsheet.model.client import ClientSheet, Tracker
from goalsheet.model.measures import MeasureDefinition
from goalsheet.render.charts import (
    BandShade,
    Chart,
    MeasurePoint,
    level_chart,
    measure_chart,
    rating_chart,
)


def measure_charts(
    figures: dict[str, Any], measures: dict[str, MeasureDefinition]
) -> dict[str, Chart]:
    """One chart per measure the client has answered, keyed by measure ID."""
    series: dict[str, list[MeasurePoint]] = {}
    for administration in figures["measures"]:
        series.setdefault(administration["measure"], []).append(
            MeasurePoint(dt.date.fromisoformat(administration["date"]), administration["total"])
        )
    charts = {}
    for index, (measure_id, points) in enumerate(series.items()):
        definition = measures[measure_id]
        charts[measure_id] = measure_chart(
            f"m{index}",
            measure_id,
            points,
            [BandShade(b.min, b.max, _(b.label)) for b in definition.bands],
            (definition.items * definition.item_min, definition.items * definition.item_max),
            definition.cutoff,
            definition.reliable_change,
        )
    return charts


def goal_charts(figures: dict[str, Any], raters: dict[str, str] | None = None) -> dict[str, Chart]:
    """One GBO chart per goal with ratings, keyed by goal ID; if `raters` is given, only
    those raters, under the names it gives them ({"client": "your rating"})."""
    charts = {}
    for index, goal in enumerate(figures["goals"]):
        series: dict[str, list[tuple[dt.date, float]]] = {}
        for rating in goal["ratings"]:
            if rating["gbo"] is None or (raters is not None and rating["rater"] not in raters):
                continue
            name = raters[rating["rater"]] if raters else term(rating["rater"])
            series.setdefault(name, []).append(
                (dt.date.fromisoformat(rating["date"]), float(rating["gbo"]))
            )
        if series:
            charts[goal["id"]] = rating_chart(
                f"g{index}",
                _("Ratings of “{title}” (0 to 10)").format(title=goal["title"]),
                series,
                ylabel=_("rating (0-10)"),
            )
    return charts


def tracker_charts(figures: dict[str, Any], sheet: ClientSheet) -> dict[str, Chart]:
    """One chart per tracker with numbers in the diary or weekly log, keyed by tracker ID."""
    trackers = {t.id: t for t in sheet.trackers}
    charts = {}
    for index, data in enumerate(figures["trends"]):
        tracker = trackers.get(data["tracker"])
        points = data["chart"]["points"]
        if tracker is None or not any(p["level"] is not None for p in points):
            continue
        period = data["chart"]["period"]
        charts[tracker.id] = level_chart(
            f"t{index}",
            _("{label}: {meaning}").format(
                label=_(tracker.label), meaning=level_words(tracker, period)
            ),
            period,
            [(dt.date.fromisoformat(p["start"]), p["level"]) for p in points],
            level_words(tracker, period),
            whole_numbers=tracker.kind in SUMMED,
            target=_weekly_target(tracker, sheet),
            baseline=_baseline(data),
            logged=_logged(data, period),
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


def _baseline(trend: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the baseline fortnight, when there was one. It is taken
    from the diary's days, so it starts in the first week with days in the diary."""
    daily = [w for w in trend["weeks"] if not w.get("logged")]
    if trend["baseline_mean"] is None or not daily:
        return None
    first = dt.date.fromisoformat(daily[0]["start"])
    return first, first + dt.timedelta(days=13)


def _logged(trend: dict[str, Any], period: str) -> set[dt.date]:
    """The chart's periods (Mondays, or firsts of months) whose level uses the weekly log."""
    starts = {dt.date.fromisoformat(w["start"]) for w in trend["weeks"] if w.get("logged")}
    if period == "month":
        return {start.replace(day=1) for start in starts}
    return starts
