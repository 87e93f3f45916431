"""A questionnaire sent as Observations, as many records systems send one: a panel
Observation (LOINC 44249-1 for the PHQ-9, 69737-5 for the GAD-7) whose `hasMember`
Observations (or `component` entries) are its items, each by its LOINC item code with an
answer code or a number, and perhaps the total. It becomes the same answers a
QuestionnaireResponse gives, checked the same way: a wrong answer holds it back whole and
its critical items (PHQ-9 item 9) are still said. Its members are not read again alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import partial
from typing import Any

from goalsheet.compute.scoring import score
from goalsheet.fhir.loinc import LOINC, PANELS, LoincPanel
from goalsheet.intake.fhir_answers import AnswerSheet
from goalsheet.intake.fhir_dates import effective, fhir_day
from goalsheet.intake.fhir_file import Located, obj, seq
from goalsheet.intake.fhir_items import observed_answer, observed_number, value_of
from goalsheet.intake.fhir_reading import FhirReading
from goalsheet.intake.values import Unusable
from goalsheet.language.messages import _

TOTAL = -1  # a part that is the total score, not an item
MISSING = object()  # a member the file does not hold (said where it is found)


def panel_of(resource: Located) -> LoincPanel | None:
    """The questionnaire a panel Observation is, by its LOINC code; None if it is not one."""
    if resource.type != "Observation":
        return None
    for coding in seq(obj(resource.data.get("code")).get("coding")):
        if isinstance(coding, dict) and coding.get("system") == LOINC:
            for panel in PANELS.values():
                if coding.get("code") == panel.code:
                    return panel
    return None


def read_panel(reading: FhirReading, resource: Located, panel: LoincPanel) -> None:
    """The panel's answers as one questionnaire (or held back, saying why)."""
    definition = reading.measures[panel.measure]
    data = resource.data
    try:
        day: dt.date | None = fhir_day(effective(data), reading.today)
    except Unusable as error:
        day = reading.default_date
        if day is None:
            reading.skip(resource, _("the {measure}: {error}").format(
                measure=definition.id, error=error), at=".effectiveDateTime")  # fmt: skip
    rater = reading.rater(resource, "performer")
    sheet = AnswerSheet(reading, resource, definition)
    total: object = None
    for where, code, part in _parts(reading, resource):
        if code is MISSING:  # said where it was found
            sheet.lost()
            continue
        number = _number(code, panel)
        if number is None:
            reading.skip(resource, _("the part {code} is not a question of the {measure}").format(
                code=str(code)[:40], measure=definition.id), at=where)  # fmt: skip
            sheet.lost()
        elif number == TOTAL:
            total = observed_number(part)
        else:
            answer = observed_answer(part)
            sheet.give(number, where, partial(value_of, {"answer": answer}, number, panel,
                                              definition))  # fmt: skip
    if not sheet.seen - {0}:  # no item at all (a total alone cannot be stored either)
        reading.skip(resource, _("the {measure} panel has no items (hasMember or component)")
                     .format(measure=definition.id))  # fmt: skip
        sheet.lost()
    held = sheet.record(day, rater)
    expected = None if held or day is None else score(definition, day, sheet.answers).total
    if not held and total is not None and total != expected:
        why = _("the total {value} does not agree with its answers, which add up to {expected}")
        reading.skip(resource, why.format(value=total, expected=expected))


def _parts(reading: FhirReading, resource: Located) -> Iterator[tuple[str, object, dict[str, Any]]]:
    """Each item of the panel: its path, its LOINC code and what holds its value. Members
    are taken from the file (and marked read); a member that is not in it is a wrong value."""
    for index, reference in enumerate(seq(resource.data.get("hasMember"))):
        where = f".hasMember[{index}]"
        member = reading.file.resolve(reference)
        if member is None or member.type != "Observation":
            shown = reference.get("reference") if isinstance(reference, dict) else reference
            reading.skip(resource, _("its member {member} is not an Observation in this file")
                         .format(member=str(shown)[:80]), at=where)  # fmt: skip
            yield where, MISSING, {}
            continue
        reading.members.add(member.path)
        yield f"{where} → {member.where}", _loinc_code(member.data), member.data
    for index, component in enumerate(seq(resource.data.get("component"))):
        if isinstance(component, dict):
            yield f".component[{index}]", _loinc_code(component), component


def _loinc_code(holder: dict[str, Any]) -> object:
    for coding in seq(obj(holder.get("code")).get("coding")):
        if isinstance(coding, dict) and coding.get("system") == LOINC:
            return coding.get("code")
    return None


def _number(code: object, panel: LoincPanel) -> int | None:
    """The 1-based item a LOINC code is (0: the difficulty question, TOTAL: the total)."""
    for number, item in enumerate(panel.items, start=1):
        if code == item.code:
            return number
    if code == panel.difficulty.code:
        return 0
    if code == panel.total:
        return TOTAL
    return None
