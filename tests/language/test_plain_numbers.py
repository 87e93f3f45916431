"""Numbers and dates as a client reads them: rounded, in words, with plurals that agree."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from goalsheet.language import plain_numbers as say
from goalsheet.language.formats import in_words
from goalsheet.language.messages import using

TODAY = dt.date(2026, 11, 20)


def test_halves_round_up_as_people_round() -> None:
    assert [say.whole(v) for v in (0.49, 0.5, 1.5, 2.5, 6.2, 6.5)] == [0, 1, 2, 3, 6, 7]


def test_one_day_two_days() -> None:
    assert say.days(1) == "1 day"
    assert say.days(2) == "2 days"
    assert say.days(0) == "0 days"


@pytest.mark.parametrize(
    ("per_week", "words"),
    [
        (3.1, "about 3 times a week"),
        (2.8, "about 3 times a week"),
        (1.5, "about 2 times a week"),
        (1.2, "about once a week"),
        (0.3, "less than once a week"),
        (0, "not at all"),
        (6.5, "about 7 times a week"),
    ],
)
def test_how_often(per_week: float, words: str) -> None:
    assert say.times_a_week(per_week) == words


@pytest.mark.parametrize(
    ("per_week", "words"),
    [
        (1.0, "about 1 day a week"),
        (4.2, "about 4 days a week"),
        (0.49, "less than one day a week"),
        (0, "no days"),
        (6.6, "nearly every day"),
        (7.0, "every day"),
    ],
)
def test_days_a_week(per_week: float, words: str) -> None:
    assert say.days_a_week(per_week) == words


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (77, "about 75 minutes a week"),
        (88, "about 90 minutes a week"),
        (2, "about 5 minutes a week"),
        (200, "about 3 hours a week"),
        (125, "about 2 hours a week"),
        (0, "no time"),
    ],
)
def test_time_spent(minutes: float, words: str) -> None:
    assert say.minutes_a_week(minutes) == words


def test_ratings_out_of_their_scale() -> None:
    assert say.out_of(6.2, 10) == "about 6 out of 10"
    assert say.out_of(3.3, 5) == "about 3 out of 5"
    assert say.out_of(6, 10, about=False) == "6 out of 10"  # a rating the client gave
    assert say.out_of(6.5, 10, about=False) == "about 7 out of 10"  # never "6.5"


def test_points_agree_with_their_number() -> None:
    assert say.points(1) == "1 point"
    assert say.points(4) == "4 points"
    assert say.points(-3) == "3 points"


@pytest.mark.parametrize(
    ("percent", "words"),
    [
        (130.6, "beyond your target"),
        (110.0, "beyond your target"),
        (104.0, "reached your target"),
        (100.0, "reached your target"),
        (80.0, "most of the way"),
        (50.0, "about halfway"),
        (45.0, "about halfway"),
        (20.0, "made a start"),
        (0.0, "not moved toward your target yet"),
        (-15.0, "not moved toward your target yet"),
    ],
)
def test_toward_a_target_in_words(percent: float, words: str) -> None:
    sentence = say.toward_target(percent)
    assert sentence is not None and words in sentence
    assert "%" not in sentence and not re.search(r"\d", sentence)


def test_no_target_no_words() -> None:
    assert say.toward_target(None) is None


def test_dates_in_words_in_the_readers_language() -> None:
    assert in_words("2026-11-30", TODAY) == "30 November"
    assert in_words(dt.date(2027, 1, 2), TODAY) == "2 January 2027"  # not this year's
    assert in_words(None, TODAY) == ""
    with using("es_ES"):
        assert in_words("2026-11-30", TODAY) == "30 de noviembre"
        assert in_words("2027-01-02", TODAY) == "2 de enero de 2027"
    with using("en_US"):
        assert in_words("2026-11-30", TODAY) == "November 30"


@pytest.mark.parametrize("locale", ["en_GB", "es_ES"])
def test_no_phrase_has_a_decimal_or_a_bracketed_plural(locale: str) -> None:
    """Whatever the language, every phrase is whole numbers and real plural forms."""
    values = [0, 0.2, 0.5, 0.97, 1, 1.49, 1.5, 2.04, 6.2, 6.96, 7, 13.7, 88.4, 130.6, 400.25]
    with using(locale):
        phrases = [
            phrase
            for v in values
            for phrase in (
                say.times_a_week(v),
                say.days_a_week(min(v, 7)),
                say.minutes_a_week(v),
                say.out_of(min(v, 10), 10),
                say.points(v),
                say.toward_target(v),
            )
        ]
    for phrase in phrases:
        assert phrase and "(s)" not in phrase and "%" not in phrase
        assert not re.search(r"\d[.,]\d", phrase), phrase
