"""Which recorded data a report can use, and a plain note for everything it leaves out.

A report must still build when data is incomplete or wrong, and must say what it could not
use: `check` names the file and line; these notes say, in the report, what is missing.
Everything here is pure: entries in, usable data and notes out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

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
        about = f"{entry.measure} on {entry.date.isoformat()}"
        definition = measures.get(entry.measure)
        if entry.date > today:
            continue
        if definition is None:
            notes.append(
                Note(
                    about,
                    f"'{entry.measure}' is not defined, or its definition in goalsheet.yaml "
                    "has errors (see `goalsheet check`); left out",
                )
            )
            continue
        if len(entry.answers) != definition.items:
            notes.append(
                Note(
                    about,
                    f"{len(entry.answers)} answers for {definition.items} questions; left out",
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
                    f"answer to item {items} is outside {definition.item_min} to "
                    f"{definition.item_max}; left out",
                )
            )
            continue
        missing = sum(answer is None for answer in entry.answers)
        if missing > definition.max_missing:
            notes.append(
                Note(about, f"{missing} unanswered questions, too many to score; no total")
            )
        elif missing:
            notes.append(Note(about, f"{missing} unanswered; the total is prorated"))
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
                    f"rating on {rating.date.isoformat()}",
                    f"rates goal '{rating.goal}', which is not on the sheet; left out",
                )
            )
            continue
        if rating.rater is not None and rating.rater not in raters:
            unknown_raters[rating.rater] = unknown_raters.get(rating.rater, 0) + 1
        usable.append(rating)
    for rater, count in sorted(unknown_raters.items()):
        notes.append(
            Note(
                f"rater '{rater}'",
                f"{count} rating(s) by '{rater}', who is not among the client's raters "
                f"({', '.join(sheet.client.raters)}); shown under that name",
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
        days = ", ".join(d.isoformat() for d in sorted(outside)[:3])
        more = f" and {len(outside) - 3} more" if len(outside) > 3 else ""
        notes.append(
            Note(
                f"diary: {tracker.label}",
                f"{len(outside)} value(s) do not fit the tracker's scale ({days}{more}); left out",
            )
        )
    return values, notes


def _outside_scale(tracker: Tracker, value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if isinstance(tracker, RatingTracker):
        return not tracker.min <= value <= tracker.max
    return tracker.kind in ("count", "duration") and value < 0
