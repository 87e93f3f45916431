"""The questions of a QuestionnaireResponse and their answers as scores: groups opened,
each item placed by its linkId (a LOINC item code, or an item number), each answer checked
against the item's answer list (LOINC answer codes) or range (whole numbers). Pure."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from goalsheet.fhir.loinc import LOINC, LoincItem, LoincPanel
from goalsheet.intake.fhir_file import seq
from goalsheet.intake.values import Unusable
from goalsheet.language.messages import _
from goalsheet.model.measures import MeasureDefinition

MAX_ITEMS = 1_000


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
            for a, answer in enumerate(seq(item.get("answer"))):
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


def observed_answer(holder: dict[str, Any]) -> list[dict[str, Any]]:
    """An Observation's (or a component's) value in a QuestionnaireResponse's answer form,
    for value_of; [] when it has none (a dataAbsentReason: unanswered)."""
    concept = holder.get("valueCodeableConcept")
    if isinstance(concept, dict):
        codings = [c for c in seq(concept.get("coding")) if isinstance(c, dict)]
        chosen = next((c for c in codings if c.get("system") == LOINC), None)
        return [{"valueCoding": chosen or (codings[0] if codings else {})}]
    if "valueInteger" in holder:
        return [{"valueInteger": holder["valueInteger"]}]
    quantity = holder.get("valueQuantity")
    if isinstance(quantity, dict):
        return [{"valueDecimal": quantity.get("value")}]
    if any(key.startswith("value") for key in holder):
        return [{key: value for key, value in holder.items() if key.startswith("value")}]
    return []


def observed_score(
    holder: dict[str, Any], number: int, panel: LoincPanel | None, definition: MeasureDefinition
) -> int | str | None:
    """An Observation's answer to item `number` as a score; None when it gives none,
    "unclear" when it is not on the item's answer list or range."""
    try:
        return value_of({"answer": observed_answer(holder)}, number, panel, definition)
    except Unusable:
        return "unclear"


def observed_number(holder: dict[str, Any]) -> object:
    """An Observation's number (a total): its quantity's value, or its integer."""
    quantity = holder.get("valueQuantity")
    if isinstance(quantity, dict):
        return quantity.get("value")
    return holder.get("valueInteger")
