"""Data lint rules (GS2xx): entries that cannot be right. Errors, so `check` exits 1."""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable, Iterator
from typing import Any

from goalsheet.findings import Severity
from goalsheet.lint.registry import ClientContext, Hit, rule
from goalsheet.model.client import (
    AbcTracker,
    CountTracker,
    DurationTracker,
    RatingTracker,
    TextTracker,
    TimeTracker,
    Tracker,
    YesNoTracker,
)
from goalsheet.model.entries import AbcRecord
from goalsheet.read.yaml_source import Loc, SourceMap

_TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")
MINUTES_IN_DAY = 24 * 60


@rule(
    "GS201",
    "value-out-of-scale",
    "a diary value or questionnaire answer does not fit its scale",
    severity=Severity.ERROR,
    about_goals=False,
)
def value_out_of_scale(ctx: ClientContext) -> Iterator[Hit]:
    trackers = {tracker.id: tracker for tracker in ctx.sheet.trackers}
    for doc in ctx.entries:
        for day, values in doc.entries.diary.items():
            for tracker_id, value in values.items():
                tracker = trackers.get(tracker_id)
                if tracker is None or value is None:
                    continue
                loc: Loc = ("diary", day, tracker_id)
                problem = _misfit(tracker, value, doc.source.raw_plain.get(loc))
                if problem:
                    yield Hit(doc.source, loc, f"{day} {tracker_id}: {problem[0]}", problem[1])
        for index, entry in enumerate(doc.entries.measures):
            measure = ctx.measures.get(entry.measure)
            if measure is None or len(entry.answers) != measure.items:
                continue
            for item, answer in enumerate(entry.answers):
                if answer is not None and not measure.item_min <= answer <= measure.item_max:
                    yield Hit(
                        doc.source,
                        ("measures", index, "answers", item),
                        f"{measure.id} item {item + 1} is {answer}; answers run from "
                        f"{measure.item_min} to {measure.item_max}",
                        "copy the answer again from the form; leave it empty (null) if unanswered",
                    )


def _misfit(tracker: Tracker, value: Any, raw: str | None) -> tuple[str, str] | None:
    """Why `value` does not fit `tracker`, as (message, hint); None if it fits."""
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if isinstance(tracker, RatingTracker):
        if not number or not tracker.min <= value <= tracker.max:
            return (
                f"rating {_show(value)} is outside the scale {tracker.min} to {tracker.max}",
                f"'{tracker.label}' is rated from {tracker.min} to {tracker.max}",
            )
    elif isinstance(tracker, CountTracker):
        if not number or value < 0 or value != int(value):
            return (
                f"count {_show(value)} is not a whole number of 0 or more",
                "write how many, e.g. 2",
            )
    elif isinstance(tracker, DurationTracker):
        if not number or not 0 <= value <= MINUTES_IN_DAY:
            return (
                f"duration {_show(value)} is not a number of minutes in a day",
                f"write minutes from 0 to {MINUTES_IN_DAY}, e.g. 20",
            )
    elif isinstance(tracker, YesNoTracker):
        if not isinstance(value, bool):
            return f"{_show(value)} is not yes or no", "write yes or no"
    elif isinstance(tracker, TimeTracker):
        text = raw if raw is not None else value
        if not isinstance(text, str) or not _TIME.match(text.strip()):
            return f"{_show(value)} is not a time of day", "write the time as HH:MM, e.g. 07:30"
    elif isinstance(tracker, TextTracker):
        if not isinstance(value, str) and raw is None:
            return f"{_show(value)} is not text", "write a note in words"
    elif isinstance(tracker, AbcTracker) and not isinstance(value, AbcRecord | list):
        return (
            f"{_show(value)} is not an ABC record",
            "write {antecedent: ..., behaviour: ..., consequence: ...}",
        )
    return None


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return repr(value) if isinstance(value, str) else str(value)


