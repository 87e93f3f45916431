"""A client's progress as plain data: the figures a report shows, with their inputs.

Pure: takes the client's sheet and entries, the measures and the review cadence, and
`today`; returns a dict whose keys are the documented report JSON (see README).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from goalsheet.compute.goal_ratings import gas_t_score, gbo_changes
from goalsheet.compute.outcomes import MeasureChange, measure_change, outcome
from goalsheet.compute.reviews import review_status
from goalsheet.compute.scoring import MeasureScore, score
from goalsheet.compute.trends import SUMMED, Trend, toward_target, trend
from goalsheet.model.client import ClientSheet, Goal
from goalsheet.model.entries import EntryFile
from goalsheet.model.measures import MeasureDefinition


def progress(
    sheet: ClientSheet,
    entries: list[EntryFile],
    measures: dict[str, MeasureDefinition],
    cadence: str,
    today: dt.date,
    baseline_days: int = 14,
) -> dict[str, Any]:
    """Every computed figure for one client as of `today` (later entries are left out)."""
    administrations = [
        m for e in entries for m in e.measures if m.date <= today and m.measure in measures
    ]
    scored: dict[str, list[MeasureScore]] = {}
    for entry in sorted(administrations, key=lambda m: m.date):
        definition = measures[entry.measure]
        if len(entry.answers) == definition.items:
            scored.setdefault(entry.measure, []).append(
                score(definition, entry.date, entry.answers)
            )
    changes: list[tuple[MeasureDefinition, MeasureChange]] = []
    for measure_id, series in scored.items():
        change = measure_change(measures[measure_id], series)
        if change is not None:
            changes.append((measures[measure_id], change))
    result = outcome(changes)
    ratings = [r for e in entries for r in e.ratings if r.date <= today]
    reviews = [r.date for e in entries for r in e.reviews]
    status = review_status(sheet.client.started, reviews, cadence, today)
    latest_gas = _latest_gas(ratings)
    trends = {t.id: _trend(t.id, t.kind, entries, today, baseline_days) for t in sheet.trackers}
    return {
        "client": sheet.client.id,
        "as_of": today.isoformat(),
        "measures": [
            {
                "measure": s.measure,
                "date": s.date.isoformat(),
                "total": s.total,
                "band": s.band,
                "flags": list(s.flags),
                "answered": s.answered,
                "prorated": s.prorated,
            }
            for series in scored.values()
            for s in series
        ],
        "changes": [
            {
                "measure": c.measure,
                "first": {"date": c.first.date.isoformat(), "total": c.first.total},
                "latest": {"date": c.latest.date.isoformat(), "total": c.latest.total},
                "change": c.change,
                "threshold": d.reliable_change,
                "reliable_improvement": c.reliable_improvement,
                "reliable_deterioration": c.reliable_deterioration,
            }
            for d, c in changes
        ],
        "outcome": {
            "caseness_first": result.caseness_first,
            "caseness_latest": result.caseness_latest,
            "reliable_improvement": result.reliable_improvement,
            "reliable_deterioration": result.reliable_deterioration,
            "recovery": result.recovery,
            "reliable_recovery": result.reliable_recovery,
            "category": result.category,
        },
        "goals": [
            {
                **_goal(goal.id, goal.status, ratings, latest_gas),
                "has_data": _has_data(goal.id, sheet, ratings, entries, today),
                "toward_target": _toward_target(goal, trends),
            }
            for goal in sheet.goals
        ],
        "gas_t_score": _rounded(
            gas_t_score([(gas, weight) for gas, weight in latest_gas.values()]), 1
        ),
        "trends": [_trend_json(t) for t in trends.values() if t.days],
        "review": {
            "last": status.last.isoformat() if status.last else None,
            "next_due": status.next_due.isoformat(),
            "overdue": status.overdue,
            "cadence": cadence,
        },
    }


def _latest_gas(ratings: list[Any]) -> dict[str, tuple[int, float]]:
    latest: dict[str, tuple[dt.date, int, float]] = {}
    for r in ratings:
        if r.gas is not None and (r.goal not in latest or r.date >= latest[r.goal][0]):
            latest[r.goal] = (r.date, r.gas, float(r.weight or 1))
    return {goal: (gas, weight) for goal, (_, gas, weight) in latest.items()}


def _goal(
    goal_id: str, status: str, ratings: list[Any], latest_gas: dict[str, tuple[int, float]]
) -> dict[str, Any]:
    gbo = gbo_changes(
        [
            (r.date, r.goal, r.rater, r.gbo)
            for r in ratings
            if r.goal == goal_id and r.gbo is not None
        ]
    )
    gas = latest_gas.get(goal_id)
    return {
        "id": goal_id,
        "status": status,
        "gbo": {c.rater: {"first": c.first, "latest": c.latest, "change": c.change} for c in gbo},
        "gas": {"latest": gas[0], "weight": gas[1]} if gas else None,
    }


def _has_data(
    goal_id: str, sheet: ClientSheet, ratings: list[Any], entries: list[EntryFile], today: dt.date
) -> bool:
    """A rating of the goal, or a diary value for a tracker linked to it."""
    if any(r.goal == goal_id for r in ratings):
        return True
    trackers = {t.id for t in sheet.trackers if goal_id in t.goals}
    trackers |= {
        g.measure.tracker
        for g in sheet.goals
        if g.id == goal_id and g.measure and g.measure.tracker
    }
    return any(
        values.get(t) is not None
        for e in entries
        for day, values in e.diary.items()
        if day <= today
        for t in trackers
    )


def _trend(
    tracker: str, kind: str, entries: list[EntryFile], today: dt.date, baseline_days: int
) -> Trend:
    values = {day: v[tracker] for e in entries for day, v in e.diary.items() if tracker in v}
    return trend(tracker, kind, values, today, baseline_days)


def _trend_json(t: Trend) -> dict[str, Any]:
    return {
        "tracker": t.tracker,
        "kind": t.kind,
        "days": t.days,
        "baseline_mean": _rounded(t.baseline_mean),
        "recent_mean": _rounded(t.recent_mean),
        "weeks": [
            {"start": w.start.isoformat(), "days": w.days, "level": round(w.level, 2)}
            for w in t.weeks
        ],
        "by_weekday": t.by_weekday,
    }


def _toward_target(goal: Goal, trends: dict[str, Trend]) -> float | None:
    """Progress from the goal's baseline to its target, from its tracker's last fortnight.

    Counts, minutes and ticks are read per week (recent daily mean x 7) when the goal's unit
    says "week"; ratings as the recent mean. Other units are not guessed at.
    """
    measure = goal.measure
    if measure is None or measure.baseline is None or measure.target is None:
        return None
    linked = trends.get(measure.tracker or "")
    if linked is None or linked.recent_mean is None:
        return None
    if linked.kind in SUMMED:
        if "week" not in (measure.unit or ""):
            return None
        now = linked.recent_mean * 7
    else:
        now = linked.recent_mean
    return toward_target(measure.baseline, measure.target, now)


def _rounded(value: float | None, places: int = 2) -> float | None:
    return None if value is None else round(value, places)
