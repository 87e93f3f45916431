"""Diary layout: which days go on which week, and which columns a diary has. Pure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from goalsheet.language.messages import N_, _
from goalsheet.model.client import (
    CountTracker,
    DurationTracker,
    RatingTracker,
    TextTracker,
    TimeTracker,
    Tracker,
    YesNoTracker,
)
from goalsheet.paper.manifest import field_key

MAX_WEEKS = 26
"""Half a year of daily rows is the longest diary worth printing in one go."""


class DiaryError(ValueError):
    """A diary that cannot be made; the message says why and what to do."""


def diary_weeks(start: dt.date | None, weeks: int) -> list[dict[str, Any]]:
    """Weeks of seven days from `start`; with no start, blank days to date by hand."""
    if not 1 <= weeks <= MAX_WEEKS:
        raise DiaryError(
            _(
                "a diary runs for 1 to {most} weeks, not {weeks}; "
                "print a new one when this one is full"
            ).format(most=MAX_WEEKS, weeks=weeks)
        )
    result = []
    for number in range(weeks):
        days: list[dict[str, Any]] = []
        for offset in range(7):
            index = number * 7 + offset + 1
            if start is None:
                days.append({"key": f"day{index}", "date": None, "index": index})
            else:
                day = start + dt.timedelta(days=number * 7 + offset)
                days.append({"key": day.isoformat(), "date": day.isoformat(), "index": index})
        result.append({"number": number + 1, "days": days})
    return result


def diary_columns(trackers: list[Tracker]) -> list[dict[str, Any]]:
    """One column per tracker a daily row can hold (ABC incidents have their own chart)."""
    columns = []
    for tracker in trackers:
        column: dict[str, Any] = {
            "id": tracker.id,
            "key": field_key(tracker.id),  # safe in a form field name
            "label": _(tracker.label),
            "kind": tracker.kind,
        }
        if isinstance(tracker, RatingTracker):
            anchors = tracker.anchors
            if len(anchors) == 2:
                column["hint"] = _("{low} to {high} ({low} = {low_word}, {high} = {high_word})")
                column["hint"] = column["hint"].format(
                    low=tracker.min, high=tracker.max, low_word=_(anchors[0]),
                    high_word=_(anchors[1]))  # fmt: skip
            else:
                column["hint"] = _("{low} to {high}").format(low=tracker.min, high=tracker.max)
            column["options"] = [[str(n), str(n)] for n in range(tracker.min, tracker.max + 1)]
            column["total"] = "average"
        elif isinstance(tracker, CountTracker):
            column["hint"] = (
                _("how many ({unit})").format(unit=tracker.unit) if tracker.unit else _("how many")
            )
            column["total"] = "total"
        elif isinstance(tracker, DurationTracker):
            column["hint"] = _("minutes")
            column["total"] = "total"
        elif isinstance(tracker, YesNoTracker):
            column["hint"] = _("tick if yes")
            column["total"] = "days"
        elif isinstance(tracker, TimeTracker):
            column["hint"] = _("time, e.g. 07:30")
            column["total"] = ""
        elif isinstance(tracker, TextTracker):
            column["hint"] = _("a few words")
            column["total"] = ""
        else:
            continue
        if tracker.when:
            column["hint"] = _("{hint}; {when}").format(hint=column["hint"], when=tracker.when)
        columns.append(column)
    return columns


BLANK_TRACKERS: list[dict[str, Any]] = [
    {"id": "mood", "label": N_("Mood"), "kind": "rating", "min": 1, "max": 10,
     "anchors": [N_("very low"), N_("great")]},
    {"id": "activity", "label": N_("Something I did for me"), "kind": "duration"},
    {"id": "notes", "label": N_("Notes"), "kind": "text"},
]  # fmt: skip
"""What a blank diary tracks when no client's trackers are given."""
