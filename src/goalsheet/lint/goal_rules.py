"""SMART lint rules over a client's goals (GS1xx). Advice, so warnings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from goalsheet.compute import wording
from goalsheet.compute.reviews import review_status
from goalsheet.lint.registry import ClientContext, Hit, rule
from goalsheet.model.client import Goal


@rule("GS101", "no-measure", "an active goal says nothing about what is counted", about_goals=True)
def no_measure(ctx: ClientContext) -> Iterator[Hit]:
    for index, goal in ctx.active_goals():
        if goal.measure is None:
            yield Hit(
                ctx.source,
                ("goals", index),
                f"goal '{goal.id}' has no measure: nothing says how progress will be seen",
                "add 'measure: {what: ..., unit: ..., direction: increase, baseline: ..., "
                "target: ...}' (a count, a duration or a rating)",
            )


@rule(
    "GS102",
    "no-baseline-or-target",
    "a goal's measure lacks a baseline or a target",
    about_goals=True,
)
def no_baseline_or_target(ctx: ClientContext) -> Iterator[Hit]:
    for index, goal in ctx.active_goals():
        if goal.measure is None:
            continue
        missing = [
            part
            for part, value in (
                ("baseline", goal.measure.baseline),
                ("target", goal.measure.target),
            )
            if value is None
        ]
        if missing:
            yield Hit(
                ctx.source,
                ("goals", index, "measure"),
                f"goal '{goal.id}' measures '{goal.measure.what}' but has no "
                + " or ".join(missing),
                "the baseline is where things are now, the target where the client wants to be",
            )


@rule("GS103", "no-target-date", "an active goal has no target date", about_goals=True)
def no_target_date(ctx: ClientContext) -> Iterator[Hit]:
    for index, goal in ctx.active_goals():
        if goal.target_date is None:
            yield Hit(
                ctx.source,
                ("goals", index),
                f"goal '{goal.id}' has no target date",
                "add 'target_date: YYYY-MM-DD': a date makes the goal time-bound and sets "
                "when to look at it together",
            )


@rule(
    "GS104",
    "avoidance-wording",
    "a goal is worded as getting rid of something rather than doing something",
    about_goals=True,
)
def avoidance_wording(ctx: ClientContext) -> Iterator[Hit]:
    for index, goal in ctx.active_goals():
        note = wording.avoidance(goal.title)
        if note:
            yield Hit(
                ctx.source,
                ("goals", index, "title"),
                f"goal '{goal.id}' is worded as avoidance ('{note.phrase}'): "
                "goals about adding something tend to go better",
                f"try: '{note.suggestion}'"
                if not note.suggestion.startswith("say")
                else note.suggestion,
            )


@rule(
    "GS105",
    "vague-wording",
    "a goal is a vague wish with nothing specific said about it",
    about_goals=True,
)
def vague_wording(ctx: ClientContext) -> Iterator[Hit]:
    for index, goal in ctx.active_goals():
        note = wording.vague(goal.title)
        # The title stays in the client's words; a 'specific' part is what makes it trackable.
        if note and not goal.specific:
            yield Hit(
                ctx.source,
                ("goals", index, "title"),
                f"goal '{goal.id}' is vague ('{note.phrase}') and has no 'specific' part",
                note.suggestion,
            )


@rule(
    "GS106",
    "too-many-active-goals",
    "more active goals than the practice's limit (default 3)",
    about_goals=True,
)
def too_many_active_goals(ctx: ClientContext) -> Iterator[Hit]:
    limit = ctx.config.lint.max_active_goals
    active = list(ctx.active_goals())
    if len(active) > limit:
        index, _ = active[limit]
        yield Hit(
            ctx.source,
            ("goals", index),
            f"{len(active)} active goals; more than {limit} at once spreads effort thin",
            "agree which matter most now and set the others to 'status: paused'",
        )


@rule("GS107", "review-overdue", "goals are due for review", about_goals=False)
def review_overdue(ctx: ClientContext) -> Iterator[Hit]:
    goals = ctx.sheet.goals
    if goals and not any(goal.status in ("active", "paused") for goal in goals):
        return  # every goal is closed: nothing left to review
    reviews = [(review.date, review.goals) for doc in ctx.entries for review in doc.entries.reviews]
    cadence = ctx.sheet.review_every or ctx.config.review_every
    status = review_status(ctx.sheet.client.started, [d for d, _ in reviews], cadence, ctx.today)
    if status.overdue:
        since = f"last review {status.last}" if status.last else "no review yet"
        yield Hit(
            ctx.source,
            ("client",),
            f"review overdue by {status.days_overdue} days ({since}; due {status.next_due} "
            f"every {cadence})",
            "hold a review and record it under 'reviews:' in an entries file",
        )
    for index, goal in ctx.active_goals():
        if goal.review_every is None:
            continue
        own = [day for day, covered in reviews if not covered or goal.id in covered]
        started = _goal_started(goal) or ctx.sheet.client.started
        goal_status = review_status(started, own, goal.review_every, ctx.today)
        if goal_status.overdue:
            yield Hit(
                ctx.source,
                ("goals", index, "review_every"),
                f"goal '{goal.id}' is overdue for its own review "
                f"(every {goal.review_every}; due {goal_status.next_due})",
                "review this goal and list it under the review's 'goals:'",
            )


def _goal_started(goal: Goal) -> dt.date | None:
    return min((change.date for change in goal.history), default=None)


@rule(
    "GS108",
    "no-baseline-period",
    "change was judged before a baseline period of diary data",
    about_goals=True,
)
def no_baseline_period(ctx: ClientContext) -> Iterator[Hit]:
    needed = ctx.config.lint.baseline_days
    for index, goal in enumerate(ctx.sheet.goals):
        trackers = {t.id for t in ctx.sheet.trackers if goal.id in t.goals}
        if goal.measure and goal.measure.tracker:
            trackers.add(goal.measure.tracker)
        if not trackers:
            continue
        judged = _first_judgement(ctx, goal)
        if judged is None:
            continue
        days = {
            day
            for doc in ctx.entries
            for day, values in doc.entries.diary.items()
            if day < judged and any(values.get(t) is not None for t in trackers)
        }
        if len(days) < needed:
            yield Hit(
                ctx.source,
                ("goals", index),
                f"goal '{goal.id}' was judged on {judged} after {len(days)} day(s) of diary "
                f"for {', '.join(sorted(trackers))}; a baseline needs {needed}",
                "keep the diary for two to three weeks before judging change, so there is "
                "something to compare with",
            )


def _first_judgement(ctx: ClientContext, goal: Goal) -> dt.date | None:
    judged = [
        review.date
        for doc in ctx.entries
        for review in doc.entries.reviews
        if goal.id in review.goals
    ]
    judged += [c.date for c in goal.history if c.status in ("achieved", "dropped", "revised")]
    return min(judged, default=None)


@rule(
    "GS109",
    "status-history-mismatch",
    "a goal's status differs from the last change in its history",
    about_goals=True,
)
def status_history_mismatch(ctx: ClientContext) -> Iterator[Hit]:
    for index, goal in enumerate(ctx.sheet.goals):
        if not goal.history:
            continue
        latest = max(goal.history, key=lambda change: change.date)
        if latest.status != goal.status:
            yield Hit(
                ctx.source,
                ("goals", index, "status"),
                f"goal '{goal.id}' is '{goal.status}' but its history last says "
                f"'{latest.status}' ({latest.date})",
                f"add '- {{date: ..., status: {goal.status}}}' to its history, or correct status",
            )


@rule("GS110", "no-why", "an active goal does not say why it matters", about_goals=True)
def no_why(ctx: ClientContext) -> Iterator[Hit]:
    for index, goal in ctx.active_goals():
        if not goal.why:
            yield Hit(
                ctx.source,
                ("goals", index),
                f"goal '{goal.id}' does not say why it matters to the client",
                "add 'why: ...' in the client's own words; a goal that matters for its own "
                "sake keeps motivation longer",
            )


@rule(
    "GS111",
    "absolute-wording",
    "a goal is all-or-nothing ('always', 'perfect')",
    about_goals=True,
)
def absolute_wording(ctx: ClientContext) -> Iterator[Hit]:
    for index, goal in ctx.active_goals():
        note = wording.absolute(goal.title)
        if note:
            yield Hit(
                ctx.source,
                ("goals", index, "title"),
                f"goal '{goal.id}' is all-or-nothing ('{note.phrase}')",
                note.suggestion,
            )


@rule("GS112", "no-goals", "a client has no goals and no recorded preference", about_goals=True)
def no_goals(ctx: ClientContext) -> Iterator[Hit]:
    if not ctx.sheet.goals:
        yield Hit(
            ctx.source,
            ("client",),
            f"client '{ctx.sheet.client.id}' has no goals yet",
            "agree goals together, or record 'prefers_no_goals: true' under client if they "
            "would rather not set explicit goals",
        )
