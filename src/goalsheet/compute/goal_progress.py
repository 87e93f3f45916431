"""One goal's progress: GBO per rater, the latest GAS, rater agreement, whether there is
data, and how far toward its target the linked tracker has come. Pure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from goalsheet.compute.figures import Agreement, GasRating, GoalProgress, RaterChange
from goalsheet.compute.goal_ratings import GboChange, gbo_changes
from goalsheet.compute.trends import SUMMED, Trend, toward_target
from goalsheet.compute.usable import Note
from goalsheet.language.messages import _
from goalsheet.model.client import ClientSheet, Goal
from goalsheet.model.entries import Rating


def latest_gas(ratings: list[Rating]) -> dict[str, tuple[int, float]]:
    """Each goal's latest GAS rating as (attainment, weight), by goal ID."""
    latest: dict[str, tuple[dt.date, int, float]] = {}
    for r in ratings:
        if r.gas is not None and (r.goal not in latest or r.date >= latest[r.goal][0]):
            latest[r.goal] = (r.date, r.gas, float(r.weight or 1))
    return {goal: (gas, weight) for goal, (_, gas, weight) in latest.items()}


def goal_progress(
    goal: Goal,
    sheet: ClientSheet,
    rated: list[Rating],
    gas_by_goal: dict[str, tuple[int, float]],
    trends: dict[str, Trend],
) -> GoalProgress:
    """The goal's figures from its ratings and its linked trackers' trends."""
    own = tuple(r for r in rated if r.goal == goal.id)
    gbo = gbo_changes(
        [(r.date, r.goal, r.rater, r.gbo) for r in own if r.gbo is not None and r.rater]
    )
    gas = gas_by_goal.get(goal.id)
    return GoalProgress(
        id=goal.id,
        title=goal.title,
        status=goal.status,
        gbo={c.rater: _rater_change(c, own) for c in gbo},
        ratings=own,
        gas=GasRating(gas[0], gas[1]) if gas else None,
        agreement=_agreement(gbo),
        has_data=_has_data(goal.id, sheet, rated, trends),
        toward_target=_toward_target(goal, trends),
    )


def goal_notes(goals: Sequence[GoalProgress]) -> list[Note]:
    """A note for each active goal that a rater has rated only once so far."""
    notes = []
    for goal in goals:
        single = sorted(rater for rater, c in goal.gbo.items() if c.ratings == 1)
        if single and goal.status == "active":
            notes.append(
                Note(
                    _("goal '{goal}'").format(goal=goal.id),
                    _(
                        "one rating so far from {raters}: change shows from the second rating"
                    ).format(raters=", ".join(single)),
                )
            )
    return notes


def _rater_change(change: GboChange, own: tuple[Rating, ...]) -> RaterChange:
    return RaterChange(
        change.rater,
        change.first,
        change.latest,
        change.first_date,
        change.latest_date,
        sum(1 for r in own if r.rater == change.rater and r.gbo is not None),
    )


def _agreement(gbo: list[GboChange]) -> Agreement | None:
    """The raters' latest GBO ratings side by side, and how far apart they are."""
    if len(gbo) < 2:
        return None
    latest = {c.rater: c.latest for c in gbo}
    return Agreement(latest, max(latest.values()) - min(latest.values()))


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
