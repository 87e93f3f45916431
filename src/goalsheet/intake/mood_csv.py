"""A mood-tracking app's CSV export (date, a mood word or number, activities, a note), read
into a client's trackers through a mapping the user states:

    --tracker mood                     the rating tracker the mood goes to
    --moods "awful=1,bad=3,meh=5,good=7,rad=9"
                                       mood words to points on its scale (numbers pass as is)
    --activity "walk=walked"           an activity to a yes/no tracker (repeat for more)
    --note-tracker notes               the text tracker the app's notes go to

A day with several entries gets the mean of its moods, rounded half up, and every activity
named that day; the summary says how many days were averaged. On a day with an entry, an
activity that was not named counts as "no".
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from goalsheet.intake import items as make
from goalsheet.intake.dates import NotADate, written_date
from goalsheet.intake.form_context import Converted
from goalsheet.intake.items import Skipped
from goalsheet.intake.values import Unusable, tracker_value
from goalsheet.language.messages import _, ngettext
from goalsheet.model.client import ClientSheet, RatingTracker, Tracker
from goalsheet.read.csv_source import CsvTable

DATE_COLUMNS = ("full_date", "date", "day")
NOTE_COLUMNS = ("note", "notes", "note_title")
ACTIVITY_COLUMNS = ("activities", "activity", "tags")
_SPLIT = re.compile(r"\s*[|,;]\s*")


class BadMapping(ValueError):
    """The stated mapping does not fit the client's trackers; the message says how."""


@dataclass(frozen=True)
class MoodMapping:
    tracker: str
    moods: dict[str, float] = field(default_factory=dict)  # lower-case word -> point
    activities: dict[str, str] = field(default_factory=dict)  # lower-case activity -> tracker
    note_tracker: str | None = None

    @staticmethod
    def parse(
        tracker: str, moods: str | None, activities: tuple[str, ...], note_tracker: str | None
    ) -> MoodMapping:
        return MoodMapping(
            tracker,
            {word: _point(word, number) for word, number in _pairs(moods or "", "--moods")},
            {name: target for name, target in (_pair(a, "--activity") for a in activities)},
            note_tracker,
        )


def _pairs(text: str, option: str) -> list[tuple[str, str]]:
    return [_pair(part, option) for part in text.split(",") if part.strip()]


