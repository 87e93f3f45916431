"""goalsheet's own CSV: one row per date and value, the shape a spreadsheet or a statistics
package wants. `export` writes it from a client's entries; `import` reads it back, and the
round trip is exact. Columns:

    client, date, record, name, item, rater, value, weight

record is diary (name: the tracker), measure (name: the questionnaire, item: its number),
gbo or gas (name: the goal; weight only for gas), or week (a weekly-log number; date: the
Monday the week starts on; name: the tracker). Session reviews and ABC records are prose
and stay in the YAML files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from goalsheet.compute.weekly_log import no_weekly_number, not_monday, week_misfit
from goalsheet.intake import items as make
from goalsheet.intake.form_context import Converted
from goalsheet.intake.items import Held, Skipped
from goalsheet.intake.values import Unusable, tracker_value, whole_number
from goalsheet.language.messages import _
from goalsheet.model.base import ID_PATTERN
from goalsheet.model.client import ClientSheet, Tracker
from goalsheet.model.entries import EntryFile
from goalsheet.model.measures import MeasureDefinition
from goalsheet.read.csv_source import CsvTable

COLUMNS = ["client", "date", "record", "name", "item", "rater", "value", "weight"]
RECORDS = ("diary", "measure", "gbo", "gas", "week")
FORMULA = ("=", "+", "-", "@", "'")  # text a spreadsheet would run as a formula (or unguard)
_SLUG = re.compile(ID_PATTERN)
_NUMBER = re.compile(r"^[+-]?(\d{1,15}([.,]\d{0,15})?|[.,]\d{1,15})$")


def is_tidy(table: CsvTable) -> bool:
    return {"date", "record", "name", "value"} <= set(table.header)


def export_csv(client: str, files: Iterable[EntryFile]) -> tuple[str, int]:
    """The CSV text, and how many prose records (reviews, ABC incidents) it leaves out."""
    rows: list[list[str]] = []
    left_out = 0
    for entries in files:
        for day, values in entries.diary.items():
            for tracker, value in values.items():
                if value is None:
                    continue
                if isinstance(value, list) or hasattr(value, "model_dump"):
                    left_out += 1
                    continue
                rows.append([client, day.isoformat(), "diary", tracker, "", "", _cell(value), ""])
        for monday, weekly in entries.weeks.items():
            for tracker, number in weekly.items():
                if number is not None:
                    rows.append(
                        [client, monday.isoformat(), "week", tracker, "", "", _cell(number), ""]
                    )
        for entry in entries.measures:
            for number, answer in enumerate(entry.answers, start=1):
                rows.append(
                    [client, entry.date.isoformat(), "measure", entry.measure, str(number),
                     entry.rater or "", _cell(answer), ""]
                )  # fmt: skip
        for rating in entries.ratings:
            if rating.gbo is not None:
                rows.append(
                    [client, rating.date.isoformat(), "gbo", rating.goal, "", rating.rater or "",
                     _cell(rating.gbo), ""]
                )  # fmt: skip
            if rating.gas is not None:
                rows.append(
                    [client, rating.date.isoformat(), "gas", rating.goal, "", rating.rater or "",
                     _cell(rating.gas), _cell(rating.weight)]
                )  # fmt: skip
        left_out += len(entries.reviews)
    order = {name: index for index, name in enumerate(RECORDS)}
    rows.sort(key=lambda r: (r[1], order[r[2]], r[3], int(r[4] or 0), r[5]))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    return out.getvalue(), left_out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value.startswith(FORMULA):
        return "'" + value  # a spreadsheet shows it as text instead of running it
    if isinstance(value, float) and value.is_integer():
        return str(value)  # 4.0 stays 4.0, so it reads back as the same float
    return str(value)


def _unguarded(text: str) -> str:
    """Text as it was before export guarded it against running as a formula."""
    if text.startswith("'") and text[1:].startswith(FORMULA):
        return text[1:]
    return text


def client_of(table: CsvTable) -> set[str]:
    return {row.get("client", "").strip() for _, row in table.rows if row.get("client", "").strip()}


def read_tidy(
    table: CsvTable,
    sheet: ClientSheet,
    measures: Mapping[str, MeasureDefinition],
    today: dt.date,
) -> Converted:
    """The rows as items, each by its record's reader; a questionnaire's answers (one row
    per item) gathered into one item. A row that cannot be used is skipped, saying why."""
    reading = _Reading(sheet, measures)
    for line, written in table.rows:
        row = _row(f"{table.path}:{line}", line, written, today, reading.out)
        if row is None:
            continue
        try:
            _check_rater(row.rater, sheet)
            read = _BY_RECORD.get(row.record)
            if read is None:
                raise Unusable(
                    _("record '{record}' is not one of {records}").format(
                        record=row.record, records=", ".join(RECORDS)
                    )
                )
            read(row, reading)
        except Unusable as error:
            reading.out.skipped.append(Skipped(row.where, str(error)))
    for key, given in reading.answers.items():
        _questionnaire(key, given, measures, table.path, reading.out)
    return reading.out


AnswerKey = tuple[dt.date, str, str | None]  # the day, the measure, the rater


@dataclass
class _Reading:
    """What reading the rows needs, and what it gathers."""

    sheet: ClientSheet
    measures: Mapping[str, MeasureDefinition]
    out: Converted = field(default_factory=Converted)
    answers: dict[AnswerKey, dict[int, tuple[int, str]]] = field(
        default_factory=lambda: defaultdict(dict)
    )

    trackers: dict[str, Tracker] = field(init=False)
    goals: set[str] = field(init=False)

    def __post_init__(self) -> None:
        self.trackers = {t.id: t for t in self.sheet.trackers}
        self.goals = {g.id for g in self.sheet.goals}


@dataclass(frozen=True)
class _Row:
    """One row, its cells stripped, with a date that has happened."""

    line: int
    where: str
    day: dt.date
    cells: Mapping[str, str]  # stripped
    written: Mapping[str, str]  # as written

    @property
    def record(self) -> str:
        return self.cells.get("record", "").lower()

    @property
    def name(self) -> str:
        return self.cells.get("name", "")

    @property
    def raw(self) -> str:
        return self.cells.get("value", "")

    @property
    def rater(self) -> str | None:
        return self.cells.get("rater") or None


def _row(
    where: str, line: int, written: Mapping[str, str], today: dt.date, out: Converted
) -> _Row | None:
    """The row, or None (and why, in `out.skipped`) when its date is wrong or to come."""
    cells = {column: cell.strip() for column, cell in written.items()}
    try:
        day = dt.date.fromisoformat(cells.get("date", ""))
    except ValueError:
        why = _("'{date}' is not a date (write YYYY-MM-DD)").format(date=cells.get("date", ""))
        out.skipped.append(Skipped(where, why))
        return None
    if day > today:
        out.skipped.append(Skipped(where, _("{day} has not happened yet").format(day=day)))
        return None
    return _Row(line, where, day, cells, written)


def _check_rater(rater: str | None, sheet: ClientSheet) -> None:
    if rater is not None and not _SLUG.match(rater):
        raise Unusable(
            _("rater '{rater}' is not an ID (lower case, e.g. client, parent)").format(rater=rater)
        )
    if rater is not None and rater not in sheet.client.raters:
        raise Unusable(
            _(
                "rater '{rater}' is not one of the client's raters "
                "({raters}); add them to 'raters:' first"
            ).format(rater=rater, raters=", ".join(sheet.client.raters))
        )


def _diary_row(row: _Row, reading: _Reading) -> None:
    if row.raw == "":
        return  # a blank is not a zero
    tracker = _tracker(reading.trackers, row.name)
    value: Any = tracker_value(tracker, row.raw)
    if tracker.kind == "duration" and "." in row.raw:
        value = float(row.raw)
    if tracker.kind == "text":  # notes keep their spaces and line breaks
        value = _unguarded(row.written.get("value", ""))
    reading.out.items.append(make.diary(row.day, row.name, value, row.where, tracker.label))


def _measure_row(row: _Row, reading: _Reading) -> None:
    """One answer of a questionnaire, kept until all its rows are read."""
    definition = reading.measures.get(row.name)
    if definition is None:
        raise Unusable(_("'{measure}' is not a measure goalsheet knows").format(measure=row.name))
    number = whole_number(row.cells.get("item", ""), 1, definition.items)
    key = (row.day, definition.id, row.rater)
    if number in reading.answers[key]:
        raise Unusable(
            _("{measure} question {number} on {day} is given twice").format(
                measure=row.name, number=number, day=row.day
            )
        )
    reading.answers[key][number] = (row.line, row.raw)


def _week_row(row: _Row, reading: _Reading) -> None:
    if row.raw == "":
        return  # a blank is not a zero
    tracker = _tracker(reading.trackers, row.name)
    weekly = _week_value(row.day, tracker, row.raw)
    reading.out.items.append(make.week(row.day, row.name, weekly, row.where, tracker.label))


def _rating_row(row: _Row, reading: _Reading) -> None:
    if row.name not in reading.goals:
        raise Unusable(_("the client has no goal '{goal}'").format(goal=row.name))
    item = _rating(row.record, row.day, row.name, row.rater, row.raw, row.cells, row.where)
    reading.out.items.append(item)


# Each record's reader (RECORDS names them for the message about an unknown one).
_BY_RECORD: dict[str, Callable[[_Row, _Reading], None]] = {
    "diary": _diary_row,
    "measure": _measure_row,
    "week": _week_row,
    "gbo": _rating_row,
    "gas": _rating_row,
}


def _questionnaire(
    key: AnswerKey,
    given: dict[int, tuple[int, str]],
    measures: Mapping[str, MeasureDefinition],
    path: str,
    out: Converted,
) -> None:
    """A questionnaire's answers as one item; held (not imported) when one is wrong."""
    day, measure_id, rater = key
    definition = measures[measure_id]
    scored: list[int | None] = []
    lines = ", ".join(str(line) for line, _ in sorted(given.values()))
    where = f"{path}:{lines.split(',')[0]}"
    wrong: dict[int, Unusable] = {}
    for number in range(1, definition.items + 1):
        raw = given.get(number, (0, ""))[1]
        try:
            value = (
                None if raw == "" else whole_number(raw, definition.item_min, definition.item_max)
            )
        except Unusable as error:  # a whole number out of range is kept, to be shown
            wrong[number] = error
            value = int(raw) if re.fullmatch(r"-?\d{1,6}", raw) else None
        scored.append(value)
    if wrong:  # not imported, but its critical items are still raised ("unclear: ask")
        out.skipped.append(
            Skipped(
                where,
                _("{measure} on {day}: {error}").format(
                    measure=measure_id, day=day, error=next(iter(wrong.values()))
                ),
            )
        )
        out.held.append(Held(measure_id, day, scored, frozenset(wrong), where))
        return
    item = make.measure(day, measure_id, scored, where)
    out.items.append(make.Item(("measure", day, measure_id, rater), scored, where, item.label))


