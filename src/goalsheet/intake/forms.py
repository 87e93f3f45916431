"""A filled goalsheet form, turned into entries: every filled field converted and checked
against the tracker, measure or goal it belongs to. Blank fields are not zeros: they add
nothing. What cannot be used is listed with the reason. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from goalsheet.intake import items as make
from goalsheet.intake.dates import NotADate, written_date
from goalsheet.intake.form_context import (
    Converted,
    FormContext,
    filled,
    form_date,
    shown,
)
from goalsheet.intake.form_measures import questionnaires
from goalsheet.intake.items import Skipped
from goalsheet.intake.values import Unusable, tracker_value, whole_number
from goalsheet.intake.weekly_form import weekly_log
from goalsheet.language.messages import _
from goalsheet.model.client import Tracker
from goalsheet.read.pdf_form import FieldValue

REVIEW_PARTS = {"progress": "progress", "helped": "helped", "in_the_way": "in_the_way",
                "next_step": "next", "feedback": "feedback"}  # fmt: skip
ABC_PARTS = ("antecedent", "behaviour", "consequence", "notes")
_TIME = re.compile(r"\b(\d{1,2}[:.]\d{2}\s*(?:am|pm)?|\d{1,2}\s*(?:am|pm))\b", re.IGNORECASE)


def convert(
    manifest: Mapping[str, Any], values: Mapping[str, FieldValue], ctx: FormContext
) -> Converted:
    """Every filled field of the form as items, or skipped with the reason."""
    out = Converted()
    fields: dict[str, dict[str, Any]] = {
        name: meaning
        for name, meaning in manifest["fields"].items()
        if isinstance(meaning, dict) and filled(values.get(name))
    }
    sections: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for name, meaning in fields.items():
        sections[str(meaning.get("section", ""))][name] = meaning
    _diary(sections.pop("diary", {}), sections.pop("diary-date", {}), manifest, values, ctx, out)
    sections.pop("week-total", None)  # worked out from the days; nothing to store
    measures = {**sections.pop("measure", {})}
    worksheet = sections.pop("worksheet", {})
    measures |= {n: m for n, m in worksheet.items() if "measure" in m}
    questionnaires(measures, values, ctx, out)
    rest = {n: m for n, m in worksheet.items() if "measure" not in m}
    form = str(manifest.get("form"))
    if form == "session-review":
        _review(rest, values, ctx, out)
    elif form == "abc-chart":
        _abc(rest, values, ctx, out)
    elif form == "weekly-log":
        weekly_log(rest, values, ctx, out)
    elif rest:
        out.notes.append(
            _(
                "the {form} worksheet holds no tracking data, so nothing of it is stored; "
                "its answers are listed here to copy into the client's goalsheet if wanted"
            ).format(form=form)
        )
        for name, meaning in rest.items():
            out.skipped.append(
                Skipped(
                    name,
                    # NOTE: a worksheet question's label and the answer written to it.
                    _("{label}: {answer}").format(
                        label=meaning.get("label") or name, answer=shown(values[name])
                    ),
                    invalid=False,
                )
            )
    for section, leftover in sections.items():
        for name in leftover:
            out.skipped.append(
                Skipped(
                    name,
                    _("goalsheet does not know fields of '{section}'").format(section=section),
                    invalid=False,
                )
            )
    return out


def _words(value: FieldValue) -> str:
    """Written text as the client wrote it (line breaks kept), whatever its length."""
    text = "\n".join(value) if isinstance(value, list) else str(value or "")
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


# --- diaries --------------------------------------------------------------------------


def _diary(
    cells: dict[str, dict[str, Any]],
    written: dict[str, dict[str, Any]],
    manifest: Mapping[str, Any],
    values: Mapping[str, FieldValue],
    ctx: FormContext,
    out: Converted,
) -> None:
    all_days = {
        str(m.get("day"))
        for m in manifest["fields"].values()
        if isinstance(m, dict) and m.get("section") == "diary"
    }
    filled_days = {str(m.get("day")) for m in cells.values()}
    dates = _day_dates(all_days, filled_days, written, manifest, values, ctx, out)
    trackers: dict[str, Tracker] = {t.id: t for t in ctx.sheet.trackers}
    for name, meaning in sorted(cells.items()):
        day_key = str(meaning.get("day"))
        day = dates.get(day_key)
        if day is None:
            if day_key in dates:
                continue  # the day's date was already reported as unusable
            out.skipped.append(Skipped(name, _("the day has no date: write it in the Day column")))
            continue
        tracker = trackers.get(str(meaning.get("tracker")))
        if tracker is None:
            out.skipped.append(
                Skipped(
                    name,
                    _(
                        "the client has no tracker '{tracker}' (the form is older "
                        "than the goalsheet, or was made for someone else)"
                    ).format(tracker=meaning.get("tracker")),
                    invalid=False,
                )
            )
            continue
        try:
            value = tracker_value(tracker, values[name])
        except Unusable as error:
            out.skipped.append(
                Skipped(
                    name,
                    _("{label} on {day}: {error}").format(
                        label=tracker.label, day=day, error=error
                    ),
                )
            )
            continue
        out.items.append(make.diary(day, tracker.id, value, name, tracker.label))
    # An unticked box is "no" on a day the client filled in, and nothing on a blank day.
    for name, meaning in manifest["fields"].items():
        if (
            isinstance(meaning, dict)
            and meaning.get("section") == "diary"
            and meaning.get("kind") == "yesno"
            and name not in cells
            and str(meaning.get("day")) in filled_days
        ):
            day = dates.get(str(meaning.get("day")))
            tracker = trackers.get(str(meaning.get("tracker")))
            if day is not None and tracker is not None and tracker.kind == "yesno":
                out.items.append(make.diary(day, tracker.id, False, name, tracker.label))


def _day_dates(
    days: set[str],
    filled: set[str],
    written: dict[str, dict[str, Any]],
    manifest: Mapping[str, Any],
    values: Mapping[str, FieldValue],
    ctx: FormContext,
    out: Converted,
) -> dict[str, dt.date | None]:
    """Each day's date: printed on a personalised diary, written in on a blank one. A date
    outside the diary's range or in the future is reported and its day left out; an empty
    day (a diary sent back before its last days) is simply left out."""
    dates: dict[str, dt.date | None] = {}
    for key in days:
        try:
            dates[key] = dt.date.fromisoformat(key)
        except ValueError:
            continue
    for name, meaning in written.items():
        key = str(meaning.get("day"))
        try:
            dates[key] = written_date(
                shown(values[name]), today=ctx.today, month_first=ctx.month_first
            )
        except NotADate as error:
            out.skipped.append(
                Skipped(name, _("{error}; that day is left out").format(error=error))
            )
            dates[key] = None
    start = _start(manifest, dates)
    if start is not None:
        end = start + dt.timedelta(days=max(len(days), 1) - 1)
        for key, day in dates.items():
            if day is not None and not start <= day <= end and key in filled:
                out.skipped.append(
                    Skipped(
                        f"{key}_date",
                        _(
                            "{day} is outside the diary's range ({start} to {end}); "
                            "that day is left out"
                        ).format(day=day, start=start, end=end),
                    )
                )
                dates[key] = None
    seen: dict[dt.date, str] = {}
    for key, day in sorted(dates.items(), key=lambda kv: _order(kv[0])):
        if day is None:
            continue
        if day > ctx.today:
            if key in filled:
                out.skipped.append(
                    Skipped(
                        f"{key}_date",
                        _("{day} has not happened yet; that day is left out").format(day=day),
                    )
                )
            dates[key] = None
        elif day in seen:
            out.skipped.append(
                Skipped(
                    f"{key}_date",
                    _("{day} is written on two rows; the second is left out").format(day=day),
                )
            )
            dates[key] = None
        else:
            seen[day] = key
    return dates


def _start(manifest: Mapping[str, Any], dates: dict[str, dt.date | None]) -> dt.date | None:
    if manifest.get("start"):
        try:
            return dt.date.fromisoformat(str(manifest["start"]))
        except ValueError:
            return None
    present = [(_order(k), d) for k, d in dates.items() if d is not None]
    if not present:
        return None
    index, first = min(present)  # the first filled row fixes the rest
    return first - dt.timedelta(days=index - 1)


def _order(key: str) -> int:
    match = re.search(r"(\d+)$", key)
    if key.startswith("day") and match:
        return int(match.group(1))
    try:
        return dt.date.fromisoformat(key).toordinal()
    except ValueError:
        return 0


# --- session review and ABC chart ------------------------------------------------------


def _review(
    cells: dict[str, dict[str, Any]],
    values: Mapping[str, FieldValue],
    ctx: FormContext,
    out: Converted,
) -> None:
    date_field = next((n for n, m in cells.items() if m.get("part") == "date"), None)
    answers = {n: m for n, m in cells.items() if m.get("part") != "date"}
    if not answers:
        return
    day = form_date(date_field, values, ctx, out, None)
    if day is None:
        return
    goals = {g.id for g in ctx.sheet.goals}
    parts: dict[str, Any] = {}
    reviewed: list[str] = []
    for name, meaning in sorted(answers.items()):
        part = str(meaning.get("part"))
        if part in REVIEW_PARTS:
            parts[REVIEW_PARTS[part]] = _words(values[name])
        elif part == "how_close":
            goal = str(meaning.get("goal", ""))
            if goal not in goals:
                out.skipped.append(
                    Skipped(
                        name,
                        _(
                            "a rating of a goal written on the sheet, not in the client's "
                            "goalsheet: add the goal there to track it"
                        ),
                        invalid=False,
                    )
                )
                continue
            try:
                score = whole_number(values[name], 0, 10)
            except Unusable as error:
                out.skipped.append(
                    Skipped(
                        name, _("how close to '{goal}': {error}").format(goal=goal, error=error)
                    )
                )
                continue
            out.items.append(make.rating(day, goal, "client", "gbo", score, name))
            reviewed.append(goal)
        else:
            out.skipped.append(
                Skipped(
                    name,
                    _("{label}: not stored").format(label=meaning.get("label") or name),
                    invalid=False,
                )
            )
    if parts or reviewed:
        if reviewed:
            parts["goals"] = sorted(reviewed)
        out.items.append(make.review(day, parts, date_field or "review"))


def _abc(
    cells: dict[str, dict[str, Any]],
    values: Mapping[str, FieldValue],
    ctx: FormContext,
    out: Converted,
) -> None:
    rows: dict[str, dict[str, str]] = defaultdict(dict)
    for name, meaning in cells.items():
        rows[str(meaning.get("row"))][str(meaning.get("part"))] = name
    trackers = {t.id: t for t in ctx.sheet.trackers if t.kind == "abc"}
    by_day: dict[tuple[str, dt.date], list[dict[str, Any]]] = defaultdict(list)
    for row, names in sorted(rows.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 0):
        first = cells[next(iter(names.values()))]
        tracker_id = str(first.get("tracker", ""))
        where = _("ABC row {row}").format(row=row)
        if tracker_id not in trackers:
            out.skipped.append(
                Skipped(
                    where,
                    _("the client has no ABC tracker: add one (kind: abc) to record it"),
                    invalid=False,
                )
            )
            continue
        when = shown(values[names["when"]]) if "when" in names else ""
        record: dict[str, Any] = {p: _words(values[names[p]]) for p in ABC_PARTS if p in names}
        time = _TIME.search(when)
        day_text = (when[: time.start()] + when[time.end() :]).strip(" ,") if time else when
        if not day_text:
            out.skipped.append(
                Skipped(where, _("the row has no date: write it in 'Date and time'"))
            )
            continue
        try:
            day = written_date(day_text, today=ctx.today, month_first=ctx.month_first)
        except NotADate as error:
            out.skipped.append(Skipped(where, str(error)))
            continue
        if day > ctx.today:
            out.skipped.append(Skipped(where, _("{day} has not happened yet").format(day=day)))
            continue
        if time:
            record["time"] = time.group(1)
        by_day[tracker_id, day].append(record)
    for (tracker_id, day), records in by_day.items():
        label = trackers[tracker_id].label
        out.items.append(make.diary(day, tracker_id, records, _("ABC chart"), label))
