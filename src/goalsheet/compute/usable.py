"""Which recorded data a report can use, and a plain note for everything it leaves out.

A report must still build when data is incomplete or wrong, and must say what it could not
use: `check` names the file and line; these notes say, in the report, what is missing.
Everything here is pure: entries in, usable data and notes out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from goalsheet.compute.weekly_log import has_weekly_number, week_misfit
from goalsheet.language.messages import _, ngettext
from goalsheet.model.client import ClientSheet, RatingTracker, Tracker
from goalsheet.model.entries import EntryFile, MeasureEntry, Rating
from goalsheet.model.measures import MeasureDefinition


@dataclass(frozen=True)
class Note:
    """Something the report could not use, or could use only in part."""

    about: str
    message: str

    def json(self) -> dict[str, str]:
        return {"about": self.about, "message": self.message}


def administrations(
    entries: Iterable[EntryFile], measures: dict[str, MeasureDefinition], today: dt.date
) -> tuple[list[MeasureEntry], list[Note]]:
    """Questionnaires that can be scored, in date order, and notes on the rest."""
    usable: list[MeasureEntry] = []
    notes: list[Note] = []
    # Same-day items are ordered by name too, so a file's order never changes the report.
    every = sorted((m for e in entries for m in e.measures), key=lambda m: (m.date, m.measure))
    for entry in every:
        about = _("{measure} on {date}").format(measure=entry.measure, date=entry.date.isoformat())
        definition = measures.get(entry.measure)
        if entry.date > today:
            continue
        if definition is None:
            notes.append(
                Note(
                    about,
                    _(
                        "'{measure}' is not defined, or its definition in goalsheet.yaml "
                        "has errors (see `goalsheet check`); left out"
                    ).format(measure=entry.measure),
                )
            )
            continue
        if len(entry.answers) != definition.items:
            notes.append(
                Note(
                    about,
                    _("{answers} answers for {items} questions; left out").format(
                        answers=len(entry.answers), items=definition.items
                    ),
                )
            )
            continue
        wrong = [
            number
            for number, answer in enumerate(entry.answers, start=1)
            if answer is not None and not definition.item_min <= answer <= definition.item_max
        ]
        if wrong:
            items = ", ".join(str(n) for n in wrong)
            notes.append(
                Note(
                    about,
                    _("answer to item {items} is outside {low} to {high}; left out").format(
                        items=items, low=definition.item_min, high=definition.item_max
                    ),
                )
            )
            continue
        missing = sum(answer is None for answer in entry.answers)
        if missing > definition.max_missing:
            # NOTE: a note in the report about one questionnaire, e.g. "PHQ-9 on 2026-11-02".
            message = ngettext(
                "{missing} unanswered question, too many to score; no total",
                "{missing} unanswered questions, too many to score; no total",
                missing,
            )
            notes.append(Note(about, message.format(missing=missing)))
        elif missing:
            message = _("{missing} unanswered; the total is prorated")
            notes.append(Note(about, message.format(missing=missing)))
        usable.append(entry)
    return usable, notes


def ratings(
    sheet: ClientSheet, entries: Iterable[EntryFile], today: dt.date
) -> tuple[list[Rating], list[Note]]:
    """Goal ratings up to today for goals the sheet has, in date order; notes on the rest.

    A rating from someone not listed among the client's raters is kept (it was given) and
    noted, so the sheet can be corrected.
    """
    goals = {goal.id for goal in sheet.goals}
    raters = set(sheet.client.raters)
    usable: list[Rating] = []
    notes: list[Note] = []
    unknown_raters: dict[str, int] = {}
    every = sorted(
        (r for e in entries for r in e.ratings),
        key=lambda r: (r.date, r.goal, r.rater or "", r.gbo or 0, r.gas or 0),
    )
    for rating in every:
        if rating.date > today:
            continue
        if rating.goal not in goals:
            notes.append(
                Note(
                    _("rating on {date}").format(date=rating.date.isoformat()),
                    _("rates goal '{goal}', which is not on the sheet; left out").format(
                        goal=rating.goal
                    ),
                )
            )
            continue
        if rating.rater is not None and rating.rater not in raters:
            unknown_raters[rating.rater] = unknown_raters.get(rating.rater, 0) + 1
        usable.append(rating)
    for rater, count in sorted(unknown_raters.items()):
        # NOTE: a note in the report: {raters} are the client's raters, e.g. "client,
        # therapist".
        message = ngettext(
            "{count} rating by '{rater}', who is not among the client's raters "
            "({raters}); shown under that name",
            "{count} ratings by '{rater}', who is not among the client's raters "
            "({raters}); shown under that name",
            count,
        )
        notes.append(
            Note(
                _("rater '{rater}'").format(rater=rater),
                message.format(count=count, rater=rater, raters=", ".join(sheet.client.raters)),
            )
        )
    return usable, notes


def diary_values(
    tracker: Tracker, entries: Iterable[EntryFile], today: dt.date
) -> tuple[dict[dt.date, object], list[Note]]:
    """One tracker's diary values up to today; ratings outside the scale are left out."""
    values: dict[dt.date, object] = {}
    outside: list[dt.date] = []
    for entry in entries:
        for day, row in entry.diary.items():
            if day > today or tracker.id not in row or row[tracker.id] is None:
                continue
            value = row[tracker.id]
            if _outside_scale(tracker, value):
                outside.append(day)
                continue
            values[day] = value
    notes = []
    if outside:
        # NOTE: {tracker} is what the diary records, e.g. "Mood".
        about = _("diary: {tracker}").format(tracker=_(tracker.label))
        notes.append(_misfits_note(about, outside))
    return values, notes


