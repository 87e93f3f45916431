"""Diary trends per tracker: baseline against recent, week by week, and by day of the week.

A tracker's weekly "level" is what a person would write on a weekly log: the total for
counts and minutes, the number of days ticked for yes/no, the mean for ratings. Weeks run
Monday to Sunday. Days with no value are missing, never zero.

A week with no day in the diary may still have a level from the weekly log (a client's one
number for the week, see compute/weekly_log.py); days in the diary win over their week's
log. Baseline, recent and weekday means stay daily: a weekly number says nothing of days.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from statistics import fmean

SUMMED = {"count", "duration", "yesno"}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAYS_IN_WEEK = 7


@dataclass(frozen=True)
class Week:
    start: dt.date  # the Monday
    days: int  # days with a value (0 for a week from the weekly log)
    level: float  # total (counts, minutes, days ticked) or mean (ratings)
    logged: bool = False  # the level is the weekly log's: the diary has no day that week

    @property
    def weight(self) -> int:
        """How much the week counts in a mean over days: a logged week stands for 7."""
        return DAYS_IN_WEEK if self.logged else self.days


@dataclass(frozen=True)
class Trend:
    tracker: str
    kind: str
    days: int
    baseline_mean: float | None  # mean daily value over the first `baseline_days` recorded days
    recent_mean: float | None  # mean daily value over the last 14 days up to today
    weeks: tuple[Week, ...]
    by_weekday: dict[str, float]


def numeric(kind: str, value: object) -> float | None:
    """A diary value as a number for trends, or None (text, time, ABC, missing)."""
    if kind == "yesno":
        return 1.0 if value is True else 0.0 if value is False else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if kind in ("rating", "count", "duration"):
        return float(value)
    return None


def trend(
    tracker: str,
    kind: str,
    values: Mapping[dt.date, object],
    today: dt.date,
    baseline_days: int = 14,
    recent_days: int = 14,
    logged: Mapping[dt.date, float] | None = None,
) -> Trend:
    """The trend of one tracker's daily values up to `today`, with the weekly log's levels
    (`logged`, by Monday) for the weeks that have no day in the diary."""
    series = sorted(
        (day, number)
        for day, value in values.items()
        if day <= today and (number := numeric(kind, value)) is not None
    )
    baseline = [number for _, number in series[:baseline_days]]
    since = today - dt.timedelta(days=recent_days - 1)
    recent = [number for day, number in series if day >= since]
    weekly: dict[dt.date, list[float]] = defaultdict(list)
    weekday: dict[int, list[float]] = defaultdict(list)
    for day, number in series:
        weekly[day - dt.timedelta(days=day.weekday())].append(number)
        weekday[day.weekday()].append(number)
    daily = [
        Week(start, len(numbers), sum(numbers) if kind in SUMMED else fmean(numbers))
        for start, numbers in weekly.items()
    ]
    from_log = [
        Week(start, 0, float(level), logged=True)
        for start, level in (logged or {}).items()
        if start not in weekly and start <= today and start.weekday() == 0
    ]
    weeks = tuple(sorted(daily + from_log, key=lambda week: week.start))
    return Trend(
        tracker,
        kind,
        len(series),
        fmean(baseline) if len(baseline) >= baseline_days else None,
        fmean(recent) if recent else None,
        weeks,
        {WEEKDAYS[d]: round(fmean(numbers), 2) for d, numbers in sorted(weekday.items())},
    )


def toward_target(baseline: float, target: float, now: float) -> float | None:
    """How far `now` has moved from `baseline` toward `target`, in percent (may exceed 100
    or go below 0); None when baseline and target are the same."""
    if target == baseline:
        return None
    return round(100 * (now - baseline) / (target - baseline), 1)


WEEKLY_UP_TO = 26  # weeks a chart shows one by one; longer spans are shown by month


@dataclass(frozen=True)
class Level:
    start: dt.date  # the Monday, or the first of the month
    level: float | None  # None: nothing recorded in this period (a gap, never a zero)
    days: int


def levels(t: Trend) -> tuple[str, list[Level]]:
    """The tracker's levels for a chart: ("week", ...) or, over long spans, ("month", ...).

    Every period from the first to the last recorded one is present, empty ones with a None
    level so a chart shows a gap. By month, counts, minutes and ticks stay "per week" (the
    mean of the month's weekly totals); ratings are the mean of the month's days, a week
    from the weekly log counting as 7 days of its average.
    """
    if not t.weeks:
        return "week", []
    first, last = t.weeks[0].start, t.weeks[-1].start
    by_start = {w.start: w for w in t.weeks}
    span = (last - first).days // 7 + 1
    if span <= WEEKLY_UP_TO:
        weeks = [first + dt.timedelta(weeks=i) for i in range(span)]
        return "week", [
            Level(day, by_start[day].level, by_start[day].days)
            if day in by_start
            else Level(day, None, 0)
            for day in weeks
        ]
    months: dict[dt.date, list[Week]] = defaultdict(list)
    for week in t.weeks:
        months[week.start.replace(day=1)].append(week)
    result = []
    month = first.replace(day=1)
    while month <= last:
        weeks_in = months.get(month, [])
        days = sum(w.days for w in weeks_in)
        if not weeks_in:
            result.append(Level(month, None, 0))
        elif t.kind in SUMMED:
            result.append(Level(month, fmean(w.level for w in weeks_in), days))
        else:
            weight = sum(w.weight for w in weeks_in)
            result.append(Level(month, sum(w.level * w.weight for w in weeks_in) / weight, days))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return "month", result
