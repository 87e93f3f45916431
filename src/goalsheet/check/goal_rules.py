"""SMART lint rules over a client's goals (GS1xx). Advice, so warnings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from goalsheet.check.registry import ClientContext, Hit, rule
from goalsheet.compute import wording
from goalsheet.compute.reviews import review_status
from goalsheet.language.catalogues import language_of
from goalsheet.language.messages import N_, _, ngettext
from goalsheet.model.client import Goal

# Rule summaries are marked for the catalogue and translated where they are listed
# (`goalsheet list rules`); the Markdown table in docs/ stays in English.


@rule(
    "GS101",
    "no-measure",
    N_("an active goal says nothing about what is counted"),
    about_goals=True,
)
def no_measure(ctx: ClientContext) -> Iterator[Hit]:
    for index, goal in ctx.active_goals():
        if goal.measure is None:
            yield Hit(
                ctx.source,
                ("goals", index),
                _("goal '{goal}' has no measure: nothing says how progress will be seen").format(
                    goal=goal.id
                ),
                # NOTE: the YAML between quotes stays in English.
                _(
                    "add 'measure: {what: ..., unit: ..., direction: increase, baseline: ..., "
                    "target: ...}' (a count, a duration or a rating)"
                ),
            )


@rule(
    "GS102",
    "no-baseline-or-target",
    N_("a goal's measure lacks a baseline or a target"),
    about_goals=True,
)
def no_baseline_or_target(ctx: ClientContext) -> Iterator[Hit]:
    for index, goal in ctx.active_goals():
        if goal.measure is None:
            continue
        no_baseline, no_target = goal.measure.baseline is None, goal.measure.target is None
        if no_baseline and no_target:
            message = _("goal '{goal}' measures '{what}' but has no baseline or target")
        elif no_baseline:
            message = _("goal '{goal}' measures '{what}' but has no baseline")
        elif no_target:
            message = _("goal '{goal}' measures '{what}' but has no target")
        else:
            continue
        yield Hit(
            ctx.source,
            ("goals", index, "measure"),
            message.format(goal=goal.id, what=goal.measure.what),
            _("the baseline is where things are now, the target where the client wants to be"),
        )


@rule("GS103", "no-target-date", N_("an active goal has no target date"), about_goals=True)
def no_target_date(ctx: ClientContext) -> Iterator[Hit]:
    for index, goal in ctx.active_goals():
        if goal.target_date is None:
            yield Hit(
                ctx.source,
                ("goals", index),
                _("goal '{goal}' has no target date").format(goal=goal.id),
                # NOTE: 'target_date: YYYY-MM-DD' is YAML; keep it in English.
                _(
                    "add 'target_date: YYYY-MM-DD': a date makes the goal time-bound and sets "
                    "when to look at it together"
                ),
            )


@rule(
    "GS104",
    "avoidance-wording",
    N_("a goal is worded as getting rid of something rather than doing something"),
    about_goals=True,
)
def avoidance_wording(ctx: ClientContext) -> Iterator[Hit]:
    for index, goal in ctx.active_goals():
        note = wording.avoidance(goal.title, _title_language(ctx))
        if note:
            yield Hit(
                ctx.source,
                ("goals", index, "title"),
                _(
                    "goal '{goal}' is worded as avoidance ('{phrase}'): "
                    "goals about adding something tend to go better"
                ).format(goal=goal.id, phrase=note.phrase),
                # NOTE: {suggestion} is a goal reworded in the client's language.
                _("try: '{suggestion}'").format(suggestion=note.suggestion)
                if note.rephrasing
                else note.suggestion,
            )


@rule(
    "GS105",
    "vague-wording",
    N_("a goal is a vague wish with nothing specific said about it"),
    about_goals=True,
)
def vague_wording(ctx: ClientContext) -> Iterator[Hit]:
    for index, goal in ctx.active_goals():
        note = wording.vague(goal.title, _title_language(ctx))
        # The title stays in the client's words; a 'specific' part is what makes it trackable.
        if note and not goal.specific:
            yield Hit(
                ctx.source,
                ("goals", index, "title"),
                # NOTE: 'specific' is the YAML key of a goal's SMART part; keep it in English.
                _("goal '{goal}' is vague ('{phrase}') and has no 'specific' part").format(
                    goal=goal.id, phrase=note.phrase
                ),
                note.suggestion,
            )


@rule(
    "GS106",
    "too-many-active-goals",
    N_("more active goals than the practice's limit (default 3)"),
    about_goals=True,
)
def too_many_active_goals(ctx: ClientContext) -> Iterator[Hit]:
    limit = ctx.config.lint.max_active_goals
    active = list(ctx.active_goals())
    if len(active) > limit:
        index = active[limit][0]
        yield Hit(
            ctx.source,
            ("goals", index),
            _("{count} active goals; more than {limit} at once spreads effort thin").format(
                count=len(active), limit=limit
            ),
            # NOTE: 'status: paused' is YAML; keep it in English.
            _("agree which matter most now and set the others to 'status: paused'"),
        )


@rule("GS107", "review-overdue", N_("goals are due for review"), about_goals=False)
def review_overdue(ctx: ClientContext) -> Iterator[Hit]:
    goals = ctx.sheet.goals
    if goals and not any(goal.status in ("active", "paused") for goal in goals):
        return  # every goal is closed: nothing left to review
    reviews = [(review.date, review.goals) for doc in ctx.entries for review in doc.entries.reviews]
    cadence = ctx.sheet.review_every or ctx.config.review_every
    days = [day for day, _covered in reviews]
    status = review_status(ctx.sheet.client.started, days, cadence, ctx.today)
    if status.overdue:
        if status.last:
            # NOTE: {cadence} is as written in goalsheet.yaml, e.g. "6 weeks".
            message = _(
                "review overdue by {days} days (last review {last}; due {due} every {cadence})"
            )
        else:
            # NOTE: {cadence} is as written in goalsheet.yaml, e.g. "6 weeks".
            message = _("review overdue by {days} days (no review yet; due {due} every {cadence})")
        yield Hit(
            ctx.source,
            ("client",),
            message.format(
                days=status.days_overdue, last=status.last, due=status.next_due, cadence=cadence
            ),
            # NOTE: 'reviews:' is YAML; keep it in English.
            _("hold a review and record it under 'reviews:' in an entries file"),
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
                _(
                    "goal '{goal}' is overdue for its own review (every {cadence}; due {due})"
                ).format(goal=goal.id, cadence=goal.review_every, due=goal_status.next_due),
                # NOTE: 'goals:' is YAML; keep it in English.
                _("review this goal and list it under the review's 'goals:'"),
            )


def _title_language(ctx: ClientContext) -> str:
    """The language the client's goals are written in (their locale, else the practice's),
    whatever language `check` itself speaks."""
    return language_of(ctx.sheet.client.locale or ctx.config.locale)


def _goal_started(goal: Goal) -> dt.date | None:
    return min((change.date for change in goal.history), default=None)


@rule(
    "GS108",
    "no-baseline-period",
    N_("change was judged before a baseline period of diary data"),
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
        days = _tracked_days(ctx, trackers, judged)
        if len(days) < needed:
            yield Hit(
                ctx.source,
                ("goals", index),
                # NOTE: a `check` finding: {days} is how many diary days there were before
                # the goal was judged, {needed} how many days a baseline needs.
                ngettext(
                    "goal '{goal}' was judged on {date} after {days} day of diary "
                    "for {trackers}; a baseline needs {needed}",
                    "goal '{goal}' was judged on {date} after {days} days of diary "
                    "for {trackers}; a baseline needs {needed}",
                    len(days),
                ).format(
                    goal=goal.id,
                    date=judged,
                    days=len(days),
                    trackers=", ".join(sorted(trackers)),
                    needed=needed,
                ),
                _(
                    "keep the diary for two to three weeks before judging change, so there is "
                    "something to compare with"
                ),
            )


def _tracked_days(ctx: ClientContext, trackers: set[str], before: dt.date) -> set[dt.date]:
    """Days before `before` with a value for any of `trackers`: diary days, and every day of
    a week in the weekly log (a week written up as one number was still tracked)."""
    days = {
        day
        for doc in ctx.entries
        for day, values in doc.entries.diary.items()
        if day < before and any(values.get(t) is not None for t in trackers)
    }
    for doc in ctx.entries:
        for start, values in doc.entries.weeks.items():
            if any(values.get(t) is not None for t in trackers):
                week = (start + dt.timedelta(days=n) for n in range(7))
                days.update(day for day in week if day < before)
    return days


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
    N_("a goal's status differs from the last change in its history"),
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
                # NOTE: the statuses are YAML values (active, paused...); keep them in English.
                _("goal '{goal}' is '{status}' but its history last says '{last}' ({date})").format(
                    goal=goal.id, status=goal.status, last=latest.status, date=latest.date
                ),
                # NOTE: the YAML between quotes stays in English; {{ and }} print as { and }.
                _(
                    "add '- {{date: ..., status: {status}}}' to its history, or correct status"
                ).format(status=goal.status),
            )


@rule("GS110", "no-why", N_("an active goal does not say why it matters"), about_goals=True)
def no_why(ctx: ClientContext) -> Iterator[Hit]:
    for index, goal in ctx.active_goals():
        if not goal.why:
            yield Hit(
                ctx.source,
                ("goals", index),
                _("goal '{goal}' does not say why it matters to the client").format(goal=goal.id),
                # NOTE: 'why: ...' is YAML; keep it in English.
                _(
                    "add 'why: ...' in the client's own words; a goal that matters for its own "
                    "sake keeps motivation longer"
                ),
            )


@rule(
    "GS111",
    "absolute-wording",
    N_("a goal is all-or-nothing ('always', 'perfect')"),
    about_goals=True,
)
def absolute_wording(ctx: ClientContext) -> Iterator[Hit]:
    for index, goal in ctx.active_goals():
        note = wording.absolute(goal.title, _title_language(ctx))
        if note:
            yield Hit(
                ctx.source,
                ("goals", index, "title"),
                _("goal '{goal}' is all-or-nothing ('{phrase}')").format(
                    goal=goal.id, phrase=note.phrase
                ),
                note.suggestion,
            )


@rule(
    "GS112",
    "no-goals",
    N_("a client has no goals and no recorded preference"),
    about_goals=True,
)
def no_goals(ctx: ClientContext) -> Iterator[Hit]:
    if not ctx.sheet.goals:
        yield Hit(
            ctx.source,
            ("client",),
            _("client '{client}' has no goals yet").format(client=ctx.sheet.client.id),
            # NOTE: 'prefers_no_goals: true' is YAML; keep it in English.
            _(
                "agree goals together, or record 'prefers_no_goals: true' under client if they "
                "would rather not set explicit goals"
            ),
        )
