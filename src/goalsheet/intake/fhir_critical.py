"""The critical answers (PHQ-9 item 9 at 1 or more, or blank) a QuestionnaireResponse holds,
read before it is known whose it is. A response that is not imported (another client's,
one with no subject, a file with two clients) still has them said where it is named, so
an answer that needs a person today never goes unsaid because of whose file it came in."""

from __future__ import annotations

from collections.abc import Mapping

from goalsheet.fhir.loinc import LOINC, PANELS, LoincPanel, panel_of_questionnaire
from goalsheet.intake.fhir_file import FhirFile, Located, obj, seq
from goalsheet.intake.fhir_items import item_number, items_of, observed_score, value_of
from goalsheet.intake.values import Unusable
from goalsheet.language.messages import _
from goalsheet.model.measures import MeasureDefinition


def critical_items(
    resource: Located, measures: Mapping[str, MeasureDefinition]
) -> tuple[str, dict[int, int | str | None]]:
    """The measure a PHQ-9 or GAD-7 response (or a lone Observation of its critical item)
    answers, and each critical item it raises:
    the answer (None when blank, "unclear" when it cannot be read). ("", {}) if none. A
    response to a questionnaire goalsheet does not know, whose linkIds are a panel's LOINC
    item codes, is read as that panel for its critical items only (never imported)."""
    if resource.type == "Observation":
        return _observed_item(resource, measures)
    if resource.type != "QuestionnaireResponse":
        return "", {}
    canonical = resource.data.get("questionnaire")
    panel = panel_of_questionnaire(canonical) if isinstance(canonical, str) else None
    guessed = panel is None
    panel = panel or _panel_by_items(resource)
    definition = measures.get(panel.measure) if panel is not None else None
    if panel is None or definition is None or not definition.flags:
        return "", {}
    given: dict[int, int | str] = {}
    present: set[int] = set()
    try:
        for _path, item in items_of(resource.data):
            number = item_number(item.get("linkId"), panel, definition)
            if number is None or number == 0:
                continue
            present.add(number)
            try:
                value = value_of(item, number, panel, definition)
            except Unusable:
                given[number] = "unclear"
                continue
            if value is not None:
                given[number] = value
    except Unusable:  # too many items: none can be trusted
        given = {flag.item: "unclear" for flag in definition.flags}
    raised: dict[int, int | str | None] = {}
    for flag in definition.flags:
        if guessed and flag.item not in present:  # e.g. a PHQ-2: it has no item 9 to ask
            continue
        answer = given.get(flag.item)
        if answer is None and flag.ask_if_blank:
            raised[flag.item] = None
        elif isinstance(answer, str) or (isinstance(answer, int) and answer >= flag.at_least):
            raised[flag.item] = answer
    return definition.id, raised


def _observed_item(
    resource: Located, measures: Mapping[str, MeasureDefinition]
) -> tuple[str, dict[int, int | str | None]]:
    """A lone Observation of one critical item (LOINC 44260-8), as critical_items reads a
    response: its answer when it raises the item."""
    codings = seq(obj(resource.data.get("code")).get("coding"))
    for panel in PANELS.values():
        definition = measures.get(panel.measure)
        if definition is None:
            continue
        for flag in definition.flags:
            code = panel.items[flag.item - 1].code
            if not any(isinstance(c, dict) and c.get("system") == LOINC and c.get("code") == code
                       for c in codings):  # fmt: skip
                continue
            answer = observed_score(resource.data, flag.item, panel, definition)
            if answer is None and not flag.ask_if_blank:
                return "", {}
            if isinstance(answer, int) and answer < flag.at_least:
                return "", {}
            return panel.measure, {flag.item: answer}
    return "", {}


def _panel_by_items(resource: Located) -> LoincPanel | None:
    """The panel whose LOINC item codes a response of an unknown questionnaire uses as
    linkIds (another system's copy of the PHQ-9), if any."""
    links = set()
    try:
        for _path, item in items_of(resource.data):
            link = item.get("linkId")
            if isinstance(link, str):
                links.add(link.rstrip("/").rsplit("/", 1)[-1].strip())
    except Unusable:
        pass
    best = max(PANELS.values(), key=lambda p: len(links & {i.code for i in p.items}))
    return best if links & {i.code for i in best.items} else None


def critical_in(resource: Located, measures: Mapping[str, MeasureDefinition]) -> list[str]:
    """Each critical item of a PHQ-9 or GAD-7 response, in words ("PHQ-9 item 9: 2")."""
    measure, raised = critical_items(resource, measures)
    return [
        _("{measure} item {item}: {answer}").format(
            measure=measure,
            item=item,
            answer=_("not answered") if answer is None
            else _("unclear") if answer == "unclear" else answer,
        )
        for item, answer in raised.items()
    ]  # fmt: skip


def critical_in_file(file: FhirFile, measures: Mapping[str, MeasureDefinition]) -> list[str]:
    """Every critical answer in the file, each with the resource it is in: the responses',
    and lone Observations' (one derived from a response in the file says nothing more)."""
    found = []
    for resource in file.resources:
        if resource.type == "Observation" and any(
            (target := file.resolve(reference)) is not None
            and target.type == "QuestionnaireResponse"
            for reference in seq(resource.data.get("derivedFrom"))
        ):
            continue
        found += [f"{resource.where}: {words}" for words in critical_in(resource, measures)]
    return found
