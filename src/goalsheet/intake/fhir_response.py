"""A QuestionnaireResponse into a questionnaire's answers: the PHQ-9 and GAD-7 by LOINC's
item and answer codes (or item numbers and whole-number answers), a practice's own scale
by item number. Every answer is checked against the item's answer list; a response with
one that is not on it is held back whole (not imported) and its critical items are still
raised, so a PHQ-9 item 9 that cannot be read is never lost: it is said, as unclear."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from goalsheet.fhir.loinc import LOINC, PANELS, LoincItem, LoincPanel, panel_of_questionnaire
from goalsheet.intake import items as make
from goalsheet.intake.fhir_dates import fhir_day
from goalsheet.intake.fhir_file import Located
from goalsheet.intake.fhir_reading import FhirReading
from goalsheet.intake.fhir_whose import NotARater, rater_of
from goalsheet.intake.items import Held
from goalsheet.intake.values import Unusable
from goalsheet.language.messages import _
from goalsheet.model.measures import MeasureDefinition

READ_STATUS = ("completed", "amended", "in-progress", "stopped")
MAX_ITEMS = 1_000


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
    rater = _rater(reading, resource)
    answers, difficulty, unclear = _answers(reading, resource, definition)
    held = day is None or bool(unclear) or status not in READ_STATUS
    reading.responses[resource.path] = (definition.id, day, answers, held)
    if held or day is None:
        reading.out.held.append(
            Held(definition.id, day, answers, frozenset(unclear), f"{resource.where}")
        )
        return
    if status in ("in-progress", "stopped"):
        reading.skip(resource, _("its status is '{status}': the answers given are imported")
                     .format(status=status), invalid=False)  # fmt: skip
    label = make.measure(day, definition.id, answers, resource.where).label
    extra = (("difficulty", difficulty),) if difficulty is not None else ()
    item = make.Item(("measure", day, definition.id, rater), answers, resource.where, label, extra)
    _hold_if_given_twice(reading, item, definition.id, day)
    reading.out.items.append(item)


def _hold_if_given_twice(reading: FhirReading, item: make.Item, measure: str, day: dt.date) -> None:
    """Two responses to one questionnaire on one day by one rater that differ: the import
    leaves both out, saying so (which one is meant cannot be known). Each is held here too,
    so that a critical answer in either is still said."""
    for earlier in reading.out.items:
        if earlier.key == item.key and not make.same(earlier.value, item.value):
            for given in (earlier, item):
                reading.out.held.append(
                    Held(measure, day, list(given.value), frozenset(), given.where)
                )


def _definition(reading: FhirReading, canonical: object) -> MeasureDefinition | None:
    if not isinstance(canonical, str) or not canonical:
        return None
    panel = panel_of_questionnaire(canonical)
    if panel is not None:
        return reading.measures.get(panel.measure)
    return reading.practice_measure(canonical)


def _rater(reading: FhirReading, resource: Located) -> str | None:
    """Who answered: the author, when goalsheet can name them; else recorded without a
    rater (the answers are the client's whoever typed them in), said."""
    try:
        return rater_of(reading.file, reading.who, resource.data.get("author"),
                        reading.sheet.client.raters)  # fmt: skip
    except NotARater as error:
        reading.skip(
            resource,
            _("the author: {error}; the answers are recorded without a rater").format(error=error),
            invalid=False,
            at=".author",
        )
        return None


def _answers(
    reading: FhirReading, resource: Located, definition: MeasureDefinition
) -> tuple[list[int | None], int | None, set[int]]:
    """One answer per item (None where none is given), the difficulty answer, and the
    items whose answer is wrong or cannot be placed (1-based; 0 for the whole list)."""
    panel = PANELS.get(definition.id)
    answers: list[int | None] = [None] * definition.items
    difficulty: int | None = None
    unclear: set[int] = set()
    seen: set[int] = set()
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
                unclear.update(range(1, definition.items + 1))  # which item it was is unknown
                continue
            if number in seen:
                reading.skip(resource, _("item {number} is answered twice").format(number=number),
                             at=path)  # fmt: skip
                unclear.add(number if number > 0 else 0)
                continue
            seen.add(number)
            try:
                value = value_of(item, number, panel, definition)
            except Unusable as error:
                if number > 0:
                    why = _("{measure} item {number}: {error}")
                else:
                    why = _("the {measure}'s difficulty question: {error}")
                why = why.format(measure=definition.id, number=number, error=error)
                reading.skip(resource, why, at=path)
                if number > 0:
                    unclear.add(number)
                continue
            if number == 0:
                difficulty = value
            else:
                answers[number - 1] = value
    except Unusable as error:  # more items than any questionnaire has
        reading.skip(resource, str(error), at=".item")
        unclear.update(range(1, definition.items + 1))
    return answers, difficulty, unclear


def items_of(data: dict[str, Any], path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every answered-or-not question, groups opened (a group's own item list, and items
    nested under an answer), each with its path; Unusable, after the first MAX_ITEMS,
    when there are more."""
    stack: list[tuple[str, Any]] = [(f"{path}.item", data.get("item"))]
    count = 0
    while stack:
        where, items = stack.pop(0)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            count += 1
            if count > MAX_ITEMS or not isinstance(item, dict):
                continue
            here = f"{where}[{index}]"
            if "item" in item:
                stack.append((f"{here}.item", item["item"]))
            for a, answer in enumerate(item.get("answer") or []):
                if isinstance(answer, dict) and "item" in answer:
                    stack.append((f"{here}.answer[{a}].item", answer["item"]))
            if "answer" in item or "item" not in item:
                yield here, item
    if count > MAX_ITEMS:  # after the first MAX_ITEMS: a response that large is not real
        raise Unusable(
            _("it has {n} items; goalsheet reads at most {limit}").format(n=count, limit=MAX_ITEMS)
        )


def item_number(
    link: object, panel: LoincPanel | None, definition: MeasureDefinition
) -> int | None:
    """The 1-based item a linkId stands for (0 for the difficulty question); None if none.
    A LOINC panel's items are known by their LOINC code (/44260-8, 44260-8, or a path
    ending in it) or by their number; a practice scale's by number."""
    if not isinstance(link, str):
        return None
    last = link.rstrip("/").rsplit("/", 1)[-1].strip()
    if panel is not None:
        for number, item in enumerate(panel.items, start=1):
            if last == item.code:
                return number
        if last == panel.difficulty.code:
            return 0
    if last.isdigit() and 1 <= int(last) <= definition.items:
        return int(last)
    return None


def value_of(
    item: dict[str, Any], number: int, panel: LoincPanel | None, definition: MeasureDefinition
) -> int | None:
    """The item's answer as a score; None when it has none. Unusable when there is more than
    one, or it is not on the item's answer list."""
    given = item.get("answer")
    if given is None or given == []:
        return None
    if not isinstance(given, list) or len(given) != 1 or not isinstance(given[0], dict):
        raise Unusable(_("it has more than one answer"))
    answer = given[0]
    coding = answer.get("valueCoding")
    if coding is not None and panel is not None:
        loinc = panel.difficulty if number == 0 else panel.items[number - 1]
        return _coded(loinc, coding)
    low, high = (0, 3) if number == 0 else (definition.item_min, definition.item_max)
    whole = answer.get("valueInteger")
    if whole is None and isinstance(answer.get("valueDecimal"), int | float):
        whole = answer["valueDecimal"] if float(answer["valueDecimal"]).is_integer() else None
        whole = int(whole) if whole is not None else None
    if isinstance(whole, bool) or not isinstance(whole, int):
        kinds = ", ".join(k for k in answer if k.startswith("value")) or _("no value")
        raise Unusable(
            _("the answer ({kinds}) is not a whole number from {low} to {high}").format(
                kinds=kinds[:60], low=low, high=high
            )
        )
    if not low <= whole <= high:
        raise Unusable(
            _("{value} is outside the answers {low} to {high}").format(
                value=whole, low=low, high=high
            )
        )
    return whole


def _coded(item: LoincItem, coding: object) -> int:
    if not isinstance(coding, dict):
        raise Unusable(_("the answer is not a FHIR Coding"))
    system, code = coding.get("system"), coding.get("code")
    if system not in (None, LOINC):
        raise Unusable(
            _("the answer's code system '{system}' is not LOINC").format(system=str(system)[:80])
        )
    score = item.score_of(code) if isinstance(code, str) else None
    if score is None:
        raise Unusable(
            _(
                "the answer code '{code}' is not on LOINC's answer list for {item} ({answers})"
            ).format(
                code=str(code)[:40],
                item=item.code,
                answers=", ".join(f"{a.code} = {n}" for n, a in enumerate(item.answers)),
            )
        )
    return score


def response_day(reading: FhirReading, resource: Located) -> dt.date | None:
    """The day a response was given, or None when it cannot be told (for the
    Observations derived from it)."""
    try:
        return fhir_day(resource.data.get("authored"), reading.today)
    except Unusable:
        return reading.default_date
