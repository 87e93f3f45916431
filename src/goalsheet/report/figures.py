"""Progress figures from a loaded project: one client's, or every client's for the caseload.

The figures are `compute.progress` over the client's entries, plus a note for each of the
client's files that could not be read (so a report says what it had to leave out).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from goalsheet.compute.corrections import effective
from goalsheet.compute.figures import Progress
from goalsheet.compute.progress import progress
from goalsheet.compute.usable import Note
from goalsheet.findings import Severity
from goalsheet.language.messages import ngettext
from goalsheet.project import CLIENTS_DIR, ClientFolder, Project


def client_progress(project: Project, folder: ClientFolder, today: dt.date) -> Progress:
    """The report figures for one client whose sheet loaded, as of `today`."""
    sheet = folder.sheet
    if sheet is None:
        raise ValueError(f"{folder.sheet_path} did not load")
    figures = progress(
        sheet,
        effective([doc.entries for doc in folder.entries]),
        project.measures,
        sheet.review_every or project.config.review_every,
        today,
        project.config.lint.baseline_days,
    )
    return dataclasses.replace(figures, notes=(*_unread_files(project, folder), *figures.notes))


def caseload_progress(project: Project, today: dt.date) -> list[Progress]:
    """The report figures for every client whose sheet loaded."""
    return [client_progress(project, f, today) for f in project.clients if f.sheet is not None]


def _unread_files(project: Project, folder: ClientFolder) -> list[Note]:
    """A note per entries file of this client that could not be read at all."""
    loaded = {doc.path for doc in folder.entries}
    prefix = f"{CLIENTS_DIR}/{folder.folder}/"
    problems: dict[str, int] = {}
    for finding in project.findings:
        if (
            finding.path.startswith(prefix)
            and finding.path not in loaded
            and finding.path != folder.sheet_path
            and finding.severity is Severity.ERROR
        ):
            problems[finding.path] = problems.get(finding.path, 0) + 1
    return [
        Note(
            path,
            # NOTE: keep `goalsheet check` as it is: it is a command to run.
            ngettext(
                "could not be read ({count} problem); its data is left out until it is "
                "fixed (run `goalsheet check`)",
                "could not be read ({count} problems); its data is left out until it is "
                "fixed (run `goalsheet check`)",
                found,
            ).format(count=found),
        )
        for path, found in sorted(problems.items())
    ]