def _pair(text: str, option: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        # NOTE: option is --moods or --activity; NAME=VALUE is how to write it.
        raise BadMapping(
            _("{option}: '{text}' should be NAME=VALUE").format(option=option, text=text)
        )
    return name.strip().lower(), value.strip()


def _point(word: str, number: str) -> float:
    try:
        return float(number)
    except ValueError:
        raise BadMapping(
            _("--moods: '{word}={number}': {number} is not a number").format(
                word=word, number=number
            )
        ) from None


def is_mood_export(table: CsvTable) -> bool:
    return "mood" in table.header and any(c in table.header for c in DATE_COLUMNS)


def read_mood(
    table: CsvTable, sheet: ClientSheet, mapping: MoodMapping | None, today: dt.date
) -> Converted:
    """The export's days as diary items: each day's mean mood, its activities ticked or
    not, its notes joined; rows that cannot be used are skipped, saying why."""
    if mapping is None:
        raise BadMapping(
            _(
                "this looks like a mood app's export: say where its columns go, e.g. "
                "--tracker mood --moods 'awful=1,bad=3,meh=5,good=7,rad=9' "
                "--activity 'walk=walked' --note-tracker notes"
            )
        )
    trackers = {t.id: t for t in sheet.trackers}
    mood = _checked(mapping, trackers)
    out = Converted()
    days = _days(table, mapping, mood, today, out)
    averaged = _day_items(days, mapping, trackers, mood, table.path, out)
    unmapped = sorted({a for named in days.named.values() for a in named} - set(mapping.activities))
    if unmapped:
        out.notes.append(
            _("activities with no tracker, left out: {activities}").format(
                activities=", ".join(unmapped[:20])
            )
        )
    if averaged:
        out.notes.append(
            # NOTE: a note after importing a mood app's CSV export.
            ngettext(
                "{n} day had several moods; its mean was used",
                "{n} days had several moods; each day's mean was used",
                averaged,
            ).format(n=averaged)
        )
    return out


def _checked(mapping: MoodMapping, trackers: dict[str, Tracker]) -> RatingTracker:
    """The mood's rating tracker, once the mapping is known to fit the client's trackers."""
    mood = trackers.get(mapping.tracker)
    if not isinstance(mood, RatingTracker):
        raise BadMapping(
            _("--tracker: the client has no rating tracker '{tracker}'").format(
                tracker=mapping.tracker
            )
        )
    for word, point in mapping.moods.items():
        if not mood.min <= point <= mood.max:
            raise BadMapping(
                _("--moods: {word}={point} is outside {label}'s scale ({low} to {high})").format(
                    word=word, point=f"{point:g}", label=mood.label, low=mood.min, high=mood.max
                )
            )
    for target in [*mapping.activities.values(), mapping.note_tracker]:
        if target is not None and target not in trackers:
            raise BadMapping(_("the client has no tracker '{tracker}'").format(tracker=target))
    for target in mapping.activities.values():
        if trackers[target].kind != "yesno":
            raise BadMapping(
                _("--activity: '{tracker}' is not a yes/no tracker").format(tracker=target)
            )
    return mood


@dataclass
class _Days:
    """What the rows say, day by day."""

    moods: dict[dt.date, list[float]] = field(default_factory=lambda: defaultdict(list))
    named: dict[dt.date, set[str]] = field(default_factory=lambda: defaultdict(set))
    notes: dict[dt.date, list[str]] = field(default_factory=lambda: defaultdict(list))


def _days(
    table: CsvTable, mapping: MoodMapping, mood: RatingTracker, today: dt.date, out: Converted
) -> _Days:
    """Every row's mood, activities and note, by day; a row without a usable date or mood
    is skipped."""
    date_column = next(c for c in DATE_COLUMNS if c in table.header)
    days = _Days()
    for line, row in table.rows:
        where = f"{table.path}:{line}"
        try:
            day = written_date(row.get(date_column, ""), today=today)
        except NotADate as error:
            out.skipped.append(Skipped(where, str(error)))
            continue
        if day > today:
            out.skipped.append(Skipped(where, _("{day} has not happened yet").format(day=day)))
            continue
        word = row.get("mood", "").strip().lower()
        if word:
            try:
                days.moods[day].append(_mood(word, mapping, mood))
            except Unusable as error:
                out.skipped.append(Skipped(where, str(error)))
                continue
        for column in ACTIVITY_COLUMNS:
            days.named[day] |= {a.lower() for a in _SPLIT.split(row.get(column, "")) if a}
        text = " ".join(row.get(c, "") for c in NOTE_COLUMNS if c != "note_title")
        title = row.get("note_title", "")
        if (title or text.strip()) and mapping.note_tracker:
            days.notes[day].append(" ".join(f"{title} {text}".split()))
    return days


def _day_items(
    days: _Days,
    mapping: MoodMapping,
    trackers: dict[str, Tracker],
    mood: RatingTracker,
    path: str,
    out: Converted,
) -> int:
    """Each day's diary items into `out`; how many days had several moods averaged."""
    averaged = 0
    for day in sorted(set(days.moods) | set(days.named) | set(days.notes)):
        if days.moods.get(day):
            values = days.moods[day]
            averaged += len(values) > 1
            point = math.floor(sum(values) / len(values) + 0.5)
            out.items.append(make.diary(day, mood.id, point, f"{path}: {day}", mood.label))
        for activity, target in mapping.activities.items():
            ticked = activity in days.named[day]
            label = trackers[target].label
            out.items.append(make.diary(day, target, ticked, f"{path}: {day}", label))
        if days.notes.get(day) and mapping.note_tracker:
            tracker = trackers[mapping.note_tracker]
            try:
                text = tracker_value(tracker, " / ".join(days.notes[day]))
            except Unusable as error:
                out.skipped.append(Skipped(f"{path}: {day}", str(error)))
                continue
            out.items.append(make.diary(day, tracker.id, text, f"{path}: {day}", tracker.label))
    return averaged


def _mood(word: str, mapping: MoodMapping, tracker: RatingTracker) -> float:
    if word in mapping.moods:
        return mapping.moods[word]
    try:
        number = float(word)
    except ValueError:
        known = ", ".join(mapping.moods) or _("none given")
        raise Unusable(
            _(
                "mood '{word}' is not in --moods ({known}): add it, e.g. --moods '{word}=5,...'"
            ).format(word=word, known=known)
        ) from None
    if not tracker.min <= number <= tracker.max:
        raise Unusable(
            _("mood {word} is outside the scale ({low} to {high})").format(
                word=word, low=tracker.min, high=tracker.max
            )
        )
    return number
