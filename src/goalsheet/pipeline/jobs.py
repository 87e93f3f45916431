"""Plan the build: every output is a job (which worksheet, for whom, which form, where)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from goalsheet.language.messages import N_, _
from goalsheet.model.client import ClientSheet
from goalsheet.paper.catalogue import Worksheet
from goalsheet.paper.names import default_file_name
from goalsheet.project import Project
from goalsheet.report.names import ATTENTION_FILE, AUDIENCES, SUMMARY_FILE, report_file_name
from goalsheet.site.render import HANDOUTS_DIR

SITE_WORKSHEETS = "worksheets"


@dataclass(frozen=True)
class Job:
    """One output file. `output` is relative to the project root.

    A sheet job names its worksheet; a report job its audience ("clinician", "client"),
    "summary" for the caseload or "attention" for the internal attention list, and the
    date its figures are computed for.
    """

    worksheet: str
    output: str
    paper: str
    fillable: bool = False
    client: str | None = None
    start: dt.date | None = None
    weeks: int | None = None
    report: str | None = None
    as_of: dt.date | None = None
    handout: str | None = None  # a page's slug: its print version as PDF
    detail: bool = False  # a clinician report PDF with its appendix

    @property
    def label(self) -> str:
        """What the job makes, for people: "clinician report for C-0142"."""
        if self.handout is not None:
            # NOTE: {page} is a handout page's slug, e.g. "anxiety-basics".
            return _("handout {page} (PDF)").format(page=self.handout)
        if self.report == "summary":
            return _("caseload summary")
        if self.report == "attention":
            # NOTE: the internal list of who needs contact, as the build names it.
            return _("attention list")
        if self.report is not None:
            if self.client and self.detail:
                return _("clinician report with appendix for {client}").format(client=self.client)
            if self.client and self.report in _REPORT_FOR:
                return _(_REPORT_FOR[self.report]).format(client=self.client)
            if self.client:
                return _("{audience} report for {client}").format(
                    audience=self.report, client=self.client
                )
            return _("{audience} report (blank)").format(audience=self.report)
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


_REPORT_FOR = {
    "clinician": N_("clinician report for {client}"),
    "client": N_("client report for {client}"),
}


def next_monday(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=(7 - today.weekday()) % 7)


def plan_paper(project: Project, catalogue: dict[str, Worksheet], today: dt.date) -> list[Job]:
    """Blank worksheets for the site; each client's own sheets and diaries for private/."""
    config = project.config
    site = PurePosixPath(config.output.site) / SITE_WORKSHEETS
    private = PurePosixPath(config.output.private)
    jobs: list[Job] = []
    for sheet in catalogue.values():
        for fillable in (False, True) if sheet.fillable else (False,):
            name = default_file_name(sheet.id, fillable=fillable)
            jobs.append(Job(sheet.id, str(site / name), config.paper, fillable))
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
                jobs.append(
                    Job(
                        sheet.id,
                        str(private / client.client.id / name),
                        config.paper,
                        fillable,
                        client.client.id,
                        start if sheet.kind == "diary" else None,
                    )
                )
    return jobs


def plan_reports(project: Project, today: dt.date) -> list[Job]:
    """Both audiences' reports, as PDF and HTML, for every client; the caseload summary."""
    private = PurePosixPath(project.config.output.private)
    paper = project.config.paper
    jobs: list[Job] = []
    for folder in project.clients:
        if folder.sheet is None:
            continue
        client = folder.sheet.client.id
        for audience in AUDIENCES:
            for medium in ("pdf", "html"):
                name = report_file_name(client, audience, medium)
                output = str(private / client / name)
                jobs.append(Job("", output, paper, client=client, report=audience, as_of=today))
        # The clinician PDF reads in a few pages; its appendix is a file of its own.
        name = report_file_name(client, "clinician", "pdf", detail=True)
        output = str(private / client / name)
        jobs.append(
            Job("", output, paper, client=client, report="clinician", as_of=today, detail=True)
        )
    if jobs:  # a caseload summary (and the attention list) needs a caseload
        for medium in ("pdf", "html"):
            output = str(private / f"{SUMMARY_FILE}.{medium}")
            jobs.append(Job("", output, paper, report="summary", as_of=today))
        for medium in ("pdf", "html"):
            output = str(private / f"{ATTENTION_FILE}.{medium}")
            jobs.append(Job("", output, paper, report="attention", as_of=today))
    return jobs


def plan_handouts(project: Project, slugs: list[str], today: dt.date) -> list[Job]:
    """A print-ready PDF of every handout page, beside the site's HTML."""
    site = PurePosixPath(project.config.output.site) / HANDOUTS_DIR
    return [
        Job("", str(site / f"{slug}.pdf"), project.config.paper, handout=slug, as_of=today)
        for slug in slugs
    ]


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


def shard(jobs: list[Job], index: int, count: int) -> list[Job]:
    """A stable 1/count of the jobs (by output path), so machines can split a build."""
    return [
        job
        for job in jobs
        if int(hashlib.sha256(job.output.encode()).hexdigest(), 16) % count == index - 1
    ]
