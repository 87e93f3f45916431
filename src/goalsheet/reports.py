"""Progress figures from a loaded project: one client's, or every client's for the caseload."""

from __future__ import annotations

import datetime as dt
from typing import Any

from goalsheet.compute.progress import progress
from goalsheet.project import ClientFolder, Project


def client_progress(project: Project, folder: ClientFolder, today: dt.date) -> dict[str, Any]:
    """The report figures for one client whose sheet loaded, as of `today`."""
    sheet = folder.sheet
    if sheet is None:
        raise ValueError(f"{folder.sheet_path} did not load")
    return progress(
        sheet,
        [doc.entries for doc in folder.entries],
        project.measures,
        sheet.review_every or project.config.review_every,
        today,
        project.config.lint.baseline_days,
    )


def caseload_progress(project: Project, today: dt.date) -> list[dict[str, Any]]:
    """The report figures for every client whose sheet loaded."""
    return [client_progress(project, f, today) for f in project.clients if f.sheet is not None]