def _tracker(trackers: Mapping[str, Tracker], name: str) -> Tracker:
    tracker = trackers.get(name)
    if tracker is None:
        raise Unusable(_("the client has no tracker '{tracker}'").format(tracker=name))
    return tracker


def _week_value(monday: dt.date, tracker: Tracker, raw: str) -> int | float:
    """A weekly-log number as written (4.0 stays a float, so it round-trips), or Unusable."""
    value: object = raw[:40]
    if _NUMBER.match(raw):
        number = float(raw.replace(",", "."))
        value = number if any(mark in raw for mark in ".,") else int(number)
    problem = not_monday(monday) or no_weekly_number(tracker) or week_misfit(tracker, value)
    if problem:
        # NOTE: what is wrong with a CSV row, then how to put it right.
        raise Unusable(_("{problem}; {hint}").format(problem=problem[0], hint=problem[1]))
    assert isinstance(value, int | float)
    return value


def _rating(
    record: str,
    day: dt.date,
    goal: str,
    rater: str | None,
    raw: str,
    row: Mapping[str, str],
    where: str,
) -> make.Item:
    if record == "gas":
        score = whole_number(raw, -2, 2)
        weight_text = row.get("weight", "")
        weight: float | int | None = None
        if weight_text:
            try:
                weight = float(weight_text) if "." in weight_text else int(weight_text)
            except ValueError:
                raise Unusable(
                    _("weight '{weight}' is not a number").format(weight=weight_text)
                ) from None
            if not 0 < weight <= 100:
                raise Unusable(
                    _("weight {weight} is outside 0 to 100 (above 0)").format(weight=weight_text)
                )
        return make.rating(day, goal, rater, "gas", {"gas": score, "weight": weight}, where)
    if rater is None:
        raise Unusable(_("a GBO rating needs a rater (client, parent, therapist)"))
    try:
        number = float(raw)
    except ValueError:
        raise Unusable(_("'{value}' is not a number from 0 to 10").format(value=raw)) from None
    if not 0 <= number <= 10:
        raise Unusable(_("{value} is outside the GBO scale (0 to 10)").format(value=raw))
    value = number if "." in raw else int(number)
    return make.rating(day, goal, rater, "gbo", value, where)
