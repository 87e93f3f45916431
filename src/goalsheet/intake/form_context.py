"""What every filled form's conversion shares: the context it is read in, what it comes to
(items, skipped fields, notes, held questionnaires), a field's value as shown, and the
date written on the form. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from goalsheet.intake.dates import NotADate, written_date
from goalsheet.intake.items import Held, Item, Skipped
from goalsheet.language.messages import _
from goalsheet.model.client import ClientSheet
from goalsheet.model.measures import MeasureDefinition
from goalsheet.read.pdf_form import FieldValue


@dataclass(frozen=True)
class FormContext:
    sheet: ClientSheet
    measures: Mapping[str, MeasureDefinition]
    today: dt.date
    month_first: bool = False
    default_date: dt.date | None = None  # --date: for a form whose date was left empty


@dataclass
class Converted:
    items: list[Item] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # said once about the whole form
    held: list[Held] = field(default_factory=list)  # questionnaires not imported, as read
    unplaced: list[str] = field(default_factory=list)  # critical answers of no known client


def filled(value: FieldValue) -> bool:
    if isinstance(value, dict):
        return bool(value.get("checked"))
    if isinstance(value, list):
        return any(str(v).strip() for v in value)
    return value is not None and str(value).strip() != ""


def shown(value: FieldValue) -> str:
    if isinstance(value, dict):
        return _("ticked")
    text = " / ".join(value) if isinstance(value, list) else str(value)
    return " ".join(text.split())[:200]


def form_date(
    name: str | None,
    values: Mapping[str, FieldValue],
    ctx: FormContext,
    out: Converted,
    measure: str | None,
) -> dt.date | None:
    """The date written on a form (or --date), not in the future; None when unusable.
    `measure` names the questionnaire the date is for; None for a session review."""
    if name is None or not filled(values.get(name)):
        if ctx.default_date is not None:
            return ctx.default_date
        if measure is None:
            why = _(
                "the session review has no date: write it on the form, or import with --date DATE"
            )
        else:
            why = _(
                "the {measure} has no date: write it on the form, or import with --date DATE"
            ).format(measure=measure)
        out.skipped.append(Skipped(name or "date", why))
        return None
    try:
        day = written_date(shown(values[name]), today=ctx.today, month_first=ctx.month_first)
    except NotADate as error:
        if measure is None:
            why = _("the session review: {error}").format(error=error)
        else:
            why = _("the {measure}: {error}").format(measure=measure, error=error)
        out.skipped.append(Skipped(name, why))
        return None
    if day > ctx.today:
        if measure is None:
            why = _("the session review is dated {day}, which has not happened yet").format(day=day)
        else:
            why = _("the {measure} is dated {day}, which has not happened yet").format(
                measure=measure, day=day
            )
        out.skipped.append(Skipped(name, why))
        return None
    return day
