"""Values that do not fit their scale (GS201): a diary or weekly-log value outside its
tracker's range or of the wrong kind, a questionnaire answer outside its scale."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

from goalsheet.check.difficulty_rule import difficulty_misfit
from goalsheet.check.registry import ClientContext, Hit, rule
from goalsheet.check.week_rules import week_misfits
from goalsheet.findings import Severity
from goalsheet.language.messages import N_, _
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
from goalsheet.read.yaml_source import Loc

_TIME = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")
MINUTES_IN_DAY = 24 * 60


@rule(
    "GS201",
    "value-out-of-scale",
    N_("a diary or weekly-log value, or a questionnaire answer, does not fit its scale"),
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
                    message = _("{day} {tracker}: {problem}").format(
                        day=day, tracker=tracker_id, problem=problem[0]
                    )
                    yield Hit(doc.source, loc, message, problem[1])
        for index, entry in enumerate(doc.entries.measures):
            measure = ctx.measures.get(entry.measure)
            if measure is not None:
                yield from difficulty_misfit(doc.source, index, entry, measure)
            if measure is None or len(entry.answers) != measure.items:
                continue
            for item, answer in enumerate(entry.answers):
                if answer is not None and not measure.item_min <= answer <= measure.item_max:
                    yield Hit(
                        doc.source,
                        ("measures", index, "answers", item),
                        _(
                            "{measure} item {number} is {answer}; answers run from {low} to {high}"
                        ).format(
                            measure=measure.id,
                            number=item + 1,
                            answer=answer,
                            low=measure.item_min,
                            high=measure.item_max,
                        ),
                        # NOTE: null is the YAML word for an empty value; keep it in English.
                        _(
                            "copy the answer again from the form; leave it empty (null) if "
                            "unanswered"
                        ),
                    )
    yield from week_misfits(ctx, trackers)


def _misfit(tracker: Tracker, value: Any, raw: str | None) -> tuple[str, str] | None:
    """Why `value` does not fit `tracker`, as (message, hint); None if it fits."""
    number = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
    if isinstance(tracker, RatingTracker):
        if not number or not tracker.min <= value <= tracker.max:
            return (
                _("rating {value} is outside the scale {low} to {high}").format(
                    value=_show(value), low=tracker.min, high=tracker.max
                ),
                _("'{label}' is rated from {low} to {high}").format(
                    label=tracker.label, low=tracker.min, high=tracker.max
                ),
            )
    elif isinstance(tracker, CountTracker):
        if not number or value < 0 or value != int(value):
            return (
                _("count {value} is not a whole number of 0 or more").format(value=_show(value)),
                _("write how many, e.g. 2"),
            )
    elif isinstance(tracker, DurationTracker):
        if not number or not 0 <= value <= MINUTES_IN_DAY:
            return (
                _("duration {value} is not a number of minutes in a day").format(
                    value=_show(value)
                ),
                _("write minutes from 0 to {most}, e.g. 20").format(most=MINUTES_IN_DAY),
            )
    elif isinstance(tracker, YesNoTracker):
        if not isinstance(value, bool):
            return (
                # NOTE: yes and no are the words YAML reads as true and false; keep them.
                _("{value} is not yes or no").format(value=_show(value)),
                # NOTE: yes and no are the words YAML reads as true and false; keep them.
                _("write yes or no"),
            )
    elif isinstance(tracker, TimeTracker):
        text = raw if raw is not None else value
        if not isinstance(text, str) or not _TIME.match(text.strip()):
            return (
                _("{value} is not a time of day").format(value=_show(value)),
                _("write the time as HH:MM, e.g. 07:30"),
            )
    elif isinstance(tracker, TextTracker):
        if not isinstance(value, str) and raw is None:
            return (
                _("{value} is not text").format(value=_show(value)),
                _("write a note in words"),
            )
    elif isinstance(tracker, AbcTracker) and not isinstance(value, AbcRecord | list):
        return (
            _("{value} is not an ABC record").format(value=_show(value)),
            # NOTE: the YAML keys (antecedent, behaviour, consequence) stay in English.
            _("write {antecedent: ..., behaviour: ..., consequence: ...}"),
        )
    return None


def _show(value: Any) -> str:
    """A value as it was written in the YAML (yes and no are YAML words, not translated)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return repr(value) if isinstance(value, str) else str(value)
