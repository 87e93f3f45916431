"""Reading a person's answers: dates, numbers, directions, yes or no. Pure: no prompts.

Each parser returns the value or raises `Invalid` with a reason a person can act on; the
prompts show the reason and ask again, a flag with a wrong value is a usage error.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import unicodedata
from typing import Literal

from goalsheet.language.messages import N_, _
from goalsheet.model.base import ID_PATTERN

Direction = Literal["increase", "decrease", "maintain"]


class Invalid(ValueError):
    """An answer that cannot be used; the message says why, in words for a person."""


MAX_TEXT = 4000  # the model's limit for free text


def clean(text: str) -> str:
    """One line of text with its spaces tidied (answers are one line each), without control
    characters (a stray arrow key's escape sequence) or undecodable bytes."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    return " ".join(text.split())


def optional_text(text: str) -> str | None:
    """Free text, or None for an empty answer."""
    cleaned = clean(text)
    if len(cleaned) > MAX_TEXT:
        raise Invalid(
            _("that is too long: keep it under {limit} characters").format(limit=MAX_TEXT)
        )
    return cleaned or None


def required_text(text: str) -> str:
    """Free text that must not be empty."""
    cleaned = optional_text(text)
    if not cleaned:
        raise Invalid(_("this one needs an answer"))
    return cleaned


_ID = re.compile(ID_PATTERN)


def identifier(text: str) -> str:
    """A pseudonymous client ID: letters, digits, '-', '_' and '.', starting with a letter
    or digit (it names a folder, so nothing else)."""
    cleaned = text.strip()
    if not cleaned:
        raise Invalid(_("this one needs an answer"))
    if not _ID.match(cleaned) or len(cleaned) > 64:
        raise Invalid(
            _(
                "'{value}' cannot be an ID: use letters, digits and '-' (also '_' or '.'), "
                "starting with a letter or digit, e.g. C-0457"
            ).format(value=cleaned)
        )
    return cleaned


_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")


def locale(text: str) -> str:
    """A locale such as en_GB or es (es-ES is read as es_ES)."""
    cleaned = text.strip().replace("-", "_")
    if "_" in cleaned:
        language, _sep, region = cleaned.partition("_")
        cleaned = f"{language.lower()}_{region.upper()}"
    else:
        cleaned = cleaned.lower()
    if not _LOCALE.match(cleaned):
        raise Invalid(
            _("'{value}' is not a locale: write a language code such as en_GB, en_US or es").format(
                value=text.strip()
            )
        )
    return cleaned


_UNITS = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "month": "month",
    "months": "month",
}
# The same words in the active language (marked for the catalogue here, read when parsing).
_UNIT_WORDS = {
    N_("day"): "day",
    N_("days"): "day",
    N_("week"): "week",
    N_("weeks"): "week",
    N_("month"): "month",
    N_("months"): "month",
}
_RELATIVE = re.compile(r"^(?:(\w+)\s+)?(\d{1,3})\s+(\w+)$", re.UNICODE)


def date(text: str, today: dt.date) -> dt.date:
    """A date: YYYY-MM-DD, "today", or "in 8 weeks" / "in 10 days" / "in 3 months"."""
    cleaned = clean(text).lower()
    if not cleaned:
        raise Invalid(_("this one needs an answer"))
    if cleaned in ("today", _("today").lower()):
        return today
    if re.match(r"^\d{4}-\d{1,2}-\d{1,2}$", cleaned):
        try:
            return dt.date(*(int(part) for part in cleaned.split("-")))
        except ValueError:
            message = _("'{value}' is not a real date: check the day and month")
            raise Invalid(message.format(value=text.strip())) from None
    match = _RELATIVE.match(cleaned)
    if match:
        lead, count, word = match.groups()
        units = {**_UNITS, **{_(k).lower(): v for k, v in _UNIT_WORDS.items()}}
        if (lead is None or lead in ("in", _("in").lower())) and word in units:
            return _later(today, int(count), units[word])
    raise Invalid(
        _("'{value}' is not a date: write YYYY-MM-DD (e.g. {example}) or \"in 8 weeks\"").format(
            value=text.strip(), example=(today + dt.timedelta(weeks=8)).isoformat()
        )
    )


