"""The closing question's answer (`difficulty:` on a PHQ-9 or GAD-7 entry): it belongs only
to a measure that asks it, and it must be one of that question's answers. Part of GS201
(value-out-of-scale)."""

from __future__ import annotations

from collections.abc import Iterator

from goalsheet.check.registry import Hit
from goalsheet.language.messages import _
from goalsheet.model.entries import MeasureEntry
from goalsheet.model.measures import MeasureDefinition
from goalsheet.read.yaml_source import SourceMap


def difficulty_misfit(
    source: SourceMap, index: int, entry: MeasureEntry, measure: MeasureDefinition
) -> Iterator[Hit]:
    """A finding when `entry` (the `index`th questionnaire of `source`) has a difficulty
    answer its measure has no question for, or one outside that question's answers."""
    if entry.difficulty is None:
        return
    loc = ("measures", index, "difficulty")
    if measure.difficulty is None:
        yield Hit(
            source,
            loc,
            # NOTE: difficulty is a YAML key; keep it in English.
            _("{measure} has no difficulty question, but difficulty {answer} is given").format(
                measure=measure.id, answer=entry.difficulty
            ),
            _("remove the difficulty line, or check the measure's name"),
        )
        return
    highest = len(measure.difficulty.answers) - 1
    if entry.difficulty > highest:
        yield Hit(
            source,
            loc,
            _("{measure} difficulty {answer} is outside the answers 0 to {high}").format(
                measure=measure.id, answer=entry.difficulty, high=highest
            ),
            # NOTE: a hint listing the difficulty question's answers, e.g. "0 Not difficult at
            # all, 1 Somewhat difficult, ...".
            _("copy the answer again from the form: {answers}").format(
                answers=", ".join(
                    f"{n} {_(words)}" for n, words in enumerate(measure.difficulty.answers)
                )
            ),
        )
