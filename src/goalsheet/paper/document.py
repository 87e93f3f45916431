"""One printable document: a worksheet or diary request in, HTML (and PDF) out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from goalsheet.language.messages import using
from goalsheet.model.client import ClientSheet
from goalsheet.model.config import Config
from goalsheet.model.measures import MeasureDefinition
from goalsheet.paper.context import SheetRequest, sheet_context
from goalsheet.paper.manifest import MANIFEST_NAME, DuplicateField, manifest, manifest_json
from goalsheet.render.environment import template_dirs
from goalsheet.render.pdf import html_to_pdf
from goalsheet.render.template import TemplateProblem, render_template
from goalsheet.resources import builtin_dir


@dataclass(frozen=True)
class Document:
    html: str
    manifest: dict[str, Any] | None


def render_html(
    request: SheetRequest,
    project_root: Path | None,
    config: Config,
    sheet: ClientSheet | None,
    measures: dict[str, MeasureDefinition],
) -> Document:
    """The document's HTML, and for a fillable one the manifest it will carry."""
    locale = (sheet.client.locale if sheet else None) or config.locale
    with using(locale):
        context = sheet_context(request, config, sheet, measures)
        html = render_template(project_root, request.worksheet.template, context)
    form = None
    if request.fillable:
        try:
            form = _manifest(html, request, sheet)
        except DuplicateField as error:
            raise TemplateProblem(f"{request.worksheet.template}: {error}") from None
    return Document(html, form)


def _manifest(html: str, request: SheetRequest, sheet: ClientSheet | None) -> dict[str, Any]:
    return manifest(
        html,
        form=request.worksheet.id,
        version=request.worksheet.version,
        client=sheet.client.id if sheet else None,
        paper=request.paper,
        extra={"start": request.start.isoformat() if request.start else None},
    )


def render_pdf(document: Document, project_root: Path | None) -> bytes:
    """The document as PDF; may only load files from the project and built-in templates."""
    roots = [*template_dirs(project_root)]
    if project_root is not None:
        roots.append(project_root)
    attachment = (MANIFEST_NAME, manifest_json(document.manifest)) if document.manifest else None
    return html_to_pdf(
        document.html,
        base_url=builtin_dir("templates"),
        roots=roots,
        fillable=document.manifest is not None,
        attachment=attachment,
    )
