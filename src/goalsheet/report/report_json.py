"""The report JSON (`goalsheet report ID --format json`): a client's `Progress` as plain data.

The one place the figures become a dict: dates as ISO text, keys in English and in the
order DESIGN.md documents (scripts rely on them). The report templates read the same
shapes (report/context.py passes them on).
"""

from __future__ import annotations

from typing import Any

from goalsheet.compute.figures import (
    Administration,
    AttentionItem,
    GoalProgress,
    Progress,
    ReviewDates,
    TrackerTrend,
)
from goalsheet.compute.outcomes import MeasureChange, Outcome
from goalsheet.model.entries import Review

# The fields of an attention item each kind has, between `urgent` and `message`.
ATTENTION_FIELDS = {
    "critical": ("measure", "date", "item"),
    "deterioration": ("measure",),
    "review_overdue": (),
    "no_data": ("goals",),
    "disagreement": ("goal",),
}


def report_json(figures: Progress) -> dict[str, Any]:
    """The documented report JSON of one client's figures."""
    report: dict[str, Any] = {
        "client": figures.client,
        "started": figures.started.isoformat(),
        "as_of": figures.as_of.isoformat(),
        "critical": [c.json() for c in figures.critical],
        "measures": [administration_json(a) for a in figures.measures],
        "changes": [change_json(c) for c in figures.changes],
        "outcome": outcome_json(figures.outcome),
        "goals": [goal_json(g) for g in figures.goals],
        "gas_t_score": figures.gas_t_score,
        "trends": [trend_json(t) for t in figures.trends],
        "review": review_json(figures.review),
        "reviews": [session_json(r) for r in figures.reviews],
        "notes": [note.json() for note in figures.notes],
        "attention": [attention_json(item) for item in figures.attention],
    }
    return report


def administration_json(a: Administration) -> dict[str, Any]:
    return {
        "measure": a.measure,
        "date": a.date.isoformat(),
        "total": a.total,
        "band": a.band,
        "flags": list(a.flags),
        "answered": a.answered,
        "prorated": a.prorated,
        "answers": list(a.answers),
    }


def change_json(c: MeasureChange) -> dict[str, Any]:
    return {
        "measure": c.measure,
        "first": {"date": c.first.date.isoformat(), "total": c.first.total},
        "latest": {"date": c.latest.date.isoformat(), "total": c.latest.total},
        "change": c.change,
        "threshold": c.threshold,
        "reliable_improvement": c.reliable_improvement,
        "reliable_deterioration": c.reliable_deterioration,
    }


def outcome_json(o: Outcome) -> dict[str, Any]:
    return {
        "caseness_first": o.caseness_first,
        "caseness_latest": o.caseness_latest,
        "reliable_improvement": o.reliable_improvement,
        "reliable_deterioration": o.reliable_deterioration,
        "recovery": o.recovery,
        "reliable_recovery": o.reliable_recovery,
        "category": o.category,
    }


def goal_json(g: GoalProgress) -> dict[str, Any]:
    return {
        "id": g.id,
        "title": g.title,
        "status": g.status,
        "gbo": {
            rater: {
                "first": c.first,
                "latest": c.latest,
                "change": c.change,
                "first_date": c.first_date.isoformat(),
                "latest_date": c.latest_date.isoformat(),
                "ratings": c.ratings,
            }
            for rater, c in g.gbo.items()
        },
        "ratings": [
            {"date": r.date.isoformat(), "rater": r.rater, "gbo": r.gbo, "gas": r.gas}
            for r in g.ratings
        ],
        "gas": {"latest": g.gas.latest, "weight": g.gas.weight} if g.gas else None,
        "agreement": {"latest": g.agreement.latest, "spread": g.agreement.spread}
        if g.agreement
        else None,
        "has_data": g.has_data,
        "toward_target": g.toward_target,
    }


def trend_json(t: TrackerTrend) -> dict[str, Any]:
    return {
        "tracker": t.tracker,
        "kind": t.kind,
        "days": t.days,
        "baseline_mean": t.baseline_mean,
        "recent_mean": t.recent_mean,
        "weeks": [
            {"start": w.start.isoformat(), "days": w.days, "level": w.level, "logged": w.logged}
            for w in t.weeks
        ],
        "logged_weeks": t.logged_weeks,
        "by_weekday": t.by_weekday,
        "chart": {
            "period": t.period,
            "points": [
                {"start": p.start.isoformat(), "level": p.level, "days": p.days} for p in t.points
            ],
        },
    }


def review_json(r: ReviewDates) -> dict[str, Any]:
    return {
        "last": r.last.isoformat() if r.last else None,
        "next_due": r.next_due.isoformat(),
        "overdue": r.overdue,
        "cadence": r.cadence,
    }


def session_json(r: Review) -> dict[str, Any]:
    """A session review as the report JSON lists it."""
    return {
        "date": r.date.isoformat(),
        "progress": r.progress,
        "helped": r.helped,
        "in_the_way": r.in_the_way,
        "next": r.next,
        "feedback": r.feedback,
        "goals": list(r.goals),
    }


def attention_json(item: AttentionItem) -> dict[str, Any]:
    """An attention item with the fields its kind has, in a fixed order."""
    fields: dict[str, Any] = {
        "measure": item.measure,
        "date": item.date.isoformat() if item.date else None,
        "item": item.item,
        "goals": list(item.goals),
        "goal": item.goal,
    }
    return {
        "kind": item.kind,
        "urgent": item.urgent,
        **{name: fields[name] for name in ATTENTION_FIELDS[item.kind]},
        "message": item.message,
    }
