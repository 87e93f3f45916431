"""`goalsheet worksheet` and `goalsheet diary`: one worksheet or diary PDF, printed,
fillable or scannable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from goalsheet.cli.complete import complete_client, complete_worksheet
from goalsheet.cli.options import (
    output_option,
    paper_option,
    private_target,
    refuse_public,
    reported,
    settle_private,
    write_private,
)
from goalsheet.cli.project_option import open_project, project_option
from goalsheet.language.click_messages import Command
from goalsheet.language.messages import _
from goalsheet.project import (
    CONFIG_FILE,
    NotAProject,
    Project,
    UnknownClient,
    UnreadableClient,
    load_project,
    require_root,
)


def _make_sheet(
    project_dir: Path,
    name: str,
    client_id: str | None,
    fillable: bool,
    paper: str | None,
    output: Path | None,
    start: dt.date | None = None,
    weeks: int | None = None,
) -> None:
    from goalsheet.paper.make import SheetOrder, SheetUsageError, make_sheet  # start-up time

    order = SheetOrder(name, client_id, fillable, paper, start, weeks)
    with reported((NotAProject, SheetUsageError), (ValueError,)):
        project = _sheet_project(project_dir, client_id)
    if output is not None:
        if client_id is not None and project is not None:  # a client's own sheet
            refuse_public(output, project)
        private_target(output, project_dir)  # its folders owner-only, if private
    with reported((NotAProject, SheetUsageError), (ValueError,)):
        target = make_sheet(project, order, output)
    settle_private(target, project_dir)  # a blank sheet is 0644, but not in private/
    click.echo(_("Wrote {file}").format(file=target))


def _sheet_project(project_dir: Path, client_id: str | None) -> Project | None:
    """The project a sheet is made in; none for a blank sheet outside any project."""
    if client_id is None and not (project_dir / CONFIG_FILE).is_file():
        return None
    return load_project(require_root(project_dir))


@click.command(cls=Command)
@click.argument("name", shell_complete=complete_worksheet)
@click.option("--client", "client_id", default=None, help="Personalise for this client ID.",
              shell_complete=complete_client)  # fmt: skip
@click.option("--fillable", is_flag=True, help="A PDF with form fields to fill on screen.")
@click.option(
    "--scannable",
    is_flag=True,
    help="A page to fill with a pen and scan back with `goalsheet import` (phq-9, gad-7, "
    "weekly-log, and the diaries).",
)
@click.option("--weeks", type=click.IntRange(1, 26), default=None,
              help="Diaries and weekly log: how many weeks (1-26).")  # fmt: skip
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Diaries and weekly log: the first day (YYYY-MM-DD; default: next Monday).",
)
@paper_option
@output_option
@project_option
def worksheet(
    name: str,
    client_id: str | None,
    fillable: bool,
    scannable: bool,
    weeks: int | None,
    start: dt.datetime | None,
    paper: str | None,
    output: Path | None,
    project_dir: Path,
) -> None:
    """Make one worksheet PDF, blank or personalised.

    \b
    Examples:
      goalsheet worksheet smart-goal
      goalsheet worksheet goal-ladder --client C-0142 --fillable -o ladder.pdf
      goalsheet worksheet phq-9 --client C-0142 --scannable
      goalsheet worksheet weekly-log --client C-0142 --scannable --start 2026-11-23
      goalsheet list worksheets      # every NAME
    """
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.paper.plan import next_monday
    from goalsheet.paper.scannable.printing import is_dated

    first = start.date() if start else None
    if scannable:
        if fillable:
            raise click.UsageError(_("a page is --fillable or --scannable, not both"))
        if is_dated(name):
            if not client_id:
                raise click.UsageError(
                    _("a scannable {name} is made for one client: add --client ID").format(
                        name=name
                    )
                )
            first = first or next_monday(dt.date.today())
            _make_scannable_diary(project_dir, name, client_id, first, weeks, paper, output)
            return
        _make_scannable(project_dir, name, client_id, paper, output)
        return
    _make_sheet(project_dir, name, client_id, fillable, paper, output, first, weeks)


def _make_scannable(
    project_dir: Path, name: str, client_id: str | None, paper: str | None, output: Path | None
) -> None:
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.paper.scannable.printing import NotScannable, scannable_measure
    from goalsheet.render.pdf import RenderError

    project = open_project(project_dir, reads=("templates",))
    if output is not None and client_id is not None:
        refuse_public(output, project)
    with reported((NotScannable, UnknownClient), (UnreadableClient, RenderError)):
        made = scannable_measure(project, name, client_id, paper)
    write_private(output or Path(made.file_name), made.pdf, project.root)


@click.command(cls=Command)
@click.option("--client", "client_id", required=True, help="The client whose trackers to use.",
              shell_complete=complete_client)  # fmt: skip
@click.option("--weeks", type=click.IntRange(1, 26), default=None, help="How many weeks (1-26).")
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="First day (YYYY-MM-DD; default: next Monday).",
)
@click.option("--baseline", is_flag=True, help="A baseline diary (3 weeks, no change yet).")
@click.option("--fillable", is_flag=True, help="A PDF with form fields to fill on screen.")
@click.option(
    "--scannable",
    is_flag=True,
    help="Circles to fill with a pen, read back from a scan or photo by `goalsheet import`.",
)
@paper_option
@output_option
@project_option
def diary(
    client_id: str,
    weeks: int | None,
    start: dt.datetime | None,
    baseline: bool,
    fillable: bool,
    scannable: bool,
    paper: str | None,
    output: Path | None,
    project_dir: Path,
) -> None:
    """Make a client's daily diary: one row a day for their trackers.

    \b
    Examples:
      goalsheet diary --client C-0142 --weeks 4
      goalsheet diary --client C-0388 --baseline --start 2026-12-07 --fillable
      goalsheet diary --client C-0142 --scannable --weeks 2
    """
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.paper.plan import next_monday

    first = start.date() if start else next_monday(dt.date.today())
    name = "baseline-diary" if baseline else "daily-diary"
    if scannable:
        if fillable:
            raise click.UsageError(_("a page is --fillable or --scannable, not both"))
        _make_scannable_diary(project_dir, name, client_id, first, weeks, paper, output)
        return
    _make_sheet(project_dir, name, client_id, fillable, paper, output, first, weeks)


def _make_scannable_diary(
    project_dir: Path,
    name: str,
    client_id: str,
    first: dt.date,
    weeks: int | None,
    paper: str | None,
    output: Path | None,
) -> None:
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.paper.scannable.make_diary import NothingToScan
    from goalsheet.paper.scannable.printing import scannable_diary
    from goalsheet.render.pdf import RenderError

    project = open_project(project_dir, reads=("clients", "templates"))
    if output is not None:
        refuse_public(output, project)
    with reported((UnknownClient, NothingToScan), (UnreadableClient, RenderError)):
        made = scannable_diary(project, name, client_id, first, weeks, paper)
    write_private(output or Path(made.file_name), made.pdf, project.root)
