"""A client's progress: the figures a report shows, with their inputs.

Pure: takes the client's sheet and entries, the measures and the review cadence, and
`today`; returns a `Progress` (compute/figures.py). `report/report_json.py` turns it into
the documented report JSON (see README).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from goalsheet.compute.attention import attention
from goalsheet.compute.figures import Administration, Progress, ReviewDates, TrackerTrend
from goalsheet.compute.goal_progress import goal_notes, goal_progress, latest_gas
from goalsheet.compute.goal_ratings import gas_t_score
from goalsheet.compute.outcomes import MeasureChange, measure_change, outcome
from goalsheet.compute.reviews import review_status
from goalsheet.compute.risk import critical_answers
from goalsheet.compute.scoring import MeasureScore, score
from goalsheet.compute.trends import Level, Trend, Week, levels, trend
from goalsheet.compute.usable import Note, administrations, diary_values, ratings, week_values
from goalsheet.language.messages import _
from goalsheet.model.client import ClientSheet
from goalsheet.model.entries import EntryFile, MeasureEntry, Review
from goalsheet.model.measures import MeasureDefinition


@dataclass(frozen=True)
class _Scored:
    """The questionnaires that could be scored, by measure, and what changed on each."""

    administrations: tuple[Administration, ...]
    changes: tuple[MeasureChange, ...]


def progress(
    sheet: ClientSheet,
    entries: list[EntryFile],
    measures: dict[str, MeasureDefinition],
    cadence: str,
    today: dt.date,
    baseline_days: int = 14,
) -> Progress:
    """Every computed figure for one client as of `today` (later entries are left out)."""
    usable, notes = administrations(entries, measures, today)
    scored = _scored(usable, measures)
    rated, rating_notes = ratings(sheet, entries, today)
    trends, trend_notes = _trends(sheet, entries, today, baseline_days)
    gas = latest_gas(rated)
    goals = tuple(goal_progress(goal, sheet, rated, gas, trends) for goal in sheet.goals)
    notes += rating_notes + trend_notes + goal_notes(goals)
    if not (usable or rated or any(t.weeks for t in trends.values())):
        notes.insert(
            0,
            Note(
                # NOTE: what a report note is about: every kind of data.
                _("all data"),
                _("nothing recorded yet: no diary, ratings or questionnaires"),
            ),
        )
    reviews = tuple(sorted((r for e in entries for r in e.reviews if r.date <= today), key=_on))
    review = _review_dates(sheet, reviews, cadence, today)
    critical = tuple(critical_answers(entries, measures, today))
    return Progress(
        client=sheet.client.id,
        started=sheet.client.started,
        as_of=today,
        outcome=outcome([(measures[c.measure], c) for c in scored.changes]),
        review=review,
        critical=critical,
        measures=scored.administrations,
        changes=scored.changes,
        goals=goals,
        gas_t_score=_rounded(gas_t_score(list(gas.values())), 1),
        trends=tuple(_tracker_trend(t) for t in trends.values() if t.weeks),
        reviews=reviews,
        notes=tuple(notes),
        attention=tuple(attention(critical, scored.changes, review, goals)),
    )


def _scored(usable: list[MeasureEntry], measures: dict[str, MeasureDefinition]) -> _Scored:
    """Score every usable administration, grouped by measure in order of first appearance."""
    scored: dict[str, list[tuple[MeasureScore, tuple[int | None, ...]]]] = {}
    for entry in usable:
        result = score(measures[entry.measure], entry.date, entry.answers)
        scored.setdefault(entry.measure, []).append((result, tuple(entry.answers)))
    changes = []
    for measure_id, series in scored.items():
        change = measure_change(measures[measure_id], [s for s, _ in series])
        if change is not None:
            changes.append(change)
    return _Scored(
        tuple(
            Administration(s.measure, s.date, s.total, s.band, s.flags, s.answered, s.prorated, a)
            for series in scored.values()
            for s, a in series
        ),
        tuple(changes),
    )


def _trends(
    sheet: ClientSheet, entries: list[EntryFile], today: dt.date, baseline_days: int
) -> tuple[dict[str, Trend], list[Note]]:
    """Each tracker's trend from its diary days and weekly-log weeks, and notes on both."""
    trends: dict[str, Trend] = {}
    notes: list[Note] = []
    for tracker in sheet.trackers:
        values, diary_notes = diary_values(tracker, entries, today)
        logged, log_notes = week_values(tracker, entries, today)
        notes += diary_notes + log_notes
        trends[tracker.id] = trend(
            tracker.id, tracker.kind, values, today, baseline_days, logged=logged
        )
    return trends, notes


def _tracker_trend(t: Trend) -> TrackerTrend:
    period, points = levels(t)
    return TrackerTrend(
        tracker=t.tracker,
        kind=t.kind,
        days=t.days,
        baseline_mean=_rounded(t.baseline_mean),
        recent_mean=_rounded(t.recent_mean),
        weeks=tuple(Week(w.start, w.days, round(w.level, 2), w.logged) for w in t.weeks),
        by_weekday=t.by_weekday,
        period=period,
        points=tuple(
            Level(p.start, None if p.level is None else round(p.level, 2), p.days) for p in points
        ),
    )


def _review_dates(
    sheet: ClientSheet, reviews: tuple[Review, ...], cadence: str, today: dt.date
) -> ReviewDates:
    status = review_status(sheet.client.started, [r.date for r in reviews], cadence, today)
    return ReviewDates(status.last, status.next_due, status.overdue, cadence)


def _on(review: Review) -> dt.date:
    return review.date


def _rounded(value: float | None, places: int = 2) -> float | None:
    return None if value is None else round(value, places)
