"""Dates and numbers as the active locale writes them (Babel's CLDR data)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from goalsheet.language.cadence import cadence_parts
from goalsheet.language.messages import active_locale, ngettext


def _locale() -> Any:
    # heavy: Babel loads on first use: a command writing no date or number starts without it
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(active_locale())
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en_GB")


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        return dt.date.fromisoformat(value)
    return None


def _pattern(value: Any, pattern: str) -> str:
    """A date in a CLDR pattern ("long", "short", "EEEE"...), or nothing for no date."""
    # heavy: Babel loads on first use: a command writing no date or number starts without it
    from babel.dates import format_date

    day = as_date(value)
    return format_date(day, pattern, locale=_locale()) if day else ""


def _skeleton(value: Any, skeleton: str) -> str:
    """A date with the parts a CLDR skeleton names, in the locale's order."""
    # heavy: Babel loads on first use: a command writing no date or number starts without it
    from babel.dates import format_skeleton

    day = as_date(value)
    return format_skeleton(skeleton, day, locale=_locale()) if day else ""


def long_date(value: Any) -> str:
    """28 September 2026 (en_GB), September 28, 2026 (en_US), 28 de septiembre de 2026 (es)."""
    return _pattern(value, "long")


def short_date(value: Any) -> str:
    """Mon 28 Sept (en_GB), Mon, Sep 28 (en_US), lun, 28 sept (es)."""
    return _skeleton(value, "MMMEd")


def numeric_date(value: Any) -> str:
    """28/09/2026 (en_GB), 9/28/26 (en_US), 28/9/26 (es): the way a person writes a date."""
    return _pattern(value, "short")


def short_day_month(value: Any) -> str:
    """28 Sept, 28 sept."""
    return _skeleton(value, "MMMd")


def weekday(value: Any) -> str:
    """Monday, lunes."""
    return _pattern(value, "EEEE")


def weekday_short(value: Any) -> str:
    """Mon, lun."""
    return _pattern(value, "EEE")


def day_month(value: Any) -> str:
    """30 November, 30 de noviembre: a date in words without its year."""
    return _skeleton(value, "MMMMd")


def in_words(value: Any, today: dt.date) -> str:
    """A date as a client reads it: in words, its year only when it is not this year's
    ("30 November", "2 January 2027"); nothing for no date."""
    day = as_date(value)
    if day is None:
        return ""
    return day_month(day) if day.year == today.year else long_date(day)


def month_year(value: Any) -> str:
    """November 2026, noviembre de 2026."""
    return _skeleton(value, "yMMMM")


def short_month_year(value: Any) -> str:
    """Sept 2026 (en_GB), Sep 2026 (en_US), sept 2026 (es): a chart's date tick."""
    return _skeleton(value, "yMMM")


def short_month(value: Any) -> str:
    """Sept (en_GB), Sep (en_US), sept (es)."""
    return _skeleton(value, "MMM")


def number(value: Any, digits: int = 3) -> str:
    """A number as a person writes it here: 2 not 2.0; 2.5 in English, 2,5 in Spanish;
    nothing for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    # heavy: Babel loads on first use: a command writing no date or number starts without it
    from babel.numbers import format_decimal

    if isinstance(value, float) and value.is_integer():
        value = int(value)
    pattern = "#,##0" if isinstance(value, int) else "#,##0." + "#" * digits
    return format_decimal(value, format=pattern, locale=_locale(), group_separator=False)


def count(value: int | float, digits: int = 0) -> str:
    """A count or size in a message, grouped as the reader's language groups it:
    10,000,000 in English, 10.000.000 in Spanish (where a comma marks decimals)."""
    # heavy: Babel loads on first use: a command writing no date or number starts without it
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value if digits else round(value), format=pattern, locale=_locale())


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def weekday_named(key: Any) -> str:
    """A weekday kept as an English key in data ("Mon") as the locale abbreviates it."""
    text = str(key)
    if text not in _WEEKDAYS:
        return text
    return weekday_short(dt.date(2026, 11, 23) + dt.timedelta(days=_WEEKDAYS.index(text)))


def cadence(text: str) -> str:
    """A review cadence as written in goalsheet.yaml ("6 weeks") in the reader's language."""
    try:
        count, unit = cadence_parts(text)
    except ValueError:
        return text
    if unit == "day":
        # NOTE: how often reviews come, after "every": "every 30 days".
        words = ngettext("{n} day", "{n} days", count)
    elif unit == "week":
        # NOTE: how often reviews come, after "every": "every 6 weeks".
        words = ngettext("{n} week", "{n} weeks", count)
    else:
        # NOTE: how often reviews come, after "every": "every 3 months".
        words = ngettext("{n} month", "{n} months", count)
    return words.format(n=count)
