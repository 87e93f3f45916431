"""Data lint rules (GS2xx): entries that cannot be right. Errors, so `check` exits 1.

Here: references to what does not exist (GS202), dates after today (GS203), the same
entry twice (GS204). Values that do not fit their scale are scale_rules.py, questionnaire
answers answer_rules.py; importing this module registers those too."""

from __future__ import annotations

import difflib
import functools
from collections.abc import Hashable, Iterator
from typing import Any

from goalsheet.check import answer_rules, scale_rules
from goalsheet.check.registry import ClientContext, Hit, rule
from goalsheet.findings import Severity
from goalsheet.language.messages import N_, _
from goalsheet.read.yaml_source import Loc, SourceMap

# The other entries' rules register when their modules are imported.
_REGISTERED = (scale_rules, answer_rules)


@rule(
    "GS202",
    "unknown-reference",
    N_("an entry or goal names a tracker, goal, rater or measure that does not exist"),
    severity=Severity.ERROR,
    about_goals=False,
)
def unknown_reference(ctx: ClientContext) -> Iterator[Hit]:
    sheet, source = ctx.sheet, ctx.source
    goals = {goal.id for goal in sheet.goals}
    trackers = {tracker.id for tracker in sheet.trackers}
    raters = set(sheet.client.raters)
    for index, tracker in enumerate(sheet.trackers):
        for goal_id in tracker.goals:
            if goal_id not in goals:
                yield _unknown(source, ("trackers", index, "goal"), "goal", goal_id, goals)
    for index, goal in enumerate(sheet.goals):
        if goal.measure and goal.measure.tracker and goal.measure.tracker not in trackers:
            loc: Loc = ("goals", index, "measure", "tracker")
            yield _unknown(source, loc, "tracker", goal.measure.tracker, trackers)
        if goal.revised_from and goal.revised_from not in goals:
            yield _unknown(
                source, ("goals", index, "revised_from"), "goal", goal.revised_from, goals
            )
        for who_index, who in enumerate(goal.proposed_by):
            if who not in raters:
                loc = ("goals", index, "proposed_by", who_index)
                yield _unknown(source, loc, "rater", who, raters)
    for doc in ctx.entries:
        entries = doc.entries
        for section, dated in (("diary", entries.diary), ("weeks", entries.weeks)):
            for day, values in dated.items():
                for tracker_id in values:
                    if tracker_id not in trackers:
                        loc = (section, day, tracker_id)
                        yield _unknown(doc.source, loc, "tracker", tracker_id, trackers, key=True)
        for index, rating in enumerate(entries.ratings):
            if rating.goal not in goals:
                yield _unknown(doc.source, ("ratings", index, "goal"), "goal", rating.goal, goals)
            if rating.rater is not None and rating.rater not in raters:
                loc = ("ratings", index, "rater")
                yield _unknown(doc.source, loc, "rater", rating.rater, raters)
        for index, entry in enumerate(entries.measures):
            if entry.measure not in ctx.measures:
                loc = ("measures", index, "measure")
                yield _unknown(doc.source, loc, "measure", entry.measure, set(ctx.measures))
            if entry.rater is not None and entry.rater not in raters:
                yield _unknown(
                    doc.source, ("measures", index, "rater"), "rater", entry.rater, raters
                )
        for index, review in enumerate(entries.reviews):
            for goal_index, goal_id in enumerate(review.goals):
                if goal_id not in goals:
                    loc = ("reviews", index, "goals", goal_index)
                    yield _unknown(doc.source, loc, "goal", goal_id, goals)


def _unknown(
    source: SourceMap, loc: Loc, what: str, name: str, known: set[str], *, key: bool = False
) -> Hit:
    close = _closest(name, frozenset(known))
    unknown, listed, undeclared = _UNKNOWN[what]
    if close:
        hint = _("did you mean '{name}'?").format(name=close[0])
    elif known:
        hint = _(listed).format(names=", ".join(sorted(known)))
    else:
        hint = _(undeclared)
    message = _(unknown).format(name=name)
    return Hit(source, (*loc, "[key]") if key else loc, message, hint)


@functools.lru_cache(maxsize=1024)
def _closest(name: str, known: frozenset[str]) -> list[str]:
    """The known name closest to `name`, if any is close: once per name, since a file can
    name the same wrong tracker on every one of thousands of days."""
    return difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)


# For each kind of reference: the message, the hint listing the known ones, and the hint when
# there are none. The YAML keys in them ('raters:', 'measures:') stay in English.
_UNKNOWN = {
    "goal": (
        N_("unknown goal '{name}'"),
        N_("known goals: {names}"),
        N_("declare the goal first"),
    ),
    "tracker": (
        N_("unknown tracker '{name}'"),
        N_("known trackers: {names}"),
        N_("declare the tracker first"),
    ),
    "rater": (
        N_("unknown rater '{name}'"),
        N_("known raters: {names} (add it to the client's 'raters:' list)"),
        N_("declare the rater first (add it to the client's 'raters:' list)"),
    ),
    "measure": (
        N_("unknown measure '{name}'"),
        N_(
            "known measures: {names} (declare your own scales under 'measures:' in the "
            "project's goalsheet.yaml)"
        ),
        N_(
            "declare the measure first (declare your own scales under 'measures:' in the "
            "project's goalsheet.yaml)"
        ),
    ),
}


