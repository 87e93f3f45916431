"""One written value, checked against the tracker it belongs to. Each function returns the
value to store, or raises Unusable with a reason a person can act on."""

from __future__ import annotations

import re
from typing import Any

from goalsheet.compute.weekly_log import week_misfit
from goalsheet.language.messages import _
from goalsheet.model.client import RatingTracker, Tracker

MAX_TEXT = 2_000
MAX_DIGITS = 20  # longer "numbers" are not numbers a person wrote (and would overflow)
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_HOURS = re.compile(r"^(?:(\d{1,4})\s*h(?:ours?|rs?)?)?\s*(?:(\d{1,5})\s*m(?:in(?:ute)?s?)?)?$")
_CLOCK = re.compile(r"^(\d{1,2})[:.h](\d{2})$")
YES = {"yes", "y", "true", "1", "x", "✓", "on"}
NO = {"no", "n", "false", "0"}


class Unusable(ValueError):
    """The value cannot be stored; the message says why."""


def tracker_value(tracker: Tracker, raw: Any) -> Any:
    """The value for the tracker's kind, from text, a choice, or a checkbox's on/off."""
    kind = tracker.kind
    if kind == "yesno":
        return _yes_no(raw)
    text = _text(raw)
    if kind == "rating":
        assert isinstance(tracker, RatingTracker)
        number = _number(text)
        if number != int(number):
            raise Unusable(
                _("'{text}' is not a whole number from {low} to {high}").format(
                    text=text, low=tracker.min, high=tracker.max
                )
            )
        if not tracker.min <= number <= tracker.max:
            raise Unusable(
                _("{text} is outside the scale ({low} to {high})").format(
                    text=text, low=tracker.min, high=tracker.max
                )
            )
        return int(number)
    if kind == "count":
        number = _number(text)
        if number != int(number) or number < 0:
            raise Unusable(
                _("'{text}' is not a count (a whole number, 0 or more)").format(text=text)
            )
        return int(number)
    if kind == "duration":
        return _minutes(text)
    if kind == "time":
        match = _CLOCK.match(text)
        if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
            raise Unusable(_("'{text}' is not a time of day (write it as 22:30)").format(text=text))
        return f"{int(match.group(1)):02d}:{match.group(2)}"
    if kind == "text":
        if len(text) > MAX_TEXT:
            raise Unusable(_("the note is longer than {limit} characters").format(limit=MAX_TEXT))
        return text
    raise Unusable(
        _("values for a '{kind}' tracker cannot be imported from a form field").format(kind=kind)
    )


def week_value(tracker: Tracker, raw: Any) -> int | float:
    """A week's number on a weekly log: a rating's average (5.5 is fine), a total, minutes
    (140, or 2h 20), or the days of 7 a yes/no was a yes."""
    text = _text(raw)
    if tracker.kind == "duration" and not _NUMBER.match(text.replace(" ", "")):
        number: float = _minutes(text)
    else:
        number = _number(text)
    value = int(number) if number == int(number) else number
    misfit = week_misfit(tracker, value)
    if misfit is not None:
        raise Unusable(_("{problem}; {hint}").format(problem=misfit[0], hint=misfit[1]))
    return value


def whole_number(raw: Any, low: int, high: int) -> int:
    text = _text(raw)
    number = _number(text)
    if number != int(number) or not low <= number <= high:
        raise Unusable(
            _("'{text}' is not a whole number from {low} to {high}").format(
                text=text, low=low, high=high
            )
        )
    return int(number)


def _text(raw: Any) -> str:
    if isinstance(raw, list):
        if len(raw) != 1:
            raise Unusable(_("{n} choices were made where one was expected").format(n=len(raw)))
        raw = raw[0]
    if isinstance(raw, dict):
        raise Unusable(_("a tick box where a number or words were expected"))
    return str(raw).strip()


def _number(text: str) -> float:
    if len(text) > MAX_DIGITS or not _NUMBER.match(text):
        raise Unusable(_("'{text}' is not a number").format(text=text[:40]))
    return float(text.replace(",", "."))


def _minutes(text: str) -> int | float:
    """Minutes, written as 20, 20 min, 1h, 1h 30, 1:30 (hours and minutes)."""
    lowered = text.lower().replace(" ", "")
    if _NUMBER.match(lowered):
        number = _number(lowered)
    elif (clock := _CLOCK.match(lowered)) is not None:
        number = int(clock.group(1)) * 60 + int(clock.group(2))
    elif lowered and (hours := _HOURS.match(lowered)) is not None and any(hours.groups()):
        number = int(hours.group(1) or 0) * 60 + int(hours.group(2) or 0)
    else:
        raise Unusable(
            _("'{text}' is not a number of minutes (write 20, or 1h 30)").format(text=text[:40])
        )
    if number < 0 or number > 24 * 60:
        raise Unusable(_("{text} minutes is not a length of time within one day").format(text=text))
    return int(number) if number == int(number) else number


def _yes_no(raw: Any) -> bool:
    if isinstance(raw, dict):
        return bool(raw.get("checked"))
    text = _text(raw).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise Unusable(_("'{text}' is not yes or no").format(text=text[:40]))
