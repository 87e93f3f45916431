"""A client's progress as plain data: the figures a report shows, with their inputs.

Pure: takes the client's sheet and entries, the measures and the review cadence, and
`today`; returns a dict whose keys are the documented report JSON (see README).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from goalsheet.compute.attention import attention
from goalsheet.compute.goal_ratings import GboChange, gas_t_score, gbo_changes
from goalsheet.compute.outcomes import MeasureChange, measure_change, outcome
from goalsheet.compute.reviews import review_status
from goalsheet.compute.risk import critical_answers
from goalsheet.compute.scoring import MeasureScore, score
from goalsheet.compute.trends import SUMMED, Trend, levels, toward_target, trend
from goalsheet.compute.usable import Note, administrations, diary_values, ratings, week_values
from goalsheet.language.messages import _
from goalsheet.model.client import ClientSheet, Goal
from goalsheet.model.entries import EntryFile, Rating
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
    usable, notes = administrations(entries, measures, today)
    scored: dict[str, list[MeasureScore]] = {}
    answers: dict[str, list[list[int | None]]] = {}  # beside `scored`, item by item
    for entry in usable:
        scored.setdefault(entry.measure, []).append(
            score(measures[entry.measure], entry.date, entry.answers)
        )
        answers.setdefault(entry.measure, []).append(list(entry.answers))
    changes: list[tuple[MeasureDefinition, MeasureChange]] = []
    for measure_id, series in scored.items():
        change = measure_change(measures[measure_id], series)
        if change is not None:
            changes.append((measures[measure_id], change))
    result = outcome(changes)
    rated, rating_notes = ratings(sheet, entries, today)
    notes += rating_notes
    reviews = sorted((r for e in entries for r in e.reviews if r.date <= today), key=_by_date)
    status = review_status(sheet.client.started, [r.date for r in reviews], cadence, today)
    latest_gas = _latest_gas(rated)
    trends: dict[str, Trend] = {}
    for tracker in sheet.trackers:
        values, diary_notes = diary_values(tracker, entries, today)
        logged, log_notes = week_values(tracker, entries, today)
        notes += diary_notes + log_notes
        trends[tracker.id] = trend(
            tracker.id, tracker.kind, values, today, baseline_days, logged=logged
        )
    goals = [
        {
            **_goal(goal, rated, latest_gas),
            "has_data": _has_data(goal.id, sheet, rated, trends),
            "toward_target": _toward_target(goal, trends),
        }
        for goal in sheet.goals
    ]
    notes += _goal_notes(goals)
    if not (usable or rated or any(t.weeks for t in trends.values())):
        notes.insert(
            0,
            Note(
                # NOTE: what a report note is about: every kind of data.
                _("all data"),
                _("nothing recorded yet: no diary, ratings or questionnaires"),
            ),
        )
    report: dict[str, Any] = {
        "client": sheet.client.id,
        "started": sheet.client.started.isoformat(),
        "as_of": today.isoformat(),
        "critical": [c.json() for c in critical_answers(entries, measures, today)],
        "measures": [
            {
                "measure": s.measure,
                "date": s.date.isoformat(),
                "total": s.total,
                "band": s.band,
                "flags": list(s.flags),
                "answered": s.answered,
                "prorated": s.prorated,
                "answers": given,
            }
            for measure_id, series in scored.items()
            for s, given in zip(series, answers[measure_id], strict=True)
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
        "goals": goals,
        "gas_t_score": _rounded(
            gas_t_score([(gas, weight) for gas, weight in latest_gas.values()]), 1
        ),
        "trends": [_trend_json(t) for t in trends.values() if t.weeks],
        "review": {
            "last": status.last.isoformat() if status.last else None,
            "next_due": status.next_due.isoformat(),
            "overdue": status.overdue,
            "cadence": cadence,
        },
        "reviews": [
            {
                "date": r.date.isoformat(),
                "progress": r.progress,
                "helped": r.helped,
                "in_the_way": r.in_the_way,
                "next": r.next,
                "feedback": r.feedback,
                "goals": list(r.goals),
            }
            for r in reviews
        ],
        "notes": [note.json() for note in notes],
    }
    report["attention"] = attention(report)
    return report


def _latest_gas(ratings: list[Rating]) -> dict[str, tuple[int, float]]:
    latest: dict[str, tuple[dt.date, int, float]] = {}
    for r in ratings:
        if r.gas is not None and (r.goal not in latest or r.date >= latest[r.goal][0]):
            latest[r.goal] = (r.date, r.gas, float(r.weight or 1))
    return {goal: (gas, weight) for goal, (_, gas, weight) in latest.items()}


def _goal(
    goal: Goal, rated: list[Rating], latest_gas: dict[str, tuple[int, float]]
) -> dict[str, Any]:
    own = [r for r in rated if r.goal == goal.id]
    gbo = gbo_changes(
        [(r.date, r.goal, r.rater, r.gbo) for r in own if r.gbo is not None and r.rater]
    )
    gas = latest_gas.get(goal.id)
    return {
        "id": goal.id,
        "title": goal.title,
        "status": goal.status,
        "gbo": {
            c.rater: {
                "first": c.first,
                "latest": c.latest,
                "change": c.change,
                "first_date": c.first_date.isoformat(),
                "latest_date": c.latest_date.isoformat(),
                "ratings": sum(1 for r in own if r.rater == c.rater and r.gbo is not None),
            }
            for c in gbo
        },
        "ratings": [
            {"date": r.date.isoformat(), "rater": r.rater, "gbo": r.gbo, "gas": r.gas} for r in own
        ],
        "gas": {"latest": gas[0], "weight": gas[1]} if gas else None,
        "agreement": _agreement(gbo),
    }


def _agreement(gbo: list[GboChange]) -> dict[str, Any] | None:
    """The raters' latest GBO ratings side by side, and how far apart they are."""
    if len(gbo) < 2:
        return None
    latest = {c.rater: c.latest for c in gbo}
    return {"latest": latest, "spread": max(latest.values()) - min(latest.values())}


