"""What an import adds, one value at a time, keyed the way `check` keys entries (a day's
tracker, a rating, a questionnaire, a review), so it can be compared with what is there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from typing import Any

from goalsheet.language.messages import _
from goalsheet.model.entries import EntryFile


@dataclass(frozen=True)
class Item:
    key: tuple[Hashable, ...]
    value: Any  # as it will be written to YAML
    where: str  # the form field(s) or CSV line it came from
    label: str  # for people: "Mood on 2026-11-23"
    # More of the record, written with it but not compared with what is there: a
    # questionnaire's unscored difficulty answer, e.g. (("difficulty", 1),).
    extra: tuple[tuple[str, Any], ...] = ()

    @property
    def record(self) -> str:
        return str(self.key[0])


@dataclass(frozen=True)
class Skipped:
    where: str
    why: str
    invalid: bool = True  # a wrong value (blocks the import unless --skip-invalid); else a
    # field that no longer maps or holds no tracking data (reported, never blocks)


@dataclass(frozen=True)
class Held:
    """A questionnaire on the file that is not imported (a mark to check, no date, a wrong
    value), kept as it was read so that its critical items (PHQ-9 item 9) are still raised."""

    measure: str
    date: dt.date | None  # None when the date is missing, unreadable or in the future
    answers: list[int | None]  # one per item, None where blank, unclear or wrong
    unclear: frozenset[int]  # 1-based items that could not be read or hold a wrong value
    where: str


def diary(day: dt.date, tracker: str, value: Any, where: str, label: str) -> Item:
    # NOTE: an imported value's label, e.g. "Mood on 2026-11-23" (label: the tracker's).
    return Item(
        ("diary", day, tracker), value, where, _("{label} on {day}").format(label=label, day=day)
    )


def week(monday: dt.date, tracker: str, value: Any, where: str, label: str) -> Item:
    # NOTE: an imported weekly-log value, e.g. "Mood, week starting 2026-11-23".
    label = _("{label}, week starting {day}").format(label=label, day=monday)
    return Item(("week", monday, tracker), value, where, label)


def measure(
    day: dt.date, name: str, answers: list[int | None], where: str, difficulty: int | None = None
) -> Item:
    """A questionnaire's answers; `difficulty`, the closing question's answer, is kept
    with them but never scored."""
    # NOTE: an imported questionnaire, e.g. "PHQ-9 on 2026-11-23".
    label = _("{measure} on {day}").format(measure=name, day=day)
    extra = (("difficulty", difficulty),) if difficulty is not None else ()
    return Item(("measure", day, name, None), answers, where, label, extra)


def rating(day: dt.date, goal: str, rater: str | None, scale: str, value: Any, where: str) -> Item:
    # NOTE: scale is GBO or GAS; goal is the goal's ID, rater an ID such as "client".
    if rater:
        label = _("{scale} rating of '{goal}' by {rater} on {day}").format(
            scale=scale.upper(), goal=goal, rater=rater, day=day
        )
    else:
        label = _("{scale} rating of '{goal}' on {day}").format(
            scale=scale.upper(), goal=goal, day=day
        )
    return Item(("rating", day, goal, rater, scale), value, where, label)


def review(day: dt.date, parts: dict[str, Any], where: str) -> Item:
    return Item(("review", day), parts, where, _("the review on {day}").format(day=day))


def existing(entries: EntryFile) -> Iterator[tuple[tuple[Hashable, ...], Any]]:
    """Every keyed value in an entries file, in the same shape import makes."""
    for day, values in entries.diary.items():
        for tracker, day_value in values.items():
            yield ("diary", day, tracker), _plain(day_value)
    for monday, week in entries.weeks.items():
        for tracker, week_value in week.items():
            yield ("week", monday, tracker), week_value
    for entry in entries.measures:
        yield ("measure", entry.date, entry.measure, entry.rater), list(entry.answers)
    for item in entries.ratings:
        for scale in ("gbo", "gas"):
            score = getattr(item, scale)
            if score is not None:
                value = {"gas": score, "weight": item.weight} if scale == "gas" else score
                yield ("rating", item.date, item.goal, item.rater, scale), value
    for review_entry in entries.reviews:
        parts = review_entry.model_dump(exclude={"date"}, exclude_defaults=True)
        yield ("review", review_entry.date), parts


def same(a: Any, b: Any) -> bool:
    """Equal as data: 4 and 4.0 are the same value; True is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        keys = {k for k, v in a.items() if v not in (None, [], "")} | {
            k for k, v in b.items() if v not in (None, [], "")
        }
        return all(same(a.get(k), b.get(k)) for k in keys)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _plain(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(exclude_defaults=True)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def as_entries(items: list[Item], source: str) -> dict[str, Any]:
    """The YAML data of one new entries file holding `items`."""
    data: dict[str, Any] = {"source": source}
    days: dict[dt.date, dict[str, Any]] = {}
    weeks: dict[dt.date, dict[str, Any]] = {}
    ratings: list[dict[str, Any]] = []
    measures: list[dict[str, Any]] = []
    reviews: list[dict[str, Any]] = []
    for item in sorted(items, key=lambda i: (str(i.key[0]), str(i.key[1]), str(i.key[2:]))):
        kind, day = item.key[0], item.key[1]
        assert isinstance(day, dt.date)
        if kind == "diary":
            days.setdefault(day, {})[str(item.key[2])] = item.value
        elif kind == "week":
            weeks.setdefault(day, {})[str(item.key[2])] = item.value
        elif kind == "measure":
            entry = {"date": day, "measure": item.key[2], "answers": item.value}
            if item.key[3] is not None:
                entry["rater"] = item.key[3]
            entry.update(item.extra)
            measures.append(entry)
        elif kind == "rating":
            goal, rater, scale = item.key[2], item.key[3], item.key[4]
            entry = {"date": day, "goal": goal}
            if rater is not None:
                entry["rater"] = rater
            if scale == "gas":
                entry["gas"] = item.value["gas"]
                if item.value.get("weight") is not None:
                    entry["weight"] = item.value["weight"]
            else:
                entry["gbo"] = item.value
            entry.update(item.extra)  # a note, from a FHIR Observation
            ratings.append(entry)
        else:
            reviews.append({"date": day, **item.value})
    if days:
        data["diary"] = dict(sorted(days.items()))
    if weeks:
        data["weeks"] = dict(sorted(weeks.items()))
    for name, records in (("ratings", ratings), ("measures", measures), ("reviews", reviews)):
        if records:
            data[name] = records
    return data
