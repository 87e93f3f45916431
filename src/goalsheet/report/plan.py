"""The build's reports: each client's, the caseload summary and the attention list as
jobs (plan), and one job's PDF or HTML (make)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath

from goalsheet.language.messages import N_, _
from goalsheet.paper.plan import unreadable_client
from goalsheet.project import Project
from goalsheet.report.names import (
    ATTENTION_FILE,
    AUDIENCES,
    SUMMARY_FILE,
    Audience,
    Medium,
    report_file_name,
)

_REPORT_FOR = {
    "clinician": N_("clinician report for {client}"),
    "client": N_("client report for {client}"),
}


@dataclass(frozen=True)
class ReportJob:
    """One client's report for one audience, its figures as of `as_of`; `detail` is the
    clinician PDF with its appendix."""

    output: str
    paper: str
    client: str
    audience: Audience
    as_of: dt.date
    detail: bool = False

    private = True

    @property
    def label(self) -> str:
        """What the job makes, for people: "clinician report for C-0142"."""
        if self.detail:
            return _("clinician report with appendix for {client}").format(client=self.client)
        return _(_REPORT_FOR[self.audience]).format(client=self.client)


@dataclass(frozen=True)
class _CaseloadJob:
    """A document over the whole caseload, as of `as_of`."""

    output: str
    paper: str
    as_of: dt.date

    private = True


class SummaryJob(_CaseloadJob):
    """The de-identified caseload summary."""

    @property
    def label(self) -> str:
        return _("caseload summary")


class AttentionJob(_CaseloadJob):
    """The internal list of who needs contact."""

    @property
    def label(self) -> str:
        # NOTE: the internal list of who needs contact, as the build names it.
        return _("attention list")


AnyReportJob = ReportJob | SummaryJob | AttentionJob


def plan(project: Project, today: dt.date) -> list[AnyReportJob]:
    """Both audiences' reports, as PDF and HTML, for every client; the caseload summary."""
    private = PurePosixPath(project.config.output.private)
    paper = project.config.paper
    jobs: list[AnyReportJob] = []
    for folder in project.clients:
        if folder.sheet is None:
            continue
        client = folder.sheet.client.id
        for audience in AUDIENCES:
            for medium in ("pdf", "html"):
                output = str(private / client / report_file_name(client, audience, medium))
                jobs.append(ReportJob(output, paper, client, audience, today))
        # The clinician PDF reads in a few pages; its appendix is a file of its own.
        name = report_file_name(client, "clinician", "pdf", detail=True)
        jobs.append(
            ReportJob(str(private / client / name), paper, client, "clinician", today, True)
        )
    if jobs:  # a caseload summary (and the attention list) needs a caseload
        for kind, name in ((SummaryJob, SUMMARY_FILE), (AttentionJob, ATTENTION_FILE)):
            for medium in ("pdf", "html"):
                jobs.append(kind(str(private / f"{name}.{medium}"), paper, today))
    return jobs


def make(job: AnyReportJob, project: Project) -> bytes:
    """The job's report as PDF or HTML bytes (by the output's suffix)."""
    # Reports pull in scoring, trends and charts: loaded by the workers that make one.
    from goalsheet.report.context import ReportRequest
    from goalsheet.report.document import client_report, summary_report

    medium: Medium = "html" if job.output.endswith(".html") else "pdf"
    if isinstance(job, SummaryJob):
        return summary_report(project, ReportRequest("clinician", medium, job.as_of))
    if isinstance(job, AttentionJob):
        # the attention list too: loaded by the worker that makes it
        from goalsheet.report.attention_list import attention_report

        return attention_report(project, medium, job.as_of)
    folder = project.client(job.client)
    if folder is None or folder.sheet is None:
        raise unreadable_client(job.client)
    request = ReportRequest(job.audience, medium, job.as_of, job.detail)
    return client_report(project, folder, request)
