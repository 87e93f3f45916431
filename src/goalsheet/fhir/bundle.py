"""One client's data as a FHIR R4 Bundle: their Patient (pseudonymous unless names are
asked for), a QuestionnaireResponse and total Observation per questionnaire, an
Observation per critical item, their Goals, and an Observation per GBO or GAS rating. Or
every client's, as one transaction a FHIR server applies with conditional updates, so
sending it twice changes nothing.

The same data always gives the same Bundle, byte for byte: ids, fullUrls and order are
made from the data, and there is no timestamp."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from goalsheet.compute.risk import critical_answers, raise_item
from goalsheet.compute.scoring import score
from goalsheet.fhir.context import Entry, ExportContext, Resource
from goalsheet.fhir.goal_resources import goal_resource, rating_observations
from goalsheet.fhir.loinc import PANELS
from goalsheet.fhir.measure_resources import (
    critical_observation,
    practice_questionnaire,
    questionnaire_response,
    total_observation,
)
from goalsheet.fhir.systems import Systems
from goalsheet.language.messages import _
from goalsheet.model.client import ClientSheet
from goalsheet.model.entries import EntryFile, MeasureEntry
from goalsheet.model.measures import MeasureDefinition

RESOURCE_ORDER = ("Patient", "Questionnaire", "Goal", "QuestionnaireResponse", "Observation")


class CannotExport(ValueError):
    """The client's data holds something FHIR cannot carry as it is (check reports it too)."""


@dataclass(frozen=True)
class ClientExport:
    client: str
    entries: list[Entry]


def client_export(
    sheet: ClientSheet,
    files: Iterable[EntryFile],
    measures: Mapping[str, MeasureDefinition],
    base: str,
    with_names: bool = False,
) -> ClientExport:
    """Every resource of one client's export; CannotExport names what stops it."""
    client = sheet.client.id
    ctx = ExportContext(Systems(base), client, with_names)
    entries: list[Entry] = [_patient(ctx, sheet)]
    for goal in sheet.goals:
        made = goal_resource(ctx, goal)
        ctx.goal_urls[goal.id] = made.full_url
        entries.append(made)
    files = list(files)
    administrations = sorted(
        (m for f in files for m in f.measures), key=lambda m: (m.date, m.measure, m.rater or "")
    )
    # Keyed by the answer too, not only by measure, date and item: two raters' PHQ-9s on
    # one day each keep their own item 9 (critical_answers carries no rater).
    raised = {
        (r.measure, r.date, r.item, r.kind, r.answer): r
        for r in critical_answers(files, dict(measures), dt.date.max)
    }
    written_questionnaires: set[str] = set()
    for entry in administrations:
        definition = _definition(client, entry, measures)
        if definition.id not in PANELS and definition.id not in written_questionnaires:
            written_questionnaires.add(definition.id)
            entries.append(practice_questionnaire(ctx, definition))
        response = questionnaire_response(ctx, entry, definition)
        entries.append(response)
        scored = score(definition, entry.date, list(entry.answers))
        entries.append(total_observation(ctx, entry, definition, scored, response))
        for flag in definition.flags:
            found = raise_item(definition, flag, entry)  # as critical_answers raised it
            if found is not None:
                critical = raised[(entry.measure, entry.date, flag.item, *found)]
                entries.append(critical_observation(ctx, critical, entry, definition, response))
    ratings = [r for f in files for r in f.ratings]
    observed: list[tuple[tuple[object, ...], Entry]] = []
    for rating in ratings:
        if rating.goal not in ctx.goal_urls:
            raise CannotExport(
                _("{client}: a rating on {date} is of goal '{goal}', which is not in their "
                  "goalsheet.yaml").format(client=client, date=rating.date, goal=rating.goal)
            )  # fmt: skip
        for made in rating_observations(ctx, rating):
            scale = made.resource["code"]["coding"][0]["code"]
            observed.append(((rating.date, rating.goal, rating.rater or "", scale), made))
    # GAS then GBO for one day, goal and rater, however the files hold them (one rating
    # with both, or two, as an import writes them), so the export is the same either way
    entries.extend(made for _key, made in sorted(observed, key=lambda pair: pair[0]))
    _each_once(entries)
    return ClientExport(client, entries)


