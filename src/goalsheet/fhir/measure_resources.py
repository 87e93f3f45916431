"""A questionnaire's administration as FHIR: the QuestionnaireResponse (every answer, with
LOINC's item and answer codes for the PHQ-9 and GAD-7), an Observation of its total with
the severity band, an Observation for every critical item it raises (PHQ-9 item 9), and
the Questionnaire goalsheet writes for a practice's own scale."""

from __future__ import annotations

import re
import uuid

from goalsheet.compute.risk import CriticalAnswer
from goalsheet.compute.scoring import MeasureScore
from goalsheet.fhir.context import Entry, ExportContext, Resource
from goalsheet.fhir.loinc import LOINC, ORDINAL_VALUE, PANELS, LoincItem, LoincPanel
from goalsheet.fhir.systems import (
    DATA_ABSENT,
    INTERPRETATION,
    MAX_VALUE,
    MEASURE_TOTAL,
    MIN_VALUE,
    UCUM,
)
from goalsheet.model.entries import MeasureEntry
from goalsheet.model.measures import MeasureDefinition

NO_LOINC = (
    "A practice's own scale, written by goalsheet: its items have no LOINC codes. Answers "
    "are whole numbers from {low} to {high}, as given (reverse-scored items are not reversed)."
)


def response_key(entry: MeasureEntry) -> str:
    """The record's key: the measure, the date and the rater, the way entries key it."""
    return "/".join(
        part for part in (entry.measure, entry.date.isoformat(), entry.rater) if part is not None
    )


def questionnaire_response(
    ctx: ExportContext, entry: MeasureEntry, definition: MeasureDefinition
) -> Entry:
    panel = PANELS.get(definition.id)
    rid = ctx.rid("qr", entry.measure.lower(), entry.date.isoformat(), entry.rater)
    identifier = ctx.record_identifier(response_key(entry))
    if panel is not None:
        items = [
            _loinc_item(item, answer)
            for item, answer in zip(panel.items, entry.answers, strict=True)
        ]
        if entry.difficulty is not None:
            items.append(_loinc_item(panel.difficulty, entry.difficulty))
        canonical = panel.questionnaire
    else:
        items = [_number_item(definition, n, a) for n, a in enumerate(entry.answers, start=1)]
        canonical = ctx.systems.questionnaire(definition.id)
    resource: Resource = {
        "resourceType": "QuestionnaireResponse",
        "id": rid,
        "identifier": identifier,
        "questionnaire": canonical,
        "status": "completed",
        "subject": ctx.subject,
        "authored": entry.date.isoformat(),
    }
    if entry.rater is not None:
        resource["author"] = ctx.rater(entry.rater)
    resource["item"] = items
    return Entry(
        ctx.url_of("QuestionnaireResponse", rid),
        resource,
        ctx.search("QuestionnaireResponse", identifier),
    )


def _loinc_item(item: LoincItem, answer: int | None) -> Resource:
    """An item by its LOINC code; its answer by LOINC's answer code, with the score as
    the ordinal value. An unanswered item is written without an answer, never left out:
    a blank PHQ-9 item 9 must reach the other system as a blank."""
    written: Resource = {"linkId": item.link_id, "text": item.display}
    if answer is not None:
        chosen = item.answers[answer]
        written["answer"] = [
            {
                "valueCoding": {
                    "extension": [{"url": ORDINAL_VALUE, "valueDecimal": answer}],
                    "system": LOINC,
                    "code": chosen.code,
                    "display": chosen.display,
                }
            }
        ]
    return written


def _number_item(definition: MeasureDefinition, number: int, answer: int | None) -> Resource:
    written: Resource = {"linkId": str(number)}
    if definition.item_labels:
        written["text"] = definition.item_labels[number - 1]
    if answer is not None:
        written["answer"] = [{"valueInteger": answer}]
    return written


def total_observation(
    ctx: ExportContext,
    entry: MeasureEntry,
    definition: MeasureDefinition,
    scored: MeasureScore,
    response: Entry,
) -> Entry:
    """The total score, its band as the interpretation, derived from the response."""
    panel = PANELS.get(definition.id)
    rid = ctx.rid("total", entry.measure.lower(), entry.date.isoformat(), entry.rater)
    identifier = ctx.record_identifier(f"{response_key(entry)}/total")
    resource = ctx.observation(
        rid, identifier, _total_code(definition, panel), entry.date.isoformat()
    )
    if entry.rater is not None:
        resource["performer"] = [ctx.rater(entry.rater)]
    if scored.total is None:
        resource["dataAbsentReason"] = {
            "coding": [{"system": DATA_ABSENT, "code": "unknown", "display": "Unknown"}],
            "text": "too many items unanswered to score",
        }
    else:
        resource["valueQuantity"] = {
            "value": scored.total,
            "unit": "{score}",
            "system": UCUM,
            "code": "{score}",
        }
    if scored.band is not None:
        resource["interpretation"] = [{"text": scored.band}]
    if scored.prorated:
        resource["note"] = [{"text": "prorated: some items were unanswered"}]
    resource["derivedFrom"] = [{"reference": response.full_url}]
    return Entry(ctx.url_of("Observation", rid), resource, ctx.search("Observation", identifier))