def _goal_notes(goals: list[dict[str, Any]]) -> list[Note]:
    notes = []
    for goal in goals:
        single = sorted(rater for rater, c in goal["gbo"].items() if c["ratings"] == 1)
        if single and goal["status"] == "active":
            notes.append(
                Note(
                    _("goal '{goal}'").format(goal=goal["id"]),
                    _(
                        "one rating so far from {raters}: change shows from the second rating"
                    ).format(raters=", ".join(single)),
                )
            )
    return notes


def _by_date(record: Any) -> dt.date:
    date: dt.date = record.date
    return date


def _has_data(
    goal_id: str, sheet: ClientSheet, rated: list[Rating], trends: dict[str, Trend]
) -> bool:
    """A rating of the goal, or a diary or weekly-log value for a tracker linked to it."""
    if any(r.goal == goal_id for r in rated):
        return True
    linked = {t.id for t in sheet.trackers if goal_id in t.goals}
    linked |= {
        g.measure.tracker
        for g in sheet.goals
        if g.id == goal_id and g.measure and g.measure.tracker
    }
    return any(trends[t].weeks for t in linked if t in trends)


def _trend_json(t: Trend) -> dict[str, Any]:
    period, points = levels(t)
    return {
        "tracker": t.tracker,
        "kind": t.kind,
        "days": t.days,
        "baseline_mean": _rounded(t.baseline_mean),
        "recent_mean": _rounded(t.recent_mean),
        "weeks": [
            {
                "start": w.start.isoformat(),
                "days": w.days,
                "level": round(w.level, 2),
                "logged": w.logged,
            }
            for w in t.weeks
        ],
        "logged_weeks": sum(w.logged for w in t.weeks),
        "by_weekday": t.by_weekday,
        "chart": {
            "period": period,
            "points": [
                {
                    "start": p.start.isoformat(),
                    "level": None if p.level is None else round(p.level, 2),
                    "days": p.days,
                }
                for p in points
            ],
        },
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
