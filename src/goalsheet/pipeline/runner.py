"""Run build jobs in parallel processes; each output is written atomically.

Each worker process reads the project once, then renders the jobs it is given. A job that
fails reports its input and the reason; the others carry on. Workers end with the build's
process, however it ends (goalsheet/orphans.py).
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from goalsheet.language.messages import _, active_locale, set_locale
from goalsheet.orphans import die_with_parent
from goalsheet.paper.catalogue import Worksheet, load_catalogue
from goalsheet.paper.context import SheetRequest
from goalsheet.paper.diary import DiaryError
from goalsheet.paper.document import render_html, render_pdf
from goalsheet.pipeline.jobs import Job
from goalsheet.project import Project, load_project
from goalsheet.render.environment import template_dirs
from goalsheet.render.pdf import RenderError, html_to_pdf
from goalsheet.render.template import TemplateProblem
from goalsheet.report.names import Audience, Medium
from goalsheet.site.content import CONTENT_DIR
from goalsheet.site.plan import site_request
from goalsheet.site.render import SiteRequest, handout_html
from goalsheet.write import write_bytes_atomic

PRIVATE_MODE = 0o600


@dataclass(frozen=True)
class JobResult:
    job: Job
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class _Worker:
    """What one process keeps between jobs: the project and catalogue, read once (or
    inherited from the process that planned the build, when workers are forked from it)."""

    def __init__(
        self, root: Path, project: Project | None = None, site: SiteRequest | None = None
    ) -> None:
        self.root = root
        self.project: Project = project if project is not None else load_project(root)
        self.catalogue: dict[str, Worksheet] = load_catalogue(root)
        self._site = site  # else read when the first handout is made

    def run(self, job: Job) -> JobResult:
        try:
            self._render(job)
        except (DiaryError, TemplateProblem, RenderError, OSError) as error:
            return JobResult(job, str(error))
        except Exception as error:  # a bug, not bad input: still name the job, keep going
            # NOTE: a bug in goalsheet, not in the project; {kind} is a Python exception name.
            message = _("internal error: {kind}: {error}")
            return JobResult(job, message.format(kind=type(error).__name__, error=error))
        return JobResult(job)

    def _render(self, job: Job) -> None:
        if job.handout is not None:
            self._write(job, self._handout(job))
            return
        if job.report is not None:
            self._write(job, self._report(job))
            return
        sheet = None
        if job.client is not None:
            folder = self.project.client(job.client)
            if folder is None or folder.sheet is None:
                raise DiaryError(_unreadable(job.client))
            sheet = folder.sheet
        request = SheetRequest(
            self.catalogue[job.worksheet], job.paper, job.fillable, job.start, job.weeks
        )
        document = render_html(
            request, self.root, self.project.config, sheet, self.project.measures
        )
        self._write(job, render_pdf(document, self.root))

    def _report(self, job: Job) -> bytes:
        # Reports pull in scoring, trends and charts: loaded by the workers that make one.
        from goalsheet.report.context import ReportRequest
        from goalsheet.report.document import client_report, summary_report

        medium: Medium = "html" if job.output.endswith(".html") else "pdf"
        today = job.as_of or dt.date.today()
        if job.report == "summary":
            return summary_report(self.project, ReportRequest("clinician", medium, today))
        if job.report == "attention":
            from goalsheet.report.attention_list import attention_report

            return attention_report(self.project, medium, today)
        folder = self.project.client(job.client or "")
        if folder is None or folder.sheet is None:
            raise DiaryError(_unreadable(job.client))
        audience: Audience = "client" if job.report == "client" else "clinician"
        request = ReportRequest(audience, medium, today, job.detail)
        return client_report(self.project, folder, request)

    def _handout(self, job: Job) -> bytes:
        if self._site is None:
            self._site = site_request(self.project, self.catalogue, job.as_of or dt.date.today())
        page = next((p for p in self._site.content.pages if p.slug == job.handout), None)
        if page is None:
            raise DiaryError(_("content page '{page}' could not be read").format(page=job.handout))
        html = handout_html(self._site, page)
        content = (self.root / CONTENT_DIR).resolve()
        return html_to_pdf(
            html,
            base_url=content,
            roots=[*template_dirs(self.root), self.root],
            optional=content,  # an image `check` warns about is left out, as on the site
        )

    def _write(self, job: Job, data: bytes) -> None:
        target = self.root / job.output
        private = job.client is not None or job.report is not None
        if private:
            _private_dir(target.parent, self.root / self.project.config.output.private)
        write_bytes_atomic(target, data, mode=PRIVATE_MODE if private else 0o644)


def _unreadable(client: str | None) -> str:
    return _("client {client} could not be read; run `goalsheet check`").format(client=client)


def _private_dir(folder: Path, private: Path) -> None:
    """private/ and every folder in it are readable by their owner only."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    os.chmod(private, 0o700)


_WORKER: _Worker | None = None
# The project (and the site's pages, when handouts are to be made) as the build read them,
# inherited by forked workers.
_PLANNED: tuple[Project, SiteRequest | None] | None = None


def _start_worker(root: Path, locale: str, parent: int) -> None:
    global _WORKER
    die_with_parent(parent)  # a build killed outright leaves no worker rendering on
    set_locale(locale)  # a spawned worker starts in English: messages in the build's language
    if _PLANNED is not None and _PLANNED[0].root == root:
        _WORKER = _Worker(root, *_PLANNED)
    else:
        _WORKER = _Worker(root)


def _run_in_worker(job: Job) -> JobResult:
    assert _WORKER is not None, "worker not started"
    return _WORKER.run(job)


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_jobs(
    root: Path,
    jobs: list[Job],
    workers: int,
    on_done: Callable[[JobResult], None] | None = None,
    project: Project | None = None,
    site: SiteRequest | None = None,
) -> list[JobResult]:
    """Run every job; results in the order the jobs were given. With `project` (and `site`)
    already read, workers forked from this process use them instead of reading again."""
    results: dict[Job, JobResult] = {}
    for result in _results(root, jobs, workers, project, site):
        results[result.job] = result
        if on_done is not None:
            on_done(result)
    return [results[job] for job in jobs]


def _results(
    root: Path,
    jobs: list[Job],
    workers: int,
    project: Project | None,
    site: SiteRequest | None,
) -> Iterator[JobResult]:
    global _PLANNED
    if workers <= 1 or len(jobs) <= 1:
        worker = _Worker(root, project, site)
        for job in jobs:
            yield worker.run(job)
        return
    fork = "fork" in multiprocessing.get_all_start_methods()
    _PLANNED = (project, site) if fork and project is not None else None
    gc.collect()  # workers start from this process's memory: leave them no garbage
    try:
        with ProcessPoolExecutor(
            max_workers=min(workers, len(jobs)),
            initializer=_start_worker,
            initargs=(root, active_locale(), os.getpid()),
            mp_context=multiprocessing.get_context("fork" if fork else None),
        ) as pool:
            futures = [pool.submit(_run_in_worker, job) for job in jobs]
            for future in as_completed(futures):
                yield future.result()
    finally:
        _PLANNED = None
