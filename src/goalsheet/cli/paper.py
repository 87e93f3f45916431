"""`goalsheet worksheet` and `goalsheet diary`: one worksheet or diary PDF, printed,
fillable or scannable."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from goalsheet.cli.complete import complete_client, complete_worksheet
from goalsheet.cli.options import (
    client_folder,
    output_option,
    paper_option,
    private_target,
    write_private,
    wrote_private,
)
from goalsheet.cli.project_option import open_project, project_option
from goalsheet.language.click_messages import Command
from goalsheet.language.messages import _
from goalsheet.project import NotAProject


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
    from goalsheet.paper.make import SheetOrder, SheetUsageError, make_sheet

    order = SheetOrder(name, client_id, fillable, paper, start, weeks)
    if output is not None:
        private_target(output, project_dir)  # its folders owner-only, if private
    try:
        target = make_sheet(project_dir, order, output)
    except NotAProject as error:
        raise click.UsageError(str(error)) from None
    except SheetUsageError as error:
        raise click.UsageError(str(error)) from None
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if private_target(target, project_dir):  # a blank sheet is 0644, but not in private/
        os.chmod(target, 0o600)
        wrote_private(target, project_dir)
    click.echo(_("Wrote {file}").format(file=target))


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
    from goalsheet.pipeline.jobs import next_monday

    first = start.date() if start else None
    if scannable:
        if fillable:
            raise click.UsageError(_("a page is --fillable or --scannable, not both"))
        if name in (*DIARY_NAMES, WEEKLY_LOG):
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
    from goalsheet.paper.scannable.make import scannable_measure_pdf
    from goalsheet.render.pdf import RenderError

    project = open_project(project_dir, reads=("templates",))
    measure = next((m for m in project.measures.values() if m.id.lower() == name), None)
    if measure is None:
        raise click.UsageError(
            _("--scannable pages exist for {names}; '{name}' is not one of them").format(
                names=", ".join(
                    [*(m.id.lower() for m in project.measures.values()), *DIARY_NAMES, WEEKLY_LOG]
                ),
                name=name,
            )
        )
    sheet = client_folder(project, client_id).sheet if client_id else None
    paper = paper or project.config.paper
    try:
        pdf = scannable_measure_pdf(project.root, project.config, sheet, measure, paper)
    except RenderError as error:
        raise click.ClickException(str(error)) from None
    stem = "-".join([name, *([client_id] if client_id else []), "scan"])
    write_private(output or Path(f"{stem}.pdf"), pdf, project.root)


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
    from goalsheet.pipeline.jobs import next_monday

    first = start.date() if start else next_monday(dt.date.today())
    name = "baseline-diary" if baseline else "daily-diary"
    if scannable:
        if fillable:
            raise click.UsageError(_("a page is --fillable or --scannable, not both"))
        _make_scannable_diary(project_dir, name, client_id, first, weeks, paper, output)
        return
    _make_sheet(project_dir, name, client_id, fillable, paper, output, first, weeks)


DIARY_NAMES = ("daily-diary", "baseline-diary")
WEEKLY_LOG = "weekly-log"


def _make_scannable_diary(
    project_dir: Path,
    name: str,
    client_id: str,
    first: dt.date,
    weeks: int | None,
    paper: str | None,
    output: Path | None,
) -> None:
    from goalsheet.paper.scannable.make_diary import NothingToScan, scannable_diary_pdf
    from goalsheet.render.pdf import RenderError

    project = open_project(project_dir, reads=("clients", "templates"))
    sheet = client_folder(project, client_id).sheet
    assert sheet is not None
    default_weeks = {"baseline-diary": 3, WEEKLY_LOG: 8}.get(name, 1)
    days = 7 * (weeks or default_weeks)
    try:
        pdf = scannable_diary_pdf(
            project.root, project.config, sheet, name, first, days, paper or project.config.paper
        )
    except NothingToScan as error:
        raise click.UsageError(str(error)) from None
    except RenderError as error:
        raise click.ClickException(str(error)) from None
    write_private(output or Path(f"{name}-{client_id}-scan.pdf"), pdf, project.root)
