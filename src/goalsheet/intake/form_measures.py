"""A questionnaire on a filled form, turned into its entry: one answer per item, from a
radio group (one choice per item) or, on forms made before them, from a tick box per
answer; and the closing difficulty question's answer, which is kept but never scored.

An item with two answers ticked (only possible on the old tick boxes, or in a PDF another
program edited) cannot be read: the questionnaire is held back as read, naming the item,
so that a critical item (PHQ-9 item 9) is raised as "could not be read: ask", never
stored as unanswered. Pure: no I/O.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from goalsheet.intake import items as make
from goalsheet.intake.form_context import Converted, FormContext, form_date
from goalsheet.intake.items import Held, Skipped
from goalsheet.intake.values import Unusable, whole_number
from goalsheet.language.messages import _
from goalsheet.model.measures import MeasureDefinition
from goalsheet.read.pdf_form import FieldValue


def questionnaires(
    cells: dict[str, dict[str, Any]],
    values: Mapping[str, FieldValue],
    ctx: FormContext,
    out: Converted,
) -> None:
    """Add every questionnaire whose fields are in `cells` (filled fields only) to `out`."""
    by_measure: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for name, meaning in cells.items():
        by_measure[str(meaning["measure"])][name] = meaning
    for measure_id, fields in sorted(by_measure.items()):
        definition = ctx.measures.get(measure_id)
        where = ", ".join(sorted(fields))
        if definition is None:
            out.skipped.append(
                Skipped(
                    where,
                    _("'{measure}' is not a measure goalsheet knows").format(measure=measure_id),
                    invalid=False,
                )
            )
            continue
        _one(definition, fields, values, ctx, out, where)


def _one(
    definition: MeasureDefinition,
    fields: dict[str, dict[str, Any]],
    values: Mapping[str, FieldValue],
    ctx: FormContext,
    out: Converted,
    where: str,
) -> None:
    ticks: dict[int, list[int]] = defaultdict(list)
    difficulty: list[int] = []
    date_field, total = None, None
    for name, meaning in fields.items():
        part = meaning.get("part")
        if meaning.get("section") == "measure":
            try:
                item = whole_number(meaning.get("item"), 1, definition.items)
                value = _choice(meaning, values[name], definition.item_min, definition.item_max)
            except Unusable as error:
                out.skipped.append(Skipped(name, f"{definition.id}: {error}"))
                continue
            ticks[item].append(value)
        elif part == "difficulty" and definition.difficulty is not None:
            highest = len(definition.difficulty.answers) - 1
            try:
                difficulty.append(_choice(meaning, values[name], 0, highest))
            except Unusable as error:
                out.skipped.append(Skipped(name, f"{definition.id}: {error}", invalid=False))
        elif part == "date":
            date_field = name
        elif part == "total":
            total = name
    if not ticks:
        return  # only the date or the scoring boxes: no answers to store
    doubled = frozenset(n for n, chosen in ticks.items() if len(set(chosen)) > 1)
    answers = [
        None if n in doubled else next(iter(ticks.get(n, [])), None)
        for n in range(1, definition.items + 1)
    ]
    day = form_date(date_field, values, ctx, out, definition.id)
    if day is None or doubled:  # not imported, but its critical items are still raised
        for number in sorted(doubled):
            out.skipped.append(_two_answers(definition, number, ticks[number]))
        out.held.append(Held(definition.id, day, answers, doubled, where))
        return
    closing = _closing(definition, difficulty, out)
    out.items.append(make.measure(day, definition.id, answers, where, closing))
    if total is not None and None not in answers:
        _check_total(total, values[total], answers, definition, out)


def _choice(meaning: dict[str, Any], value: FieldValue, low: int, high: int) -> int:
    """The answer a filled field means: a radio group's chosen export name mapped through
    its options, or a ticked box's own value. Unusable when it is neither."""
    if meaning.get("type") == "radio":
        state = value.get("state") if isinstance(value, dict) else value
        options = meaning.get("options")
        chosen = options.get(str(state)) if isinstance(options, dict) else None
        if chosen is None:
            raise Unusable(_("'{value}' is not one of the field's answers").format(value=state))
        return whole_number(chosen, low, high)
    return whole_number(meaning.get("value"), low, high)


def _closing(definition: MeasureDefinition, chosen: list[int], out: Converted) -> int | None:
    """The closing question's answer; two ticked (old tick boxes) is left out, saying so."""
    if len(set(chosen)) > 1:
        out.skipped.append(
            Skipped(
                _("{measure}, the difficulty question").format(measure=definition.id),
                _("two answers are ticked; it is imported without this answer (it is not "
                  "scored)"),
                invalid=False,
            )
        )  # fmt: skip
        return None
    return chosen[0] if chosen else None


def _two_answers(definition: MeasureDefinition, number: int, chosen: list[int]) -> Skipped:
    values = sorted(set(chosen))
    shown = str(values[0])
    for other in values[1:]:
        # NOTE: two answers ticked on one question: "1 and 3".
        shown = _("{first} and {second}").format(first=shown, second=other)
    return Skipped(
        _("{measure} question {number}").format(measure=definition.id, number=number),
        # NOTE: the questionnaire is not imported until the person says which answer they meant.
        _("two answers are ticked ({answers}); the {measure} is not imported until it is "
          "checked with the person").format(answers=shown, measure=definition.id),
    )  # fmt: skip


def _check_total(
    name: str,
    raw: FieldValue,
    answers: list[int | None],
    definition: MeasureDefinition,
    out: Converted,
) -> None:
    try:
        written = whole_number(raw, 0, 10_000)
    except Unusable:
        return
    scored = sum(a for a in answers if a is not None)
    if not definition.reverse and written != scored:
        out.notes.append(
            _(
                "the {measure} total written on the form is {written}, but the ticked "
                "answers add up to {scored}; goalsheet scores the answers"
            ).format(measure=definition.id, written=written, scored=scored)
        )
