"""A goal as a FHIR Goal, and each GBO or GAS rating of it as an Observation whose focus is
the Goal and whose performer is the rater."""

from __future__ import annotations

from goalsheet.fhir.context import Entry, ExportContext, Resource
from goalsheet.fhir.systems import GOAL_ACHIEVEMENT, GOAL_RATING
from goalsheet.model.client import Goal
from goalsheet.model.entries import Rating

LIFECYCLE = {
    "active": "active",
    "paused": "on-hold",
    "achieved": "completed",
    "dropped": "cancelled",
    "revised": "cancelled",  # replaced by another goal (revised_from points back to it)
}
ACHIEVEMENT = {
    "active": "in-progress",
    "paused": "no-progress",
    "achieved": "achieved",
    "dropped": "not-achieved",
    "revised": "not-achieved",
}
GAS_WORDS = {
    -2: "much less than expected",
    -1: "less than expected",
    0: "as expected",
    1: "more than expected",
    2: "much more than expected",
}
SCALES = {
    "gbo": "Goal Based Outcome rating (0 to 10)",
    "gas": "Goal Attainment Scaling level (-2 to +2)",
    "gas-weight": "Goal Attainment Scaling weight",
}


def goal_resource(ctx: ExportContext, goal: Goal) -> Entry:
    rid = ctx.rid("goal", goal.id)
    identifier = {"system": ctx.systems.goal, "value": f"{ctx.client}/{goal.id}"}
    resource: Resource = {
        "resourceType": "Goal",
        "id": rid,
        "identifier": [identifier],
        "lifecycleStatus": LIFECYCLE[goal.status],
        "achievementStatus": {
            "coding": [{"system": GOAL_ACHIEVEMENT, "code": ACHIEVEMENT[goal.status]}],
            "text": goal.status,
        },
        "description": {"text": goal.title},
        "subject": ctx.subject,
    }
    changes = sorted(goal.history, key=lambda change: change.date)
    if changes:
        resource["startDate"] = changes[0].date.isoformat()
        resource["statusDate"] = changes[-1].date.isoformat()
        if changes[-1].note:
            resource["statusReason"] = changes[-1].note
    target = _target(goal)
    if target:
        resource["target"] = [target]
    if goal.proposed_by:
        resource["expressedBy"] = ctx.rater(goal.proposed_by[0])
    notes = []
    if goal.why:
        notes.append({"text": f"Why it matters: {goal.why}"})
    if len(goal.proposed_by) > 1:
        notes.append({"text": "Put forward by " + ", ".join(goal.proposed_by)})
    if goal.revised_from:
        notes.append({"text": f"Replaces the goal '{goal.revised_from}'"})
    if notes:
        resource["note"] = notes
    return Entry(ctx.url_of("Goal", rid), resource, ctx.search("Goal", identifier))


def _target(goal: Goal) -> Resource:
    """The measure's target (what is counted, the number aimed for) and the target date."""
    target: Resource = {}
    measure = goal.measure
    if measure is not None:
        target["measure"] = {"text": measure.what}
        if measure.target is not None:
            quantity: Resource = {"value": measure.target}
            if measure.unit:
                quantity["unit"] = measure.unit
            target["detailQuantity"] = quantity
    if goal.target_date is not None:
        target["dueDate"] = goal.target_date.isoformat()
    return target


def rating_observations(ctx: ExportContext, rating: Rating) -> list[Entry]:
    """One Observation per scale the rating gives (GBO, GAS)."""
    return [
        _rating(ctx, rating, scale)
        for scale in ("gbo", "gas")
        if getattr(rating, scale) is not None
    ]


def rating_key(rating: Rating, scale: str) -> str:
    return "/".join(
        p for p in (rating.goal, scale, rating.date.isoformat(), rating.rater) if p is not None
    )


def _rating(ctx: ExportContext, rating: Rating, scale: str) -> Entry:
    rid = ctx.rid(scale, rating.goal, rating.date.isoformat(), rating.rater)
    identifier = ctx.record_identifier(rating_key(rating, scale))
    code = {
        "coding": [{"system": GOAL_RATING, "code": scale, "display": SCALES[scale]}],
        "text": SCALES[scale],
    }
    resource = ctx.observation(rid, identifier, code, rating.date.isoformat())
    resource["focus"] = [{"reference": ctx.goal_urls[rating.goal]}]
    if rating.rater is not None:
        resource["performer"] = [ctx.rater(rating.rater)]
    if scale == "gbo":  # always a quantity, so a reader meets one type; 6 stays 6, 6.5 6.5
        resource["valueQuantity"] = {"value": rating.gbo}
    else:
        assert rating.gas is not None
        resource["valueInteger"] = rating.gas
        resource["interpretation"] = [{"text": GAS_WORDS[rating.gas]}]
        if rating.weight is not None:
            resource["component"] = [
                {
                    "code": {
                        "coding": [
                            {"system": GOAL_RATING, "code": "gas-weight",
                             "display": SCALES["gas-weight"]}
                        ]
                    },
                    "valueQuantity": {"value": rating.weight},
                }
            ]  # fmt: skip
    if rating.note:
        resource["note"] = [{"text": rating.note}]
    return Entry(ctx.url_of("Observation", rid), resource, ctx.search("Observation", identifier))
