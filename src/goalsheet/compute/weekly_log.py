"""The weekly log (an entries file's `weeks:`): which trackers have a weekly number, and
whether a number fits one.

A week runs Monday to Sunday, as in reports. Its number is what a person writes on a weekly
log sheet: the average for a rating, the total for counts and minutes, and for yes/no the
days out of 7 it was a yes. Pure: no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
import math

from goalsheet.language.formats import weekday
from goalsheet.language.messages import _
from goalsheet.model.client import RatingTracker, Tracker

WEEKLY_KINDS = ("rating", "count", "duration", "yesno")
DAYS_IN_WEEK = 7
MINUTES_IN_WEEK = DAYS_IN_WEEK * 24 * 60


def monday_of(day: dt.date) -> dt.date:
    """The Monday of the week `day` falls in."""
    return day - dt.timedelta(days=day.weekday())


def not_monday(start: dt.date) -> tuple[str, str] | None:
    """Why a week cannot start on `start`, as (problem, hint); None for a Monday."""
    if start.weekday() == 0:
        return None
    return (
        # NOTE: {weekday} is the day's name, e.g. "Thursday".
        _("week {date} starts on a {weekday}; weeks start on a Monday, as in reports").format(
            date=start, weekday=weekday(start)
        ),
        _("use {monday}, the Monday of that week").format(monday=monday_of(start)),
    )


def has_weekly_number(tracker: Tracker) -> bool:
    """Whether the tracker's week can be one number (text, times and ABC records cannot)."""
    return tracker.kind in WEEKLY_KINDS


def no_weekly_number(tracker: Tracker) -> tuple[str, str] | None:
    """Why the tracker's week cannot be one number, as (problem, hint); None if it can."""
    if has_weekly_number(tracker):
        return None
    return (
        # NOTE: {kind} is a tracker kind as written in the YAML: text, time or abc.
        _("a '{kind}' tracker has no weekly number").format(kind=tracker.kind),
        _(
            "keep it in the diary, day by day; a weekly log holds ratings, counts, minutes "
            "and yes/no days"
        ),
    )


def week_misfit(tracker: Tracker, value: object) -> tuple[str, str] | None:
    """Why `value` is not a week's number for `tracker`, as (problem, hint); None if it fits.

    Only for trackers that have a weekly number (see `has_weekly_number`).
    """
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return (
            _("{value} is not a number").format(value=_shown(value)),
            _("write the week as one number, e.g. 3"),
        )
    whole = value == int(value)
    if isinstance(tracker, RatingTracker):
        if not tracker.min <= value <= tracker.max:
            return (
                _("rating {value} is outside the scale {low} to {high}").format(
                    value=_shown(value), low=tracker.min, high=tracker.max
                ),
                _("write the week's average rating, from {low} to {high}; 5.5 is fine").format(
                    low=tracker.min, high=tracker.max
                ),
            )
    elif tracker.kind == "count":
        if value < 0 or not whole:
            return (
                _("count {value} is not a whole number of 0 or more").format(value=_shown(value)),
                _("write the week's total, e.g. 3"),
            )
    elif tracker.kind == "duration":
        if not whole or not 0 <= value <= MINUTES_IN_WEEK:
            return (
                _("{value} is not a whole number of minutes in a week").format(value=_shown(value)),
                _("write the week's total in minutes, from 0 to {most}, e.g. 140").format(
                    most=MINUTES_IN_WEEK
                ),
            )
    elif tracker.kind == "yesno" and (not whole or not 0 <= value <= DAYS_IN_WEEK):
        return (
            _("{value} is not a number of days from 0 to 7").format(value=_shown(value)),
            _("write on how many days of the week it was a yes, e.g. 4"),
        )
    return None


def _shown(value: object) -> str:
    """A value as it was written in the YAML (yes and no are YAML words, not translated)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return repr(value) if isinstance(value, str) else str(value)