@rule(
    "GS203",
    "future-date",
    N_("an entry or a done step is dated after today"),
    severity=Severity.ERROR,
    about_goals=False,
    sheet_optional=True,
)
def future_date(ctx: ClientContext) -> Iterator[Hit]:
    # NOTE: --as-of DATE is a command-line option; keep it in English.
    hint = _("check the year and month; use --as-of DATE to check as of another day")
    for index, goal in enumerate(ctx.sheet.goals):
        for step_index, step in enumerate(goal.steps):
            if step.done and step.done > ctx.today:
                loc: Loc = ("goals", index, "steps", step_index, "done")
                message = _("step marked done on {date}, after today").format(date=step.done)
                yield Hit(ctx.source, loc, message, hint)
    for doc in ctx.entries:
        for day in doc.entries.diary:
            if day > ctx.today:
                message = _("diary day {date} is after today").format(date=day)
                yield Hit(doc.source, ("diary", day, "[key]"), message, hint)
        for start in doc.entries.weeks:
            if start > ctx.today:
                message = _("the week starting {date} is after today").format(date=start)
                yield Hit(doc.source, ("weeks", start, "[key]"), message, hint)
        for section, items in _dated(doc.entries):
            for index, item in enumerate(items):
                if item.date > ctx.today:
                    loc = (section, index, "date")
                    message = _(_DATED_AFTER_TODAY[section]).format(date=item.date)
                    yield Hit(doc.source, loc, message, hint)


_DATED_AFTER_TODAY = {
    "ratings": N_("rating dated {date}, after today"),
    "measures": N_("measure dated {date}, after today"),
    "reviews": N_("review dated {date}, after today"),
}


def _dated(entries: Any) -> list[tuple[str, list[Any]]]:
    return [(name, getattr(entries, name)) for name in _DATED_AFTER_TODAY]


@rule(
    "GS204",
    "duplicate-entry",
    N_(
        "the same thing is recorded twice (a day's or a week's value, a rating, a "
        "questionnaire, an ID)"
    ),
    severity=Severity.ERROR,
    about_goals=False,
    sheet_optional=True,
)
def duplicate_entry(ctx: ClientContext) -> Iterator[Hit]:
    twice = {
        "goals": (N_("goal ID '{id}' is used twice"), N_("give each goal its own ID")),
        "trackers": (N_("tracker ID '{id}' is used twice"), N_("give each tracker its own ID")),
    }
    for section, items in (("goals", ctx.sheet.goals), ("trackers", ctx.sheet.trackers)):
        seen_ids: dict[str, int] = {}
        message, fix = twice[section]
        for index, item in enumerate(items):
            if item.id in seen_ids:
                yield Hit(ctx.source, (section, index, "id"), _(message).format(id=item.id), _(fix))
            seen_ids.setdefault(item.id, index)
    seen: dict[Hashable, tuple[str, int]] = {}
    hint = _(
        "keep one of them; if both are right, they are different days or raters "
        "(goalsheet never merges or overwrites entries)"
    )
    corrected = {
        key for doc in ctx.entries if doc.entries.corrects for key, *_rest in _keyed(doc.entries)
    }
    for doc in ctx.entries:
        for key, loc, label in _keyed(doc.entries):
            where = doc.source.locate(loc)
            if key in corrected:
                continue  # a correction file (import --prefer new) replaces the others' value
            if key in seen:
                first_path, first_line = seen[key]
                # NOTE: {what} is e.g. "mood on 2026-09-08"; {path}:{line} is where it was first.
                message = _("{what} is recorded twice (first at {path}:{line})").format(
                    what=label, path=first_path, line=first_line
                )
                yield Hit(doc.source, loc, message, hint)
            else:
                seen[key] = (doc.path, where.line)


def _keyed(entries: Any) -> Iterator[tuple[Hashable, Loc, str]]:
    """Each recorded thing: its identity, where it is, and how to name it in a message."""
    for day, values in entries.diary.items():
        for tracker_id in values:
            label = _("{tracker} on {date}").format(tracker=tracker_id, date=day)
            yield ("diary", day, tracker_id), ("diary", day, tracker_id), label
    for start, values in entries.weeks.items():
        for tracker_id in values:
            # NOTE: names a weekly-log value, e.g. "mood, week starting 2026-11-23".
            label = _("{tracker}, week starting {date}").format(tracker=tracker_id, date=start)
            yield ("week", start, tracker_id), ("weeks", start, tracker_id), label
    for index, rating in enumerate(entries.ratings):
        for scale in ("gbo", "gas"):
            if getattr(rating, scale) is not None:
                if rating.rater:
                    # NOTE: {scale} is GBO or GAS; {rater} a rater's ID, e.g. "client".
                    label = _("{scale} rating of '{goal}' by {rater} on {date}").format(
                        scale=scale.upper(), goal=rating.goal, rater=rating.rater, date=rating.date
                    )
                else:
                    # NOTE: {scale} is GBO or GAS.
                    label = _("{scale} rating of '{goal}' by unspecified rater on {date}").format(
                        scale=scale.upper(), goal=rating.goal, date=rating.date
                    )
                yield (
                    ("rating", rating.date, rating.goal, rating.rater, scale),
                    ("ratings", index),
                    label,
                )
    for index, entry in enumerate(entries.measures):
        yield (
            ("measure", entry.date, entry.measure, entry.rater),
            ("measures", index),
            _("{measure} on {date}").format(measure=entry.measure, date=entry.date),
        )
    for index, review in enumerate(entries.reviews):
        label = _("the review on {date}").format(date=review.date)
        yield ("review", review.date), ("reviews", index), label
