"""The questions `goalsheet init` asks for what its flags leave out: practice name, language,
paper size and crisis-line text. Nothing is written until every answer is in."""

from __future__ import annotations

import re

import click

from goalsheet.init import LOCALES, PracticeAnswers, paper_for
from goalsheet.language.messages import _

_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")


def practice_answers(
    name: str | None,
    paper: str | None,
    locale: str | None,
    crisis_line: str | None,
    ask: bool,
) -> PracticeAnswers:
    """The answers: given flags as they are; the rest asked (when `ask`) or defaulted."""
    if ask:
        click.echo(_("A few questions about the practice (Enter keeps the suggestion)."))
    if name is None:
        name = _ask(_("Practice name"), _("Our practice")) if ask else _("Our practice")
    if locale is None:
        locale = _ask_locale() if ask else "en_GB"
    elif not _LOCALE.match(locale.replace("-", "_")):
        raise click.BadParameter(_not_a_locale(locale), param_hint="--locale")
    locale = locale.replace("-", "_")
    if paper is None:
        suggested = paper_for(locale)
        paper = (
            click.prompt(_("Paper size"), default=suggested, type=click.Choice(["a4", "letter"]))
            if ask
            else suggested
        )
    if crisis_line is None and ask:
        click.echo(
            _(
                "Crisis-line text is printed on every handout and worksheet: who to call "
                "in an emergency, in your area."
            )
        )
        crisis_line = (
            click.prompt(
                _("Crisis-line text (Enter for a general one you can change later)"),
                default="",
                show_default=False,
            ).strip()
            or None
        )
    return PracticeAnswers(name, paper, locale, crisis_line)


def _ask(question: str, default: str) -> str:
    while True:
        answer = str(click.prompt(question, default=default)).strip()
        if answer:
            return answer
        click.echo(_("Please type something, or press Enter for the suggestion."))


def _ask_locale() -> str:
    click.echo(
        _(
            "Language and formats for worksheets, reports and the site: {choices} "
            "(others can be added; see the practitioner's guide)."
        ).format(choices=", ".join(LOCALES))
    )
    while True:
        answer = str(click.prompt(_("Locale"), default="en_GB")).strip().replace("-", "_")
        if _LOCALE.match(answer):
            return answer
        click.echo(_not_a_locale(answer))


def _not_a_locale(answer: str) -> str:
    return _("'{answer}' is not a locale; write it like en_GB, en_US or es_ES.").format(
        answer=answer
    )
