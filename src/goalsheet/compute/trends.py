"""Diary trends per tracker: baseline against recent, week by week, and by day of the week.

A tracker's weekly "level" is what a person would write on a weekly log: the total for
counts and minutes, the number of days ticked for yes/no, the mean for ratings. Weeks run
Monday to Sunday. Days with no value are missing, never zero.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from statistics import fmean

SUMMED = {"count", "duration", "yesno"}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Week:
    start: dt.date  # the Monday
    days: int  # days with a value
    level: float  # total (counts, minutes, days ticked) or mean (ratings)


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
) -> Trend:
    """The trend of one tracker's daily values up to `today`."""
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
    weeks = tuple(
        Week(start, len(numbers), sum(numbers) if kind in SUMMED else fmean(numbers))
        for start, numbers in sorted(weekly.items())
    )
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
