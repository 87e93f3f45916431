"""The clinician report's first page, as plain data: risk, a row per measure, a row per goal.

Everything here is read from the progress figures (`report --format json`) and the measure
definitions; nothing is computed that the JSON does not already hold, except the words that
say what a figure means ("reliable improvement", "reliable change") and the item table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from goalsheet.compute.figures import Administration, Progress
from goalsheet.compute.outcomes import MeasureChange
from goalsheet.compute.risk import CriticalAnswer
from goalsheet.language.messages import _
from goalsheet.model.measures import MeasureDefinition

# A GBO change of 3 points or more counts as reliable: the reliable change figure usually
# quoted for the 0-10 scale is about 2.45 (Edbrooke-Childs et al. 2015, CORC data).
GBO_RELIABLE = 3
ITEM_WORDS = 28  # an item's words are cut to about this many characters (critical: never)


def risk(critical: Sequence[CriticalAnswer]) -> list[CriticalAnswer]:
    """Every critical answer, open ones first (each group oldest first)."""
    return sorted(critical, key=lambda c: not c.open)


def measure_summary(figures: Progress, definition: MeasureDefinition) -> dict[str, Any]:
    """One measure's row on page 1 and its item table: outcome words, caseness, items."""
    given = [a for a in figures.measures if a.measure == definition.id]
    change = next((c for c in figures.changes if c.measure == definition.id), None)
    latest = given[-1]
    return {
        "outcome": _change_words(change),
        "case_latest": _case(definition, latest.total),
        "item_answers": item_rows(definition, given[0], latest),
        "first_date": given[0].date.isoformat(),
        "latest_date": latest.date.isoformat(),
        "answer_key": [
            (definition.item_min + i, _(label)) for i, label in enumerate(definition.answer_labels)
        ],
        "critical_items": [{"item": f.item, "at_least": f.at_least} for f in definition.flags],
    }


def item_rows(
    definition: MeasureDefinition, first: Administration, latest: Administration
) -> list[dict[str, Any]]:
    """First and latest answer per item, with the item's words cut short; critical items
    are marked, and so is an answer at or above its critical threshold."""
    thresholds = {f.item: f.at_least for f in definition.flags}
    rows = []
    for index in range(definition.items):
        number = index + 1
        first_answer = _answer(first, index)
        latest_answer = _answer(latest, index)
        threshold = thresholds.get(number)
        words = (
            _(definition.item_labels[index])
            if definition.item_labels
            else _("item {item}").format(item=number)
        )
        rows.append(
            {
                "item": number,
                "words": words if threshold is not None else _short(words),
                "first": first_answer,
                "latest": latest_answer,
                "critical": threshold is not None,
                "raised": threshold is not None
                and any(a is None or a >= threshold for a in (first_answer, latest_answer)),
            }
        )
    return rows


def goal_rows(figures: Progress) -> list[dict[str, Any]]:
    """Each goal's GBO ratings by rater (first, latest, change, reliable or not) and GAS."""
    rows = []
    for goal in figures.goals:
        raters = [
            {
                "rater": rater,
                "first": g.first,
                "latest": g.latest,
                "change": g.change,
                "ratings": g.ratings,
                "reliable": g.ratings > 1 and abs(g.change) >= GBO_RELIABLE,
            }
            for rater, g in goal.gbo.items()
        ]
        rows.append(
            {
                "id": goal.id,
                "title": goal.title,
                "status": goal.status,
                "raters": raters,
                "gas": {"latest": goal.gas.latest, "weight": goal.gas.weight} if goal.gas else None,
                "has_data": goal.has_data,
            }
        )
    return rows


def in_the_way(figures: Progress) -> dict[str, str] | None:
    """The latest review that says what got in the way: its date and words."""
    said = [r for r in figures.reviews if r.in_the_way]
    if not said or said[-1].in_the_way is None:
        return None
    return {"date": said[-1].date.isoformat(), "text": said[-1].in_the_way}


def _change_words(change: MeasureChange | None) -> str | None:
    """A measure's change from first to latest in NHS Talking Therapies' terms."""
    if change is None:
        return None
    if change.reliable_improvement:
        return _("reliable improvement")
    if change.reliable_deterioration:
        return _("reliable deterioration")
    return _("no reliable change")


def _case(definition: MeasureDefinition, total: int | None) -> bool | None:
    if definition.cutoff is None or total is None:
        return None
    return total >= definition.cutoff


def _answer(administration: Administration, index: int) -> int | None:
    answers = administration.answers
    return answers[index] if index < len(answers) else None


def _short(text: str) -> str:
    """The words cut at a word boundary near ITEM_WORDS characters, with an ellipsis."""
    if len(text) <= ITEM_WORDS:
        return text
    cut = text[:ITEM_WORDS].rsplit(" ", 1)[0].rstrip(",;:—- ")
    return f"{cut}…"
