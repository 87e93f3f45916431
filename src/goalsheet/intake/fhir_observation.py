"""An Observation into goalsheet's data: a GBO or GAS rating of a goal (focus: the Goal;
performer: the rater) becomes a rating. A questionnaire's total or one of its answers
derived from a QuestionnaireResponse in the same file must agree with it (goalsheet keeps
the answers and scores them itself); one without its response cannot be stored, and a
critical answer among them (PHQ-9 item 9) is held and said, never dropped."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from goalsheet.compute.scoring import score
from goalsheet.fhir.loinc import LOINC, PANELS
from goalsheet.fhir.systems import GOAL_RATING, MEASURE_TOTAL, Systems
from goalsheet.intake import items as make
from goalsheet.intake.fhir_dates import effective, fhir_day
from goalsheet.intake.fhir_file import Located, identified, obj, seq
from goalsheet.intake.fhir_items import observed_number, observed_score
from goalsheet.intake.fhir_reading import FhirReading
from goalsheet.intake.fhir_whose import NotARater, rater_of
from goalsheet.intake.items import Held
from goalsheet.intake.values import Unusable
from goalsheet.language.messages import _

LEFT_OUT_STATUS = ("entered-in-error", "cancelled")


def read_observation(reading: FhirReading, resource: Located) -> None:
    data = resource.data
    if data.get("status") in LEFT_OUT_STATUS:
        reading.skip(resource, _("marked {status} by the system that wrote it").format(
            status=data["status"]), invalid=False)  # fmt: skip
        return
    codings = [c for c in seq(obj(data.get("code")).get("coding")) if isinstance(c, dict)]
    for coding in codings:
        system, code = coding.get("system"), coding.get("code")
        if system == GOAL_RATING and code in ("gbo", "gas"):
            _rating(reading, resource, str(code))
            return
        found = _measure_code(reading, system, code)
        if found is not None:
            _derived(reading, resource, *found)
            return
    shown = ", ".join(f"{c.get('system')}|{c.get('code')}" for c in codings)[:160]
    reading.skip(
        resource,
        _(
            "an Observation of {code}, which goalsheet does not read (it reads GBO and GAS "
            "ratings, and the totals and answers of the questionnaires it knows)"
        ).format(code=shown or _("no code")),
        at=".code",
    )


def _measure_code(reading: FhirReading, system: object, code: object) -> tuple[str, int] | None:
    """The measure and item a code names (item 0: the total); None if none."""
    for panel in PANELS.values():
        if system == LOINC and code == panel.total:
            return panel.measure, 0
        for number, item in enumerate(panel.items, start=1):
            if system == LOINC and code == item.code:
                return panel.measure, number
    if system == MEASURE_TOTAL and isinstance(code, str):
        measure, _slash, part = code.partition("/")
        if measure in reading.measures:
            if not part:
                return measure, 0
            if part.isdigit() and 1 <= int(part) <= reading.measures[measure].items:
                return measure, int(part)
    return None


def _derived(reading: FhirReading, resource: Located, measure: str, number: int) -> None:
    """A total (number 0) or one answer: checked against its response in the file."""
    definition = reading.measures[measure]
    data = resource.data
    source = None
    reported = False  # its response is in the file but was left out, saying why
    for reference in seq(data.get("derivedFrom")):
        target = reading.file.resolve(reference)
        if target is not None and target.path in reading.responses:
            source = reading.responses[target.path]
        elif target is not None and target.type == "QuestionnaireResponse":
            reported = True
    panel = PANELS.get(measure)
    value = (
        observed_number(data) if number == 0 else observed_score(data, number, panel, definition)
    )
    if source is None or source[3]:
        if not reported and source is None:
            what = _("a total") if number == 0 else _("a single answer")
            reading.skip(
                resource,
                _(
                    "{what} of the {measure} without its QuestionnaireResponse: goalsheet "
                    "keeps every answer and scores them itself, so it cannot store this alone"
                ).format(what=what, measure=measure),
                at=".derivedFrom",
            )
        if number > 0:  # a critical answer alone is still said (held, not imported)
            try:
                day: dt.date | None = fhir_day(effective(data), reading.today)
            except Unusable:
                day = None
            answers: list[int | None] = [None] * definition.items
            answers[number - 1] = value if isinstance(value, int) else None
            unclear = frozenset() if isinstance(value, int) else frozenset({number})
            reading.out.held.append(Held(measure, day, answers, unclear, resource.where))
        return
    _measure, day, answers, _held = source
    if number == 0:
        expected = score(definition, day or reading.today, answers).total
        if value != expected and not (value is None and expected is None):
            reading.skip(
                resource,
                _("the total {value} does not agree with its answers, which add up to "
                  "{expected}").format(value=value, expected=expected),
                at=".value",
            )  # fmt: skip
        return
    if value != answers[number - 1]:
        reading.skip(
            resource,
            _("{measure} item {number} is {value} here but {given} in its "
              "QuestionnaireResponse").format(measure=measure, number=number, value=value,
                                               given=answers[number - 1]),
            at=".value",
        )  # fmt: skip
        held = list(answers)
        held[number - 1] = None
        reading.out.held.append(Held(measure, day, held, frozenset({number}), resource.where))


def _rating(reading: FhirReading, resource: Located, scale: str) -> None:
    data = resource.data
    try:
        day = fhir_day(effective(data), reading.today)
        goal = _goal(reading, data)
        rater = rater_of(reading.file, reading.who, (seq(data.get("performer")) or [None])[0],
                         reading.sheet.client.raters)  # fmt: skip
        if scale == "gbo":
            if rater is None:
                raise Unusable(_("a GBO rating needs a rater (its performer)"))
            value: Any = _gbo(data)
        else:
            value = {"gas": _gas(data), "weight": _weight(data)}
    except (Unusable, NotARater) as error:
        reading.skip(resource, _("the {scale} rating: {error}").format(
            scale=scale.upper(), error=error))  # fmt: skip
        return
    item = make.rating(day, goal, rater, scale, value, resource.where)
    notes = [n["text"] for n in seq(data.get("note")) if isinstance(n, dict)
             and isinstance(n.get("text"), str)]  # fmt: skip
    if notes:
        item = dataclasses.replace(item, extra=(("note", "\n".join(notes)),))
    reading.out.items.append(item)


def _goal(reading: FhirReading, data: dict[str, Any]) -> str:
    """The goal a rating is of: its focus, a Goal in the file (by this practice's goal
    identifier, else by its description matching a goal's title) or a goal identifier."""
    focus = (seq(data.get("focus")) or [None])[0]
    if not isinstance(focus, dict):
        raise Unusable(_("it has no focus: which goal is it a rating of?"))
    goals = {g.id: g for g in reading.sheet.goals}
    target = reading.file.resolve(focus)
    found = goal_of(reading, target.data) if target is not None else None
    if found is None and isinstance(focus.get("identifier"), dict):
        found = _goal_identifier(reading, focus["identifier"])
    if found is None or found not in goals:
        named = found or focus.get("reference") or focus.get("display") or "?"
        raise Unusable(
            _("its goal ({goal}) is not one of the client's goals ({goals})").format(
                goal=str(named)[:80], goals=", ".join(goals) or _("none")
            )
        )
    return found


def goal_of(reading: FhirReading, goal: dict[str, Any]) -> str | None:
    """The client's goal a Goal resource is: by this practice's goal identifier, else by
    its description being one goal's title word for word."""
    found = _goal_identifier(reading, seq(goal.get("identifier")))
    if found is not None:
        return found
    text = obj(goal.get("description")).get("text")
    matching = [g.id for g in reading.sheet.goals if g.title == text]
    return matching[0] if len(matching) == 1 else None


def _goal_identifier(reading: FhirReading, identifiers: object) -> str | None:
    if reading.base is None:
        return None
    value = identified(identifiers, Systems(reading.base).goal) or ""
    client, _slash, goal = value.rpartition("/")  # "C-0142/voice"
    return goal if client == reading.who.client and goal else None


def _gbo(data: dict[str, Any]) -> int | float:
    value = _number(data)
    if not 0 <= value <= 10:
        raise Unusable(_("{value} is outside the GBO scale (0 to 10)").format(value=value))
    return value


def _gas(data: dict[str, Any]) -> int:
    value = _number(data)
    if isinstance(value, float) or not -2 <= value <= 2:
        raise Unusable(_("{value} is not a GAS level (-2 to +2)").format(value=value))
    return value


def _weight(data: dict[str, Any]) -> int | float | None:
    for component in seq(data.get("component")):
        if not isinstance(component, dict):
            continue
        codings = seq(obj(component.get("code")).get("coding"))
        if any(isinstance(c, dict) and c.get("system") == GOAL_RATING
               and c.get("code") == "gas-weight" for c in codings):  # fmt: skip
            weight = _number(component)
            if not 0 < weight <= 100:
                raise Unusable(
                    _("weight {weight} is outside 0 to 100 (above 0)").format(weight=weight)
                )
            return weight
    return None


def _number(data: dict[str, Any]) -> int | float:
    """valueInteger, or valueQuantity's value (a whole number stays whole, 4.0 a float)."""
    value = data.get("valueInteger")
    if value is None and isinstance(data.get("valueQuantity"), dict):
        value = data["valueQuantity"].get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Unusable(_("it has no number (valueInteger or valueQuantity)"))
    return value
