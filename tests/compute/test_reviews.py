"""Review dates: pure functions, `today` passed in."""

from __future__ import annotations

import datetime as dt

import pytest

from goalsheet.compute.reviews import add_cadence, review_status

D = dt.date


@pytest.mark.parametrize(
    ("start", "cadence", "expected"),
    [
        (D(2026, 9, 1), "6 weeks", D(2026, 10, 13)),
        (D(2026, 9, 1), "1 week", D(2026, 9, 8)),
        (D(2026, 9, 1), "30 days", D(2026, 10, 1)),
        (D(2026, 1, 31), "1 month", D(2026, 2, 28)),
        (D(2028, 1, 31), "1 month", D(2028, 2, 29)),
        (D(2026, 11, 15), "3 months", D(2027, 2, 15)),
        (D(2026, 12, 31), "12 months", D(2027, 12, 31)),
    ],
)
def test_add_cadence(start: dt.date, cadence: str, expected: dt.date) -> None:
    assert add_cadence(start, cadence) == expected


def test_first_review_due_one_cadence_after_start() -> None:
    status = review_status(D(2026, 9, 1), [], "6 weeks", D(2026, 10, 13))
    assert (status.last, status.next_due, status.overdue) == (None, D(2026, 10, 13), False)
    status = review_status(D(2026, 9, 1), [], "6 weeks", D(2026, 10, 20))
    assert (status.overdue, status.days_overdue) == (True, 7)


def test_latest_past_review_counts_and_future_ones_do_not() -> None:
    reviews = [D(2026, 10, 1), D(2026, 11, 1), D(2026, 12, 24)]
    status = review_status(D(2026, 9, 1), reviews, "4 weeks", D(2026, 11, 20))
    assert status.last == D(2026, 11, 1)
    assert status.next_due == D(2026, 11, 29)
    assert not status.overdue
