"""`goalsheet build`: site/ and private/, made by the pipeline."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from goalsheet.cli.options import (
    EXIT_FINDINGS,
    as_of_date,
    as_of_option,
)
from goalsheet.cli.project_option import open_project, project_option
from goalsheet.language.click_messages import Command
from goalsheet.language.messages import _, ngettext

if TYPE_CHECKING:
    from goalsheet.pipeline.build import BuildReport


@click.command(cls=Command)
@click.option(
    "--jobs",
    "workers",
    type=click.IntRange(1, 256),
    default=None,
    help="Parallel processes (default: every core).",
)
@click.option("--clean", is_flag=True, help="Remove site/ and private/ first.")
@click.option("--no-pdf", is_flag=True, help="HTML outputs only.")
@click.option("--strict", is_flag=True, help="Refuse to build if `check` finds anything.")
@click.option("--shard", default=None, metavar="I/N", help="Build only shard I of N (1-based).")
@project_option
@as_of_option
def build(
    workers: int | None,
    clean: bool,
    no_pdf: bool,
    strict: bool,
    shard: str | None,
    project_dir: Path,
    as_of: dt.datetime | None,
) -> None:
    """Build site/ (blank worksheets) and private/ (each client's sheets and diaries).

    \b
    Examples:
      goalsheet build
      goalsheet build --strict        # stop if `goalsheet check` finds anything
      goalsheet build --no-pdf        # HTML only, quickly
      goalsheet build --jobs 4 --clean
      goalsheet build --shard 2/8     # one of eight machines
    """
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.output_folders import OutputFolderError
    from goalsheet.pipeline.build import BuildOptions, StrictRefused
    from goalsheet.pipeline.build import build as run_build
    from goalsheet.pipeline.clean import CleanRefused
    from goalsheet.pipeline.runner import JobResult, default_workers

    root = open_project(project_dir).root
    options = BuildOptions(
        today=as_of_date(as_of),
        workers=workers or default_workers(),
        clean=clean,
        pdf=not no_pdf,
        shard=_parse_shard(shard),
        strict=strict,
    )
    interactive = sys.stderr.isatty()
    bar: Any = None

    def started(total: int) -> None:
        nonlocal bar
        if interactive and total:
            bar = click.progressbar(length=total, label=_("Building"), file=sys.stderr)
            bar.__enter__()

    def done(result: JobResult) -> None:
        if bar is not None:
            bar.update(1)

    try:
        report = run_build(root, options, started, done)
    except StrictRefused as refused:
        for finding in refused.check.findings:
            click.echo(finding.as_text(), err=True)
        raise click.ClickException(_("--strict: `check` has findings; nothing was built")) from None
    except OutputFolderError as error:  # output.site or output.private unusable: usage error
        raise click.UsageError(str(error)) from None
    except CleanRefused as error:
        raise click.ClickException(str(error)) from None
    if bar is not None:
        bar.__exit__(None, None, None)
    _say(report)
    if not report.ok:
        sys.exit(EXIT_FINDINGS)


def _say(report: BuildReport) -> None:
    """What the build came to, on standard error (the last line on standard output):
    what `check` left out, the site's findings, what failed, the site's pages, the counts."""
    if report.check.errors:
        click.echo(
            # NOTE: after `goalsheet build`, when `goalsheet check` has errors.
            ngettext(
                "warning: `goalsheet check` finds {n} error; what has it (a client's "
                "files, a page, an image) was left out of this build",
                "warning: `goalsheet check` finds {n} errors; what has them (a client's "
                "files, a page, an image) was left out of this build",
                report.check.errors,
            ).format(n=report.check.errors),
            err=True,
        )
    for finding in report.site_findings:
        click.echo(finding.as_text(), err=True)
    for result in report.failed:
        click.echo(
            _("failed: {job} -> {output}: {error}").format(
                job=result.job.label, output=result.job.output, error=result.error
            ),
            err=True,
        )
    if report.site_error:
        click.echo(_("failed: the HTML site: {error}").format(error=report.site_error), err=True)
    if report.site_pages:
        click.echo(
            # NOTE: after `goalsheet build`: how many pages the HTML site has, and where.
            ngettext(
                "Site: {n} HTML page in {folder}/.",
                "Site: {n} HTML pages in {folder}/.",
                report.site_pages,
            ).format(n=report.site_pages, folder=report.site_dir)
        )
    made = report.planned - len(report.failed)
    click.echo(_built(made, report.planned, report.up_to_date, report.removed))


def _built(made: int, planned: int, kept: int, removed: int) -> str:
    """The last line of `build`: how many files were made, kept and removed."""
    # NOTE: the start of the last line of `goalsheet build`, "Built 3 of 46 files": {made}
    # files were made now, of the {planned} the project has.
    built = ngettext(
        "Built {made} of {planned} file", "Built {made} of {planned} files", planned
    ).format(made=made, planned=planned)
    # NOTE: in the last line of `goalsheet build`, after "Built 3 of 46 files": how many of
    # those files were already up to date, so not made again.
    fresh = ngettext("{n} up to date", "{n} up to date", kept).format(n=kept)
    # NOTE: in the last line of `goalsheet build`: how many files it removed because what
    # they were made from (a client, a worksheet) is gone.
    gone = ngettext(
        "removed {n} whose inputs are gone", "removed {n} whose inputs are gone", removed
    ).format(n=removed)
    if kept and removed:
        # NOTE: the last line of `goalsheet build`: "Built 3 of 46 files; 42 up to date;
        # removed 1 whose inputs are gone." Each part is worded on its own.
        text = _("{built}; {kept}; {removed}.")
    elif kept:
        # NOTE: the last line of `goalsheet build`: "Built 3 of 46 files; 43 up to date."
        text = _("{built}; {kept}.")
    elif removed:
        # NOTE: the last line of `goalsheet build`: "Built 46 of 46 files; removed 1 whose
        # inputs are gone."
        text = _("{built}; {removed}.")
    else:
        # NOTE: the last line of `goalsheet build`: "Built 46 of 46 files."
        text = _("{built}.")
    return text.format(built=built, kept=fresh, removed=gone)


def _parse_shard(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        # NOTE: I/N: shard I of N, as written after --shard.
        raise click.BadParameter(_("write it as I/N, e.g. 2/8"), param_hint="--shard") from None
    if not 1 <= index <= count:
        raise click.BadParameter(
            _("I must be between 1 and N, not {shard}").format(shard=text), param_hint="--shard"
        )
    return index, count
