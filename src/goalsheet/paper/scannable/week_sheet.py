"""What the template writes around a diary grid's circles (scan/week_grid.py): each day's
name, each tracker's name and scale left of its circles, the notes area's headings. All
of it is placed from the page's plan, so the words never stray into a row's band."""

from __future__ import annotations

import itertools
from typing import Any

from goalsheet.language.formats import short_day_month
from goalsheet.language.messages import _
from goalsheet.model.client import (
    CountTracker,
    DurationTracker,
    RatingTracker,
    Tracker,
)
from goalsheet.paper.scannable.layout import PagePlan
from goalsheet.paper.scannable.week_grid import (
    DAY_CELL,
    GRID_RADIUS,
    LABEL_CELL,
    LEFT,
    NOTE_DAY,
    NOTE_HEAD,
    clear,
    day_firsts,
    label_cells,
)


def grid_sheet(plan: PagePlan, kinds: dict[str, str]) -> dict[str, Any]:
    """The template's data for one page of a diary grid, besides its plan."""
    firsts = day_firsts(plan)
    ys = sorted({row.y for row in plan.rows})
    steps = [b - a for a, b in itertools.pairwise(ys)]
    height = min([*steps, 9.0])  # a label cell is as tall as a line
    cells = [
        {"x": round(x, 3), "y": row.y, "w": LABEL_CELL - 1.5, "h": height, "label": row.label}
        for row, x in label_cells(plan, kinds)
    ]
    days = []
    for row in firsts:
        before = [r.y for r in plan.rows if r.y < row.y]
        days.append({"date": row.day, "x": LEFT, "y": row.y, "w": DAY_CELL - 1.0,
                     # a thin line between days, only under the names: never in a band
                     "rule_y": round((max(before) + row.y) / 2, 3) if before else None,
                     "rule_w": DAY_CELL + LABEL_CELL - 1.5})  # fmt: skip
    heads, seen = [], set()
    for box in plan.boxes:
        if box.label not in seen:
            seen.add(box.label)
            heads.append({"label": box.label, "x": LEFT, "y": round(box.y - NOTE_HEAD, 3)})
    dates = [row.day for row in firsts if row.day] + [box.day for box in plan.boxes]
    return {
        "grid": True,
        "days": days,
        "cells": cells,
        "note_heads": heads,
        "note_day": NOTE_DAY,
        "clearance": clear(GRID_RADIUS),
        "day_months": {day: short_day_month(day) for day in dates},
        "first_day": min(dates) if dates else None,
        "last_day": max(dates) if dates else None,
    }


def tracker_hint(tracker: Tracker) -> str:
    """A few words under a tracker's name: a rating's two ends, a number's unit."""
    if isinstance(tracker, RatingTracker):
        if tracker.anchors:
            return _("{low} {low_word} · {high} {high_word}").format(
                low=tracker.min, high=tracker.max,
                low_word=_(tracker.anchors[0]), high_word=_(tracker.anchors[-1]),
            )  # fmt: skip
        return _("{low} to {high}").format(low=tracker.min, high=tracker.max)
    if isinstance(tracker, DurationTracker):
        return _("minutes")
    if isinstance(tracker, CountTracker):
        return _("how many ({unit})").format(unit=tracker.unit) if tracker.unit else _("how many")
    return ""
