"""Review dates: when a client's (or a goal's) goals were last reviewed and when next due."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from goalsheet.language.cadence import cadence_parts


def add_cadence(start: dt.date, cadence: str) -> dt.date:
    """`start` plus a cadence such as "6 weeks"; months keep the day, clamped to month end."""
    count, unit = cadence_parts(cadence)
    if unit == "day":
        return start + dt.timedelta(days=count)
    if unit == "week":
        return start + dt.timedelta(weeks=count)
    months = start.month - 1 + count
    year, month = start.year + months // 12, months % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


@dataclass(frozen=True)
class ReviewStatus:
    last: dt.date | None  # the last review, None if there has been none
    next_due: dt.date
    overdue: bool
    days_overdue: int


def review_status(
    started: dt.date, reviews: list[dt.date], cadence: str, today: dt.date
) -> ReviewStatus:
    """Review status as of `today`: the first review falls due one cadence after the start."""
    past = [day for day in reviews if day <= today]
    last = max(past) if past else None
    next_due = add_cadence(last or started, cadence)
    days_overdue = max(0, (today - next_due).days)
    return ReviewStatus(last, next_due, days_overdue > 0, days_overdue)
