"""One scannable page on request (`goalsheet worksheet phq-9 --scannable`, `goalsheet diary
--scannable`): which page a name asks for, the PDF, and the file it goes to by default."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from goalsheet.language.messages import _
from goalsheet.model.measures import MeasureDefinition
from goalsheet.paper.scannable.make import scannable_measure_pdf
from goalsheet.paper.scannable.make_diary import scannable_diary_pdf
from goalsheet.project import Project

DIARY_NAMES = ("daily-diary", "baseline-diary")
WEEKLY_LOG = "weekly-log"
DEFAULT_WEEKS = {"baseline-diary": 3, WEEKLY_LOG: 8}  # the daily diary: 1


class NotScannable(ValueError):
    """The name is not one of the pages that can be printed to scan back."""


@dataclass(frozen=True)
class ScannablePdf:
    """A scannable page made: its PDF and the file name it takes unless told otherwise."""

    pdf: bytes
    file_name: str


def is_dated(name: str) -> bool:
    """Whether the page is laid out in days (the diaries, the weekly log): made for one
    client, from a first day."""
    return name in (*DIARY_NAMES, WEEKLY_LOG)


def scannable_measure(
    project: Project, name: str, client_id: str | None, paper: str | None
) -> ScannablePdf:
    """A questionnaire's page, blank or for one client. Raises NotScannable, then
    UnknownClient or UnreadableClient, then RenderError."""
    measure = _measure(project, name)
    sheet = project.sheet_of(client_id) if client_id else None
    pdf = scannable_measure_pdf(
        project.root, project.config, sheet, measure, paper or project.config.paper
    )
    stem = "-".join([name, *([client_id] if client_id else []), "scan"])
    return ScannablePdf(pdf, f"{stem}.pdf")


def scannable_diary(
    project: Project,
    name: str,
    client_id: str,
    first: dt.date,
    weeks: int | None,
    paper: str | None,
) -> ScannablePdf:
    """A client's diary or weekly log, `weeks` long (default: the page's own) from `first`.
    Raises UnknownClient or UnreadableClient, then NothingToScan or RenderError."""
    sheet = project.sheet_of(client_id)
    days = 7 * (weeks or DEFAULT_WEEKS.get(name, 1))
    pdf = scannable_diary_pdf(
        project.root, project.config, sheet, name, first, days, paper or project.config.paper
    )
    return ScannablePdf(pdf, f"{name}-{client_id}-scan.pdf")


def _measure(project: Project, name: str) -> MeasureDefinition:
    """The project's questionnaire called `name` (any case), or NotScannable naming every
    page there is."""
    measure = next((m for m in project.measures.values() if m.id.lower() == name), None)
    if measure is None:
        raise NotScannable(
            _("--scannable pages exist for {names}; '{name}' is not one of them").format(
                names=", ".join(
                    [*(m.id.lower() for m in project.measures.values()), *DIARY_NAMES, WEEKLY_LOG]
                ),
                name=name,
            )
        )
    return measure