def _later(today: dt.date, count: int, unit: str) -> dt.date:
    if unit == "day":
        return today + dt.timedelta(days=count)
    if unit == "week":
        return today + dt.timedelta(weeks=count)
    months = today.month - 1 + count
    year, month = today.year + months // 12, months % 12 + 1
    return dt.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def future_date(text: str, today: dt.date) -> dt.date:
    """A date after today (a target date)."""
    when = date(text, today)
    if when <= today:
        raise Invalid(
            _("{date} is not in the future: a target date comes after today ({today})").format(
                date=when.isoformat(), today=today.isoformat()
            )
        )
    return when


def number(text: str) -> float:
    """A number, to four decimal places; a decimal comma (2,5) is read as a point."""
    cleaned = text.strip().replace(" ", "")
    if re.match(r"^[+-]?\d+,\d+$", cleaned):
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        raise Invalid(_("'{value}' is not a number").format(value=text.strip())) from None
    if not math.isfinite(value) or abs(value) > 1_000_000 or len(cleaned) > 20:
        raise Invalid(_("'{value}' is not a number goalsheet can use").format(value=text.strip()))
    return round(value, 4) + 0.0  # + 0.0: never -0.0


_UNKNOWN = ("unknown", "?", "not known", "don't know", "dont know", "no idea", "n/a")


def baseline(text: str) -> float | None:
    """Where things are now: a number, or None for "unknown"."""
    cleaned = clean(text).lower()
    if cleaned in _UNKNOWN or cleaned == _("unknown").lower():
        return None
    if not cleaned:
        raise Invalid(_('this one needs an answer: a number, or "unknown"'))
    return number(cleaned)


_DIRECTIONS: dict[str, Direction] = {
    "increase": "increase",
    "up": "increase",
    "more": "increase",
    "higher": "increase",
    "+": "increase",
    "decrease": "decrease",
    "down": "decrease",
    "less": "decrease",
    "fewer": "decrease",
    "lower": "decrease",
    "-": "decrease",
    "maintain": "maintain",
    "same": "maintain",
    "keep": "maintain",
    "stay": "maintain",
}
_DIRECTION_WORDS: dict[str, Direction] = {
    N_("up"): "increase",
    N_("down"): "decrease",
    N_("same"): "maintain",
}


def direction(text: str) -> Direction:
    """increase, decrease or maintain; "up", "down" and "same" (and the like) too."""
    cleaned = clean(text).lower()
    words = {**_DIRECTIONS, **{_(k).lower(): v for k, v in _DIRECTION_WORDS.items()}}
    if cleaned in words:
        return words[cleaned]
    raise Invalid(
        _("'{value}' is not a direction: answer up, down or same").format(value=text.strip())
    )


def check_target(target: float, start: float | None, way: Direction) -> None:
    """The target must lie beyond the baseline in the goal's direction."""
    if start is None or way == "maintain":
        return
    if way == "increase" and target <= start:
        raise Invalid(
            _(
                "for something that should go up, the target must be higher than the "
                "baseline ({baseline})"
            ).format(baseline=show_number(start))
        )
    if way == "decrease" and target >= start:
        raise Invalid(
            _(
                "for something that should go down, the target must be lower than the "
                "baseline ({baseline})"
            ).format(baseline=show_number(start))
        )
    if target < 0 <= start:
        raise Invalid(_("a target below zero cannot be counted"))


def show_number(value: float) -> str:
    """2 rather than 2.0; 2.5 as it is."""
    return str(int(value)) if value == int(value) else f"{value:.4f}".rstrip("0")


_YES = ("y", "yes", "yeah", "ok", "true", "1")
_NO = ("n", "no", "nope", "false", "0")


def yes_no(text: str) -> bool:
    """yes or no (y/n), in English or the active language."""
    cleaned = clean(text).lower()
    yes = {*_YES, _("yes").lower(), _("y").lower()}
    no = {*_NO, _("no").lower(), _("n").lower()}
    if cleaned in yes:
        return True
    if cleaned in no:
        return False
    raise Invalid(_("please answer yes or no"))