def week_values(
    tracker: Tracker, entries: Iterable[EntryFile], today: dt.date
) -> tuple[dict[dt.date, float], list[Note]]:
    """One tracker's weekly-log levels by Monday, for weeks starting up to today. A number
    that does not fit the tracker, or a week that does not start on a Monday, is left out."""
    values: dict[dt.date, float] = {}
    outside: list[dt.date] = []
    not_monday: list[dt.date] = []
    for entry in entries:
        for start, row in entry.weeks.items():
            value = row.get(tracker.id)
            if value is None or start > today:
                continue
            if start.weekday() != 0:
                not_monday.append(start)
            elif not has_weekly_number(tracker) or week_misfit(tracker, value):
                outside.append(start)
            else:
                values[start] = float(value)
    notes = []
    # NOTE: {tracker} is what the weekly log records, e.g. "Mood".
    about = _("weekly log: {tracker}").format(tracker=_(tracker.label))
    if outside:
        notes.append(_misfits_note(about, outside))
    if not_monday:
        weeks = ", ".join(d.isoformat() for d in sorted(not_monday))
        # NOTE: a note in the report: {weeks} are the weeks' dates, e.g. "2026-11-05".
        message = ngettext(
            "{count} week does not start on a Monday ({weeks}); left out",
            "{count} weeks do not start on a Monday ({weeks}); left out",
            len(not_monday),
        )
        notes.append(Note(about, message.format(count=len(not_monday), weeks=weeks)))
    return values, notes


def _misfits_note(about: str, dates: list[dt.date]) -> Note:
    """ "3 values do not fit the tracker's scale (dates); left out"."""
    days = ", ".join(d.isoformat() for d in sorted(dates)[:3])
    if len(dates) > 3:
        # NOTE: a note in the report: {days} are the first three dates, {more} how many
        # other dates there are (always more than 1 value in all).
        message = ngettext(
            "{count} value does not fit the tracker's scale ({days} and {more} more); left out",
            "{count} values do not fit the tracker's scale ({days} and {more} more); left out",
            len(dates),
        )
    else:
        # NOTE: a note in the report: {days} are the values' dates, e.g. "2026-11-02".
        message = ngettext(
            "{count} value does not fit the tracker's scale ({days}); left out",
            "{count} values do not fit the tracker's scale ({days}); left out",
            len(dates),
        )
    return Note(about, message.format(count=len(dates), days=days, more=len(dates) - 3))


def _outside_scale(tracker: Tracker, value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if not math.isfinite(value):
        return True
    if isinstance(tracker, RatingTracker):
        return not tracker.min <= value <= tracker.max
    return tracker.kind in ("count", "duration") and value < 0
