"""The critical answers (PHQ-9 item 9, any item a measure marks critical) in the files an
import reads: said first, whatever else the run comes to (a conflict, a wrong value, a file
left out, a dry run, a failed write).

Every questionnaire the files hold is looked at: those to be imported, those already
recorded, those that conflict, and those held back (a mark to check, no date, a wrong
value). A held-back critical item that cannot be read is raised as "unclear: ask". The
client's recorded follow-ups say which answers were followed up already.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from goalsheet.check.risk_rules import FOLLOW_UP_EXAMPLE
from goalsheet.compute.risk import CriticalAnswer, critical_answers
from goalsheet.intake.items import Held
from goalsheet.intake.outcome import Outcome
from goalsheet.language.messages import _
from goalsheet.model.entries import EntryFile, FollowUp, MeasureEntry
from goalsheet.model.measures import MeasureDefinition
from goalsheet.project import Project


@dataclass(frozen=True)
class RaisedAnswer:
    """One critical answer found in one imported file."""

    client: str
    file: str  # the file imported, as given
    critical: CriticalAnswer
    imported: bool  # False: held back (the run's summary says why)
    undated: bool = False  # held back for want of a date: `critical.date` is the run's

    def line(self) -> str:
        """The line the run prints first: "CRITICAL C-0388: PHQ-9 item 9: 1 (Several
        days), on 2026-11-19. thoughts of ...: follow up today"."""
        c = self.critical
        if self.undated:
            # NOTE: a critical answer on a questionnaire whose date is missing; {answer} is
            # e.g. "1 (Several days)"; {message} says what to do.
            text = _("{client}: {measure} item {item}: {answer}, on an undated form. {message}")
            text = text.format(
                client=self.client,
                measure=c.measure,
                item=c.item,
                answer=c.answer_text(),
                message=c.message,
            )
        else:
            text = c.headline(self.client)
        if not self.imported:
            # NOTE: after a critical answer on a questionnaire the import holds back.
            text += " " + _("(not imported: see below)")
        if c.follow_up is not None:
            # NOTE: a critical answer already followed up, in `goalsheet import`'s output.
            return _("critical, followed up on {date} by {by}: {text}").format(
                date=c.follow_up.date.isoformat(), by=c.follow_up.by, text=text
            )
        # NOTE: the mark at the start of a critical answer's line in `goalsheet import`.
        return _("CRITICAL {text}").format(text=text)

    def json(self) -> dict[str, Any]:
        """The import JSON's form (keys in English)."""
        return {
            "client": self.client,
            "file": self.file,
            **self.critical.json(),
            "date": None if self.undated else self.critical.date.isoformat(),
            "imported": self.imported,
        }


def raised_answers(project: Project, outcomes: list[Outcome], today: dt.date) -> list[RaisedAnswer]:
    """Every critical answer in the files read, open ones first, each once."""
    found: dict[tuple[object, ...], RaisedAnswer] = {}
    for outcome in outcomes:
        if outcome.client is None:
            continue
        follow_ups = _follow_ups(project, outcome.client)
        for raised in _in_outcome(project.measures, outcome, outcome.client, follow_ups, today):
            c = raised.critical
            key = (raised.client, c.measure, c.date, c.item, c.kind, c.answer, raised.undated)
            found.setdefault(key, raised)
    return sorted(
        found.values(),
        key=lambda r: (not r.critical.open, r.client, r.critical.date, r.critical.measure),
    )


def follow_up_hint(raised: list[RaisedAnswer]) -> str | None:
    """How to record the follow-up of the first open answer, or None when none is open."""
    first = next((r for r in raised if r.critical.open), None)
    if first is None:
        return None
    return _(FOLLOW_UP_EXAMPLE).format(
        date=first.critical.date.isoformat(), measure=first.critical.measure
    )


def _follow_ups(project: Project, client: str) -> list[FollowUp]:
    folder = project.client(client)
    if folder is None:
        return []
    return [f for doc in folder.entries for f in doc.entries.follow_ups]


def _in_outcome(
    measures: dict[str, MeasureDefinition],
    outcome: Outcome,
    client: str,
    follow_ups: list[FollowUp],
    today: dt.date,
) -> Iterator[RaisedAnswer]:
    entries = [
        MeasureEntry(
            date=item.key[1],
            measure=str(item.key[2]),
            answers=list(item.value),
            rater=item.key[3],
        )
        for item in outcome.items
        if item.record == "measure" and str(item.key[2]) in measures
    ]
    data = EntryFile(measures=entries, follow_ups=follow_ups)
    for critical in critical_answers([data], measures, today):
        yield RaisedAnswer(client, outcome.path, critical, imported=True)
    for held in outcome.held:
        definition = measures.get(held.measure)
        if definition is not None:
            yield from _in_held(definition, held, outcome.path, client, follow_ups, today)


def _in_held(
    definition: MeasureDefinition,
    held: Held,
    file: str,
    client: str,
    follow_ups: list[FollowUp],
    today: dt.date,
) -> Iterator[RaisedAnswer]:
    """A held-back questionnaire's critical items, one flag at a time: an item that could
    not be read is raised as unclear (an answer list that cannot be matched to the items
    is what `compute.risk` raises so), a wrong number as itself."""
    undated = held.date is None or held.date > today
    day = today if undated else held.date
    assert day is not None
    for flag in definition.flags:
        answer = held.answers[flag.item - 1] if flag.item <= len(held.answers) else None
        unreadable = flag.item in held.unclear and answer is None
        entry = MeasureEntry(
            date=day, measure=definition.id, answers=[] if unreadable else list(held.answers)
        )
        one_flag = definition.model_copy(update={"flags": [flag]})
        data = EntryFile(measures=[entry], follow_ups=[] if undated else follow_ups)
        for critical in critical_answers([data], {definition.id: one_flag}, today):
            yield RaisedAnswer(client, file, critical, imported=False, undated=undated)
