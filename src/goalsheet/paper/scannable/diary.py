"""A scannable diary or weekly log: the client's trackers a circle (or a note box) can
hold, its days or weeks, its pages."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from goalsheet.model.client import (
    CountTracker,
    DurationTracker,
    RatingTracker,
    TextTracker,
    Tracker,
    YesNoTracker,
)
from goalsheet.paper.scannable.layout import LAYOUT_VERSION, PagePlan, TrackerSpec, diary_pages
from goalsheet.paper.scannable.week_grid import grid_pages

DIARY_FORMS = ("daily-diary", "baseline-diary")
WEEKLY_FORM = "weekly-log"
NOTICED = "noticed"  # a weekly log's note box: what the client noticed that week


def tracker_specs(trackers: list[Tracker], weekly: bool = False) -> list[TrackerSpec]:
    """The trackers a scannable diary has rows for, words as a note box (times and ABC
    incidents are written on other sheets). A weekly log has a number for each tracker
    and one note box a week."""
    specs = []
    for tracker in trackers:
        if isinstance(tracker, RatingTracker):
            specs.append(TrackerSpec(tracker.id, "rating", tracker.min, tracker.max))
        elif isinstance(tracker, YesNoTracker):
            specs.append(TrackerSpec(tracker.id, "yesno"))
        elif isinstance(tracker, CountTracker | DurationTracker):
            specs.append(TrackerSpec(tracker.id, tracker.kind))
        elif isinstance(tracker, TextTracker) and not weekly:
            specs.append(TrackerSpec(tracker.id, "text"))
    if weekly and specs:
        specs.append(TrackerSpec(NOTICED, "text"))
    return specs


def has_circles(specs: list[TrackerSpec]) -> bool:
    return any(spec.kind != "text" for spec in specs)


def specs_hash(specs: list[TrackerSpec]) -> str:
    """Six characters that change when the diary's rows would (a tracker added, a scale
    changed): a page printed before such a change is not read with the new plan."""
    text = json.dumps([[s.id, s.kind, s.low, s.high] for s in specs])
    return hashlib.sha256(text.encode()).hexdigest()[:6]


def diary_days(start: dt.date, days: int) -> list[str]:
    return [(start + dt.timedelta(days=n)).isoformat() for n in range(days)]


def week_starts(start: dt.date, days: int) -> list[str]:
    return [(start + dt.timedelta(weeks=n)).isoformat() for n in range(days // 7)]


def diary_plans(
    specs: list[TrackerSpec],
    start: dt.date,
    days: int,
    paper: str,
    weekly: bool = False,
    version: int = LAYOUT_VERSION,
) -> list[PagePlan]:
    """The pages of a diary as printed with layout `version`: from layout 2 on, a daily
    diary is a grid of a week a page (scan/week_grid.py); a weekly log stays stacked."""
    if weekly:
        return diary_pages(specs, week_starts(start, days), paper, True, version)
    if version >= 2:
        return grid_pages(specs, diary_days(start, days), paper)
    return diary_pages(specs, diary_days(start, days), paper, False, version)
