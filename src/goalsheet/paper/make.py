"""Make one worksheet or diary PDF on request (`goalsheet worksheet`, `goalsheet diary`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from goalsheet.findings import GoalsheetError
from goalsheet.language.messages import _
from goalsheet.model.client import ClientSheet
from goalsheet.model.config import Config
from goalsheet.model.measures import BUILTIN_MEASURES, MeasureDefinition
from goalsheet.paper.catalogue import UnknownWorksheet, find_worksheet, load_catalogue
from goalsheet.paper.context import SheetRequest
from goalsheet.paper.diary import DiaryError
from goalsheet.paper.document import render_html, render_pdf
from goalsheet.paper.names import default_file_name
from goalsheet.project import Project, UnknownClient
from goalsheet.render.pdf import RenderError
from goalsheet.render.template import TemplateProblem
from goalsheet.write import write_bytes_atomic


@dataclass(frozen=True)
class SheetOrder:
    worksheet: str
    client: str | None = None
    fillable: bool = False
    paper: str | None = None
    start: dt.date | None = None
    weeks: int | None = None


class SheetUsageError(ValueError):
    """The request names something that does not exist (a worksheet, a client)."""


def make_sheet(project: Project | None, order: SheetOrder, output: Path | None) -> Path:
    """Render and write the PDF; the path written. Raises ValueError with a clear message.
    Without a `project` (a blank sheet outside any), the defaults will do."""
    root: Path | None = None
    config, measures = Config(), dict[str, MeasureDefinition](BUILTIN_MEASURES)
    sheet: ClientSheet | None = None
    if project is not None:
        blocked = project.cannot_read(("clients", "templates") if order.client else ("templates",))
        if blocked:  # a folder it reads cannot be opened: say which, make nothing
            raise GoalsheetError(blocked)
        root, config, measures = project.root, project.config, project.measures
        if order.client is not None:
            try:
                sheet = project.sheet_of(order.client)
            except UnknownClient as error:
                raise SheetUsageError(str(error)) from None
    try:
        worksheet = find_worksheet(load_catalogue(root), order.worksheet)
    except UnknownWorksheet as error:
        raise SheetUsageError(str(error)) from None
    request = SheetRequest(
        worksheet, order.paper or config.paper, order.fillable, order.start, order.weeks
    )
    try:
        pdf = render_pdf(render_html(request, root, config, sheet, measures), root)
    except (DiaryError, TemplateProblem, RenderError) as error:
        raise ValueError(str(error)) from None
    target = output or Path(
        default_file_name(worksheet.id, fillable=order.fillable, client=order.client)
    )
    try:
        write_bytes_atomic(target, pdf, mode=0o600 if order.client else 0o644)
    except OSError as error:
        raise ValueError(
            _("cannot write {path}: {reason}").format(path=target, reason=error.strerror)
        ) from None
    return target
