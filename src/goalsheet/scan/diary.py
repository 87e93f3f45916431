"""A scannable diary: the client's trackers that a circle can hold, its days, its pages."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from goalsheet.model.client import (
    CountTracker,
    DurationTracker,
    RatingTracker,
    Tracker,
    YesNoTracker,
)
from goalsheet.scan.layout import PagePlan, TrackerSpec, diary_pages

DIARY_FORMS = ("daily-diary", "baseline-diary")


def tracker_specs(trackers: list[Tracker]) -> list[TrackerSpec]:
    """The trackers a scannable diary has rows for (times, text and ABC incidents are
    written on other sheets)."""
    specs = []
    for tracker in trackers:
        if isinstance(tracker, RatingTracker):
            specs.append(TrackerSpec(tracker.id, "rating", tracker.min, tracker.max))
        elif isinstance(tracker, YesNoTracker):
            specs.append(TrackerSpec(tracker.id, "yesno"))
        elif isinstance(tracker, CountTracker | DurationTracker):
            specs.append(TrackerSpec(tracker.id, tracker.kind))
    return specs


def specs_hash(specs: list[TrackerSpec]) -> str:
    """Six characters that change when the diary's rows would (a tracker added, a scale
    changed): a page printed before such a change is not read with the new plan."""
    text = json.dumps([[s.id, s.kind, s.low, s.high] for s in specs])
    return hashlib.sha256(text.encode()).hexdigest()[:6]


def diary_days(start: dt.date, days: int) -> list[str]:
    return [(start + dt.timedelta(days=n)).isoformat() for n in range(days)]


def diary_plans(specs: list[TrackerSpec], start: dt.date, days: int, paper: str) -> list[PagePlan]:
    return diary_pages(specs, diary_days(start, days), paper)