@rule(
    "GS202",
    "unknown-reference",
    "an entry or goal names a tracker, goal, rater or measure that does not exist",
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
        for day, values in entries.diary.items():
            for tracker_id in values:
                if tracker_id not in trackers:
                    loc = ("diary", day, tracker_id)
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
    close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
    if close:
        hint = f"did you mean '{close[0]}'?"
    elif known:
        hint = f"known {what}s: {', '.join(sorted(known))}"
    else:
        hint = f"declare the {what} first"
    if what == "rater" and not close:
        hint += " (add it to the client's 'raters:' list)"
    if what == "measure" and not close:
        hint += " (declare your own scales under 'measures:' in the project's goalsheet.yaml)"
    return Hit(source, (*loc, "[key]") if key else loc, f"unknown {what} '{name}'", hint)


@rule(
    "GS203",
    "future-date",
    "an entry or a done step is dated after today",
    severity=Severity.ERROR,
    about_goals=False,
    sheet_optional=True,
)
def future_date(ctx: ClientContext) -> Iterator[Hit]:
    hint = "check the year and month; use --as-of DATE to check as of another day"
    for index, goal in enumerate(ctx.sheet.goals):
        for step_index, step in enumerate(goal.steps):
            if step.done and step.done > ctx.today:
                loc: Loc = ("goals", index, "steps", step_index, "done")
                yield Hit(ctx.source, loc, f"step marked done on {step.done}, after today", hint)
    for doc in ctx.entries:
        for day in doc.entries.diary:
            if day > ctx.today:
                yield Hit(
                    doc.source, ("diary", day, "[key]"), f"diary day {day} is after today", hint
                )
        for section, items in _dated(doc.entries):
            for index, item in enumerate(items):
                if item.date > ctx.today:
                    loc = (section, index, "date")
                    yield Hit(
                        doc.source, loc, f"{section[:-1]} dated {item.date}, after today", hint
                    )


def _dated(entries: Any) -> list[tuple[str, list[Any]]]:
    return [(name, getattr(entries, name)) for name in ("ratings", "measures", "reviews")]


@rule(
    "GS204",
    "duplicate-entry",
    "the same thing is recorded twice (a day's value, a rating, a questionnaire, an ID)",
    severity=Severity.ERROR,
    about_goals=False,
    sheet_optional=True,
)
def duplicate_entry(ctx: ClientContext) -> Iterator[Hit]:
    for kind, items in (("goal", ctx.sheet.goals), ("tracker", ctx.sheet.trackers)):
        seen_ids: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in seen_ids:
                yield Hit(
                    ctx.source,
                    (f"{kind}s", index, "id"),
                    f"{kind} ID '{item.id}' is used twice",
                    f"give each {kind} its own ID",
                )
            seen_ids.setdefault(item.id, index)
    seen: dict[Hashable, tuple[str, int]] = {}
    hint = (
        "keep one of them; if both are right, they are different days or raters "
        "(goalsheet never merges or overwrites entries)"
    )
    corrected = {
        key for doc in ctx.entries if doc.entries.corrects for key, _, _ in _keyed(doc.entries)
    }
    for doc in ctx.entries:
        for key, loc, label in _keyed(doc.entries):
            where = doc.source.locate(loc)
            if key in corrected:
                continue  # a correction file (import --prefer new) replaces the others' value
            if key in seen:
                first_path, first_line = seen[key]
                yield Hit(
                    doc.source,
                    loc,
                    f"{label} is recorded twice (first at {first_path}:{first_line})",
                    hint,
                )
            else:
                seen[key] = (doc.path, where.line)


def _keyed(entries: Any) -> Iterator[tuple[Hashable, Loc, str]]:
    for day, values in entries.diary.items():
        for tracker_id in values:
            yield ("diary", day, tracker_id), ("diary", day, tracker_id), f"{tracker_id} on {day}"
    for index, rating in enumerate(entries.ratings):
        for scale in ("gbo", "gas"):
            if getattr(rating, scale) is not None:
                who = rating.rater or "unspecified rater"
                yield (
                    ("rating", rating.date, rating.goal, rating.rater, scale),
                    ("ratings", index),
                    f"{scale.upper()} rating of '{rating.goal}' by {who} on {rating.date}",
                )
    for index, entry in enumerate(entries.measures):
        yield (
            ("measure", entry.date, entry.measure, entry.rater),
            ("measures", index),
            f"{entry.measure} on {entry.date}",
        )
    for index, review in enumerate(entries.reviews):
        yield ("review", review.date), ("reviews", index), f"the review on {review.date}"


@rule(
    "GS205",
    "wrong-answer-count",
    "a questionnaire has more or fewer answers than items",
    severity=Severity.ERROR,
    about_goals=False,
    sheet_optional=True,
)
def wrong_answer_count(ctx: ClientContext) -> Iterator[Hit]:
    for doc in ctx.entries:
        for index, entry in enumerate(doc.entries.measures):
            measure = ctx.measures.get(entry.measure)
            if measure and len(entry.answers) != measure.items:
                yield Hit(
                    doc.source,
                    ("measures", index, "answers"),
                    f"{measure.id} has {measure.items} items but {len(entry.answers)} answers "
                    "were given",
                    "give one answer per item in order; write null for an unanswered item",
                )


@rule(
    "GS206",
    "too-many-missing-answers",
    "a questionnaire has more unanswered items than can be scored",
    about_goals=False,
    sheet_optional=True,
)
def too_many_missing(ctx: ClientContext) -> Iterator[Hit]:
    for doc in ctx.entries:
        for index, entry in enumerate(doc.entries.measures):
            measure = ctx.measures.get(entry.measure)
            if measure is None or len(entry.answers) != measure.items:
                continue
            missing = sum(answer is None for answer in entry.answers)
            if missing > measure.max_missing:
                yield Hit(
                    doc.source,
                    ("measures", index, "answers"),
                    f"{measure.id} on {entry.date} has {missing} unanswered item(s); "
                    f"at most {measure.max_missing} can be left out for a total",
                    "ask about the missing items at the next session; the total is not scored",
                )
