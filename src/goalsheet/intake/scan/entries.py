"""Scanned pages into importable items: a questionnaire page's rows into its answers, a
diary's rows into days, a weekly log's into weeks, and note boxes into pictures to keep.

A row read as one filled circle is that answer; a row with no mark is unanswered. A row
that is unclear (two marks, a faint or partial mark) holds the whole questionnaire back as a
wrong value, naming the row: a total is never made from a guess.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator

from goalsheet.intake import items as make
from goalsheet.intake.form_context import Converted
from goalsheet.intake.items import Held, Skipped
from goalsheet.intake.scan.read import PageReading, RowReading
from goalsheet.intake.scanned import NoteCrop
from goalsheet.language.messages import _
from goalsheet.model.client import ClientSheet, Tracker
from goalsheet.model.measures import MeasureDefinition
from goalsheet.paper.scannable.diary import NOTICED, WEEKLY_FORM
from goalsheet.paper.scannable.layout import PLACE


def measure_items(
    reading: PageReading,
    page: str,
    measure: MeasureDefinition,
    given: dt.date | None,
    today: dt.date,
    out: Converted,
) -> None:
    """Add the questionnaire on `reading` (a page, named `page` in messages) to `out`: dated
    by its date circles, or by --date (`given`) when they were left empty."""
    difficulty = _difficulty(reading, page, measure, out)
    unclear = [row for row in reading.rows if row.unclear and row.key != "difficulty"]
    for row in unclear:
        what = (_("the date ({part})").format(part=row.key.removeprefix("date:"))
                if row.key.startswith("date:") else _("item {n}").format(n=row.number))  # fmt: skip
        out.skipped.append(
            Skipped(
                _("{page}, {what}").format(page=page, what=what),
                _("unclear: {why}; the {measure} is not imported until it is checked").format(
                    why=row.unclear, measure=measure.id
                ),
            )
        )
    answers = [row.value for row in reading.rows if row.key.startswith("item")]
    written = _written_date(reading, today)
    if unclear:  # held back, but its critical items are still raised ("unclear: ask")
        doubtful = frozenset(r.number for r in unclear if r.key.startswith("item"))
        day = written if isinstance(written, dt.date) else given
        out.held.append(Held(measure.id, day, answers, doubtful, page))
        return
    if isinstance(written, str):
        out.skipped.append(Skipped(_("{page}, the date").format(page=page), written))
        out.held.append(Held(measure.id, None, answers, frozenset(), page))
        return
    day = written or given
    if day is None:
        out.skipped.append(
            Skipped(
                page,
                _("the {measure} has no date: fill its date circles, or import with --date "
                  "DATE (the day it was filled)").format(measure=measure.id),
            )
        )  # fmt: skip
        out.held.append(Held(measure.id, None, answers, frozenset(), page))
        return
    out.items.append(make.measure(day, measure.id, answers, page, difficulty))


def _difficulty(
    reading: PageReading, page: str, measure: MeasureDefinition, out: Converted
) -> int | None:
    """The closing question's answer (layout 2 pages). It is never scored, so a doubt about
    it does not hold the questionnaire back: it is left out, saying so."""
    row = next((r for r in reading.rows if r.key == "difficulty"), None)
    if row is None or not row.unclear:
        return row.value if row is not None else None
    out.skipped.append(
        Skipped(
            _("{page}, the difficulty question").format(page=page),
            # NOTE: the PHQ-9's or GAD-7's closing question (how difficult the problems
            # made things), which is not scored.
            _("unclear: {why}; the {measure} is imported without its answer to the closing "
              "question (it is not scored)").format(why=row.unclear, measure=measure.id),
            invalid=False,
        )
    )  # fmt: skip
    return None


def _written_date(reading: PageReading, today: dt.date) -> dt.date | str | None:
    """The date filled in on the page (the latest such date up to `today`), None if its
    circles were left empty, or why it cannot be a date."""
    digits = {row.key: row.value for row in reading.rows if row.key.startswith("date:")}
    if not digits or all(value is None for value in digits.values()):
        return None
    if digits.get("date:day:units") is None or digits.get("date:month:units") is None:
        return _("the date is not complete: fill the units of both the day and the month")
    number = {
        what: 10 * (digits.get(f"date:{what}:tens") or 0) + (digits[f"date:{what}:units"] or 0)
        for what in ("day", "month")
    }
    for year in (today.year, today.year - 1):
        try:
            day = dt.date(year, number["month"], number["day"])
        except ValueError:
            return _("day {day} of month {month} is not a date; check the circles").format(
                day=number["day"], month=number["month"]
            )
        if day <= today:
            return day
    return None  # unreachable: a date last year is always before today


def diary_items(reading: PageReading, page: str, sheet: ClientSheet, today: dt.date,
                out: Converted) -> None:  # fmt: skip
    """Add a diary page's days to `out`: a rating or yes/no from its row, a number from its
    rows of digits (units alone is a number under ten; tens alone is unclear)."""
    for day, tracker, where, value in _values(reading, page, sheet, out):
        if day > today:
            out.skipped.append(Skipped(where, _("{day} has not happened yet").format(day=day)))
            continue
        result = bool(value) if tracker.kind == "yesno" else value
        out.items.append(make.diary(day, tracker.id, result, where, tracker.label))


def week_items(reading: PageReading, page: str, sheet: ClientSheet, today: dt.date,
               out: Converted) -> None:  # fmt: skip
    """Add a weekly log page's weeks to `out`: each tracker's week as one number (a
    rating's average, a total, or the days of seven that were a yes)."""
    for monday, tracker, where, value in _values(reading, page, sheet, out, weekly=True):
        if monday > today:
            out.skipped.append(
                Skipped(where, _("the week of {day} has not begun yet").format(day=monday))
            )
            continue
        out.items.append(make.week(monday, tracker.id, value, where, tracker.label))


def _values(
    reading: PageReading, page: str, sheet: ClientSheet, out: Converted, weekly: bool = False
) -> Iterator[tuple[dt.date, Tracker, str, int]]:
    """(day, tracker, where, value) for every row (or rows of digits) that holds an answer;
    an unclear one is skipped with the reason."""
    trackers = {t.id: t for t in sheet.trackers}
    rows: dict[tuple[str, str], dict[str, RowReading]] = defaultdict(dict)
    for row in reading.rows:
        if row.day is not None:
            rows[row.day, row.label][row.part] = row
    for (day_text, tracker_id), parts in rows.items():
        tracker = trackers.get(tracker_id)
        if tracker is None:
            continue
        day = dt.date.fromisoformat(day_text)
        if weekly:
            label = _("{label}, week starting {day}").format(label=tracker.label, day=day)
        else:
            label = _("{label} on {day}").format(label=tracker.label, day=day)
        where = _("{page}, {what}").format(page=page, what=label)
        unclear = [r.unclear for r in parts.values() if r.unclear]
        if unclear:
            out.skipped.append(Skipped(where, _("unclear: {why}").format(why=unclear[0])))
            continue
        value = _number(parts)
        if value == "units missing":
            out.skipped.append(Skipped(where, _("unclear: a digit is filled but not the units")))
        elif isinstance(value, int):
            yield day, tracker, where, value


def _number(parts: dict[str, RowReading]) -> int | str | None:
    """The value of a row, or of rows of digits: None if nothing is filled."""
    if "" in parts:
        return parts[""].value
    if all(row.value is None for row in parts.values()):
        return None
    if parts["units"].value is None:
        return "units missing"
    return sum(PLACE[part] * (row.value or 0) for part, row in parts.items())


def note_crops(reading: PageReading, sheet: ClientSheet, page: str) -> list[NoteCrop]:
    """The note boxes written in, as pictures to keep beside the client's data."""
    labels = {t.id: t.label for t in sheet.trackers} | {NOTICED: _("What I noticed")}
    weekly = reading.payload.form == WEEKLY_FORM
    crops = []
    for note in reading.notes:
        box = note.box
        name = f"{box.day}-{'week-' if weekly else ''}{box.label}.png"
        if weekly:
            what = _("{label}, week starting {day}").format(
                label=labels.get(box.label, box.label), day=box.day
            )
        else:
            what = _("{label} on {day}").format(label=labels.get(box.label, box.label),
                                                day=box.day)  # fmt: skip
        crops.append(NoteCrop(name, what, page, note.png))
    return crops
