"""A question script: a table of questions walked in order, each answered by its flag or at
the prompt.

The words of a question are marked with `N_()` where the table is written and translated
as the question is asked (the language is chosen at run time, not at import).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from goalsheet.guided.asking import Asker, Question
from goalsheet.language.messages import _

Answers = dict[str, Any]
"""The answers so far by name, and what the questions need to know (today, the config)."""

Read = Callable[[str, Answers], Any]


@dataclass(frozen=True)
class Ask:
    """One question: its words, its default, and how its answer is read."""

    key: str  # the answer's name, and the field of the flags that may give it
    flag: str
    asks: str
    hint: str | Callable[[Answers], str]  # a callable words (and translates) it itself
    label: str
    read: Read
    default: str | Callable[[Answers], str | None] | None = None

    def question(self, answers: Answers) -> Question:
        hint = self.hint(answers) if callable(self.hint) else _(self.hint)
        default = self.default(answers) if callable(self.default) else self.default
        return Question(self.flag, _(self.asks), hint, _(self.label), default=default)


@dataclass(frozen=True)
class Confirm:
    """A yes-or-no question."""

    key: str  # the answer's name, and the field of the flags that may give it
    asks: str
    hint: str
    label: str
    default: bool


Custom = Callable[[Asker, Any, Answers], None]
"""A step with a shape of its own (a list, a choice): it puts its answer in the answers."""

Step = Ask | Confirm | Custom


def walk(asker: Asker, script: Sequence[Step], flags: Any, answers: Answers) -> Answers:
    """Every step of `script` in order; `flags` holds the answers given as options."""
    for step in script:
        if isinstance(step, Ask):
            answers[step.key] = asker.ask(
                step.question(answers),
                getattr(flags, step.key),
                _reading(step.read, answers),
            )
        elif isinstance(step, Confirm):
            answers[step.key] = asker.confirm(
                _(step.asks),
                getattr(flags, step.key),
                default=step.default,
                hint=_(step.hint),
                label=_(step.label),
            )
        else:
            step(asker, flags, answers)
    return answers


def _reading(read: Read, answers: Answers) -> Callable[[str], Any]:
    return lambda text: read(text, answers)


def text_only(parse: Callable[[str], Any]) -> Read:
    """A parser that needs nothing but the text, as a step's `read`."""
    return lambda text, _answers: parse(text)
