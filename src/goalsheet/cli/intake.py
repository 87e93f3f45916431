"""`goalsheet import`: filled-in forms, scans and CSV files into the clients' entries/."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from goalsheet.cli.complete import complete_client
from goalsheet.cli.options import (
    EXIT_FINDINGS,
    EXIT_OK,
    as_of_date,
    as_of_option,
    format_option,
    rendered,
    reported,
    write_private,
)
from goalsheet.cli.project_option import open_project, project_option
from goalsheet.language.click_messages import Command
from goalsheet.language.messages import _, ngettext
from goalsheet.project import Project

if TYPE_CHECKING:
    from goalsheet.intake.critical import RaisedAnswer
    from goalsheet.intake.mood_csv import MoodMapping
    from goalsheet.intake.outcome import Outcome
    from goalsheet.intake.run import ImportRun


@click.command(name="import", cls=Command)
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option(
    "--prefer",
    type=click.Choice(["new", "old"]),
    default=None,
    help="When a value differs from one already recorded: new replaces it (in a new file "
    "marked 'corrects'), old keeps it. Without this, a difference stops the import.",
)
@click.option("--client", "client_id", default=None,
              help="Whose data a blank form, a CSV or a FHIR file is.",
              shell_complete=complete_client)  # fmt: skip
@click.option(
    "--date",
    "form_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The date for a questionnaire or review whose date was left empty (YYYY-MM-DD).",
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="Import what is valid; list the wrong values and the files that cannot be read "
    "(left out; the run still exits 1 when a file is left out).",
)
@click.option(
    "--accept",
    multiple=True,
    metavar="KEY=VALUE",
    help="A scan's unclear mark as you read it, e.g. p1:item5=2 or p1:item5=none "
    "(the review page lists them; repeatable).",
)
@click.option("--tracker", default=None, help="Mood app CSV: the rating tracker moods go to.")
@click.option(
    "--moods", default=None, help='Mood app CSV: words to points, "awful=1,bad=3,meh=5,good=7".'
)
@click.option(
    "--activity",
    multiple=True,
    help='Mood app CSV: an activity to a yes/no tracker, "walk=walked" (repeatable).',
)
@click.option("--note-tracker", default=None, help="Mood app CSV: the text tracker for notes.")
@format_option("text", "json")
@project_option
@as_of_option
def import_(
    files: tuple[Path, ...],
    dry_run: bool,
    prefer: str | None,
    client_id: str | None,
    form_date: dt.datetime | None,
    skip_invalid: bool,
    accept: tuple[str, ...],
    tracker: str | None,
    moods: str | None,
    activity: tuple[str, ...],
    note_tracker: str | None,
    output_format: str,
    project_dir: Path,
    as_of: dt.datetime | None,
) -> None:
    """Read filled-in goalsheet PDFs, scans, CSV files and FHIR Bundles (JSON) into the
    clients' entries/.

    Each file becomes one new entries file (several when one would be over the 2 MB that
    `check` reads); nothing a person wrote is edited. Values already recorded are not added
    again, so importing a file twice adds nothing. When anything is wrong (a file that cannot
    be read, a wrong value, a value that differs from the one recorded), nothing at all is
    written and every problem is listed; --skip-invalid writes the rest. A critical answer
    (PHQ-9 item 9) in any file is said first, whatever else happens, even in a dry run.

    \b
    Examples:
      goalsheet import diary-C-0142.pdf
      goalsheet import ~/Downloads/*.pdf --dry-run
      goalsheet import blank-diary-filled.pdf --client C-0315
      goalsheet import phq-9.pdf --prefer new
      goalsheet import C-0142.csv
      goalsheet import C-0142.fhir.json
      goalsheet import ehr-phq-9.json --client C-0142
      goalsheet import moods.csv --client C-0142 --tracker mood \\
        --moods "awful=1,bad=3,meh=5,good=7,rad=9" --activity "walk=exercise"
    """
    # Loaded on use (templates, the scan reader): `goalsheet --help` stays quick.
    from goalsheet.intake.review_page import needs_review
    from goalsheet.intake.run import ImportOptions, import_files
    from goalsheet.intake.scan.review_command import import_again

    project = open_project(project_dir, reads=("clients", "templates"))
    options = ImportOptions(
        today=as_of_date(as_of),
        dry_run=dry_run,
        prefer=cast(Any, prefer),
        client=client_id,
        date=form_date.date() if form_date else None,
        skip_invalid=skip_invalid,
        mood=_mood_mapping(tracker, moods, activity, note_tracker),
        accept=_accepted(accept),
    )
    try:
        run = import_files(project, list(files), options)
    except OSError as error:
        raise _cannot_write_entries(error) from None
    raised = _say_critical(project, run, options.today, output_format)
    if run.write_error is not None:
        raise _cannot_write_entries(run.write_error)
    reviewed = False
    if needs_review(run.outcomes):
        again = import_again(files, client=client_id, prefer=prefer, date=form_date,
                             as_of=as_of, project=project_dir, skip_invalid=skip_invalid,
                             accepted=accept)  # fmt: skip
        _write_review(project, run.outcomes, files, again)
        reviewed = True
    _summarise(project, run, raised, output_format, dry_run, skip_invalid, reviewed)
    sys.exit(EXIT_FINDINGS if run.failed(skip_invalid) else EXIT_OK)


def _mood_mapping(
    tracker: str | None, moods: str | None, activity: tuple[str, ...], note_tracker: str | None
) -> MoodMapping | None:
    """Where a mood app's CSV columns go, from the --tracker, --moods, --activity and
    --note-tracker options (none without --tracker)."""
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.intake.mood_csv import BadMapping, MoodMapping

    if tracker is not None:
        with reported(usage=(BadMapping,)):
            return MoodMapping.parse(tracker, moods, activity, note_tracker)
    if moods or activity or note_tracker:
        raise click.UsageError(_("--moods, --activity and --note-tracker need --tracker too"))
    return None


def _accepted(accept: tuple[str, ...]) -> dict[str, str]:
    """The --accept KEY=VALUE decisions, or a usage error saying which one is wrong."""
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.intake.scan.accept import BadAccept, parse_accepted

    with reported(usage=(BadAccept,)):
        return parse_accepted(accept)


def _cannot_write_entries(error: OSError) -> click.ClickException:
    return click.ClickException(
        _("cannot write the entries file: {reason}").format(reason=error.strerror or error)
    )


def _say_critical(
    project: Project, run: ImportRun, today: dt.date, output_format: str
) -> list[RaisedAnswer]:
    """Critical answers (PHQ-9 item 9) come first, whatever the run came to: on standard
    output for text (in red on a terminal), on standard error for JSON (which holds them
    too). The answers raised."""
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.intake.critical import follow_up_hint, raised_answers
    from goalsheet.intake.summary import critical_text

    raised = raised_answers(project, run.outcomes, today)
    for outcome in run.outcomes:
        for text in outcome.unplaced:
            click.secho(
                # NOTE: a critical answer (PHQ-9 item 9) in a file that could not be given to
                # a client; {text} names the resource, whose it is if known, and the answer.
                _("CRITICAL in {file}, not imported: {text}. Look at it today.").format(
                    file=outcome.path, text=text
                ),
                err=output_format == "json",
                fg="red",
                bold=True,
            )
    for line in critical_text(raised, follow_up_hint(raised)):
        click.secho(line, err=output_format == "json", fg="red", bold=True)
    return raised


def _summarise(
    project: Project,
    run: ImportRun,
    raised: list[RaisedAnswer],
    output_format: str,
    dry_run: bool,
    skip_invalid: bool,
    reviewed: bool,
) -> None:
    """What the run came to, as JSON or as lines of text (advice on standard error)."""
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.intake.summary import advice, summary_json, summary_text

    if output_format == "json":
        data = summary_json(run, dry_run=dry_run, skip_invalid=skip_invalid, critical=raised)
        click.echo(json.dumps(data, indent=2, default=str))
        return
    lines = summary_text(run, dry_run=dry_run, skip_invalid=skip_invalid, measures=project.measures)
    for line in lines:
        click.echo(line)
    for line in advice(run, skip_invalid=skip_invalid):
        click.echo(line, err=True)
    blocked = run.blocked(skip_invalid)
    if dry_run and not blocked and reviewed:
        # NOTE: a dry run of a scan import writes only the review page (in private/).
        click.echo(_("Dry run: nothing was written but the review page."), err=True)
    elif dry_run and not blocked:
        click.echo(_("Dry run: nothing was written."), err=True)


def _write_review(
    project: Project, outcomes: list[Outcome], files: tuple[Path, ...], again: list[str]
) -> None:
    """The review page of a scan's unclear marks, its pages as read and its handwritten
    notes, in private/, and how to open it."""
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.intake.review_page import review_page

    page = rendered(lambda: review_page(project, outcomes, files, again))
    write_private(page.path, page.html, project.root, announce=False)  # the lines below name it
    if not page.unclear:
        click.echo(
            ngettext(
                "{n} handwritten note is on the review page, to read: {page}",
                "{n} handwritten notes are on the review page, to read: {page}",
                page.notes,
            ).format(n=page.notes, page=page.path),
            err=True,
        )
        return
    click.echo(
        ngettext(
            "{n} mark could not be read for sure: look at it in {page}, then import again "
            "with --accept (the page shows how).",
            "{n} marks could not be read for sure: look at them in {page}, then import again "
            "with --accept (the page shows how).",
            page.unclear,
        ).format(n=page.unclear, page=page.path),
        err=True,
    )
