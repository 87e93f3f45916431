"""Values and dates as people write them on forms, and corrections winning over earlier
entries: the pure parts of import, one case each."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from goalsheet.compute.corrections import effective
from goalsheet.intake.dates import NotADate, month_first, written_date
from goalsheet.intake.items import same
from goalsheet.intake.values import Unusable, tracker_value
from goalsheet.model.client import (
    CountTracker,
    DurationTracker,
    RatingTracker,
    TimeTracker,
    Tracker,
    YesNoTracker,
)
from goalsheet.model.entries import EntryFile

TODAY = dt.date(2026, 11, 20)
RATING = RatingTracker(id="mood", label="Mood", kind="rating", min=1, max=10)
COUNT = CountTracker(id="outings", label="Outings", kind="count")
DURATION = DurationTracker(id="relax", label="Relax", kind="duration")
YESNO = YesNoTracker(id="walked", label="Walked", kind="yesno")
TIME = TimeTracker(id="bed", label="Bedtime", kind="time")


@pytest.mark.parametrize(
    ("tracker", "raw", "expected"),
    [
        (RATING, "4", 4),
        (RATING, [" 7 "], 7),
        (RATING, "10", 10),
        (COUNT, "0", 0),
        (COUNT, "3", 3),
        (DURATION, "20", 20),
        (DURATION, "20 min", 20),
        (DURATION, "1h 30", 90),
        (DURATION, "1:15", 75),
        (DURATION, "2.5", 2.5),
        (YESNO, {"checked": True, "state": "Yes"}, True),
        (YESNO, {"checked": False, "state": "Off"}, False),
        (YESNO, "yes", True),
        (YESNO, "no", False),
        (TIME, "22.30", "22:30"),
        (TIME, "7:05", "07:05"),
    ],
)
def test_values_people_write(tracker: Tracker, raw: Any, expected: Any) -> None:
    value = tracker_value(tracker, raw)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize(
    ("tracker", "raw", "why"),
    [
        (RATING, "11", "outside the scale"),
        (RATING, "0", "outside the scale"),
        (RATING, "4.5", "whole number"),
        (RATING, ["3", "4"], "2 choices"),
        (COUNT, "lots", "not a number"),
        (COUNT, "-1", "count"),
        (COUNT, "1.5", "count"),
        (DURATION, "ages", "minutes"),
        (DURATION, "2000", "within one day"),
        (YESNO, "maybe", "yes or no"),
        (TIME, "25:00", "time of day"),
    ],
)
def test_wrong_values_say_why(tracker: Tracker, raw: Any, why: str) -> None:
    with pytest.raises(Unusable, match=why):
        tracker_value(tracker, raw)


@pytest.mark.parametrize(
    ("text", "first_month", "expected"),
    [
        ("2026-11-09", False, dt.date(2026, 11, 9)),
        ("9/11/2026", False, dt.date(2026, 11, 9)),
        ("11/9/2026", True, dt.date(2026, 11, 9)),
        ("09.11.26", False, dt.date(2026, 11, 9)),
        ("9 Nov 2026", False, dt.date(2026, 11, 9)),
        ("Monday 9th November", False, dt.date(2026, 11, 9)),
        ("Nov 9, 2026", False, dt.date(2026, 11, 9)),
        ("9/11", False, dt.date(2026, 11, 9)),
        ("25/12", False, dt.date(2025, 12, 25)),  # no year: the latest 25 December so far
    ],
)
def test_dates_people_write(text: str, first_month: bool, expected: dt.date) -> None:
    assert written_date(text, today=TODAY, month_first=first_month) == expected


@pytest.mark.parametrize("text", ["31/02/2026", "next Tuesday", "13/13/2026", ""])
def test_dates_that_are_not(text: str) -> None:
    with pytest.raises(NotADate):
        written_date(text, today=TODAY)


def test_month_first_only_where_the_locale_writes_so() -> None:
    assert month_first("en_US") and month_first("en-US")
    assert not month_first("en_GB") and not month_first(None)


def test_same_value_compares_as_data() -> None:
    assert same(4, 4.0)
    assert not same(True, 1)
    assert same({"progress": "ok", "helped": None}, {"progress": "ok"})
    assert not same([1, 2, None], [1, 2, 0])


def _entries(data: dict[str, Any]) -> EntryFile:
    return EntryFile.model_validate(data)


def test_a_correction_replaces_the_same_values_only() -> None:
    first = _entries(
        {
            "diary": {"2026-11-09": {"mood": 4, "walked": True}},
            "ratings": [
                {"date": "2026-11-09", "goal": "walks", "rater": "client", "gbo": 3, "gas": 0}
            ],
            "measures": [{"date": "2026-11-09", "measure": "PHQ-9", "answers": [1] * 9}],
        }
    )
    fix = _entries(
        {
            "corrects": True,
            "diary": {"2026-11-09": {"mood": 6}},
            "ratings": [{"date": "2026-11-09", "goal": "walks", "rater": "client", "gbo": 5}],
        }
    )
    kept, correction = effective([first, fix])
    assert kept.diary == {dt.date(2026, 11, 9): {"walked": True}}
    assert [(r.gbo, r.gas) for r in kept.ratings] == [(None, 0)]  # GAS was not corrected
    assert len(kept.measures) == 1
    assert correction.diary[dt.date(2026, 11, 9)] == {"mood": 6}
    assert effective([first]) == [first]
