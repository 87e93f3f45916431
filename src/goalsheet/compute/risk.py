"""Critical answers (PHQ-9 item 9 and any item a measure marks critical) and their follow-ups.

Pure: entries and measure definitions in, one `CriticalAnswer` per raised item out. The safe
reading wins everywhere here:
- every administration of a known measure is looked at, even one the scores leave out (an
  answer out of range elsewhere must not hide item 9);
- a critical item left blank, out of range, or in an administration whose answers cannot be
  matched to items, is raised as "not answered" or "unclear": a reason to ask;
- a follow-up clears the warning, never the history: the answer stays, with the follow-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, TypedDict

from goalsheet.language.messages import _
from goalsheet.model.entries import EntryFile, FollowUp, MeasureEntry
from goalsheet.model.measures import ItemFlag, MeasureDefinition

Kind = Literal["answered", "unanswered", "unclear"]


class FollowUpJson(TypedDict):
    date: str
    by: str
    note: str


class CriticalJson(TypedDict):
    """A critical answer in the report JSON and the import JSON (keys in English)."""

    measure: str
    date: str
    item: int
    flag: str
    kind: Kind
    answer: int | None
    answer_words: str | None
    answer_text: str
    message: str
    open: bool
    follow_up: FollowUpJson | None


@dataclass(frozen=True)
class CriticalAnswer:
    """One critical item raised on one administration."""

    measure: str
    date: dt.date
    item: int
    flag: str
    kind: Kind
    answer: int | None  # the number given (None when blank or when it cannot be told)
    answer_words: str | None  # the answer's meaning ("Several days"), in the reader's language
    message: str  # what it means, in the reader's language
    follow_up: FollowUp | None

    @property
    def open(self) -> bool:
        """Not yet followed up: `check` warns and `list clients` marks the client."""
        return self.follow_up is None

    def answer_text(self) -> str:
        """The answer for a person to read: "1 (Several days)", "not answered", "unclear"."""
        if self.kind == "unanswered":
            # NOTE: a critical questionnaire item (PHQ-9 item 9) left blank.
            return _("not answered")
        if self.kind == "unclear":
            if self.answer is not None:
                # NOTE: a critical item's answer outside the questionnaire's range.
                return _("unclear ({answer} is not one of the answers)").format(answer=self.answer)
            # NOTE: a critical item whose answer cannot be told from the record.
            return _("unclear")
        if self.answer_words:
            return f"{self.answer} ({self.answer_words})"
        return str(self.answer)

    def headline(self, client: str | None = None) -> str:
        """One line that says it all: client, measure, item, answer in words, date."""
        what = _("{measure} item {item}: {answer}, on {date}").format(
            measure=self.measure,
            item=self.item,
            answer=self.answer_text(),
            date=self.date.isoformat(),
        )
        about = f"{client}: {what}" if client else what
        return f"{about}. {self.message}"

    def json(self) -> CriticalJson:
        """The report JSON's and import JSON's form (keys in English)."""
        return {
            "measure": self.measure,
            "date": self.date.isoformat(),
            "item": self.item,
            "flag": self.flag,
            "kind": self.kind,
            "answer": self.answer,
            "answer_words": self.answer_words,
            "answer_text": self.answer_text(),
            "message": self.message,
            "open": self.open,
            "follow_up": None
            if self.follow_up is None
            else {
                "date": self.follow_up.date.isoformat(),
                "by": self.follow_up.by,
                "note": self.follow_up.note,
            },
        }


def critical_answers(
    entries: Iterable[EntryFile], measures: dict[str, MeasureDefinition], today: dt.date
) -> list[CriticalAnswer]:
    """Every critical item raised up to `today`, oldest first, each with its follow-up."""
    files = list(entries)
    follow_ups = [f for e in files for f in e.follow_ups if f.date <= today]
    raised: dict[tuple[str, dt.date, int, Kind, int | None], CriticalAnswer] = {}
    administrations = sorted(
        (m for e in files for m in e.measures), key=lambda m: (m.date, m.measure)
    )
    for entry in administrations:
        definition = measures.get(entry.measure)
        if definition is None or entry.date > today:
            continue
        for flag in definition.flags:
            found = raise_item(definition, flag, entry)
            if found is None:
                continue
            kind, answer = found
            key = (entry.measure, entry.date, flag.item, kind, answer)
            raised.setdefault(
                key,
                CriticalAnswer(
                    measure=entry.measure,
                    date=entry.date,
                    item=flag.item,
                    flag=flag.flag,
                    kind=kind,
                    answer=answer,
                    answer_words=_answer_words(definition, answer) if kind == "answered" else None,
                    message=_message(flag, kind),
                    follow_up=_follow_up(follow_ups, entry.measure, entry.date, flag.item),
                ),
            )
    return list(raised.values())


def raise_item(
    definition: MeasureDefinition, flag: ItemFlag, entry: MeasureEntry
) -> tuple[Kind, int | None] | None:
    """Whether one administration raises one critical item, and how; None if it does not."""
    if len(entry.answers) != definition.items:
        return ("unclear", None) if flag.ask_if_blank else None
    answer = entry.answers[flag.item - 1]
    if answer is None:
        return ("unanswered", None) if flag.ask_if_blank else None
    if not definition.item_min <= answer <= definition.item_max:
        return "unclear", answer
    if answer >= flag.at_least:
        return "answered", answer
    return None


def follows_up(follow_up: FollowUp, measure: str, date: dt.date, item: int) -> bool:
    """Whether a recorded follow-up is about this measure's critical item on this date."""
    return (
        follow_up.answer_date == date
        and (follow_up.measure is None or follow_up.measure == measure)
        and (follow_up.item is None or follow_up.item == item)
    )


def _follow_up(
    follow_ups: list[FollowUp], measure: str, date: dt.date, item: int
) -> FollowUp | None:
    own = [f for f in follow_ups if follows_up(f, measure, date, item)]
    return max(own, key=lambda f: f.date) if own else None


def _answer_words(definition: MeasureDefinition, answer: int | None) -> str | None:
    if answer is None or not definition.answer_labels:
        return None
    return _(definition.answer_labels[answer - definition.item_min])


def _message(flag: ItemFlag, kind: Kind) -> str:
    # The built-in flags' wording is marked for the catalogue in model/measures.py.
    if kind == "answered":
        return _(flag.message)
    if kind == "unanswered":
        # NOTE: a critical item (PHQ-9 item 9) was left blank: the clinician must ask.
        return _("item {item} not answered: ask today").format(item=flag.item)
    # NOTE: a critical item (PHQ-9 item 9) could not be read: the clinician must ask.
    return _("item {item} could not be read: ask today").format(item=flag.item)
