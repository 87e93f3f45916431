"""Data lint for the weekly log (an entries file's `weeks:`).

The weekly log shares the data rules with the diary (a value that does not fit, an unknown
tracker, a date after today, the same value twice: see entry_rules); what only a week can
get wrong is here: a week that does not start on a Monday, and a tracker whose week cannot
be one number.
"""

from __future__ import annotations

from collections.abc import Iterator

from goalsheet.check.registry import ClientContext, Hit, rule
from goalsheet.compute.weekly_log import no_weekly_number, not_monday, week_misfit
from goalsheet.findings import Severity
from goalsheet.language.messages import N_, _
from goalsheet.model.client import Tracker
from goalsheet.read.yaml_source import Loc


@rule(
    "GS207",
    "week-not-monday",
    N_("a week in the weekly log does not start on a Monday"),
    severity=Severity.ERROR,
    about_goals=False,
    sheet_optional=True,
)
def week_not_monday(ctx: ClientContext) -> Iterator[Hit]:
    for doc in ctx.entries:
        for start in doc.entries.weeks:
            problem = not_monday(start)
            if problem:
                yield Hit(doc.source, ("weeks", start, "[key]"), *problem)


def week_misfits(ctx: ClientContext, trackers: dict[str, Tracker]) -> Iterator[Hit]:
    """Weekly-log values that do not fit their tracker (part of GS201, value-out-of-scale)."""
    for doc in ctx.entries:
        for start, values in doc.entries.weeks.items():
            for tracker_id, value in values.items():
                tracker = trackers.get(tracker_id)
                if tracker is None or value is None:
                    continue
                loc: Loc = ("weeks", start, tracker_id)
                problem = no_weekly_number(tracker) or week_misfit(tracker, value)
                if problem:
                    # NOTE: e.g. "week starting 2026-11-23, mood: rating 11 is outside ...".
                    message = _("week starting {date}, {tracker}: {problem}").format(
                        date=start, tracker=tracker_id, problem=problem[0]
                    )
                    yield Hit(doc.source, loc, message, problem[1])
