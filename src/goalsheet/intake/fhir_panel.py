"""A questionnaire sent as Observations, as many records systems send one: a panel
Observation (LOINC 44249-1 for the PHQ-9, 69737-5 for the GAD-7) whose `hasMember`
Observations (or `component` entries) are its items, each by its LOINC item code with an
answer code or a number, and perhaps the total. It becomes the same answers a
QuestionnaireResponse gives, checked the same way: a wrong answer holds it back whole and
its critical items (PHQ-9 item 9) are still said. Its members are not read again alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from goalsheet.compute.scoring import score
from goalsheet.fhir.loinc import LOINC, PANELS, LoincPanel
from goalsheet.intake import items as make
from goalsheet.intake.fhir_dates import effective, fhir_day
from goalsheet.intake.fhir_file import Located, obj, seq
from goalsheet.intake.fhir_items import observed_answer, observed_number, value_of
from goalsheet.intake.fhir_reading import FhirReading
from goalsheet.intake.fhir_whose import NotARater, rater_of
from goalsheet.intake.items import Held
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
    rater = _rater(reading, resource)
    answers: list[int | None] = [None] * definition.items
    difficulty: int | None = None
    total: object = None
    unclear: set[int] = set()
    seen: set[int] = set()
    for where, code, part in _parts(reading, resource):
        if code is MISSING:  # which item it held is unknown: every one is unclear
            unclear.update(range(1, definition.items + 1))
            continue
        number = _number(code, panel)
        if number is None:
            reading.skip(resource, _("the part {code} is not a question of the {measure}").format(
                code=str(code)[:40], measure=definition.id), at=where)  # fmt: skip
            unclear.update(range(1, definition.items + 1))  # which item it was is unknown
            continue
        if number in seen:
            reading.skip(resource, _("item {number} is answered twice").format(number=number),
                         at=where)  # fmt: skip
            unclear.add(max(number, 0))
            continue
        seen.add(number)
        if number == TOTAL:
            total = observed_number(part)
            continue
        try:
            value = value_of({"answer": observed_answer(part)}, number, panel, definition)
        except Unusable as error:
            why = (
                _("{measure} item {number}: {error}")
                if number > 0
                else _("the {measure}'s difficulty question: {error}")
            )
            reading.skip(resource, why.format(measure=definition.id, number=number, error=error),
                         at=where)  # fmt: skip
            unclear.add(number if number > 0 else 0)
            continue
        if number == 0:
            difficulty = value
        else:
            answers[number - 1] = value
    unclear.discard(0)
    if not seen:
        reading.skip(resource, _("the {measure} panel has no items (hasMember or component)")
                     .format(measure=definition.id))  # fmt: skip
        unclear.update(range(1, definition.items + 1))
    if day is None or unclear:
        reading.out.held.append(Held(definition.id, day, answers, frozenset(unclear),
                                     resource.where))  # fmt: skip
        return
    expected = score(definition, day, answers).total
    if total is not None and total != expected:
        why = _("the total {value} does not agree with its answers, which add up to {expected}")
        reading.skip(resource, why.format(value=total, expected=expected))
    label = make.measure(day, definition.id, answers, resource.where).label
    extra = (("difficulty", difficulty),) if difficulty is not None else ()
    reading.out.items.append(
        make.Item(("measure", day, definition.id, rater), answers, resource.where, label, extra)
    )


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


def _rater(reading: FhirReading, resource: Located) -> str | None:
    """The client, or a rater goalsheet knows, when the performer is one; else none (the
    clinician who typed the answers in is not who gave them), said."""
    performers = seq(resource.data.get("performer"))
    if not performers:
        return None
    try:
        return rater_of(reading.file, reading.who, performers[0], reading.sheet.client.raters)
    except NotARater as error:
        why = _("the performer: {error}; the answers are recorded without a rater")
        reading.skip(resource, why.format(error=error), invalid=False, at=".performer")
        return None
