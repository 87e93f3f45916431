"""The day a FHIR date or dateTime stands for: the date as written (a dateTime's own
offset decides the day, as its author lived it), never a month or year alone."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from goalsheet.intake.values import Unusable
from goalsheet.language.messages import _

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$")


def effective(data: dict[str, Any]) -> object:
    """When an Observation was made, however it says so (dateTime, instant, period)."""
    if "effectiveDateTime" in data:
        return data["effectiveDateTime"]
    if "effectiveInstant" in data:
        return data["effectiveInstant"]
    period = data.get("effectivePeriod")
    return period.get("start") if isinstance(period, dict) else None


def fhir_day(value: object, today: dt.date) -> dt.date:
    """The day; Unusable when it is missing, not a whole date, or has not happened yet."""
    if not isinstance(value, str) or not value:
        raise Unusable(_("it has no date"))
    found = _DAY.match(value.strip())
    if found is None:
        raise Unusable(
            _("'{value}' is not a day (FHIR date YYYY-MM-DD or dateTime)").format(value=value[:40])
        )
    try:
        day = dt.date.fromisoformat(found.group(1))
    except ValueError:
        raise Unusable(_("'{value}' is not a real date").format(value=value[:40])) from None
    if day > today:
        raise Unusable(_("{day} has not happened yet").format(day=day))
    return day
