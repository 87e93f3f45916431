"""Asking one question at a time, or taking the answer from its flag.

A question has a line saying what is asked, a one-line hint, and a short label at the
prompt. A wrong answer is explained and asked again; a wrong flag is a usage error. With
`--yes`, nothing is ever prompted: a question with no flag takes its default, and one
without a default is a usage error (exit 2).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import click

from goalsheet.guided.parsing import Invalid, yes_no
from goalsheet.language.messages import _

T = TypeVar("T")


@dataclass(frozen=True)
class Question:
    flag: str  # the option that answers it, e.g. "--title"
    asks: str  # the question, one line
    hint: str  # one line of help under it
    label: str  # short, at the prompt
    default: str | None = None  # shown in [brackets]; "" makes the answer optional
    needed_with_yes: bool = False  # with --yes, the flag must be given even with a default


class Asker:
    """Puts questions to the person at the terminal (stdin without one), or to the flags."""

    def __init__(self, *, assume_yes: bool) -> None:
        self.assume_yes = assume_yes

    def ask(self, question: Question, given: str | None, parse: Callable[[str], T]) -> T:
        """The answer to `question`: from its flag, its default (with --yes), or a prompt
        asked until `parse` accepts the answer."""
        if given is not None:
            try:
                return parse(given)
            except Invalid as bad:
                raise click.BadParameter(str(bad), param_hint=question.flag) from None
        if self.assume_yes:
            if question.default is None or question.needed_with_yes:
                raise click.UsageError(
                    _("{flag} is needed with --yes ({question})").format(
                        flag=question.flag, question=question.asks
                    )
                )
            return parse(question.default)
        self.heading(question.asks, question.hint)
        while True:
            answer = click.prompt(
                f"  {question.label}",
                default=question.default,
                show_default=bool(question.default),
                prompt_suffix=": ",
            )
            try:
                return parse(answer)
            except Invalid as bad:
                self.say_wrong(str(bad))

    def confirm(
        self, asks: str, given: bool | None, *, default: bool, hint: str = "", label: str = ""
    ) -> bool:
        """A yes-or-no question; its flag's value, else its default with --yes."""
        if given is not None:
            return given
        if self.assume_yes:
            return default
        self.heading(asks, hint)
        choices = _("Y/n") if default else _("y/N")
        while True:
            answer = click.prompt(
                f"  {label or _('Yes or no')} [{choices}]",
                default="",
                show_default=False,
                prompt_suffix=": ",
            )
            if not answer.strip():
                return default
            try:
                return yes_no(answer)
            except Invalid as bad:
                self.say_wrong(str(bad))

    def choose(self, options: Sequence[str], *, default: int = 1) -> int:
        """One of numbered `options` (1-based), asked at the terminal."""
        for number, option in enumerate(options, start=1):
            click.echo(f"    {number}  {option}")
        numbers = ", ".join(str(n) for n in range(1, len(options) + 1))
        while True:
            answer = click.prompt(
                "  " + _("Choose {numbers}").format(numbers=numbers),
                default=str(default),
                prompt_suffix=": ",
            )
            if answer.strip().isdigit() and 1 <= int(answer) <= len(options):
                return int(answer)
            self.say_wrong(_("answer with one of the numbers: {numbers}").format(numbers=numbers))

    def free(self, label: str) -> str:
        """One line of free text, may be empty (a list ends with an empty line)."""
        return str(click.prompt(f"  {label}", default="", show_default=False, prompt_suffix=": "))

    def heading(self, asks: str, hint: str = "") -> None:
        click.echo()
        click.echo(asks)
        if hint:
            click.echo(click.style(f"  {hint}", dim=True))

    def say_wrong(self, reason: str) -> None:
        click.echo("  " + _("Not quite: {reason}. Please try again.").format(reason=reason))

    def note(self, text: str) -> None:
        """Something worth knowing, said to the person (to stderr when nobody is asked)."""
        click.echo(("  " if not self.assume_yes else "") + text, err=self.assume_yes)
