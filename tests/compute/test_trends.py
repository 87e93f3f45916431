"""Diary trends: exact figures on small hand-made series."""

from __future__ import annotations

import datetime as dt

import pytest

from goalsheet.compute.trends import numeric, toward_target, trend

MON = dt.date(2026, 11, 2)  # a Monday


def days(*values: object, start: dt.date = MON) -> dict[dt.date, object]:
    return {start + dt.timedelta(days=i): v for i, v in enumerate(values) if v is not ...}


def test_counts_sum_per_week_and_missing_days_are_not_zero() -> None:
    result = trend("panic", "count", days(1, 2, ..., 0, 1, 1, 1, 3), MON + dt.timedelta(days=8))
    assert [(w.start, w.days, w.level) for w in result.weeks] == [
        (MON, 6, 6.0),
        (MON + dt.timedelta(days=7), 1, 3.0),
    ]
    assert result.days == 7


def test_ratings_average_per_week() -> None:
    result = trend("mood", "rating", days(4, 6, 5), MON + dt.timedelta(days=2))
    assert result.weeks[0].level == 5.0


def test_yes_no_counts_days_ticked() -> None:
    result = trend("walk", "yesno", days(True, False, True, None, True), MON + dt.timedelta(days=6))
    assert (result.weeks[0].days, result.weeks[0].level) == (4, 3.0)


def test_baseline_needs_enough_days_and_recent_is_the_last_fortnight() -> None:
    values = days(*([7] * 14 + [2] * 14))
    today = MON + dt.timedelta(days=27)
    result = trend("panic", "count", values, today)
    assert (result.baseline_mean, result.recent_mean) == (7.0, 2.0)
    short = trend("panic", "count", days(5, 5, 5), MON + dt.timedelta(days=2))
    assert short.baseline_mean is None and short.recent_mean == 5.0


def test_entries_after_today_are_left_out() -> None:
    result = trend("mood", "rating", days(3, 9), MON)
    assert result.days == 1 and result.recent_mean == 3.0


def test_day_of_week_pattern() -> None:
    values = days(*([1, 1, 1, 1, 1, 5, 5] * 2))
    result = trend("worry", "rating", values, MON + dt.timedelta(days=13))
    assert result.by_weekday == {
        "Mon": 1.0,
        "Tue": 1.0,
        "Wed": 1.0,
        "Thu": 1.0,
        "Fri": 1.0,
        "Sat": 5.0,
        "Sun": 5.0,
    }


def test_text_and_time_are_not_trended() -> None:
    assert numeric("text", "tired") is None and numeric("time", "07:30") is None
    assert numeric("count", True) is None  # a tick is not a count
    assert numeric("yesno", False) == 0.0 and numeric("duration", 20) == 20.0
    assert trend("note", "text", days("a", "b"), MON + dt.timedelta(days=1)).days == 0


@pytest.mark.parametrize(
    ("baseline", "target", "now", "expected"),
    [(7, 1, 4, 50.0), (7, 1, 1, 100.0), (7, 1, 8, -16.7), (0, 2, 3, 150.0), (3, 3, 3, None)],
)
def test_toward_target(baseline: float, target: float, now: float, expected: float | None) -> None:
    assert toward_target(baseline, target, now) == expected