def _total_code(definition: MeasureDefinition, panel: LoincPanel | None) -> Resource:
    if panel is not None:
        return {
            "coding": [{"system": LOINC, "code": panel.total, "display": panel.total_display}],
            "text": f"{definition.id} total score",
        }
    return {
        "coding": [{"system": MEASURE_TOTAL, "code": definition.id, "display": definition.title}],
        "text": f"{definition.id} total score",
    }


def critical_observation(
    ctx: ExportContext,
    raised: CriticalAnswer,
    entry: MeasureEntry,
    definition: MeasureDefinition,
    response: Entry,
) -> Entry:
    """A critical item on its own, flagged critical (v3 interpretation AA), so a system
    that reads Observations and not QuestionnaireResponses still sees it; with its
    follow-up when one is recorded."""
    panel = PANELS.get(definition.id)
    rid = ctx.rid(
        "critical", entry.measure.lower(), entry.date.isoformat(), entry.rater, raised.item
    )
    identifier = ctx.record_identifier(f"{response_key(entry)}/item-{raised.item}")
    if panel is not None:
        item = panel.items[raised.item - 1]
        code: Resource = {
            "coding": [{"system": LOINC, "code": item.code, "display": item.display}],
            "text": f"{definition.id} item {raised.item}",
        }
    else:
        code = {
            "coding": [{"system": MEASURE_TOTAL, "code": f"{definition.id}/{raised.item}"}],
            "text": f"{definition.id} item {raised.item}",
        }
    resource = ctx.observation(rid, identifier, code, entry.date.isoformat())
    if raised.answer is not None and panel is not None and raised.kind == "answered":
        chosen = panel.items[raised.item - 1].answers[raised.answer]
        resource["valueCodeableConcept"] = {
            "coding": [{"system": LOINC, "code": chosen.code, "display": chosen.display}],
            "text": str(raised.answer),
        }
    elif raised.answer is not None and raised.kind == "answered":
        resource["valueInteger"] = raised.answer
    else:
        resource["dataAbsentReason"] = {
            "coding": [
                {"system": DATA_ABSENT, "code": "asked-unknown", "display": "Asked But Unknown"}
            ],
            "text": raised.answer_text(),
        }
    resource["interpretation"] = [
        {
            "coding": [{"system": INTERPRETATION, "code": "AA", "display": "Critical abnormal"}],
            "text": raised.message,
        }
    ]
    if raised.follow_up is not None:
        done = raised.follow_up
        resource["note"] = [
            {"text": f"Followed up on {done.date.isoformat()} by {done.by}: {done.note}"}
        ]
    resource["derivedFrom"] = [{"reference": response.full_url}]
    return Entry(ctx.url_of("Observation", rid), resource, ctx.search("Observation", identifier))


def practice_questionnaire(ctx: ExportContext, definition: MeasureDefinition) -> Entry:
    """The Questionnaire of a practice's own scale, which no other system knows."""
    canonical = ctx.systems.questionnaire(definition.id)
    rid = ctx.rid("questionnaire", definition.id.lower())
    items = []
    for number in range(1, definition.items + 1):
        item: Resource = {
            "extension": [
                {"url": MIN_VALUE, "valueInteger": definition.item_min},
                {"url": MAX_VALUE, "valueInteger": definition.item_max},
            ],
            "linkId": str(number),
            "text": definition.item_labels[number - 1]
            if definition.item_labels
            else f"Item {number}",
            "type": "integer",
        }
        items.append(item)
    resource: Resource = {
        "resourceType": "Questionnaire",
        "id": rid,
        "url": canonical,
        "name": "Q_" + re.sub(r"[^A-Za-z0-9]+", "_", definition.id),
        "title": definition.title,
        "status": "active",
        "subjectType": ["Patient"],
        "description": NO_LOINC.format(low=definition.item_min, high=definition.item_max),
        "item": items,
    }
    full_url = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, canonical)}"  # one for all clients
    return Entry(full_url, resource, f"Questionnaire?url={canonical}")
