"""A QuestionnaireResponse into a questionnaire's answers: the PHQ-9 and GAD-7 by LOINC's
item and answer codes (or item numbers and whole-number answers), a practice's own scale
by item number. Every answer is checked against the item's answer list; a response with
one that is not on it is held back whole (not imported) and its critical items are still
raised, so a PHQ-9 item 9 that cannot be read is never lost: it is said, as unclear."""

from __future__ import annotations

import datetime as dt
from functools import partial

from goalsheet.fhir.loinc import PANELS, panel_of_questionnaire
from goalsheet.intake.fhir_answers import AnswerSheet
from goalsheet.intake.fhir_critical import critical_items
from goalsheet.intake.fhir_dates import fhir_day
from goalsheet.intake.fhir_file import Located
from goalsheet.intake.fhir_items import item_number, items_of, value_of
from goalsheet.intake.fhir_reading import FhirReading
from goalsheet.intake.items import Held
from goalsheet.intake.values import Unusable
from goalsheet.language.messages import _
from goalsheet.model.measures import MeasureDefinition

READ_STATUS = ("completed", "amended", "in-progress", "stopped")


def read_response(reading: FhirReading, resource: Located) -> None:
    """The response's item (or a held questionnaire), or why it is left out."""
    data = resource.data
    status = data.get("status")
    if status == "entered-in-error":
        reading.skip(resource, _("marked entered-in-error by the system that wrote it"),
                     invalid=False)  # fmt: skip
        return
    canonical = data.get("questionnaire")
    definition = _definition(reading, canonical)
    if definition is None:
        reading.skip(
            resource,
            _(
                "it answers the questionnaire '{questionnaire}', which goalsheet does not know "
                "(it reads the PHQ-9, LOINC 44249-1, the GAD-7, 69737-5, and this practice's "
                "own scales: {scales})"
            ).format(
                questionnaire=str(canonical)[:120],
                scales=", ".join(m for m in reading.measures if m not in PANELS) or "none",
            ),
        )
        _hold_critical(reading, resource)
        return
    try:
        day = fhir_day(data.get("authored"), reading.today)
    except Unusable as error:
        if data.get("authored") is not None or reading.default_date is None:
            reading.skip(resource, _("the {measure}: {error}").format(
                measure=definition.id, error=error), at=".authored")  # fmt: skip
            day = None
        else:
            day = reading.default_date
    if status not in READ_STATUS:
        reading.skip(
            resource,
            _("'{status}' is not a status FHIR defines for a QuestionnaireResponse").format(
                status=str(status)[:40]
            ),
            at=".status",
        )
    rater = reading.rater(resource, "author")
    sheet = _answers(reading, resource, definition)
    held = sheet.record(day, rater, hold=status not in READ_STATUS)
    reading.responses[resource.path] = (definition.id, day, sheet.answers, held)
    if not held and status in ("in-progress", "stopped"):
        reading.skip(resource, _("its status is '{status}': the answers given are imported")
                     .format(status=status), invalid=False)  # fmt: skip


def _hold_critical(reading: FhirReading, resource: Located) -> None:
    """A response to an unknown questionnaire that uses a panel's LOINC item codes (another
    system's copy of the PHQ-9) is not imported, but its critical items are held and said."""
    measure, raised = critical_items(resource, reading.measures)
    if not raised:
        return
    definition = reading.measures[measure]
    answers: list[int | None] = [None] * definition.items
    unclear = set()
    for number, answer in raised.items():
        if isinstance(answer, int):
            answers[number - 1] = answer
        elif answer == "unclear":
            unclear.add(number)
    try:
        day: dt.date | None = fhir_day(resource.data.get("authored"), reading.today)
    except Unusable:
        day = reading.default_date
    reading.out.held.append(Held(measure, day, answers, frozenset(unclear), resource.where))


def _definition(reading: FhirReading, canonical: object) -> MeasureDefinition | None:
    if not isinstance(canonical, str) or not canonical:
        return None
    panel = panel_of_questionnaire(canonical)
    if panel is not None:
        return reading.measures.get(panel.measure)
    return reading.practice_measure(canonical)


def _answers(reading: FhirReading, resource: Located, definition: MeasureDefinition) -> AnswerSheet:
    """The response's answers, each item placed by its linkId."""
    panel = PANELS.get(definition.id)
    sheet = AnswerSheet(reading, resource, definition)
    try:
        for path, item in items_of(resource.data):
            link = item.get("linkId")
            number = item_number(link, panel, definition)
            if number is None:
                reading.skip(
                    resource,
                    _("the item '{link}' is not a question of the {measure}{known}").format(
                        link=str(link)[:60],
                        measure=definition.id,
                        known=_(" (its items are LOINC codes such as /{code})").format(
                            code=panel.items[0].code
                        )
                        if panel
                        else "",
                    ),
                    at=path,
                )
                sheet.lost()
                continue
            sheet.give(number, path, partial(value_of, item, number, panel, definition))
    except Unusable as error:  # more items than any questionnaire has
        reading.skip(resource, str(error), at=".item")
        sheet.lost()
    return sheet