def _each_once(entries: list[Entry]) -> None:
    """Two records that would be one resource (a PHQ-9 entered twice for one day and rater:
    check's GS204) are refused: a server, or transaction(), would keep one and drop the other
    without a word, perhaps the one with the higher item 9."""
    seen: set[str] = set()
    for made in entries:
        if made.full_url in seen:
            record = made.search.rpartition("|")[2]  # e.g. C-0001/PHQ-9/2026-11-02
            # The same words as check's GS204 (goalsheet check then shows where).
            raise CannotExport(
                f"{record}: "
                + _("the same thing is recorded twice (a day's or a week's value, a rating, a "
                    "questionnaire, an ID)")
            )  # fmt: skip
        seen.add(made.full_url)


def _definition(
    client: str, entry: MeasureEntry, measures: Mapping[str, MeasureDefinition]
) -> MeasureDefinition:
    """The entry's questionnaire, when every answer can be written; else CannotExport."""
    definition = measures.get(entry.measure)
    where = _("{client}: the {measure} on {date}").format(
        client=client, measure=entry.measure, date=entry.date
    )
    if definition is None:
        raise CannotExport(_("{where} is not a measure this project defines").format(where=where))
    if len(entry.answers) != definition.items:
        raise CannotExport(
            _("{where} has {n} answers, not {items}").format(
                where=where, n=len(entry.answers), items=definition.items
            )
        )
    for number, answer in enumerate(entry.answers, start=1):
        if answer is not None and not definition.item_min <= answer <= definition.item_max:
            raise CannotExport(
                _("{where}: answer {answer} to item {number} is outside {low} to {high}").format(
                    where=where, answer=answer, number=number,
                    low=definition.item_min, high=definition.item_max,
                )
            )  # fmt: skip
    panel = PANELS.get(definition.id)
    if (
        panel is not None
        and entry.difficulty is not None
        and not 0 <= entry.difficulty < len(panel.difficulty.answers)
    ):
        raise CannotExport(
            _("{where}: the difficulty answer {answer} is outside 0 to 3").format(
                where=where, answer=entry.difficulty
            )
        )
    return definition


def _patient(ctx: ExportContext, sheet: ClientSheet) -> Entry:
    identifier = {"system": ctx.systems.client, "value": ctx.client}
    resource: Resource = {
        "resourceType": "Patient",
        "id": ctx.rid(ctx.client),
        "identifier": [identifier],
    }
    if ctx.with_names and sheet.client.name:
        resource["name"] = [{"text": sheet.client.name}]
    return Entry(ctx.patient_url, resource, ctx.search("Patient", identifier))


def collection(export: ClientExport) -> Resource:
    """One client's Bundle, as a collection."""
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": e.full_url, "resource": e.resource} for e in export.entries],
    }


def transaction(exports: Iterable[ClientExport]) -> Resource:
    """Every client's resources in one transaction Bundle: each a conditional update
    (PUT ...?identifier=), so a server creates it once and finds it again next time. A
    practice scale's Questionnaire is sent once, however many clients answered it."""
    seen: set[str] = set()
    out: list[Resource] = []
    for export in exports:
        for e in export.entries:
            if e.full_url in seen:
                continue
            seen.add(e.full_url)
            out.append(
                {
                    "fullUrl": e.full_url,
                    "resource": e.resource,
                    "request": {"method": "PUT", "url": e.search},
                }
            )
    out.sort(key=lambda entry: RESOURCE_ORDER.index(entry["resource"]["resourceType"]))
    return {"resourceType": "Bundle", "type": "transaction", "entry": out}
