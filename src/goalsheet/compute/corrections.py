"""Entries as they stand after corrections. An entries file marked `corrects: true` (written
by `goalsheet import --prefer new`) replaces the same values in the other files: the same
day's tracker, the same rating, questionnaire or review. Files are never edited; this is
how the newer value wins without touching what a person wrote."""

from __future__ import annotations

from collections.abc import Hashable

from goalsheet.model.entries import EntryFile


def effective(files: list[EntryFile]) -> list[EntryFile]:
    """`files` with every corrected value left out of the files it was corrected from."""
    if not any(f.corrects for f in files):
        return files
    owner: dict[tuple[Hashable, ...], int] = {}
    for index, entries in enumerate(files):
        if entries.corrects:
            for key in _keys(entries):
                owner[key] = index  # the last correction wins
    return [_without(entries, index, owner) for index, entries in enumerate(files)]


def _keys(entries: EntryFile) -> list[tuple[Hashable, ...]]:
    keys: list[tuple[Hashable, ...]] = []
    for day, values in entries.diary.items():
        keys += [("diary", day, tracker) for tracker in values]
    for monday, week in entries.weeks.items():
        keys += [("week", monday, tracker) for tracker in week]
    keys += [("measure", m.date, m.measure, m.rater) for m in entries.measures]
    for rating in entries.ratings:
        keys += [
            ("rating", rating.date, rating.goal, rating.rater, scale)
            for scale in ("gbo", "gas")
            if getattr(rating, scale) is not None
        ]
    keys += [("review", r.date) for r in entries.reviews]
    return keys


def _without(entries: EntryFile, index: int, owner: dict[tuple[Hashable, ...], int]) -> EntryFile:
    def mine(key: tuple[Hashable, ...]) -> bool:
        return owner.get(key, index) == index

    diary = {
        day: kept
        for day, values in entries.diary.items()
        if (kept := {t: v for t, v in values.items() if mine(("diary", day, t))})
    }
    weeks = {
        monday: kept
        for monday, values in entries.weeks.items()
        if (kept := {t: v for t, v in values.items() if mine(("week", monday, t))})
    }
    ratings = []
    for rating in entries.ratings:
        update: dict[str, None] = {}  # the corrected scales, cleared
        for scale in ("gbo", "gas"):
            key = ("rating", rating.date, rating.goal, rating.rater, scale)
            if getattr(rating, scale) is not None and not mine(key):
                update[scale] = None
        kept_rating = rating.model_copy(update=update) if update else rating
        if kept_rating.gbo is not None or kept_rating.gas is not None:
            ratings.append(kept_rating)
    return entries.model_copy(
        update={
            "diary": diary,
            "weeks": weeks,
            "ratings": ratings,
            "measures": [
                m for m in entries.measures if mine(("measure", m.date, m.measure, m.rater))
            ],
            "reviews": [r for r in entries.reviews if mine(("review", r.date))],
        }
    )
