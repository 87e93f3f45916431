"""A filled weekly log (the fillable PDF) into `weeks:`: each row's week starting date and
its numbers, one per tracker. A week is stored under its Monday, as in reports; a row dated
another day of the week is stored under that week's Monday, and the import says so. Words
("What I noticed") are listed, not stored. Pure: no I/O."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from goalsheet.compute.weekly_log import monday_of
from goalsheet.intake import items as make
from goalsheet.intake.dates import NotADate, written_date
from goalsheet.intake.items import Skipped
from goalsheet.intake.values import Unusable, week_value
from goalsheet.language.messages import _
from goalsheet.read.pdf_form import FieldValue

if TYPE_CHECKING:
    from goalsheet.intake.form_context import Converted, FormContext


def weekly_log(
    fields: dict[str, dict[str, Any]],
    values: Mapping[str, FieldValue],
    ctx: FormContext,
    out: Converted,
) -> None:
    rows: dict[int, dict[str, list[tuple[str, dict[str, Any]]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for name, meaning in fields.items():
        rows[int(meaning.get("row") or 0)][str(meaning.get("part"))].append((name, meaning))
    trackers = {t.id: t for t in ctx.sheet.trackers}
    for number, parts in sorted(rows.items()):
        for name, _meaning in parts.pop("noticed", []) + parts.pop("column_label", []):
            out.skipped.append(
                Skipped(name, _("words are not stored: {answer}").format(
                    answer=" ".join(str(values[name]).split())[:200]), invalid=False)
            )  # fmt: skip
        cells = parts.get("week_value", [])
        if not cells:
            continue
        starts = parts.get("week_start", [])
        if not starts:
            for name, _meaning in cells:
                out.skipped.append(Skipped(name, _(
                    "week {n} has numbers but no 'Week starting' date: write the date the "
                    "week began").format(n=number)))  # fmt: skip
            continue
        start_field = starts[0][0]
        try:
            start = written_date(str(values[start_field]), today=ctx.today,
                                 month_first=ctx.month_first)  # fmt: skip
        except NotADate as error:
            out.skipped.append(Skipped(start_field, str(error)))
            continue
        monday = monday_of(start)
        if monday > ctx.today:
            out.skipped.append(Skipped(start_field, _(
                "the week starting {date} is after today").format(date=start)))  # fmt: skip
            continue
        if monday != start:
            out.notes.append(_(
                "week {n} was written as starting {date}; it is stored as the week of Monday "
                "{monday}, as in reports").format(n=number, date=start, monday=monday))  # fmt: skip
        for name, meaning in cells:
            tracker = trackers.get(str(meaning.get("tracker")))
            if tracker is None:
                out.skipped.append(Skipped(name, _(
                    "this column is not one of the client's trackers, so its numbers are not "
                    "stored").format(), invalid=False))  # fmt: skip
                continue
            try:
                value = week_value(tracker, values[name])
            except Unusable as error:
                out.skipped.append(Skipped(name, str(error)))
                continue
            out.items.append(make.week(monday, tracker.id, value, name, tracker.label))
