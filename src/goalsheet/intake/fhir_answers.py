"""A questionnaire's answers gathered part by part, from a QuestionnaireResponse's items or
a panel Observation's members: each answer placed by its item and checked, every problem
said with where it is. Then the questionnaire becomes one item to import, or is held back
whole (a wrong or unplaceable answer, no date) with its critical items still said."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from goalsheet.intake import items as make
from goalsheet.intake.fhir_file import Located
from goalsheet.intake.fhir_reading import FhirReading
from goalsheet.intake.items import Held
from goalsheet.intake.values import Unusable
from goalsheet.language.messages import _
from goalsheet.model.measures import MeasureDefinition


@dataclass
class AnswerSheet:
    reading: FhirReading
    resource: Located
    definition: MeasureDefinition
    answers: list[int | None] = field(init=False)
    difficulty: int | None = None
    unclear: set[int] = field(default_factory=set)  # items whose answer cannot be used
    seen: set[int] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.answers = [None] * self.definition.items

    def lost(self) -> None:
        """A part whose item cannot be told (said by the caller): which answer it held is
        unknown, so none can be trusted."""
        self.unclear.update(range(1, self.definition.items + 1))

    def give(self, number: int, at: str, read: Callable[[], int | None]) -> None:
        """Item `number` (0: the difficulty question), its answer from `read`, which raises
        Unusable for an answer that is not on the item's list or range."""
        skip = self.reading.skip
        if number in self.seen:
            skip(self.resource, _("item {number} is answered twice").format(number=number), at=at)
            if number > 0:
                self.unclear.add(number)
            return
        self.seen.add(number)
        try:
            value = read()
        except Unusable as error:
            if number > 0:
                why = _("{measure} item {number}: {error}")
            else:
                why = _("the {measure}'s difficulty question: {error}")
            skip(self.resource, why.format(measure=self.definition.id, number=number,
                                           error=error), at=at)  # fmt: skip
            if number > 0:
                self.unclear.add(number)
            return
        if number == 0:
            self.difficulty = value
        else:
            self.answers[number - 1] = value

    def record(self, day: dt.date | None, rater: str | None, *, hold: bool = False) -> bool:
        """The questionnaire as an item to import; or, with no day, an unusable answer or
        `hold`, held back (its critical items still said). Whether it was held."""
        definition, where = self.definition, self.resource.where
        if hold or day is None or self.unclear:
            self.reading.out.held.append(
                Held(definition.id, day, self.answers, frozenset(self.unclear), where)
            )
            return True
        label = make.measure(day, definition.id, self.answers, where).label
        extra = (("difficulty", self.difficulty),) if self.difficulty is not None else ()
        key = ("measure", day, definition.id, rater)
        item = make.Item(key, self.answers, where, label, extra)
        for earlier in self.reading.out.items:
            # Two records of one questionnaire on one day by one rater that differ: the
            # import leaves both out, saying so (which is meant cannot be known). Each is
            # held too, so that a critical answer in either is still said.
            if earlier.key == item.key and not make.same(earlier.value, item.value):
                for given in (earlier, item):
                    self.reading.out.held.append(
                        Held(definition.id, day, list(given.value), frozenset(), given.where)
                    )
        self.reading.out.items.append(item)
        return False
