"""Scanned pages into importable items: a questionnaire page's rows into its answers.

A row read as one filled circle is that answer; a row with no mark is unanswered. A row
that is unclear (two marks, a faint or partial mark) holds the whole questionnaire back as a
wrong value, naming the row: a total is never made from a guess.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from goalsheet.importing import items as make
from goalsheet.importing.forms import Converted
from goalsheet.importing.items import Skipped
from goalsheet.language.messages import _
from goalsheet.model.client import ClientSheet
from goalsheet.model.measures import MeasureDefinition
from goalsheet.scan.read import PageReading, RowReading


def measure_items(
    reading: PageReading,
    page: str,
    measure: MeasureDefinition,
    day: dt.date | None,
    out: Converted,
) -> None:
    """Add the questionnaire on `reading` (a page, named `page` in messages) to `out`."""
    unclear = [row for row in reading.rows if row.unclear]
    for row in unclear:
        out.skipped.append(
            Skipped(
                _("{page}, item {n}").format(page=page, n=row.number),
                _("unclear: {why}; the {measure} is not imported until it is checked").format(
                    why=row.unclear, measure=measure.id
                ),
            )
        )
    if unclear:
        return
    if day is None:
        out.skipped.append(
            Skipped(
                page,
                _("the {measure} has no date: import with --date DATE (the day it was filled)")
                .format(measure=measure.id),
            )
        )  # fmt: skip
        return
    answers = [row.value for row in reading.rows]
    out.items.append(make.measure(day, measure.id, answers, page))


def diary_items(reading: PageReading, page: str, sheet: ClientSheet, today: dt.date,
                out: Converted) -> None:  # fmt: skip
    """Add a diary page's days to `out`: a rating or yes/no from its row, a number from its
    tens and units rows (units alone is a number under ten; tens alone is unclear)."""
    trackers = {t.id: t for t in sheet.trackers}
    rows: dict[tuple[str, str], dict[str, RowReading]] = defaultdict(dict)
    for row in reading.rows:
        if row.day is not None:
            rows[row.day, row.label][row.part] = row
    for (day_text, tracker_id), parts in rows.items():
        tracker = trackers.get(tracker_id)
        day = dt.date.fromisoformat(day_text)
        if tracker is None:
            continue
        label = _("{label} on {day}").format(label=tracker.label, day=day)
        where = _("{page}, {what}").format(page=page, what=label)
        unclear = [r.unclear for r in parts.values() if r.unclear]
        if unclear:
            out.skipped.append(Skipped(where, _("unclear: {why}").format(why=unclear[0])))
            continue
        if "" in parts:
            value = parts[""].value
            if value is None:
                continue
            result: object = bool(value) if tracker.kind == "yesno" else value
        else:
            tens, units = parts["tens"].value, parts["units"].value
            if tens is None and units is None:
                continue
            if units is None:
                out.skipped.append(
                    Skipped(where, _("unclear: the tens are filled but not the units"))
                )
                continue
            result = 10 * (tens or 0) + units
        if day > today:
            out.skipped.append(Skipped(where, _("{day} has not happened yet").format(day=day)))
            continue
        out.items.append(make.diary(day, tracker.id, result, where, tracker.label))
