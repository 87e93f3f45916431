"""The command line: parse, call the core, format. No logic of its own."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from goalsheet import __version__
from goalsheet.cli.complete import SHELLS, complete_client, complete_worksheet
from goalsheet.cli.project_option import open_project, project_option
from goalsheet.guided.commands import new
from goalsheet.language.click_messages import Group as TranslatedGroup
from goalsheet.language.click_messages import route_click_messages
from goalsheet.language.messages import _, environment_locale, ngettext, pgettext, using
from goalsheet.language.terms import term
from goalsheet.project import Area, ClientFolder, NotAProject, Project

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

RISK_FIRST = frozenset({"GS113"})  # check prints these findings before all others


def as_of_option(command: F) -> F:
    return click.option(
        "--as-of",
        "as_of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Compute as of this date (YYYY-MM-DD) instead of today.",
    )(command)


def format_option(*choices: str) -> Callable[[F], F]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help="Output format; json is stable and documented in the README.",
    )


def _paper_option(command: F) -> F:
    return click.option(
        "--paper",
        type=click.Choice(["a4", "letter"]),
        default=None,
        help="Paper size (default: the practice's, from goalsheet.yaml).",
    )(command)


def _output_option(command: F) -> F:
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Where to write it (default: standard output, or for a PDF a file named after it).",
    )(command)


def _today(as_of: dt.datetime | None) -> dt.date:
    return as_of.date() if as_of else dt.date.today()


def _client_folder(project: Project, client_id: str) -> ClientFolder:
    """The client's folder, or a usage error (no such client) or an error (their sheet
    does not load) saying what to do."""
    from goalsheet.project import UnknownClient, UnreadableClient

    try:
        project.sheet_of(client_id)
    except UnknownClient as error:
        raise click.UsageError(str(error)) from None
    except UnreadableClient as error:
        raise click.ClickException(str(error)) from None
    folder = project.client(client_id)
    assert folder is not None
    return folder


def _emit_json(
    data: Any, output: Path | None, *, mode: int = 0o644, root: Path = Path(".")
) -> None:
    """JSON to standard output, or atomically to `output` (mode 0600 for client data, and
    for anything written among the client data of the project at `root`)."""
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    _write_private(output, text.encode("utf-8"), root, mode=mode)


def _private_target(target: Path, root: Path) -> bool:
    """Whether `target` is among the client data of the project at `root` (private/,
    goalsheets/...); if so its folders are made owner-only (0700) first."""
    from goalsheet.output_folders import prepare_private_target

    try:
        return prepare_private_target(target, root)
    except OSError as error:
        raise click.ClickException(
            _("cannot write {file}: {reason}").format(file=target, reason=error.strerror)
        ) from None


def _wrote_private(target: Path, root: Path) -> None:
    """Remember a file written into the private folder, so `build --clean` may remove it."""
    from goalsheet.output_record import remember

    remember(root, [target])


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
        from goalsheet.findings import GoalsheetError

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


main.add_command(new)


@main.command()
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell: str) -> None:
    """Print the tab-completion script for SHELL (commands, options, client IDs and
    worksheet names).

    \b
    Examples:
      goalsheet completion bash >> ~/.bashrc
      goalsheet completion zsh > "${fpath[1]}/_goalsheet"
      goalsheet completion fish > ~/.config/fish/completions/goalsheet.fish
    """
    from goalsheet.cli.complete import completion_script

    click.echo(completion_script(shell))


@main.command()
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


@main.command()
@project_option
@format_option("text", "json")
@as_of_option
def check(project_dir: Path, output_format: str, as_of: dt.datetime | None) -> None:
    """Validate every file and lint every client's goals.

    Exit status: 0 clean (warnings allowed), 1 errors found, 2 usage error.

    \b
    Examples:
      goalsheet check
      goalsheet check --project ~/riverside
      goalsheet check --format json --as-of 2026-11-01
    """
    from goalsheet.check.run import check_project

    today = _today(as_of)
    result = check_project(open_project(project_dir, reads=None), today)
    if output_format == "json":
        _emit_json(
            {
                "as_of": today.isoformat(),
                "summary": {
                    "errors": result.errors,
                    "warnings": result.warnings,
                    "files": result.files,
                },
                "findings": [finding.as_json() for finding in result.findings],
            },
            None,
        )
    else:
        # Critical answers without a follow-up (GS113) come first: never lost among the rest.
        for finding in sorted(result.findings, key=lambda f: f.code not in RISK_FIRST):
            click.echo(finding.as_text())
        # NOTE: the last line of `goalsheet check` is made of three counts: "2 errors",
        # "1 warning" and "19 files" (see the frame "{errors}, {warnings} in {files}").
        errors = ngettext("{n} error", "{n} errors", result.errors).format(n=result.errors)
        # NOTE: the second count in the last line of `goalsheet check`.
        warnings = ngettext("{n} warning", "{n} warnings", result.warnings).format(
            n=result.warnings
        )
        # NOTE: the third count in the last line of `goalsheet check`: the files it read.
        files = ngettext("{n} file", "{n} files", result.files).format(n=result.files)
        # NOTE: the last line of `goalsheet check`: "2 errors, 1 warning in 19 files";
        # {errors}, {warnings} and {files} are those counts, each worded on its own.
        summary = _("{errors}, {warnings} in {files}").format(
            errors=errors, warnings=warnings, files=files
        )
        click.echo(
            summary if result.findings else _("All clear: {summary}.").format(summary=summary)
        )
    sys.exit(EXIT_FINDINGS if result.errors else EXIT_OK)


@main.command()
@click.argument("kind", type=click.Choice(["all", "config", "client", "entries"]), default="all")
@_output_option
def schema(kind: str, output: Path | None) -> None:
    """Print the JSON Schema of the YAML files (for editor completion).

    \b
    Examples:
      goalsheet schema > goalsheet.schema.json
      goalsheet schema client -o client.schema.json
      # then, first line of a client's goalsheet.yaml:
      # yaml-language-server: $schema=client.schema.json
    """
    from goalsheet.schema import all_schemas, json_schema

    _emit_json(all_schemas() if kind == "all" else json_schema(kind), output)


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
        _private_target(output, project_dir)  # its folders owner-only, if private
    try:
        target = make_sheet(project_dir, order, output)
    except NotAProject as error:
        raise click.UsageError(str(error)) from None
    except SheetUsageError as error:
        raise click.UsageError(str(error)) from None
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    if _private_target(target, project_dir):  # a blank sheet is 0644, but not in private/
        os.chmod(target, 0o600)
        _wrote_private(target, project_dir)
    click.echo(_("Wrote {file}").format(file=target))


@main.command()
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
@_paper_option
@_output_option
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
    sheet = _client_folder(project, client_id).sheet if client_id else None
    paper = paper or project.config.paper
    try:
        pdf = scannable_measure_pdf(project.root, project.config, sheet, measure, paper)
    except RenderError as error:
        raise click.ClickException(str(error)) from None
    stem = "-".join([name, *([client_id] if client_id else []), "scan"])
    _write_private(output or Path(f"{stem}.pdf"), pdf, project.root)


@main.command()
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
@_paper_option
@_output_option
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
    sheet = _client_folder(project, client_id).sheet
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
    _write_private(output or Path(f"{name}-{client_id}-scan.pdf"), pdf, project.root)


@main.command()
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
    from goalsheet.pipeline.build import BuildOptions
    from goalsheet.pipeline.build import build as run_build
    from goalsheet.pipeline.runner import JobResult, default_workers

    root = open_project(project_dir).root
    options = BuildOptions(
        today=_today(as_of),
        workers=workers or default_workers(),
        clean=clean,
        pdf=not no_pdf,
        shard=_parse_shard(shard),
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

    if strict:
        from goalsheet.check.run import check_project
        from goalsheet.project import load_project

        found = check_project(load_project(root), options.today)
        if found.findings:
            for finding in found.findings:
                click.echo(finding.as_text(), err=True)
            raise click.ClickException(_("--strict: `check` has findings; nothing was built"))
    from goalsheet.output_folders import OutputFolderError
    from goalsheet.pipeline.clean import CleanRefused

    try:
        report = run_build(root, options, started, done)
    except OutputFolderError as error:  # output.site or output.private unusable: usage error
        raise click.UsageError(str(error)) from None
    except CleanRefused as error:
        raise click.ClickException(str(error)) from None
    if bar is not None:
        bar.__exit__(None, None, None)
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
    if not report.ok:
        sys.exit(EXIT_FINDINGS)


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


@main.command()
@click.argument("client_id", metavar="ID", shell_complete=complete_client)
@click.option(
    "--audience",
    type=click.Choice(["clinician", "client"]),
    default="clinician",
    show_default=True,
    help="clinician: what needs attention, every figure and chart; client: plain words for "
    "the client or family.",
)
@click.option(
    "--detail",
    is_flag=True,
    help="Clinician PDF: add the appendix (each goal in full, diary charts, the figures behind "
    "every chart, the review history). HTML always has it.",
)
@format_option("pdf", "html", "json")
@_output_option
@project_option
@as_of_option
def report(
    client_id: str,
    audience: str,
    detail: bool,
    output_format: str,
    output: Path | None,
    project_dir: Path,
    as_of: dt.datetime | None,
) -> None:
    """A client's progress: questionnaire scores and bands, reliable change, goal ratings
    (GBO per rater, GAS T-score), diary trends and review dates.

    PDF and HTML are written to -o FILE or to report-ID-AUDIENCE.pdf (or .html) here,
    readable by you only; JSON goes to standard output unless -o is given.

    \b
    Examples:
      goalsheet report C-0315
      goalsheet report C-0315 --detail -o C-0315-detail.pdf
      goalsheet report C-0142 --audience client --format html -o alex.html
      goalsheet report C-0315 --format json --as-of 2026-11-20
    """
    project = open_project(project_dir, reads=("clients", "templates"))
    folder = _client_folder(project, client_id)
    today = _today(as_of)
    if output_format == "json":
        from goalsheet.report.figures import client_progress

        _emit_json(client_progress(project, folder, today), output, mode=0o600, root=project.root)
        return
    from goalsheet.report.context import ReportRequest
    from goalsheet.report.document import client_report
    from goalsheet.report.names import Audience, Medium, report_file_name

    request = ReportRequest(cast(Audience, audience), cast(Medium, output_format), today, detail)
    data = _rendered(lambda: client_report(project, folder, request))
    with_appendix = detail and audience == "clinician" and output_format == "pdf"
    target = output or Path(report_file_name(client_id, audience, output_format, with_appendix))
    _write_private(target, data, project.root)


@main.command()
@format_option("pdf", "html", "json")
@_output_option
@project_option
@as_of_option
def summary(
    output_format: str, output: Path | None, project_dir: Path, as_of: dt.datetime | None
) -> None:
    """The caseload, de-identified: outcomes, shares improved and recovered, reviews
    overdue, goals without data. No IDs or names.

    PDF and HTML are written to -o FILE or to caseload-summary.pdf (or .html) here; JSON
    goes to standard output unless -o is given.

    \b
    Examples:
      goalsheet summary
      goalsheet summary --format html -o caseload.html
      goalsheet summary --format json --as-of 2026-11-20
    """
    project = open_project(project_dir, reads=("clients", "templates"))
    today = _today(as_of)
    if output_format == "json":
        from goalsheet.compute.caseload import caseload
        from goalsheet.report.figures import caseload_progress

        figures = caseload(caseload_progress(project, today), today.isoformat())
        _emit_json(figures, output, root=project.root)
        return
    from goalsheet.report.context import ReportRequest
    from goalsheet.report.document import summary_report
    from goalsheet.report.names import SUMMARY_FILE, Medium

    request = ReportRequest("clinician", cast(Medium, output_format), today)
    data = _rendered(lambda: summary_report(project, request))
    _write_private(output or Path(f"{SUMMARY_FILE}.{output_format}"), data, project.root)


@main.command()
@format_option("text", "json", "html", "pdf")
@_output_option
@click.option(
    "--weeks",
    type=click.IntRange(1, 52),
    default=None,
    help="No data for this many weeks is a reason (default: lint.no_data_weeks, 3).",
)
@project_option
@as_of_option
def attention(
    output_format: str,
    output: Path | None,
    weeks: int | None,
    project_dir: Path,
    as_of: dt.datetime | None,
) -> None:
    """Who needs contact and why, most urgent first: critical answers (PHQ-9 item 9) not
    yet followed up, reliable deterioration, reviews overdue, no data for some weeks.
    Internal, not for sharing: client IDs only.

    Text and JSON go to standard output unless -o is given; HTML and PDF to -o FILE or to
    attention.html (or .pdf) here, readable by you only. `goalsheet build` writes
    private/attention.html and .pdf.

    \b
    Examples:
      goalsheet attention
      goalsheet attention --weeks 4 --as-of 2026-11-20
      goalsheet attention --format pdf -o private/attention.pdf
    """
    from goalsheet.report.attention_list import (
        ATTENTION_FILE,
        attention_figures,
        attention_report,
        attention_text,
    )

    project = open_project(project_dir, reads=("clients", "templates"))
    today = _today(as_of)
    if output_format in ("text", "json"):
        figures = attention_figures(project, today, weeks)
        if output_format == "json":
            _emit_json(figures, output, mode=0o600, root=project.root)
            return
        text = "\n".join(attention_text(figures)) + "\n"
        if output is None:
            click.echo(text, nl=False)
        else:
            _write_private(output, text.encode("utf-8"), project.root)
        return
    medium = cast(Any, output_format)
    data = _rendered(lambda: attention_report(project, medium, today, weeks))
    _write_private(output or Path(f"{ATTENTION_FILE}.{output_format}"), data, project.root)


@main.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option(
    "--prefer",
    type=click.Choice(["new", "old"]),
    default=None,
    help="When a value differs from one already recorded: new replaces it (in a new file "
    "marked 'corrects'), old keeps it. Without this, a difference stops the import.",
)
@click.option("--client", "client_id", default=None, help="Whose data a blank form or CSV is.",
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
    """Read filled-in goalsheet PDFs (and CSV files) into the clients' entries/.

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
      goalsheet import moods.csv --client C-0142 --tracker mood \\
        --moods "awful=1,bad=3,meh=5,good=7,rad=9" --activity "walk=exercise"
    """
    from goalsheet.intake.critical import follow_up_hint, raised_answers
    from goalsheet.intake.mood_csv import BadMapping, MoodMapping
    from goalsheet.intake.run import ImportOptions, import_files
    from goalsheet.intake.scan.accept import BadAccept, parse_accepted
    from goalsheet.intake.summary import advice, critical_text, summary_json, summary_text

    project = open_project(project_dir, reads=("clients", "templates"))
    mapping = None
    if tracker is not None:
        try:
            mapping = MoodMapping.parse(tracker, moods, activity, note_tracker)
        except BadMapping as error:
            raise click.UsageError(str(error)) from None
    elif moods or activity or note_tracker:
        raise click.UsageError(_("--moods, --activity and --note-tracker need --tracker too"))
    try:
        accepted = parse_accepted(accept)
    except BadAccept as error:
        raise click.UsageError(str(error)) from None
    options = ImportOptions(
        today=_today(as_of),
        dry_run=dry_run,
        prefer=cast(Any, prefer),
        client=client_id,
        date=form_date.date() if form_date else None,
        skip_invalid=skip_invalid,
        mood=mapping,
        accept=accepted,
    )
    try:
        run = import_files(project, list(files), options)
    except OSError as error:
        raise click.ClickException(
            _("cannot write the entries file: {reason}").format(reason=error.strerror or error)
        ) from None
    # Critical answers (PHQ-9 item 9) come first, whatever the run came to: on standard
    # output for text (in red on a terminal), in the JSON and on standard error for JSON.
    raised = raised_answers(project, run.outcomes, options.today)
    for line in critical_text(raised, follow_up_hint(raised)):
        click.secho(line, err=output_format == "json", fg="red", bold=True)
    if run.write_error is not None:
        reason = run.write_error.strerror or run.write_error
        raise click.ClickException(
            _("cannot write the entries file: {reason}").format(reason=reason)
        )
    blocked = run.blocked(skip_invalid)
    review = [item for outcome in run.outcomes for item in outcome.review]
    crops = [crop for outcome in run.outcomes for crop in outcome.crops]
    if review or crops:
        from goalsheet.intake.scan.review_command import import_again

        again = import_again(files, client=client_id, prefer=prefer, date=form_date,
                             as_of=as_of, project=project_dir, skip_invalid=skip_invalid,
                             accepted=accept)  # fmt: skip
        pages = [page for outcome in run.outcomes for page in outcome.overviews]
        _write_review(project, review, crops, pages, [str(f) for f in files], again)
    if output_format == "json":
        data = summary_json(run, dry_run=dry_run, skip_invalid=skip_invalid, critical=raised)
        click.echo(json.dumps(data, indent=2, default=str))
    else:
        lines = summary_text(
            run, dry_run=dry_run, skip_invalid=skip_invalid, measures=project.measures
        )
        for line in lines:
            click.echo(line)
        for line in advice(run, skip_invalid=skip_invalid):
            click.echo(line, err=True)
        if dry_run and not blocked and (review or crops):
            # NOTE: a dry run of a scan import writes only the review page (in private/).
            click.echo(_("Dry run: nothing was written but the review page."), err=True)
        elif dry_run and not blocked:
            click.echo(_("Dry run: nothing was written."), err=True)
    sys.exit(EXIT_FINDINGS if run.failed(skip_invalid) else EXIT_OK)


@main.command()
@click.argument("client_id", metavar="ID", shell_complete=complete_client)
@format_option("csv")
@_output_option
@project_option
def export(client_id: str, output_format: str, output: Path | None, project_dir: Path) -> None:
    """A client's tracking data as a tidy CSV: one row per date and value (diary values,
    questionnaire answers, GBO and GAS ratings), to open in a spreadsheet. `goalsheet
    import` reads it back exactly. Session reviews and ABC records stay in the YAML.

    \b
    Examples:
      goalsheet export C-0142 --format csv -o C-0142.csv
      goalsheet export C-0142 > C-0142.csv
    """
    from goalsheet.compute.corrections import effective
    from goalsheet.intake.tidy_csv import export_csv

    project = open_project(project_dir, reads=("clients",))
    folder = _client_folder(project, client_id)
    text, left_out = export_csv(client_id, effective([doc.entries for doc in folder.entries]))
    if left_out:
        click.echo(
            # NOTE: after `goalsheet export`: {n} counts reviews and ABC records together.
            ngettext(
                "Left out {n} review or ABC record: prose stays in the YAML.",
                "Left out {n} reviews and ABC records: prose stays in the YAML.",
                left_out,
            ).format(n=left_out),
            err=True,
        )
    if output is None:
        click.echo(text, nl=False)
    else:
        _write_private(output, text.encode("utf-8"), project.root)


def _rendered(make: Callable[[], bytes]) -> bytes:
    """Render, turning a broken template or a missing library into a clear error."""
    from goalsheet.render.pdf import RenderError
    from goalsheet.render.template import TemplateProblem

    try:
        return make()
    except (TemplateProblem, RenderError) as error:
        raise click.ClickException(str(error)) from None


def _write_review(
    project: Project,
    items: list[Any],
    crops: list[Any],
    pages: list[Any],
    files: list[str],
    again: list[str],
) -> None:
    """The review page of a scan's unclear marks, its pages as read and its handwritten
    notes, in private/, and how to open it."""
    from goalsheet.intake.scan.review import review_html, review_path

    private = project.root / project.config.output.private
    target = review_path(private, files)
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    page = _rendered(lambda: review_html(project.root, items, crops, pages, again).encode())
    _write_private(target, page, project.root, announce=False)  # the lines below name it
    if not items:
        click.echo(
            ngettext(
                "{n} handwritten note is on the review page, to read: {page}",
                "{n} handwritten notes are on the review page, to read: {page}",
                len(crops),
            ).format(n=len(crops), page=target),
            err=True,
        )
        return
    click.echo(
        ngettext(
            "{n} mark could not be read for sure: look at it in {page}, then import again "
            "with --accept (the page shows how).",
            "{n} marks could not be read for sure: look at them in {page}, then import again "
            "with --accept (the page shows how).",
            len(items),
        ).format(n=len(items), page=target),
        err=True,
    )


def _write_private(
    target: Path, data: bytes, root: Path, *, mode: int = 0o600, announce: bool = True
) -> None:
    """Write `data` to `target` with `mode`, 0600 whatever `mode` when it is among the
    client data of the project at `root` (private/, goalsheets/...); say "Wrote" unless
    the caller names the file itself (`announce=False`: the review page, on a dry run too)."""
    from goalsheet.write import write_bytes_atomic

    private = _private_target(target, root)
    try:
        write_bytes_atomic(target, data, mode=0o600 if private else mode)
    except OSError as error:
        raise click.ClickException(
            _("cannot write {file}: {reason}").format(file=target, reason=error.strerror)
        ) from None
    if private:
        _wrote_private(target, root)
    if announce:
        click.echo(_("Wrote {file}").format(file=target), err=True)


@main.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0 picks a free one).")  # fmt: skip
@project_option
@as_of_option
def serve(port: int, project_dir: Path, as_of: dt.datetime | None) -> None:
    """Preview the handout site on this machine, rebuilt and reloaded in the browser
    whenever content/, templates/ or goalsheet.yaml changes. HTML only (no PDFs).

    \b
    Examples:
      goalsheet serve
      goalsheet serve --port 8080
    """
    from goalsheet.findings import Finding
    from goalsheet.output_folders import OutputFolderError, require_output_folders
    from goalsheet.site.serve import Preview
    from goalsheet.site.serve import serve as run_server

    project = open_project(project_dir)
    try:  # the preview writes into output.site and serves it
        require_output_folders(project)
    except OutputFolderError as error:
        raise click.UsageError(str(error)) from None
    preview = Preview(project.root, _today(as_of))

    def report(findings: list[Finding]) -> None:
        for finding in findings:
            click.echo(finding.as_text(), err=True)
        # NOTE: `goalsheet preview`, each time it rebuilds the site: what `check` found.
        rebuilt = ngettext(
            "Site rebuilt ({n} finding).", "Site rebuilt ({n} findings).", len(findings)
        )
        click.echo(rebuilt.format(n=len(findings)), err=True)

    report(preview.rebuild())

    def ready(url: str) -> None:
        click.echo(
            _("Serving {folder} at {url}  (Ctrl-C to stop)").format(folder=preview.out, url=url),
            err=True,
        )

    try:
        run_server(preview, port, ready, report)
    except OSError as error:
        raise click.ClickException(
            _("cannot serve on port {port}: {reason}").format(port=port, reason=error.strerror)
        ) from None


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


@main.command(name="list")
@click.argument("what", type=click.Choice(["clients", "measures", "rules", "worksheets"]))
@project_option
@format_option("text", "json", "markdown")
@as_of_option
def list_(what: str, project_dir: Path, output_format: str, as_of: dt.datetime | None) -> None:
    """List clients, worksheets, measures or lint rules.

    \b
    Examples:
      goalsheet list clients
      goalsheet list clients --as-of 2026-11-20 --format json
      goalsheet list worksheets
      goalsheet list measures --format json
      goalsheet list rules --format markdown > docs/lint-rules.md
    """
    from goalsheet import listing
    from goalsheet.check.run import enabled_rules, rules

    # A list that silently left something out would mislead: refuse when what it lists from
    # cannot be read.
    reads: dict[str, tuple[Area, ...]] = {
        "clients": ("clients",),
        "worksheets": ("templates",),
        "measures": (),
    }
    project = open_project(project_dir, reads=reads.get(what))
    if what == "clients":
        rows = listing.client_rows(project, _today(as_of))
    elif what == "worksheets":
        rows = listing.worksheet_rows(project.root)
    elif what == "measures":
        rows = listing.measure_rows(project)
    else:
        if output_format == "markdown":
            click.echo(listing.rules_markdown(rules()), nl=False)
            return
        rows = listing.rule_rows(rules(), enabled_rules(project)[0])
    if output_format == "json":
        _emit_json(rows, None)
        return
    if output_format == "markdown":
        raise click.UsageError(_("--format markdown is only for 'list rules'"))
    for row in rows:
        click.echo(_row_text(what, row))
    if what == "clients" and any(row["open_critical"] for row in rows):
        click.echo(listing.follow_up_line())


def _row_text(what: str, row: dict[str, Any]) -> str:
    from goalsheet import listing

    if what == "clients":
        review = row["review"]
        if review["overdue"]:
            due = _("review due {date} (OVERDUE)").format(date=review["next_due"])
        else:
            due = _("review due {date}").format(date=review["next_due"])
        if row["prefers_no_goals"]:
            goals = _("prefers no explicit goals")
        else:
            # NOTE: in `goalsheet list clients`: how many goals the client is working on.
            goals = ngettext("{n} active goal", "{n} active goals", row["active_goals"]).format(
                n=row["active_goals"]
            )
        # NOTE: in `goalsheet list clients`, before the date of the client's last entry.
        last = _("last entry {date}").format(date=f"{row['last_entry'] or '-':<10}")
        mark = listing.risk_mark()
        flag = mark if row["open_critical"] else ""
        lines = [f"{flag:<{len(mark)}} {row['id']:<10} {goals:<26} {last}  {due}"]
        indent = " " * (len(mark) + 1)  # under the ID, past the mark's column
        for critical in row["critical"]:
            # NOTE: under a client marked RISK in `goalsheet list clients`: an open critical
            # answer; {answer} is e.g. "1 (Several days)", {message} says what to do.
            lines.append(
                indent
                + _("           ! {measure} item {item}: {answer}, on {date}. {message}").format(
                    measure=critical["measure"],
                    item=critical["item"],
                    answer=critical["answer_text"],
                    date=critical["date"],
                    message=critical["message"],
                )
            )
        for goal in row["goals"]:
            # NOTE: one goal under its client in `goalsheet list clients`; {status} is translated.
            lines.append(
                indent
                + _("           · {title} ({status})").format(
                    title=goal["title"], status=term(goal["status"])
                )
            )
        return "\n".join(lines)
    if what == "worksheets":
        # NOTE: in `goalsheet list worksheets`: the versions of a worksheet there are.
        forms = _("print, fillable") if row["fillable"] else _("print")
        if row["scannable"]:
            forms = _("{forms}, scannable").format(forms=forms)
        return f"{row['id']:<20} {row['title']:<32} ({forms})  {row['purpose']}"
    if what == "measures":
        low, high = row["item_range"]
        # NOTE: in `goalsheet list measures`: how many questions, and the range of each answer.
        items = _("{n} items ({low}-{high})").format(n=row["items"], low=low, high=high)
        return f"{row['id']:<10} {items}  {row['title']}"
    # NOTE: in `goalsheet list rules`: whether the project has the rule switched on.
    state = pgettext("lint rule", "on") if row["enabled"] else pgettext("lint rule", "off")
    return f"{row['code']} {state:<3} {row['severity']:<7} {row['name']:<26} {row['summary']}"
