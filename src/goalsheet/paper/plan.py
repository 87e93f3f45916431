"""The build's paper: every worksheet and diary as a job (plan), and one job's PDF (make)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from goalsheet.language.messages import _
from goalsheet.model.client import ClientSheet
from goalsheet.paper.catalogue import Worksheet
from goalsheet.paper.context import SheetRequest
from goalsheet.paper.diary import DiaryError
from goalsheet.paper.document import render_html, render_pdf
from goalsheet.paper.names import default_file_name
from goalsheet.project import Project

SITE_WORKSHEETS = "worksheets"


@dataclass(frozen=True)
class SheetJob:
    """One worksheet or diary PDF (the catalogue says which), blank or for a client.
    `output` is relative to the project root; a diary starts on `start`."""

    worksheet: str
    output: str
    paper: str
    fillable: bool = False
    client: str | None = None
    start: dt.date | None = None
    weeks: int | None = None

    @property
    def private(self) -> bool:
        """A client's sheet goes to private/ (owner-only); a blank one to the site."""
        return self.client is not None

    @property
    def label(self) -> str:
        """What the job makes, for people: "goal-ladder for C-0142"."""
        if self.fillable and self.client:
            # NOTE: {worksheet} is a worksheet's ID, e.g. "goal-ladder"; {client} a client's ID.
            label = _("{worksheet} fillable for {client}")
        elif self.fillable:
            label = _("{worksheet} fillable (blank)")
        elif self.client:
            label = _("{worksheet} for {client}")
        else:
            label = _("{worksheet} (blank)")
        return label.format(worksheet=self.worksheet, client=self.client)


def next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(7 - today.weekday()) % 7)


def plan(project: Project, catalogue: dict[str, Worksheet], today: dt.date) -> list[SheetJob]:
    """Blank worksheets for the site; each client's own sheets and diaries for private/."""
    config = project.config
    site = PurePosixPath(config.output.site) / SITE_WORKSHEETS
    private = PurePosixPath(config.output.private)
    jobs: list[SheetJob] = []
    for sheet in catalogue.values():
        for fillable in (False, True) if sheet.fillable else (False,):
            name = default_file_name(sheet.id, fillable=fillable)
            jobs.append(SheetJob(sheet.id, str(site / name), config.paper, fillable))
    start = next_monday(today)
    for folder in project.clients:
        client = folder.sheet
        if client is None:
            continue
        for sheet in catalogue.values():
            if not _for_client(sheet, client):
                continue
            for fillable in (False, True) if sheet.fillable else (False,):
                name = default_file_name(sheet.id, fillable=fillable, client=client.client.id)
                output = str(private / client.client.id / name)
                diary_start = start if sheet.kind == "diary" else None
                jobs.append(
                    SheetJob(
                        sheet.id, output, config.paper, fillable, client.client.id, diary_start
                    )
                )
    return jobs


def make(job: SheetJob, project: Project, catalogue: dict[str, Worksheet], root: Path) -> bytes:
    """The job's PDF, from the project as the build read it."""
    sheet = None
    if job.client is not None:
        folder = project.client(job.client)
        if folder is None or folder.sheet is None:
            raise unreadable_client(job.client)
        sheet = folder.sheet
    request = SheetRequest(catalogue[job.worksheet], job.paper, job.fillable, job.start, job.weeks)
    document = render_html(request, root, project.config, sheet, project.measures)
    return render_pdf(document, root)


def unreadable_client(client: str | None) -> DiaryError:
    """The error for a job whose client's files did not load."""
    return DiaryError(
        _("client {client} could not be read; run `goalsheet check`").format(client=client)
    )


def _for_client(sheet: Worksheet, client: ClientSheet) -> bool:
    """Whether the build makes this worksheet for this client."""
    if not sheet.per_client:
        return False
    if sheet.kind == "diary" and not any(t.kind != "abc" for t in client.trackers):
        return False  # nothing a daily row could hold
    if sheet.id == "goal-agreement" and len(client.client.raters) < 3:
        return False  # agreement sheets are for a young person, a parent and a therapist
    # A client who prefers not to set goals gets no goal worksheets, only reviews and measures.
    goal_sheet = sheet.kind == "worksheet" and sheet.id != "session-review"
    return not (goal_sheet and client.client.prefers_no_goals)
