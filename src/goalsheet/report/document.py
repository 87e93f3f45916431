"""A client's report or the caseload summary as HTML or PDF, from a loaded project."""

from __future__ import annotations

from typing import Any

from goalsheet.compute.caseload import caseload
from goalsheet.language.messages import using
from goalsheet.project import ClientFolder, Project
from goalsheet.render.environment import template_dirs
from goalsheet.render.pdf import html_to_pdf
from goalsheet.render.template import render_template
from goalsheet.report.context import ReportRequest, report_context
from goalsheet.report.figures import caseload_progress, client_progress
from goalsheet.report.summary_context import summary_context
from goalsheet.resources import builtin_dir

TEMPLATES = {
    "clinician": "report/clinician.html.j2",
    "client": "report/client.html.j2",
}
SUMMARY_TEMPLATE = "report/summary.html.j2"


def client_report(project: Project, folder: ClientFolder, request: ReportRequest) -> bytes:
    """One client's report for `request.audience`, as HTML or PDF bytes."""
    sheet = folder.sheet
    if sheet is None:
        raise ValueError(f"{folder.sheet_path} did not load")
    with using(sheet.client.locale or project.config.locale):
        figures = client_progress(project, folder, request.today)
        context = report_context(request, figures, sheet, project.config, project.measures)
        return _finish(project, TEMPLATES[request.audience], context, request)


def summary_report(project: Project, request: ReportRequest) -> bytes:
    """The de-identified caseload summary as HTML or PDF bytes."""
    with using(project.config.locale):
        figures = caseload(caseload_progress(project, request.today), request.today.isoformat())
        context = summary_context(request, figures, project.config, project.measures)
        return _finish(project, SUMMARY_TEMPLATE, context, request)


def _finish(
    project: Project, template: str, context: dict[str, Any], request: ReportRequest
) -> bytes:
    html = render_template(project.root, template, context)
    if request.medium == "html":
        return html.encode()

    return html_to_pdf(
        html,
        base_url=builtin_dir("templates"),
        roots=[*template_dirs(project.root), project.root],
    )
