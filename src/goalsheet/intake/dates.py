"""Dates as people write them on a form: 2026-11-23, 23/11/2026, 23.11.26, 23 Nov 2026,
Mon 23 Nov. Slashed dates are read day first, or month first where the practice's locale
says so (en_US). A date without a year is the latest such date on or before `today`."""

from __future__ import annotations

import datetime as dt
import re

from goalsheet.language.messages import _

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?$")
_WORDS = re.compile(r"^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?(?:\s+(\d{4}))?$")
_WORDS_US = re.compile(
    r"^(?:[a-z]+,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(\d{4}))?$"
)


class NotADate(ValueError):
    pass


def month_first(locale: str | None) -> bool:
    return (locale or "").replace("-", "_").lower() in ("en_us", "en_ph", "es_us")


def written_date(text: str, *, today: dt.date, month_first: bool = False) -> dt.date:
    """The date a person wrote. Raises NotADate with a message saying how to write it."""
    cleaned = " ".join(text.strip().lower().split())
    try:
        if match := _ISO.match(cleaned):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        if match := _NUMERIC.match(cleaned):
            first, second = int(match[1]), int(match[2])
            day, month = (second, first) if month_first else (first, second)
            return _dated(day, month, match[3], today)
        if match := _WORDS.match(cleaned):
            return _dated(int(match[1]), _month(match[2]), match[3], today)
        if match := _WORDS_US.match(cleaned):
            return _dated(int(match[2]), _month(match[1]), match[3], today)
    except ValueError as error:
        if isinstance(error, NotADate):
            raise
        raise NotADate(_("'{text}' is not a real date").format(text=text.strip()[:40])) from None
    example = "11/23/2026" if month_first else "23/11/2026"
    raise NotADate(
        _("'{text}' is not a date goalsheet can read (write {example})").format(
            text=text.strip()[:40], example=example
        )
    )


def _month(word: str) -> int:
    if word not in MONTHS:
        raise NotADate(_("'{word}' is not a month").format(word=word))
    return MONTHS[word]


def _dated(day: int, month: int, year: str | None, today: dt.date) -> dt.date:
    if year is None:
        candidate = dt.date(today.year, month, day)
        return candidate if candidate <= today else dt.date(today.year - 1, month, day)
    number = int(year)
    return dt.date(number + 2000 if number < 100 else number, month, day)
