"""`goalsheet report`, `summary` and `attention`: a client's progress, the caseload
de-identified, and who needs contact."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, cast

import click

from goalsheet.cli.complete import complete_client
from goalsheet.cli.options import (
    as_of_date,
    as_of_option,
    client_folder,
    emit_json,
    format_option,
    output_option,
    refuse_public,
    rendered,
    write_private,
)
from goalsheet.cli.project_option import open_project, project_option
from goalsheet.language.click_messages import Command


@click.command(cls=Command)
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
@output_option
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
    folder = client_folder(project, client_id)
    today = as_of_date(as_of)
    if output is not None:
        refuse_public(output, project)
    if output_format == "json":
        # loaded when the command runs, so `goalsheet --help` stays quick
        from goalsheet.report.figures import client_progress
        from goalsheet.report.report_json import report_json

        figures = report_json(client_progress(project, folder, today))
        emit_json(figures, output, mode=0o600, root=project.root)
        return
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.report.context import ReportRequest
    from goalsheet.report.document import client_report
    from goalsheet.report.names import Audience, Medium, report_file_name

    request = ReportRequest(cast(Audience, audience), cast(Medium, output_format), today, detail)
    data = rendered(lambda: client_report(project, folder, request))
    with_appendix = detail and audience == "clinician" and output_format == "pdf"
    target = output or Path(report_file_name(client_id, audience, output_format, with_appendix))
    write_private(target, data, project.root)


@click.command(cls=Command)
@format_option("pdf", "html", "json")
@output_option
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
    today = as_of_date(as_of)
    if output_format == "json":
        # loaded when the command runs, so `goalsheet --help` stays quick
        from goalsheet.compute.caseload import caseload
        from goalsheet.report.figures import caseload_progress
        from goalsheet.report.summary_json import summary_json

        figures = caseload(caseload_progress(project, today), today.isoformat())
        emit_json(summary_json(figures), output, root=project.root)
        return
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.report.context import ReportRequest
    from goalsheet.report.document import summary_report
    from goalsheet.report.names import SUMMARY_FILE, Medium

    request = ReportRequest("clinician", cast(Medium, output_format), today)
    data = rendered(lambda: summary_report(project, request))
    write_private(output or Path(f"{SUMMARY_FILE}.{output_format}"), data, project.root)


@click.command(cls=Command)
@format_option("text", "json", "html", "pdf")
@output_option
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
    # loaded when the command runs, so `goalsheet --help` stays quick
    from goalsheet.report.attention_list import (
        ATTENTION_FILE,
        attention_figures,
        attention_list_json,
        attention_report,
        attention_text,
    )

    project = open_project(project_dir, reads=("clients", "templates"))
    today = as_of_date(as_of)
    if output is not None:
        refuse_public(output, project)
    if output_format in ("text", "json"):
        figures = attention_figures(project, today, weeks)
        if output_format == "json":
            emit_json(attention_list_json(figures), output, mode=0o600, root=project.root)
            return
        text = "\n".join(attention_text(figures)) + "\n"
        if output is None:
            click.echo(text, nl=False)
        else:
            write_private(output, text.encode("utf-8"), project.root)
        return
    medium = cast(Any, output_format)
    data = rendered(lambda: attention_report(project, medium, today, weeks))
    write_private(output or Path(f"{ATTENTION_FILE}.{output_format}"), data, project.root)
