"""Scanned pages into importable items: a questionnaire page's rows into its answers.

A row read as one filled circle is that answer; a row with no mark is unanswered. A row
that is unclear (two marks, a faint or partial mark) holds the whole questionnaire back as a
wrong value, naming the row: a total is never made from a guess.
"""

from __future__ import annotations

import datetime as dt

from goalsheet.importing import items as make
from goalsheet.importing.forms import Converted
from goalsheet.importing.items import Skipped
from goalsheet.language.messages import _
from goalsheet.model.measures import MeasureDefinition
from goalsheet.scan.read import PageReading


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
