"""`goalsheet init`: create a new practice project."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from goalsheet.language.click_messages import Command
from goalsheet.language.messages import _


@click.command(cls=Command)
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--name", default=None, help="The practice's name (asked if not given).")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default=None,
              help="Paper size (asked; suggested from the locale).")  # fmt: skip
@click.option("--locale", default=None, help="en_GB, en_US or es_ES (asked if not given).")
@click.option("--crisis-line", default=None, help="Crisis text printed on handouts.")
@click.option(
    "--interactive/--no-interactive",
    default=None,
    help="Ask for what the flags leave out (default: only when run in a terminal).",
)
def init(
    directory: Path,
    name: str | None,
    paper: str | None,
    locale: str | None,
    crisis_line: str | None,
    interactive: bool | None,
) -> None:
    """Create a new practice project in DIRECTORY: settings, the default handouts, an empty
    templates/ folder for overrides, and one fictional example client. Asks for the
    practice's name, language, paper size and crisis-line text; never overwrites a project.

    \b
    Examples:
      goalsheet init my-practice
      goalsheet init riverside --name "Riverside Therapy" --paper letter --locale en_US
      goalsheet init centro --name "Centro Alameda" --locale es_ES --no-interactive
    """
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.cli.init_prompts import practice_answers
    from goalsheet.init import ProjectExists, check_free, init_project

    ask = interactive if interactive is not None else sys.stdin.isatty()
    try:
        check_free(directory)
        answers = practice_answers(name, paper, locale, crisis_line, ask)
        init_project(directory, answers)
    except ProjectExists as error:
        raise click.UsageError(str(error)) from None
    except click.Abort as error:
        click.echo("\n" + _("Cancelled; nothing was written."), err=True)
        sys.exit(130 if isinstance(error.__context__, KeyboardInterrupt) else 1)
    except OSError as error:
        raise click.ClickException(
            _("cannot create the project: {error}").format(error=error)
        ) from None
    click.echo(_("Created a goalsheet project in {folder}.").format(folder=directory))
    # NOTE: a shell command to copy: keep "cd {folder} && goalsheet check" as it is.
    click.echo(_("Next: cd {folder} && goalsheet check").format(folder=directory))
