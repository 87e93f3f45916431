"""The command line: parse, call the core, format. No logic of its own.

One module per command group; this one holds the `goalsheet` group itself and registers
them all (`goalsheet.cli:main` is the entry point)."""

from __future__ import annotations

from typing import Any

import click

from goalsheet import __version__
from goalsheet.cli.build import build
from goalsheet.cli.check import check
from goalsheet.cli.complete import completion
from goalsheet.cli.export import export
from goalsheet.cli.init import init
from goalsheet.cli.intake import import_
from goalsheet.cli.listing import list_
from goalsheet.cli.new import new
from goalsheet.cli.options import EXIT_FINDINGS
from goalsheet.cli.paper import diary, worksheet
from goalsheet.cli.report import attention, report, summary
from goalsheet.cli.schema import schema
from goalsheet.cli.serve import serve
from goalsheet.findings import GoalsheetError
from goalsheet.language.click_messages import Group as TranslatedGroup
from goalsheet.language.click_messages import route_click_messages
from goalsheet.language.messages import environment_locale, using


class _Group(TranslatedGroup):
    """Bad input found deep inside a command (e.g. a broken catalogue) ends as findings and
    exit 1, never a traceback."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Speak the person's language from the first message (click's own too), and
        leave the language as it was afterwards (tests run many commands in one process)."""
        route_click_messages()
        with using(environment_locale()):
            return super().main(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GoalsheetError as error:
            for finding in error.findings:
                click.echo(finding.as_text(), err=True)
            ctx.exit(EXIT_FINDINGS)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="goalsheet")
def main() -> None:
    """Therapy goals and tracking data in YAML, turned into worksheets, diaries, reports
    and a handout site, and read back from filled-in forms.

    \b
    Examples:
      goalsheet init my-practice
      goalsheet check --project my-practice
      goalsheet list clients

    \b
    Messages are in the language of GOALSHEET_LOCALE (or LANGUAGE, LC_ALL, LANG),
    else the project's `locale`. Tab completion: goalsheet completion --help
    """


for command in (
    new, completion, init, check, schema, worksheet, diary, build, report, summary, attention,
    import_, export, serve, list_,
):  # fmt: skip
    main.add_command(command)
